import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import { startTestStudio, submit, waitForJob, type Client, type TestStudio } from './helpers.ts';

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

async function run(client: Client) {
  const id = await submit(client, { kind: 'image', prompt: PROMPT, models: ['gpt-image-2'] });
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
