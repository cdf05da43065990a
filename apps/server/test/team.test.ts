import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import {
  failure,
  startTestStudio,
  submit,
  waitForJob,
  type Client,
  type TestStudio,
} from './helpers.ts';

let t: TestStudio;
let admin: Client;
let adminToken: string;
let alice: { client: Client; token: string; userId: string };
let bob: { client: Client; token: string; userId: string };
let aliceJob: { id: string; assetUrl: string };

async function member(name: string) {
  const issued = await admin.tokens.create.mutate({
    name: `${name}'s laptop`,
    user: { name, role: 'member' },
  });
  expect(issued.token).toMatch(/^atl_/);
  return { client: t.client(issued.token), token: issued.token, userId: issued.user.id };
}

beforeAll(async () => {
  t = await startTestStudio({ team: true });
  adminToken = (await issueAdminToken(t.studio.database.db)).token;
  admin = t.client(adminToken);
  alice = await member('alice');
  bob = await member('bob');
  const id = await submit(alice.client, {
    kind: 'image',
    prompt: 'a red bicycle against a blue wall',
    models: ['gpt-image-2'],
  });
  const job = await waitForJob(alice.client, id);
  expect(job.status).toBe('succeeded');
  aliceJob = { id, assetUrl: `${t.studio.url}${job.assets[0]?.url ?? ''}` };
});
afterAll(() => t.close());

describe('team mode: who may call', () => {
  it('refuses a request without a token, or with an unknown one, with 401', async () => {
    const anonymous = t.client();
    const noToken = await failure(anonymous.history.list.query());
    expect(noToken.data?.httpStatus).toBe(401);
    expect(noToken.data?.code).toBe('UNAUTHORIZED');
    expect(noToken.message).toMatch(/Bearer/);
    // Public catalog data is behind the token too: a team server answers its members only.
    expect((await failure(anonymous.catalog.list.query())).data?.httpStatus).toBe(401);

    const forged = await failure(t.client(`atl_${'x'.repeat(43)}`).history.list.query());
    expect(forged.data?.httpStatus).toBe(401);
    const raw = await fetch(`${t.studio.url}/trpc/catalog.list`, {
      headers: { authorization: 'Basic abc' },
    });
    expect(raw.status).toBe(401);

    // Event streams and assets have the same gate.
    const sse = await fetch(
      `${t.studio.url}/trpc/jobs.onProgress?input=${encodeURIComponent(JSON.stringify({ ids: [aliceJob.id] }))}`,
      { headers: { accept: 'text/event-stream' } },
    );
    expect(sse.status).toBe(401);
    await sse.body?.cancel();
    const refused = await new Promise<string>((resolve) => {
      t.client('atl_unknown').jobs.onProgress.subscribe(
        { ids: [aliceJob.id] },
        { onError: (e) => resolve(e.message), onData: () => resolve('data') },
      );
    });
    expect(refused).toMatch(/401/);
    const asset = await fetch(aliceJob.assetUrl);
    expect(asset.status).toBe(401);
    expect(asset.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a revoked token stops working at once', async () => {
    const extra = await alice.client.tokens.create.mutate({ name: 'temporary' });
    const client = t.client(extra.token);
    expect((await client.auth.me.query()).user.name).toBe('alice');
    await alice.client.tokens.revoke.mutate({ id: extra.record.id });
    expect((await failure(client.auth.me.query())).data?.httpStatus).toBe(401);
  });

  it('says who is calling', async () => {
    const me = await alice.client.auth.me.query();
    expect(me).toMatchObject({ mode: 'team', user: { id: alice.userId, role: 'member' } });
    const token = await alice.client.tokens.me.query();
    expect(token?.userId).toBe(alice.userId);
    expect(JSON.stringify(token)).not.toContain(alice.token);
    expect(token).not.toHaveProperty('tokenHash');
  });

  it('streams job events to the owner with a token', async () => {
    const events = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const sub = alice.client.jobs.onProgress.subscribe(
        { ids: [aliceJob.id] },
        {
          onData: (e) => {
            seen.push(e.data.status);
            if (e.data.status === 'succeeded') {
              sub.unsubscribe();
              resolve(seen);
            }
          },
          onError: reject,
        },
      );
    });
    expect(events.at(-1)).toBe('succeeded');
  });
});

describe('team mode: members see their own work only', () => {
  it('hides another member’s jobs, history and spend', async () => {
    expect((await failure(bob.client.jobs.get.query({ id: aliceJob.id }))).data?.httpStatus).toBe(
      404,
    );
    expect(
      (await failure(bob.client.jobs.cancel.mutate({ id: aliceJob.id }))).data?.httpStatus,
    ).toBe(404);
    expect(
      (await failure(bob.client.history.keep.mutate({ id: aliceJob.id }))).data?.httpStatus,
    ).toBe(404);
    expect((await bob.client.history.list.query()).items).toHaveLength(0);
    expect(
      (await bob.client.history.search.query({ query: 'bicycle' })).items.map((g) => g.id),
    ).toEqual([]);
    expect(
      (await bob.client.jobs.list.query({ status: ['succeeded'], limit: 50 })).items,
    ).toHaveLength(0);
    expect(
      (await failure(bob.client.history.list.query({ ownerId: alice.userId, limit: 50 }))).data
        ?.httpStatus,
    ).toBe(403);
    expect(
      (await failure(bob.client.spend.summary.query({ userId: alice.userId }))).data?.httpStatus,
    ).toBe(403);
    expect((await bob.client.spend.summary.query()).totalMicros).toBe(0);
    expect((await alice.client.spend.summary.query()).totalMicros).toBeGreaterThan(0);
  });

  it('serves an asset to its owner and an admin, and to nobody else', async () => {
    const own = await fetch(aliceJob.assetUrl, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    const asAdmin = await fetch(aliceJob.assetUrl, {
      headers: { authorization: `Bearer ${adminToken}`, range: 'bytes=0-3' },
    });
    expect(asAdmin.status).toBe(206);
    await asAdmin.arrayBuffer();
    const other = await fetch(aliceJob.assetUrl, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(other.status).toBe(404);
  });

  it('lets a browser load assets with the session cookie, on GET only', async () => {
    const session = await fetch(`${t.studio.url}/auth/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';
    const asset = await fetch(aliceJob.assetUrl, { headers: { cookie: pair } });
    expect(asset.status).toBe(200);
    await asset.arrayBuffer();
    // A cookie never authorises a change: mutations need the header.
    const post = await fetch(`${t.studio.url}/trpc/history.keep`, {
      method: 'POST',
      headers: { cookie: pair, 'content-type': 'application/json' },
      body: JSON.stringify({ id: aliceJob.id }),
    });
    expect(post.status).toBe(401);
    const noHeader = await fetch(`${t.studio.url}/auth/session`, {
      method: 'POST',
      headers: { cookie: pair },
    });
    expect(noHeader.status).toBe(401);
  });

  it('an admin sees everyone’s work', async () => {
    // Their own by default, like everyone; scope 'all' is everyone's.
    expect((await admin.history.list.query()).items.map((g) => g.id)).not.toContain(aliceJob.id);
    const all = await admin.history.list.query({ scope: 'all' });
    expect(all.items.map((g) => g.id)).toContain(aliceJob.id);
    expect(all.items.find((g) => g.id === aliceJob.id)?.ownerName).toBe('alice');
    const hers = await admin.history.list.query({ ownerId: alice.userId, limit: 50 });
    expect(hers.items.map((g) => g.id)).toEqual([aliceJob.id]);
    expect((await admin.jobs.get.query({ id: aliceJob.id })).ownerId).toBe(alice.userId);
    expect((await admin.spend.summary.query({ userId: alice.userId })).totalMicros).toBeGreaterThan(
      0,
    );
  });
});

describe('team mode: tokens and users', () => {
  it('members list and revoke their own tokens only', async () => {
    const mine = await bob.client.tokens.list.query();
    expect(mine.every((tk) => tk.userId === bob.userId)).toBe(true);
    expect(
      (await failure(bob.client.tokens.list.query({ userId: alice.userId }))).data?.httpStatus,
    ).toBe(403);
    const alices = await admin.tokens.list.query({ userId: alice.userId });
    const aliceTokenId = alices.find((tk) => tk.revokedAt === null)?.id ?? '';
    expect(
      (await failure(bob.client.tokens.revoke.mutate({ id: aliceTokenId }))).data?.httpStatus,
    ).toBe(404);
    expect((await admin.tokens.list.query()).length).toBeGreaterThanOrEqual(3);
  });

  it('only an admin issues tokens to others, creates users and sets keys', async () => {
    expect(
      (
        await failure(
          bob.client.tokens.create.mutate({ name: 'x', user: { name: 'mallory', role: 'admin' } }),
        )
      ).data?.httpStatus,
    ).toBe(403);
    expect(
      (await failure(bob.client.tokens.create.mutate({ name: 'x', userId: alice.userId }))).data
        ?.httpStatus,
    ).toBe(403);
    expect((await failure(bob.client.users.list.query())).data?.httpStatus).toBe(403);
    expect(
      (
        await failure(
          bob.client.keys.set.mutate({ provider: 'openai', value: 'sk-abcdefgh12345678' }),
        )
      ).data?.httpStatus,
    ).toBe(403);
    expect(
      (
        await failure(
          bob.client.budgets.set.mutate({
            scope: 'user',
            userId: bob.userId,
            period: 'daily',
            capMicros: 1,
          }),
        )
      ).data?.httpStatus,
    ).toBe(403);

    const carol = await admin.users.create.mutate({ name: 'carol', role: 'admin' });
    const issued = await admin.tokens.create.mutate({ name: 'carol ci', userId: carol.id });
    const me = await t.client(issued.token).auth.me.query();
    expect(me.user).toMatchObject({ name: 'carol', role: 'admin' });
    expect((await admin.users.list.query()).map((u) => u.name)).toEqual(
      expect.arrayContaining(['alice', 'bob', 'carol']),
    );
  });
});
