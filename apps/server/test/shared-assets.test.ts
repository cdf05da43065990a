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

/**
 * The emulators render from model + prompt, so two runs of one prompt produce identical bytes:
 * one stored asset that belongs to both generations.
 */

const PROMPT = 'a paper boat on a puddle, overhead shot';

let t: TestStudio;
let adminToken: string;
let alice: { client: Client; token: string };
let bob: { client: Client; token: string };
let carol: { client: Client; token: string };

async function member(name: string) {
  const admin = t.client(adminToken);
  const issued = await admin.tokens.create.mutate({
    name: `${name}'s laptop`,
    user: { name, role: 'member' },
  });
  return { client: t.client(issued.token), token: issued.token };
}

async function run(client: Client, prompt = PROMPT) {
  const id = await submit(client, { kind: 'image', prompt, models: ['gpt-image-2'] });
  const job = await waitForJob(client, id);
  expect(job.status).toBe('succeeded');
  return job;
}

const read = (url: string, token: string) =>
  fetch(`${t.studio.url}${url}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await startTestStudio({ team: true });
  adminToken = (await issueAdminToken(t.studio.database.db)).token;
  alice = await member('alice');
  bob = await member('bob');
  carol = await member('carol');
});
afterAll(() => t.close());

describe('identical output from several generations', () => {
  it('lists the asset under each run and lets each owner, and only them, read it', async () => {
    const first = await run(alice.client);
    const [hers] = first.assets;
    if (!hers) throw new Error('no asset');
    expect((await read(hers.url, bob.token)).status).toBe(404);

    const again = await run(alice.client);
    expect(again.assets.map((a) => a.sha256)).toEqual([hers.sha256]);

    const second = await run(bob.client);
    expect(second.assets).toEqual([hers]);
    const history = await bob.client.history.list.query();
    expect(history.items.map((g) => [g.id, g.assets.map((a) => a.sha256)])).toEqual([
      [second.id, [hers.sha256]],
    ]);
    const own = await read(hers.url, bob.token);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    const still = await read(hers.url, alice.token);
    expect(still.status).toBe(200);
    await still.arrayBuffer();
    expect((await read(hers.url, carol.token)).status).toBe(404);
  });
});

describe('a generation shared with the team', () => {
  it('is readable by every member, with its asset, until its owner unshares it', async () => {
    const job = await run(alice.client, 'a glass lighthouse in a snow globe');
    const [asset] = job.assets;
    if (!asset) throw new Error('no asset');
    const status = async (call: Promise<unknown>) => (await failure(call)).data?.httpStatus;

    // Unshared: Bob sees nothing of it.
    expect((await bob.client.history.list.query({ scope: 'shared' })).items).toEqual([]);
    expect(await status(bob.client.jobs.get.query({ id: job.id }))).toBe(404);
    expect((await read(asset.url, bob.token)).status).toBe(404);

    const shared = await alice.client.history.share.mutate({ id: job.id, shared: true });
    expect(shared.sharedAt).not.toBeNull();

    // Shared: Bob lists it (with who shared it), reads it and gets its bytes.
    const list = await bob.client.history.list.query({ scope: 'shared' });
    expect(list.items.map((g) => [g.id, g.ownerName, g.assets[0]?.sha256])).toEqual([
      [job.id, 'alice', asset.sha256],
    ]);
    // Dates cross the wire as strings; the row says when it was shared.
    expect(typeof list.items[0]?.sharedAt).toBe('string');
    expect((await bob.client.history.list.query()).items.map((g) => g.id)).not.toContain(job.id);
    expect((await bob.client.jobs.get.query({ id: job.id })).ownerName).toBe('alice');
    const bytes = await read(asset.url, bob.token);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe(asset.mediaType);
    expect((await bytes.arrayBuffer()).byteLength).toBe(asset.byteSize);

    // Read-only: Bob cannot unshare, cancel or keep it, and is told why.
    const unshare = await failure(bob.client.history.share.mutate({ id: job.id, shared: false }));
    expect(unshare.data?.httpStatus).toBe(403);
    expect(unshare.message).toMatch(/only its owner or an admin can change it/);
    expect(await status(bob.client.jobs.cancel.mutate({ id: job.id }))).toBe(403);
    expect(await status(bob.client.history.keep.mutate({ id: job.id }))).toBe(403);
    expect(await status(bob.client.history.list.query({ scope: 'all' }))).toBe(403);

    // Unshared: the access is gone at once.
    await alice.client.history.share.mutate({ id: job.id, shared: false });
    expect((await bob.client.history.list.query({ scope: 'shared' })).items).toEqual([]);
    expect(await status(bob.client.jobs.get.query({ id: job.id }))).toBe(404);
    expect((await read(asset.url, bob.token)).status).toBe(404);
    const own = await read(asset.url, alice.token);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
  });
});
