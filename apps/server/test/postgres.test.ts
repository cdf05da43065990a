import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_KEYS, startAllEmulators, type AllEmulators } from '@atelier/testkit';
import {
  createTestDatabase,
  skipWithoutPostgres,
  type TestDatabase,
} from '@atelier/testkit/postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { createLimiters, issueAdminToken, startStudio, type Studio } from '../src/index.ts';
import { makeClient, openProgressStream, submit, until, waitForJob } from './helpers.ts';

/**
 * Two studio servers on one PostgreSQL database, as in the README: one queue (pg-boss), one
 * secret, one assets folder. Needs a PostgreSQL server (ATELIER_TEST_DATABASE_URL, default the
 * local one); without one the suite is skipped, except in CI.
 */

const skip = await skipWithoutPostgres('the server PostgreSQL tests');

describe.skipIf(skip)('two studio servers on one PostgreSQL database', () => {
  let testDb: TestDatabase;
  let emulators: AllEmulators;
  let dir: string;
  let servers: [Studio, Studio];
  let databaseUrl: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('atelier_server_test');
    databaseUrl = testDb.url;
    emulators = await startAllEmulators();
    dir = await mkdtemp(join(tmpdir(), 'atelier-pg-'));
    const start = () =>
      startStudio(
        { port: 0, team: true, dataDir: dir, pollIntervalMs: 20 },
        {
          // The environment of a real deployment: the URL, and no provider key but the stored one.
          env: { DATABASE_URL: databaseUrl },
          providerEnv: { ...emulators.env, OPENAI_API_KEY: undefined },
          providerSettings: {
            retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
          },
        },
      );
    // Started together, as a deployment would: migrations and queue creation must not collide.
    servers = (await Promise.all([start(), start()])) as [Studio, Studio];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await emulators.close();
    await rm(dir, { recursive: true, force: true });
    await testDb?.drop();
  });

  it('share users, tokens, stored keys, jobs and assets', async () => {
    const [a, b] = servers;
    expect(a.database.dialect).toBe('postgres');
    const token = (await issueAdminToken(a.database.db)).token;
    const viaA = makeClient(a.url, token);
    const viaB = makeClient(b.url, token);
    // A key stored through one server is used by the other (same secret in the data folder).
    await viaA.keys.set.mutate({ provider: 'openai', value: DEMO_KEYS.openai });
    expect((await viaB.keys.list.query()).find((k) => k.provider === 'openai')?.source).toBe(
      'stored',
    );

    const ids = await Promise.all(
      ['a brass key', 'a silver key', 'a glass key', 'an iron key'].map((prompt) =>
        submit(viaA, { kind: 'image', prompt, models: ['gpt-image-2'] }),
      ),
    );
    for (const id of ids) {
      const job = await waitForJob(viaB, id);
      expect(job.status).toBe('succeeded');
      const asset = await fetch(`${b.url}${job.assets[0]?.url ?? ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(asset.status).toBe(200);
      await asset.arrayBuffer();
    }
    expect(emulators.openai.requests).toHaveLength(ids.length);
    expect(
      emulators.openai.requests.every(
        (r) => r.headers['authorization'] === `Bearer ${DEMO_KEYS.openai}`,
      ),
    ).toBe(true);
  });

  it('share one rate limit: 20 a minute means 20 across both instances, not 20 each', async () => {
    const limit = { points: 20, windowSeconds: 60 };
    const open = () => createLimiters({ limit, databaseUrl, failuresPerMinute: 5 });
    const instances = [await open(), await open()] as const;
    try {
      expect(instances.map((l) => l.store)).toEqual(['postgres', 'postgres']);
      const allowed = async (kind: 'perToken' | 'failures', key: string, attempts: number) => {
        let count = 0;
        for (let i = 0; i < attempts; i++) {
          try {
            await instances[i % 2 === 0 ? 0 : 1][kind].consume(key);
            count++;
          } catch (error) {
            if (!(error instanceof RateLimiterRes)) throw error;
          }
        }
        return count;
      };
      expect(await allowed('perToken', 'tok_shared', 40)).toBe(20);
      expect(await allowed('failures', '203.0.113.7', 10)).toBe(5);
    } finally {
      await Promise.all(instances.map((l) => l.close()));
    }
  });

  it('open their limits together on a new database: the table is made once, neither fails', async () => {
    for (let round = 0; round < 5; round++) {
      const fresh = await createTestDatabase(`atelier_limits_race_${round}`);
      try {
        const opened = await Promise.all(
          Array.from({ length: 4 }, () => createLimiters({ databaseUrl: fresh.url })),
        );
        await Promise.all(opened.map((l) => l.close()));
      } finally {
        await fresh.drop();
      }
    }
  });

  it('share a large limit leased in batches: never more than the limit across both instances', async () => {
    const limit = { points: 500, windowSeconds: 60 };
    const instances = [
      await createLimiters({ limit, databaseUrl }),
      await createLimiters({ limit, databaseUrl }),
    ] as const;
    try {
      let count = 0;
      for (let i = 0; i < 700; i++) {
        try {
          await instances[i % 2 === 0 ? 0 : 1].perToken.consume('tok_batched');
          count++;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
        }
      }
      expect(count).toBe(500);
    } finally {
      await Promise.all(instances.map((l) => l.close()));
    }
  });

  it('creates a data folder that does not exist yet, owner-only', async () => {
    const dataDir = join(dir, 'new', 'data');
    const studio = await startStudio(
      { port: 0, team: true, dataDir },
      { env: { DATABASE_URL: databaseUrl, ATELIER_SECRET: 'x'.repeat(32) }, cliKeyStore: null },
    );
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(dataDir, 'studio.json'))).mode & 0o777).toBe(0o600);
    } finally {
      await studio.close();
    }
  });

  it('a stopping instance ends its progress streams normally, with no query on a closed pool', async () => {
    const [a] = servers;
    const token = (await issueAdminToken(a.database.db)).token;
    const third = await startStudio(
      { port: 0, team: true, dataDir: dir, pollIntervalMs: 20, shutdownGraceMs: 2_000 },
      {
        env: { DATABASE_URL: databaseUrl },
        providerEnv: emulators.env,
        providerSettings: {
          retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        },
        cliKeyStore: null,
      },
    );
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 120_000 });
    const errors = vi.spyOn(console, 'error');
    try {
      const polls = () =>
        emulators.vertex.requests.filter((r) => r.path.endsWith(':fetchPredictOperation')).length;
      const before = polls();
      const id = await submit(makeClient(a.url, token), {
        kind: 'video',
        prompt: 'fog over a harbour',
        models: ['veo-3-1'],
        providers: { 'veo-3-1': 'vertex' },
        params: { duration: 4 },
      });
      await until(() => polls() > before);
      // Watched through the third instance, which reads other instances' progress from the
      // database while the stream is open.
      const stream = await openProgressStream(third.url, [id], {
        authorization: `Bearer ${token}`,
      });
      await stream.until(`id: ${id}:`);
      const closing = third.close();
      const text = await stream.toEnd();
      await closing;
      expect(text).not.toMatch(/event: return/);
      expect(errors.mock.calls.flat().map(String).join('\n')).not.toMatch(/Failed query/);
    } finally {
      errors.mockRestore();
      emulators.vertex.setLatency({ queuedMs: 0 });
      await third.close();
    }
  });
});
