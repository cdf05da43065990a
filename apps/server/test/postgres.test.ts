import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_KEYS, startAllEmulators, type AllEmulators } from '@atelier/testkit';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken, startStudio, type Studio } from '../src/index.ts';
import { makeClient, submit, waitForJob } from './helpers.ts';

/**
 * Two studio servers on one PostgreSQL database, as in the README: one queue (pg-boss), one
 * secret, one assets folder. Needs a PostgreSQL server (ATELIER_TEST_DATABASE_URL, default the
 * local one); without one the suite is skipped, except in CI.
 */

const serverUrl =
  process.env.ATELIER_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

async function reachable(): Promise<boolean> {
  const sql = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const available = await reachable();
if (!available && !inCi)
  console.warn('PostgreSQL is unreachable: skipping the server PostgreSQL tests.');

describe.skipIf(!available && !inCi)('two studio servers on one PostgreSQL database', () => {
  const name = `atelier_server_test_${randomBytes(6).toString('hex')}`;
  let emulators: AllEmulators;
  let dir: string;
  let servers: [Studio, Studio];

  beforeAll(async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end({ timeout: 5 });
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    emulators = await startAllEmulators();
    dir = await mkdtemp(join(tmpdir(), 'atelier-pg-'));
    const start = () =>
      startStudio(
        { port: 0, team: true, dataDir: dir, pollIntervalMs: 20 },
        {
          // The environment of a real deployment: the URL, and no provider key but the stored one.
          env: { DATABASE_URL: u.toString() },
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
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
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
});
