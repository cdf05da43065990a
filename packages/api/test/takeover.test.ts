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
  runnersOf,
  type Database,
} from '@atelier/db';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import {
  createTestDatabase,
  skipWithoutPostgres,
  type TestDatabase,
} from '@atelier/testkit/postgres';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createJobEngine, PgBossQueue, type JobEngine } from '../src/index.ts';
import { catalog, emulatorSettings, settled } from './studio.ts';

/**
 * TAKEOVER (instances.ts): two server processes on one PostgreSQL database; the one running a
 * job stops heartbeating mid-job, as a crashed process does (its timers stop, nothing is cleaned
 * up, its provider call stays in flight), and the other takes the job over under the resume
 * rule, charging it once. Needs a PostgreSQL server (ATELIER_TEST_DATABASE_URL, default the
 * local one); without one the suite is skipped, except in CI.
 */

const skip = await skipWithoutPostgres('the takeover tests');

// Short intervals so the test does not wait 30 s; the defaults are in INSTANCE_DEFAULTS.
const INSTANCE = { heartbeatMs: 100, staleAfterMs: 1_500, sweepMs: 100 };

describe.skipIf(skip)('a job whose instance stops heartbeating', () => {
  let testDb: TestDatabase;
  let url: string;
  let emulators: AllEmulators;
  let dir: string;
  let assets: LocalAssetStore;
  const databases: Database[] = [];
  const engines: JobEngine[] = [];
  /** The crashed processes' queues, stopped fetching (their handlers never return on their own). */
  const crashes: Promise<void>[] = [];
  let ownerId: string;
  const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

  interface Instance {
    engine: JobEngine;
    database: Database;
    queue: PgBossQueue;
  }

  /** A server process: its own connections, engine and pg-boss workers (one per provider). */
  async function instance(pollIntervalMs = 5): Promise<Instance> {
    const database = await openDatabase({ url, maxConnections: 4 });
    databases.push(database);
    const queue = new PgBossQueue({
      connectionString: url,
      concurrency: { openai: 1, vertex: 1 },
      pollingIntervalSeconds: 0.5,
    });
    const engine = createJobEngine({
      db: database.db,
      assets,
      catalog,
      settings: emulatorSettings(emulators),
      pollIntervalMs,
      cancelCheckMs: 50,
      ...(database.listen ? { listen: database.listen } : {}),
      queue,
      instance: INSTANCE,
    });
    engines.push(engine);
    await engine.resume();
    return { engine, database, queue };
  }

  /**
   * The process dies: no more heartbeats and no more fetching from the queue; nothing is handed
   * back, and the job it runs stays in its hands.
   */
  function crash(i: Instance): void {
    i.engine.instance?.stop();
    crashes.push(i.queue.drain());
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('atelier_api_test');
    url = testDb.url;
    emulators = await startAllEmulators();
    dir = await mkdtemp(join(tmpdir(), 'atelier-takeover-'));
    assets = new LocalAssetStore(dir);
    const db = await openDatabase({ url, maxConnections: 1 });
    ownerId = (await createUser(db.db, { name: 'local', role: 'admin' })).id;
    await db.close();
  });

  afterAll(async () => {
    // Cuts the crashed process's provider call, so its engine can be stopped.
    await emulators.close();
    await Promise.all([...engines.map((e) => e.drain()), ...crashes]);
    await Promise.all(databases.map((d) => d.close()));
    await rm(dir, { recursive: true, force: true });
    await testDb?.drop();
    warned.mockRestore();
  });

  test('an image at the provider is taken over by the other instance and settled to its estimate, once', async () => {
    const a = await instance();
    // The provider holds the request: the job is mid-flight when its process "dies".
    emulators.openai.setLatency({ requestMs: 600_000 }, { times: 1 });
    const result = await a.engine.submit({
      ownerId,
      kind: 'image',
      prompt: 'a lantern in the fog',
      models: ['gpt-image-2'],
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    expect(id).not.toBe('');
    await until(async () => a.engine.runningCount === 1 && emulators.openai.requests.length === 1);
    expect((await runnersOf(a.database.db, [id])).get(id)).toBe(a.engine.instance?.id);

    crash(a);
    // The second process starts only now, so it cannot have run the job itself.
    const b = await instance();
    const events = await settled(b.engine, [id]);

    const row = await getGeneration(b.database.db, id);
    expect(row?.status).toBe('interrupted');
    // The provider may have billed it: charged its estimate, on the row as in the ledger.
    expect(row?.actualCostMicros).toBe(row?.estimatedCostMicros);
    const ledger = await ledgerForGeneration(b.database.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.estimatedCostMicros);
    expect(events.filter((e) => e.type === 'interrupted')).toHaveLength(1);
    expect(emulators.openai.requests).toHaveLength(1); // not re-run blindly
    expect((await runnersOf(b.database.db, [id])).size).toBe(0);
    expect(a.engine.runningCount).toBe(1); // still "dead" at the provider: B did it
    expect(warned).toHaveBeenCalledWith(expect.stringContaining(`${id}: its instance stopped`));
    await b.engine.drain(); // a graceful stop: leaves nothing to take over
  });

  test('a job handed to an instance that dies before recording itself is taken over, run once', async () => {
    const a = await instance();
    // The process freezes (then dies) right after pg-boss hands it the job: no runner row.
    let thaw: () => void = () => undefined;
    const frozen = vi
      .spyOn(a.engine.instance as unknown as { runs(id: string): Promise<void> }, 'runs')
      .mockImplementation(() => new Promise<void>((resolve) => (thaw = resolve)));
    const sent = emulators.openai.requests.length;
    const result = await a.engine.submit({
      ownerId,
      kind: 'image',
      prompt: 'a lighthouse at dusk',
      models: ['gpt-image-2'],
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    expect(id).not.toBe('');
    await until(async () => frozen.mock.calls.length === 1);
    crash(a);
    expect((await runnersOf(a.database.db, [id])).size).toBe(0);

    const b = await instance();
    const events = await settled(b.engine, [id]);
    const row = await getGeneration(b.database.db, id);
    expect(row?.status).toBe('succeeded');
    expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(1);
    expect(emulators.openai.requests.length - sent).toBe(1);
    const ledger = await ledgerForGeneration(b.database.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.actualCostMicros);
    expect(warned).toHaveBeenCalledWith(
      expect.stringContaining(`${id}: the instance it was handed to stopped before recording it`),
    );
    // The frozen process wakes up: the job is finished, so it claims nothing and sends nothing.
    frozen.mockRestore();
    thaw();
    await b.engine.drain();
    expect(emulators.openai.requests.length - sent).toBe(1);
  });

  test('a polling video is resumed from its stored operation by the other instance, fetched and charged once', async () => {
    // This process polls once, then waits ten minutes before its next poll: it "dies" there.
    const a = await instance(600_000);
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 1_000 });
    const result = await a.engine.submit({
      ownerId,
      kind: 'video',
      prompt: 'waves on a pebble beach',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4 },
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    expect(id).not.toBe('');
    await until(async () => ((await getOperation(a.database.db, id))?.pollCount ?? 0) >= 1);
    expect((await runnersOf(a.database.db, [id])).get(id)).toBe(a.engine.instance?.id);
    crash(a);

    const b = (await instance()).engine;
    const events = await settled(b, [id]);
    const row = await getGeneration(a.database.db, id);
    expect(row?.status).toBe('succeeded');
    expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(1);
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
    ).toHaveLength(1);
    expect(await listAssets(a.database.db, id)).toHaveLength(1);
    const ledger = await ledgerForGeneration(a.database.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.actualCostMicros);
    // The operation's last poll is recorded just after the outcome is announced.
    await until(async () => (await getOperation(a.database.db, id))?.status === 'succeeded');
    await b.drain();
  });

  test('an instance that was only stalled stops the job another took over, writing nothing', async () => {
    const a = await instance();
    // The clip takes 20 s whoever polls: the takeover happens while both could still poll it.
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 20_000 });
    const starts = () =>
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')).length;
    const startsBefore = starts();
    const result = await a.engine.submit({
      ownerId,
      kind: 'video',
      prompt: 'rain on a tin roof',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4 },
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    await until(async () => ((await getOperation(a.database.db, id))?.pollCount ?? 0) >= 1);
    a.engine.instance?.stop(); // stalled: no heartbeats, but it keeps polling the clip

    const b = await instance();
    await until(
      async () => (await runnersOf(b.database.db, [id])).get(id) === b.engine.instance?.id,
    );
    expect(a.engine.runningCount).toBe(1);
    await a.engine.instance?.start(); // it wakes up: its first beat finds the job is B's
    await until(async () => a.engine.runningCount === 0);
    // It stopped while the clip was still pending (B has it), not by finishing it.
    expect((await getGeneration(a.database.db, id))?.status).toBe('running');

    await settled(b.engine, [id]);
    await until(async () => b.engine.runningCount === 0);
    const events = await b.engine.events.events(id);
    expect(events.filter((e) => e.status !== 'running' && e.status !== 'queued')).toEqual([
      expect.objectContaining({ type: 'succeeded' }),
    ]);
    const row = await getGeneration(b.database.db, id);
    expect(row?.status).toBe('succeeded');
    expect(starts() - startsBefore).toBe(1); // never started again
    expect(await listAssets(b.database.db, id)).toHaveLength(1);
    const ledger = await ledgerForGeneration(b.database.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.actualCostMicros);
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}
