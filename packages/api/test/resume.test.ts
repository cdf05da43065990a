import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createUser,
  getGeneration,
  getOperation,
  ledgerForGeneration,
  listAssets,
  LocalAssetStore,
  openDatabase,
} from '@atelier/db';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createJobEngine, type JobEngine } from '../src/index.ts';
import { catalog, emulatorSettings, settled } from './studio.ts';

let emulators: AllEmulators;
let dir: string;
// The first engine keeps running after its database is gone, as a dying process would; what it
// logs must be only that.
const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  emulators = await startAllEmulators();
  dir = await mkdtemp(join(tmpdir(), 'atelier-resume-'));
});
afterAll(async () => {
  await emulators.close();
  await rm(dir, { recursive: true, force: true });
  for (const call of logged.mock.calls)
    expect(String(call[1]?.cause ?? call[1])).toMatch(/PGlite is closed/);
  logged.mockRestore();
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

test('after a crash: the stored video operation completes once and is charged once; a running image is interrupted; a queued one runs', async () => {
  const dataDir = join(dir, 'data');
  const assets = new LocalAssetStore(join(dir, 'assets'));
  const open = (db: Awaited<ReturnType<typeof openDatabase>>): JobEngine =>
    createJobEngine({
      db: db.db,
      assets,
      catalog,
      settings: emulatorSettings(emulators),
      pollIntervalMs: 5,
      concurrency: { openai: 1 },
    });

  // First process: a video polling its operation, an image at the provider, another queued.
  const first = await openDatabase({ dataDir });
  const user = await createUser(first.db, { name: 'local', role: 'admin' });
  const engineA = open(first);
  // The clip stays queued at the provider for 3 s from its start, whoever polls.
  emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 3_000 });
  emulators.openai.setLatency({ requestMs: 60_000 });
  const video = await engineA.submit({
    ownerId: user.id,
    kind: 'video',
    prompt: 'a slow pan over snowy hills',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  const images = await engineA.submit({
    ownerId: user.id,
    kind: 'image',
    prompt: 'a brass compass',
    models: ['gpt-image-2', 'gpt-image-2'],
  });
  const videoId = video.jobs[0]?.status === 'queued' ? video.jobs[0].generationId : '';
  const [imageRunning, imageQueued] = images.jobs.map((j) =>
    j.status === 'queued' ? j.generationId : '',
  ) as [string, string];
  await until(async () => ((await getOperation(first.db, videoId))?.pollCount ?? 0) >= 2);
  await until(async () => emulators.openai.requests.length === 1);

  // The process dies: its database handle goes away mid-flight, nothing is cleaned up.
  await first.close();
  emulators.openai.setLatency({ requestMs: 0 });

  // Second process on the same data.
  const second = await openDatabase({ dataDir });
  try {
    expect((await getGeneration(second.db, imageRunning))?.status).toBe('running');
    const engineB = open(second);
    const report = await engineB.resume();
    expect(report).toMatchObject({ requeued: 1, interruptedOrPolled: 2 });
    await settled(engineB, [videoId, imageRunning, imageQueued]);

    const v = await getGeneration(second.db, videoId);
    expect(v?.status).toBe('succeeded');
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
    ).toHaveLength(1);
    expect(await listAssets(second.db, videoId)).toHaveLength(1);
    const videoLedger = await ledgerForGeneration(second.db, videoId);
    expect(videoLedger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(videoLedger.at(-1)?.micros).toBe(v?.actualCostMicros);

    const interrupted = await getGeneration(second.db, imageRunning);
    expect(interrupted?.status).toBe('interrupted');
    // The provider may have billed it: charged its estimate, on the row as in the ledger.
    expect(interrupted?.actualCostMicros).toBe(interrupted?.estimatedCostMicros);
    const imageLedger = await ledgerForGeneration(second.db, imageRunning);
    expect(imageLedger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(imageLedger.at(-1)?.micros).toBe(interrupted?.estimatedCostMicros);

    expect((await getGeneration(second.db, imageQueued))?.status).toBe('succeeded');

    // Resuming again changes nothing: no second charge, no second clip.
    const again = await engineB.resume();
    expect(again).toEqual({ requeued: 0, interruptedOrPolled: 0, closedReservations: 0 });
    expect(await ledgerForGeneration(second.db, videoId)).toHaveLength(3);
    await engineB.drain();
  } finally {
    await second.close();
  }
});
