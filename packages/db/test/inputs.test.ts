import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { addAsset, getAsset, ownsAsset } from '../src/data/assets.ts';
import {
  linkInputs,
  listInputs,
  listInputsOf,
  recordUpload,
  usableInput,
} from '../src/data/inputs.ts';
import { createUser } from '../src/data/users.ts';
import { generations } from '../src/schema.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

const sha = (c: string) => c.repeat(64);
const upload = (ownerId: string, hash: string) => ({
  ownerId,
  sha256: hash,
  mediaType: 'image/png',
  width: 640,
  height: 480,
  byteSize: 12_345,
  storageKey: `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.png`,
});
const viewer = (u: { id: string; role: 'admin' | 'member' }) => ({ id: u.id, role: u.role });

describeDb('uploaded inputs', (get) => {
  it('records an upload once per content, with every owner who sent it', async () => {
    const alice = await seedUser(get(), 'Alice');
    const bob = await seedUser(get(), 'Bob');
    const first = await recordUpload(get().db, upload(alice.id, sha('a')));
    expect(first).toMatchObject({ sha256: sha('a'), mediaType: 'image/png', width: 640 });
    // Again by the same owner, then by another with a different key: one record, two owners.
    expect(await recordUpload(get().db, upload(alice.id, sha('a')))).toEqual(first);
    expect(
      await recordUpload(get().db, { ...upload(bob.id, sha('a')), storageKey: 'other.png' }),
    ).toEqual(first);
    expect(await ownsAsset(get().db, alice.id, sha('a'))).toBe(true);
    expect(await ownsAsset(get().db, bob.id, sha('a'))).toBe(true);

    const carol = await seedUser(get(), 'Carol');
    expect(await ownsAsset(get().db, carol.id, sha('a'))).toBe(false);
    await expect(recordUpload(get().db, upload('nobody', sha('b')))).rejects.toMatchObject({
      code: 'not_found',
    });
    // The refused upload left no content record behind.
    expect(await getAsset(get().db, sha('b'))).toBeUndefined();
    await expect(recordUpload(get().db, upload(alice.id, 'ABC'))).rejects.toThrow(
      /sha256: must be a lowercase hex SHA-256/,
    );
  });

  it('links a generation to its inputs and lists them: references in order, then the mask', async () => {
    const user = await seedUser(get());
    for (const c of ['1', '2', '3']) await recordUpload(get().db, upload(user.id, sha(c)));
    const g = await seedGeneration(get(), user.id, { modelId: 'gpt-image-2' });
    const other = await seedGeneration(get(), user.id);
    const unlinked = await seedGeneration(get(), user.id);
    await linkInputs(
      get().db,
      [g.id],
      [
        { role: 'mask', index: 0, sha256: sha('3') },
        { role: 'reference', index: 1, sha256: sha('1') },
        { role: 'reference', index: 0, sha256: sha('2') },
      ],
    );
    // Several generations given the same inputs (the models of one run), in one call.
    await linkInputs(
      get().db,
      [other.id, unlinked.id],
      [{ role: 'reference', index: 0, sha256: sha('1') }],
    );
    await linkInputs(get().db, [unlinked.id], []);
    const inputs = await listInputs(get().db, g.id);
    expect(inputs.map((i) => [i.role, i.index, i.sha256])).toEqual([
      ['reference', 0, sha('2')],
      ['reference', 1, sha('1')],
      ['mask', 0, sha('3')],
    ]);
    expect(inputs[0]).toMatchObject({ generationId: g.id, mediaType: 'image/png', width: 640 });
    expect((await listInputsOf(get().db, [other.id, g.id])).map((i) => i.generationId)).toEqual(
      [g.id, g.id, g.id, other.id].sort(),
    );
    expect((await listInputs(get().db, unlinked.id)).map((i) => i.sha256)).toEqual([sha('1')]);
    expect(await listInputsOf(get().db, [])).toEqual([]);
    expect(await listInputs(get().db, (await seedGeneration(get(), user.id)).id)).toEqual([]);

    await expect(
      linkInputs(get().db, [g.id], [{ role: 'reference', index: 5, sha256: sha('9') }]),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      linkInputs(get().db, ['missing'], [{ role: 'reference', index: 0, sha256: sha('1') }]),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      linkInputs(get().db, [g.id], [{ role: 'frame' as 'mask', index: 0, sha256: sha('1') }]),
    ).rejects.toThrow(/role/);
  });

  it('owning and using: uploads, what one’s generations made or were given, what is shared', async () => {
    const alice = await seedUser(get(), 'Alice');
    const bob = await seedUser(get(), 'Bob');
    const admin = await createUser(get().db, { name: 'Root', role: 'admin' });
    const db = get().db;
    await recordUpload(db, upload(alice.id, sha('c')));

    // Alice's upload is hers to use; Bob cannot use it or tell it from unknown bytes.
    expect(await usableInput(db, viewer(alice), sha('c'))).toMatchObject({ sha256: sha('c') });
    expect(await usableInput(db, viewer(bob), sha('c'))).toBeUndefined();
    expect(await usableInput(db, viewer(bob), sha('f'))).toBeUndefined();
    expect(await usableInput(db, viewer(admin), sha('c'))).toMatchObject({ sha256: sha('c') });
    expect(await usableInput(db, viewer(admin), sha('f'))).toBeUndefined();

    // An output of Bob's generation is his; once given to a generation of Alice's, hers too.
    const his = await seedGeneration(get(), bob.id);
    await addAsset(db, {
      sha256: sha('d'),
      generationId: his.id,
      index: 0,
      mediaType: 'image/png',
      width: 8,
      height: 8,
      byteSize: 10,
      storageKey: 'dd/dd/d.png',
    });
    expect(await ownsAsset(db, bob.id, sha('d'))).toBe(true);
    expect(await usableInput(db, viewer(bob), sha('d'))).toBeDefined();
    expect(await ownsAsset(db, alice.id, sha('d'))).toBe(false);
    expect(await usableInput(db, viewer(alice), sha('d'))).toBeUndefined();
    const hers = await seedGeneration(get(), alice.id);
    await linkInputs(db, [hers.id], [{ role: 'reference', index: 0, sha256: sha('d') }]);
    expect(await ownsAsset(db, alice.id, sha('d'))).toBe(true);

    // Shared with the team: its outputs and inputs are everyone's to read and use.
    const carol = await seedUser(get(), 'Carol');
    expect(await usableInput(db, viewer(carol), sha('d'))).toBeUndefined();
    await db.update(generations).set({ sharedAt: new Date() }).where(eq(generations.id, his.id));
    expect(await usableInput(db, viewer(carol), sha('d'))).toBeDefined();
    expect(await ownsAsset(db, carol.id, sha('d'))).toBe(false);
  });
});
