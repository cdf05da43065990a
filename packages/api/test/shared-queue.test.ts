import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createUser,
  getGeneration,
  ledgerForGeneration,
  LocalAssetStore,
  openDatabase,
  type Database,
} from '@atelier/db';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import {
  createTestDatabase,
  skipWithoutPostgres,
  type TestDatabase,
} from '@atelier/testkit/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createJobEngine, PgBossQueue, type JobEngine } from '../src/index.ts';
import { catalog, emulatorSettings, settled } from './studio.ts';

/**
 * Two server processes on one PostgreSQL database, each with its own engine and pg-boss
 * workers. Needs a PostgreSQL server (ATELIER_TEST_DATABASE_URL, default the local one); without
 * one the suite is skipped, except in CI.
 */

const skip = await skipWithoutPostgres('the shared-queue tests');

describe.skipIf(skip)('two processes sharing one PostgreSQL database through pg-boss', () => {
  let testDb: TestDatabase;
  let url: string;
  let emulators: AllEmulators;
  let dir: string;
  let dbA: Database;
  let dbB: Database;
  let engines: [JobEngine, JobEngine];
  let ownerId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('atelier_api_test');
    url = testDb.url;
    emulators = await startAllEmulators();
    dir = await mkdtemp(join(tmpdir(), 'atelier-shared-'));
    const assets = new LocalAssetStore(dir);
    dbA = await openDatabase({ url, maxConnections: 4 });
    dbB = await openDatabase({ url, maxConnections: 4 });
    ownerId = (await createUser(dbA.db, { name: 'local', role: 'admin' })).id;
    const open = (database: Database) =>
      createJobEngine({
        db: database.db,
        assets,
        catalog,
        settings: emulatorSettings(emulators),
        pollIntervalMs: 5,
        cancelCheckMs: 50,
        ...(database.listen ? { listen: database.listen } : {}),
        queue: new PgBossQueue({
          connectionString: url,
          concurrency: { openai: 1 },
          pollingIntervalSeconds: 0.5,
        }),
      });
    engines = [open(dbA), open(dbB)];
    await Promise.all(engines.map((e) => e.resume()));
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.drain()));
    await Promise.all([dbA.close(), dbB.close()]);
    await emulators.close();
    await rm(dir, { recursive: true, force: true });
    await testDb?.drop();
  });

  test('jobs queued in one process run once, in either; each is charged once', async () => {
    const [a, b] = engines;
    emulators.openai.setLatency({ requestMs: 300 });
    const result = await a.submit({
      ownerId,
      kind: 'image',
      prompt: 'a stack of books',
      models: Array(6).fill('gpt-image-2') as string[],
    });
    const ids = result.jobs.map((j) => (j.status === 'queued' ? j.generationId : ''));
    let maxRunningInB = 0;
    const probe = setInterval(() => (maxRunningInB = Math.max(maxRunningInB, b.runningCount)), 5);
    await until(async () =>
      (await Promise.all(ids.map((id) => getGeneration(dbB.db, id)))).every(
        (r) => r?.status === 'succeeded',
      ),
    );
    clearInterval(probe);
    expect(emulators.openai.requests).toHaveLength(6);
    expect(maxRunningInB).toBe(1); // the other process took work too, within its own limit
    for (const id of ids) {
      expect((await ledgerForGeneration(dbA.db, id)).map((l) => l.kind)).toEqual([
        'reserve',
        'release',
        'settle',
      ]);
    }
    emulators.openai.setLatency({ requestMs: 0 });
  });

  test('a cancel written by one process stops the job running in the other', async () => {
    emulators.openai.setLatency({ requestMs: 20_000 });
    const [a] = engines;
    const result = await a.submit({
      ownerId,
      kind: 'image',
      prompt: 'an hourglass',
      models: ['gpt-image-2'],
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    await until(
      async () => engines.some((e) => e.runningCount === 1) && emulators.openai.requests.length > 0,
    );
    const [idle, busy] = engines[0].runningCount === 0 ? engines : [engines[1], engines[0]];
    await idle.cancel(id);
    await until(async () => busy.runningCount === 0);
    const row = await getGeneration(dbA.db, id);
    expect(row?.status).toBe('cancelled');
    const ledger = await ledgerForGeneration(dbA.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.estimatedCostMicros);
    // The subscriber on the idle process learns the outcome from the database.
    const events = await settled(idle, [id]);
    expect(events.at(-1)?.status).toBe('cancelled');
    emulators.openai.setLatency({ requestMs: 0 });
  });
  test('subscribers on either process see every event of a job, in order and once, and resume on either', async () => {
    // A BFL task reports progress on each of its 25 running polls.
    emulators.bfl.setLatency({ queuedPolls: 0, runningPolls: 25 });
    const [a, b] = engines;
    const result = await a.submit({
      ownerId,
      kind: 'image',
      prompt: 'a paper boat on a pond',
      models: ['flux-2-pro'],
      providers: { 'flux-2-pro': 'bfl' },
    });
    const id = result.jobs[0]?.status === 'queued' ? result.jobs[0].generationId : '';
    expect(id).not.toBe('');
    // Subscribed before it runs, on both processes: one of them is not the one running it.
    const [seenA, seenB] = await Promise.all([settled(a, [id]), settled(b, [id])]);
    const stored = await a.events.events(id);
    expect(stored.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(20);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    for (const seen of [seenA, seenB]) {
      expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
      expect(seen.filter((e) => e.type === 'succeeded')).toHaveLength(1);
    }
    expect((await ledgerForGeneration(dbA.db, id)).map((l) => l.kind)).toEqual([
      'reserve',
      'release',
      'settle',
    ]);

    // Resuming after a progress event, on either process: only what came after it.
    const at = stored.findIndex((e) => e.type === 'progress') + 3;
    const lastEventId = stored[at]?.id;
    for (const engine of engines) {
      const resumed = [];
      for await (const e of engine.watch([id], { lastEventId })) resumed.push(e);
      expect(resumed.map((e) => e.id)).toEqual(stored.slice(at + 1).map((e) => e.id));
    }
    emulators.bfl.setLatency({ queuedPolls: 0, runningPolls: 0 });
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}
