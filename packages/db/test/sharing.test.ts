import { expect, it } from 'vitest';
import { addAsset, ownsAsset } from '../src/data/assets.ts';
import { listGenerations, type Generation } from '../src/data/generations.ts';
import {
  canReadAsset,
  changeableGeneration,
  readGeneration,
  shareGeneration,
} from '../src/data/sharing.ts';
import { createUser } from '../src/data/users.ts';
import { describeDb, seedGeneration } from './harness.ts';

const sha = (c: string) => c.repeat(64);
const ids = (page: { items: Generation[] }) => page.items.map((g) => g.id);

describeDb('sharing', (get) => {
  async function team() {
    const db = get().db;
    const admin = await createUser(db, { name: 'Admin', role: 'admin' });
    const alice = await createUser(db, { name: 'Alice' });
    const bob = await createUser(db, { name: 'Bob' });
    return { db, admin, alice, bob };
  }

  it('shares with the team only what the owner (or an admin) shares', async () => {
    const { db, admin, alice, bob } = await team();
    const hers = await seedGeneration(get(), alice.id, { prompt: 'a kite over dunes' });
    const other = await seedGeneration(get(), alice.id, { prompt: 'a kite in a storm' });
    expect(hers.sharedAt).toBeNull();

    // Unshared: Bob can neither read it nor share it, and learns nothing about it.
    await expect(readGeneration(db, bob, hers.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      shareGeneration(db, { viewer: bob, id: hers.id, shared: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await readGeneration(db, alice, hers.id)).toMatchObject({ id: hers.id });

    const shared = await shareGeneration(db, { viewer: alice, id: hers.id, shared: true });
    expect(shared.sharedAt).toBeInstanceOf(Date);
    expect(shared).not.toHaveProperty('promptSearch');
    // Sharing again keeps the first time.
    const again = await shareGeneration(db, { viewer: alice, id: hers.id, shared: true });
    expect(again.sharedAt).toEqual(shared.sharedAt);

    // Shared: Bob reads it, but changing it is refused with the reason.
    expect((await readGeneration(db, bob, hers.id)).sharedAt).toEqual(shared.sharedAt);
    await expect(readGeneration(db, bob, other.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(changeableGeneration(db, bob, hers.id)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('only its owner or an admin'),
    });
    await expect(
      shareGeneration(db, { viewer: bob, id: hers.id, shared: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await changeableGeneration(db, admin, hers.id)).id).toBe(hers.id);

    // An admin may unshare it; then it is Alice's alone again.
    const unshared = await shareGeneration(db, { viewer: admin, id: hers.id, shared: false });
    expect(unshared.sharedAt).toBeNull();
    await expect(readGeneration(db, bob, hers.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      shareGeneration(db, { viewer: alice, id: 'missing', shared: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      shareGeneration(db, { viewer: alice, id: hers.id, shared: 'yes' as never }),
    ).rejects.toThrow(/shared/);
  });

  it('lists by scope: mine, shared by anyone, all for admins', async () => {
    const { db, admin, alice, bob } = await team();
    const a1 = await seedGeneration(get(), alice.id);
    const a2 = await seedGeneration(get(), alice.id);
    const b1 = await seedGeneration(get(), bob.id);
    const b2 = await seedGeneration(get(), bob.id);
    await shareGeneration(db, { viewer: alice, id: a1.id, shared: true });
    await shareGeneration(db, { viewer: bob, id: b2.id, shared: true });
    // Other suites' rows share this database: compare within this team's rows.
    const ours = new Set([a1.id, a2.id, b1.id, b2.id]);
    const list = async (input: Parameters<typeof listGenerations>[1]) =>
      ids(await listGenerations(db, { limit: 200, ...input })).filter((id) => ours.has(id));

    expect(await list({ viewer: alice })).toEqual([a2.id, a1.id]);
    expect(await list({ viewer: alice, scope: 'mine', ownerId: alice.id })).toEqual([a2.id, a1.id]);
    // Shared by anyone, the viewer's own shares included; ownerId narrows to one sharer.
    expect(await list({ viewer: alice, scope: 'shared' })).toEqual([b2.id, a1.id]);
    expect(await list({ viewer: alice, scope: 'shared', ownerId: bob.id })).toEqual([b2.id]);
    expect(await list({ viewer: admin, scope: 'all' })).toEqual([b2.id, b1.id, a2.id, a1.id]);
    expect(await list({ viewer: admin, scope: 'all', ownerId: bob.id })).toEqual([b2.id, b1.id]);
    expect(await list({ viewer: admin })).toEqual([]);

    await expect(listGenerations(db, { viewer: bob, scope: 'all' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining("scope 'mine' or 'shared'"),
    });
    await expect(
      listGenerations(db, { viewer: bob, scope: 'mine', ownerId: alice.id }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('ownerId') });
    await expect(listGenerations(db, { viewer: bob, scope: 'everyone' as never })).rejects.toThrow(
      /scope: must be one of "mine", "shared", "all"/,
    );
    await expect(listGenerations(db, {} as never)).rejects.toThrow(/viewer/);

    // Unsharing takes it out of the shared list at once.
    await shareGeneration(db, { viewer: bob, id: b2.id, shared: false });
    expect(await list({ viewer: alice, scope: 'shared' })).toEqual([a1.id]);
  });

  it('lets members read the assets of a shared generation until it is unshared', async () => {
    const { db, admin, alice, bob } = await team();
    const hers = await seedGeneration(get(), alice.id);
    await addAsset(db, {
      sha256: sha('c'),
      generationId: hers.id,
      index: 0,
      mediaType: 'image/png',
      width: 8,
      height: 8,
      byteSize: 10,
      storageKey: `${sha('c')}.png`,
    });
    expect(await canReadAsset(db, bob, sha('c'))).toBe(false);
    expect(await canReadAsset(db, admin, sha('c'))).toBe(true);
    await shareGeneration(db, { viewer: alice, id: hers.id, shared: true });
    expect(await canReadAsset(db, bob, sha('c'))).toBe(true);
    // Readable, not owned: sharing lends the bytes, it does not give them away.
    expect(await ownsAsset(db, bob.id, sha('c'))).toBe(false);
    expect(await canReadAsset(db, bob, sha('f'))).toBe(false);
    await shareGeneration(db, { viewer: alice, id: hers.id, shared: false });
    expect(await canReadAsset(db, bob, sha('c'))).toBe(false);
    expect(await canReadAsset(db, alice, sha('c'))).toBe(true);
  });
});
