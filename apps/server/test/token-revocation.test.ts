import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  skipWithoutPostgres,
  type TestDatabase,
} from '@atelier/testkit/postgres';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueAdminToken, startStudio, type Studio } from '../src/index.ts';
import { failure, makeClient, type Client } from './helpers.ts';

/**
 * Two team-mode studios on one PostgreSQL database: each keeps the token checks it made, and a
 * revocation on either reaches the other through the database's notifications. Needs a
 * PostgreSQL server (ATELIER_TEST_DATABASE_URL, default the local one); skipped without one,
 * except in CI.
 */

const skip = await skipWithoutPostgres('the token revocation tests');

/** Shorter than the cache's 10 s safety net: a refusal seen in time came from a notification. */
const PROMPTLY = { timeout: 5_000, interval: 50 };
/** Kept checks need announcements heard; on a loaded machine that may take a moment after start. */
const EVENTUALLY = { timeout: 30_000, interval: 100 };

describe.skipIf(skip)('token checks kept per instance on PostgreSQL', () => {
  let testDb: TestDatabase;
  let dir: string;
  let servers: [Studio, Studio];
  let sql: postgres.Sql;
  let admin: Client;
  /** Token lookups (queries of api_tokens) made by instance 2's database client. */
  let lookupsOnB: () => number;

  beforeAll(async () => {
    testDb = await createTestDatabase('atelier_tokens_test');
    sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    dir = await mkdtemp(join(tmpdir(), 'atelier-tokens-'));
    const start = () =>
      startStudio(
        { port: 0, team: true, dataDir: dir },
        { env: { DATABASE_URL: testDb.url }, providerEnv: {} },
      );
    servers = (await Promise.all([start(), start()])) as [Studio, Studio];
    admin = makeClient(servers[0].url, (await issueAdminToken(servers[0].database.db)).token);
    // drizzle runs every query through the driver's unsafe(); count those that read tokens.
    const client = (servers[1].database.db as unknown as { $client: postgres.Sql }).$client;
    const unsafe = vi.spyOn(client, 'unsafe');
    lookupsOnB = () =>
      unsafe.mock.calls.filter(([query]) => String(query).includes('"api_tokens"')).length;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await sql.end({ timeout: 5 });
    await rm(dir, { recursive: true, force: true });
    await testDb?.drop();
  });

  async function member(userName: string) {
    const issued = await admin.tokens.create.mutate({
      name: 'laptop',
      user: { name: userName, role: 'member' },
    });
    return {
      ...issued,
      on: servers.map((s) => makeClient(s.url, issued.token)) as [Client, Client],
    };
  }

  /** Resolves once a few calls in a row on instance 2 made no token lookup in the database. */
  async function keptOnB(client: Client) {
    await expect
      .poll(async () => {
        const before = lookupsOnB();
        for (let i = 0; i < 3; i++) await client.auth.me.query();
        return lookupsOnB() - before;
      }, EVENTUALLY)
      .toBe(0);
  }

  /** 200, or the HTTP status the call failed with. */
  const status = (call: Promise<unknown>) =>
    failure(call).then(
      (e) => e.data?.httpStatus,
      () => 200,
    );

  it('answers a token it checked from memory, without a database lookup per request', async () => {
    const alice = await member('alice');
    await keptOnB(alice.on[1]);
    expect((await alice.on[1].auth.me.query()).user.id).toBe(alice.user.id);
  });

  it('a token revoked on instance 1 is refused by instance 2 promptly, and by 1 at once', async () => {
    const bob = await member('bob');
    await bob.on[0].auth.me.query();
    await keptOnB(bob.on[1]);
    await admin.tokens.revoke.mutate({ id: bob.record.id });
    expect(await status(bob.on[0].auth.me.query())).toBe(401);
    await expect.poll(() => status(bob.on[1].auth.me.query()), PROMPTLY).toBe(401);
  });

  it('clears kept checks when the notification connection is lost, and keeps them again once resubscribed', async () => {
    const carol = await member('carol');
    await keptOnB(carol.on[1]);
    // Both instances lose their LISTEN connection; the token is then revoked behind their back
    // (by hand, so nothing is announced): only clearing on the loss makes instance 2 notice.
    await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;
    await sql`update api_tokens set revoked_at = now() where id = ${carol.record.id}`;
    await expect.poll(() => status(carol.on[1].auth.me.query()), PROMPTLY).toBe(401);
    // Listening again (postgres.js reconnects by itself): checks are kept again.
    const dave = await member('dave');
    await keptOnB(dave.on[1]);
  });
});
