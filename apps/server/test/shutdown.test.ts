import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getGeneration, ledgerForGeneration, listAssets, openDatabase } from '@atelier/db';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudio, type Studio } from '../src/index.ts';
import { makeClient, submit, until, waitForJob } from './helpers.ts';

/** Graceful shutdown: requests and jobs in flight finish; a polling video resumes on the next start. */

let emulators: AllEmulators;
let dataDir: string;

beforeAll(async () => {
  emulators = await startAllEmulators();
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-shutdown-'));
});
afterAll(async () => {
  await emulators.close();
  await rm(dataDir, { recursive: true, force: true });
});

function start(): Promise<Studio> {
  return startStudio(
    { port: 0, dataDir, pollIntervalMs: 20 },
    {
      env: {},
      providerEnv: emulators.env,
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
      },
      cliKeyStore: null,
    },
  );
}

test('shutdown drains the image in flight, refuses new work, and hands a polling video to the next start', async () => {
  const first = await start();
  const client = makeClient(first.url);
  emulators.openai.setLatency({ requestMs: 800 });
  emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 1_500 });
  const image = await submit(client, {
    kind: 'image',
    prompt: 'a copper kettle',
    models: ['gpt-image-2'],
  });
  const video = await submit(client, {
    kind: 'video',
    prompt: 'steam rising from a kettle',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  // Both are at their provider: the image request is open, the video is being polled.
  await until(() => emulators.openai.requests.length === 1);
  await until(() =>
    emulators.vertex.requests.some((r) => r.path.endsWith(':fetchPredictOperation')),
  );

  const closing = first.close();
  // New requests are refused while the image finishes.
  const during = await fetch(`${first.url}/healthz`).then(
    (r) => r.status,
    () => 'refused',
  );
  expect([503, 'refused']).toContain(during);
  await closing;

  // The image finished and was charged once before the database closed; the video waits.
  const db = await openDatabase({ dataDir });
  try {
    expect((await getGeneration(db.db, image))?.status).toBe('succeeded');
    expect((await ledgerForGeneration(db.db, image)).map((l) => l.kind)).toEqual([
      'reserve',
      'release',
      'settle',
    ]);
    expect((await getGeneration(db.db, video))?.status).toBe('running');
  } finally {
    await db.close();
  }

  emulators.openai.setLatency({ requestMs: 0 });
  const second = await start();
  try {
    expect(second.resumed.interruptedOrPolled).toBe(1);
    const done = await waitForJob(makeClient(second.url), video);
    expect(done.status).toBe('succeeded');
    expect(done.assets).toHaveLength(1);
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
    ).toHaveLength(1);
    const ledger = await ledgerForGeneration(second.database.db, video);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(done.actualCostMicros);
    expect(await listAssets(second.database.db, video)).toHaveLength(1);
  } finally {
    await second.close();
  }
});
