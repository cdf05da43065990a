import { createUser } from '@atelier/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionUser } from '../src/index.ts';
import { settled, startStudio, type Caller, type Studio } from './studio.ts';

/**
 * Team sharing through the procedures: a member's generation is theirs until they share it;
 * then other members list it (scope 'shared'), read it with its owner's name, and cannot change
 * it. Also paging as tRPC infinite queries send it (cursor + direction).
 */

let studio: Studio;
let admin: Caller;
let alice: Caller;
let bob: Caller;
let aliceUser: SessionUser;
let bobUser: SessionUser;
let aliceIds: string[];

const code = (e: unknown) => (e as TRPCError).code;

async function run(caller: Caller, prompts: string[]) {
  const { batches } = await caller.generate.create({
    kind: 'image',
    prompts,
    models: ['gpt-image-2'],
    params: { quality: 'low' },
  });
  const ids = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  await settled(studio.engine, ids);
  return ids;
}

beforeAll(async () => {
  studio = await startStudio();
  admin = studio.caller();
  const a = await createUser(studio.database.db, { name: 'Alice' });
  const b = await createUser(studio.database.db, { name: 'Bob' });
  aliceUser = { id: a.id, role: 'member' };
  bobUser = { id: b.id, role: 'member' };
  alice = studio.caller(aliceUser);
  bob = studio.caller(bobUser);
  aliceIds = await run(alice, ['a lantern on a pier', 'a lantern in fog', 'a lantern at dawn']);
  await run(bob, ['a bicycle in the rain']);
});
afterAll(() => studio.close());

describe('history.share and scopes', () => {
  test('members see their own until something is shared, then read it without changing it', async () => {
    const [first = '', second = ''] = aliceIds;
    expect((await bob.history.list({ scope: 'shared' })).items).toEqual([]);
    await expect(bob.jobs.get({ id: first })).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND');
    await expect(bob.history.share({ id: first })).rejects.toSatisfy(
      (e) => code(e) === 'NOT_FOUND',
    );

    const shared = await alice.history.share({ id: first, shared: true });
    expect(shared.sharedAt).toBeInstanceOf(Date);
    expect(shared.ownerName).toBeNull();
    expect(shared.assets).toHaveLength(1);

    // Bob lists it with the owner's name; his own list stays his own.
    const list = await bob.history.list({ scope: 'shared' });
    expect(list.items.map((g) => [g.id, g.ownerName])).toEqual([[first, 'Alice']]);
    expect((await bob.history.list()).items.every((g) => g.ownerId === bobUser.id)).toBe(true);
    const found = await bob.history.search({ scope: 'shared', query: 'lantern' });
    expect(found.items.map((g) => g.id)).toEqual([first]);
    expect((await bob.history.search({ scope: 'shared', query: 'fog' })).items).toEqual([]);
    // What Alice shared, by her: her own shares included in the shared scope.
    expect(
      (await alice.history.list({ scope: 'shared', ownerId: aliceUser.id })).items.map(
        (g) => g.ownerName,
      ),
    ).toEqual([null]);

    // Read-only: get and progress, never cancel, keep or share.
    const read = await bob.jobs.get({ id: first });
    expect(read).toMatchObject({ id: first, ownerId: aliceUser.id, ownerName: 'Alice' });
    const forbidden = [
      bob.jobs.cancel({ id: first }),
      bob.history.keep({ id: first }),
      bob.history.share({ id: first, shared: false }),
    ];
    for (const call of forbidden) {
      await expect(call).rejects.toSatisfy(
        (e) => code(e) === 'FORBIDDEN' && /only its owner or an admin/.test((e as Error).message),
      );
    }
    const events = [];
    for await (const e of await bob.jobs.onProgress({ ids: [first] })) events.push(e);
    // Tracked events come through a caller as they were yielded: [id, data, marker].
    expect(events.at(-1) as unknown).toEqual([
      expect.stringContaining(first),
      expect.objectContaining({ jobId: first, status: 'succeeded' }),
      expect.anything(),
    ]);
    await expect(bob.jobs.get({ id: second })).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND');

    // Unshared (by an admin here): gone for Bob at once.
    const back = await admin.history.share({ id: first, shared: false });
    expect(back).toMatchObject({ sharedAt: null, ownerName: 'Alice' });
    expect((await bob.history.list({ scope: 'shared' })).items).toEqual([]);
    await expect(bob.jobs.get({ id: first })).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND');
  });

  test("'all' is for admins; an admin's default is their own", async () => {
    await expect(bob.history.list({ scope: 'all' })).rejects.toSatisfy(
      (e) =>
        code(e) === 'FORBIDDEN' &&
        /Only an admin .*scope 'all'.*'mine' or 'shared'/.test((e as Error).message),
    );
    await expect(bob.history.list({ ownerId: aliceUser.id })).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
    await expect(bob.history.list({ scope: 'mine', ownerId: aliceUser.id })).rejects.toSatisfy(
      (e) => code(e) === 'BAD_REQUEST' && /ownerId/.test((e as Error).message),
    );
    await expect(bob.history.list({ scope: 'team' as never })).rejects.toSatisfy(
      (e) => code(e) === 'BAD_REQUEST' && /scope/.test((e as Error).message),
    );
    expect((await admin.history.list()).items).toEqual([]);
    const all = await admin.history.list({ scope: 'all' });
    expect(new Set(all.items.map((g) => g.ownerName))).toEqual(new Set(['Alice', 'Bob']));
    const hers = await admin.history.list({ ownerId: aliceUser.id });
    expect(hers.items.map((g) => g.id).sort()).toEqual([...aliceIds].sort());
  });

  test("a member's spend stays their own, shared or not", async () => {
    const [first = ''] = aliceIds;
    const before = await bob.spend.summary();
    await alice.history.share({ id: first });
    const after = await bob.spend.summary();
    expect(after.totalMicros).toBe(before.totalMicros);
    expect(after.byModel).toEqual(before.byModel);
    const row = await bob.jobs.get({ id: first });
    expect(row.actualCostMicros).toBeGreaterThan(0);
    await expect(bob.spend.summary({ userId: aliceUser.id })).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
    await alice.history.share({ id: first, shared: false });
  });
});

describe('paging as tRPC infinite queries send it', () => {
  test('cursor and direction: forward to older pages, backward to newer ones', async () => {
    // useInfiniteQuery's first page: no cursor, direction forward (or a null cursor).
    const p1 = await alice.history.list({ limit: 1, direction: 'forward' });
    const p1b = await alice.history.list({ limit: 1, cursor: null, direction: 'forward' });
    expect(p1b.items).toEqual(p1.items);
    expect(p1.prevCursor).toBeNull();
    const p2 = await alice.history.list({
      limit: 1,
      cursor: p1.nextCursor,
      direction: 'forward',
    });
    const p3 = await alice.history.search({
      query: 'lantern',
      limit: 1,
      cursor: p2.nextCursor,
      direction: 'forward',
    });
    expect(p3.nextCursor).toBeNull();
    const forward = [...p1.items, ...p2.items, ...p3.items].map((g) => g.id);
    expect(forward).toEqual([...aliceIds].reverse());

    // fetchPreviousPage from the middle page reads the newest again.
    const back = await alice.history.list({
      limit: 1,
      cursor: p2.prevCursor,
      direction: 'backward',
    });
    expect(back.items.map((g) => g.id)).toEqual(p1.items.map((g) => g.id));
    expect(back.prevCursor).toBeNull();

    const jobs = await alice.jobs.list({
      status: ['succeeded'],
      limit: 2,
      cursor: null,
      direction: 'forward',
    });
    expect(jobs.items).toHaveLength(2);
    await expect(alice.history.list({ direction: 'sideways' as never })).rejects.toSatisfy(
      (e) => code(e) === 'BAD_REQUEST',
    );
  });
});
