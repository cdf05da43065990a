import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  addAsset,
  getAsset,
  listAssets,
  listAssetsOf,
  outputStatements,
  ownsAsset,
} from '../src/data/assets.ts';
import { updateGeneration } from '../src/data/generations.ts';
import {
  dueOperations,
  getOperation,
  recordPoll,
  upsertOperation,
} from '../src/data/operations.ts';
import { listVotes, recordVote } from '../src/data/votes.ts';
import { votes } from '../src/schema.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

const sha = (c: string) => c.repeat(64);
const asset = (generationId: string, index: number, hash: string) => ({
  sha256: hash,
  generationId,
  index,
  mediaType: 'image/png',
  width: 1024,
  height: 1024,
  byteSize: 1_234_567,
  storageKey: `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.png`,
});

describeDb('asset records', (get) => {
  it('adds, gets by hash and lists by generation in order', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const second = await addAsset(get().db, asset(g.id, 1, sha('b')));
    const first = await addAsset(get().db, {
      ...asset(g.id, 0, sha('a')),
      mediaType: 'video/mp4',
      durationMs: 8_000,
    });
    expect(first).toMatchObject({ sha256: sha('a'), durationMs: 8_000, byteSize: 1_234_567 });
    const { generationId, index, ...content } = second;
    expect({ generationId, index }).toEqual({ generationId: g.id, index: 1 });
    expect(await getAsset(get().db, sha('b'))).toEqual(content);
    expect(await getAsset(get().db, sha('c'))).toBeUndefined();
    expect((await listAssets(get().db, g.id)).map((a) => a.index)).toEqual([0, 1]);
  });

  it('keeps one record per content and refuses clashing indexes', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const original = await addAsset(get().db, asset(g.id, 0, sha('d')));
    expect(original).toMatchObject({ sha256: sha('d'), generationId: g.id, index: 0 });
    expect(await addAsset(get().db, asset(g.id, 0, sha('d')))).toEqual(original);
    await expect(addAsset(get().db, asset(g.id, 0, sha('e')))).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(addAsset(get().db, asset('missing', 0, sha('f')))).rejects.toMatchObject({
      code: 'not_found',
    });
    // A refused link leaves no stray content record behind.
    expect(await getAsset(get().db, sha('f'))).toBeUndefined();
    await expect(addAsset(get().db, asset(g.id, 1, 'ABC'))).rejects.toThrow(
      /sha256: must be a lowercase hex SHA-256/,
    );
    expect((await listAssets(get().db, g.id)).map((a) => a.sha256)).toEqual([sha('d')]);
  });

  it('records a generation’s outputs with its outcome, in the same statement', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const { generationId: _a, ...first } = asset(g.id, 0, sha('1'));
    const { generationId: _b, ...same } = asset(g.id, 1, sha('1'));
    const { generationId: _c, ...other } = asset(g.id, 2, sha('2'));
    await updateGeneration(get().db, g.id, { status: 'running' });
    const done = await updateGeneration(
      get().db,
      g.id,
      { status: 'succeeded' },
      { alongside: outputStatements(g.id, [first, same, other]) },
    );
    expect(done.status).toBe('succeeded');
    // Identical bytes at two positions: one record, two links.
    expect((await listAssets(get().db, g.id)).map((a) => [a.index, a.sha256])).toEqual([
      [0, sha('1')],
      [1, sha('1')],
      [2, sha('2')],
    ]);
    // A bad output fails the whole write: the outcome is not recorded either.
    const h = await seedGeneration(get(), user.id);
    expect(() => outputStatements(h.id, [{ ...first, sha256: 'nope' }])).toThrow(/sha256/);
    await expect(
      updateGeneration(
        get().db,
        h.id,
        { status: 'running' },
        { alongside: outputStatements('missing', [first]) },
      ),
    ).rejects.toThrow();
    expect(await listAssets(get().db, h.id)).toEqual([]);
  });

  it('lists identical bytes under every generation that produced them', async () => {
    const user = await seedUser(get());
    const first = await seedGeneration(get(), user.id);
    const second = await seedGeneration(get(), user.id);
    const a = await addAsset(get().db, asset(first.id, 0, sha('7')));
    // The second run stores the same bytes under another key; the first record stays.
    const b = await addAsset(get().db, {
      ...asset(second.id, 1, sha('7')),
      storageKey: 'elsewhere.png',
    });
    expect(b).toEqual({ ...a, generationId: second.id, index: 1 });
    expect(await listAssets(get().db, first.id)).toEqual([a]);
    expect(await listAssets(get().db, second.id)).toEqual([b]);
    expect(await listAssetsOf(get().db, [second.id, first.id])).toEqual(
      [a, b].sort((x, y) => x.generationId.localeCompare(y.generationId)),
    );
    expect(await listAssetsOf(get().db, [])).toEqual([]);
    const stored = await getAsset(get().db, sha('7'));
    expect(stored).toMatchObject({ storageKey: a.storageKey });
    expect(stored).not.toHaveProperty('generationId');
  });

  it('says who owns an asset through any generation that links it', async () => {
    const alice = await seedUser(get(), 'Alice');
    const bob = await seedUser(get(), 'Bob');
    const hers = await seedGeneration(get(), alice.id);
    await addAsset(get().db, asset(hers.id, 0, sha('8')));
    expect(await ownsAsset(get().db, alice.id, sha('8'))).toBe(true);
    expect(await ownsAsset(get().db, bob.id, sha('8'))).toBe(false);
    expect(await ownsAsset(get().db, bob.id, sha('9'))).toBe(false);
    const his = await seedGeneration(get(), bob.id);
    await addAsset(get().db, asset(his.id, 0, sha('8')));
    expect(await ownsAsset(get().db, bob.id, sha('8'))).toBe(true);
    expect(await ownsAsset(get().db, alice.id, sha('8'))).toBe(true);
  });
});

describeDb('provider operations', (get) => {
  it('upserts, polls and finds due operations', async () => {
    const user = await seedUser(get());
    const g1 = await seedGeneration(get(), user.id, { modelId: 'veo-3.1' });
    const g2 = await seedGeneration(get(), user.id, { modelId: 'veo-3.1' });
    const t0 = new Date('2026-11-23T10:00:00Z');
    const op = await upsertOperation(get().db, {
      generationId: g1.id,
      provider: 'google',
      operation: { name: 'models/veo-3.1/operations/abc' },
      nextPollAt: t0,
    });
    expect(op).toMatchObject({
      status: 'pending',
      pollCount: 0,
      operation: { name: 'models/veo-3.1/operations/abc' },
    });
    await upsertOperation(get().db, {
      generationId: g2.id,
      provider: 'fal',
      operation: { requestId: 'r-1' },
      nextPollAt: new Date(t0.getTime() + 60_000),
    });

    const due = async (at: Date) =>
      (await dueOperations(get().db, { now: at })).filter(
        (o) => o.generationId === g1.id || o.generationId === g2.id,
      );
    expect((await due(new Date(t0.getTime() - 1))).map((o) => o.generationId)).toEqual([]);
    expect((await due(t0)).map((o) => o.generationId)).toEqual([g1.id]);
    expect((await due(new Date(t0.getTime() + 60_000))).map((o) => o.generationId)).toEqual([
      g1.id,
      g2.id,
    ]);

    const polled = await recordPoll(get().db, g1.id, {
      nextPollAt: new Date(t0.getTime() + 120_000),
    });
    expect(polled.pollCount).toBe(1);
    const finished = await recordPoll(get().db, g1.id, {
      nextPollAt: new Date(t0.getTime() + 120_000),
      status: 'succeeded',
      operation: { name: 'models/veo-3.1/operations/abc', done: true },
    });
    expect(finished).toMatchObject({
      pollCount: 2,
      status: 'succeeded',
      operation: { done: true },
    });
    expect((await due(new Date(t0.getTime() + 3_600_000))).map((o) => o.generationId)).toEqual([
      g2.id,
    ]);

    // Upserting again replaces the handle (e.g. a resubmitted job) and keeps one row.
    await upsertOperation(get().db, {
      generationId: g1.id,
      provider: 'google',
      operation: { name: 'op2' },
      nextPollAt: t0,
    });
    expect(await getOperation(get().db, g1.id)).toMatchObject({
      status: 'pending',
      operation: { name: 'op2' },
    });
    await expect(recordPoll(get().db, 'missing', { nextPollAt: t0 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      upsertOperation(get().db, {
        generationId: 'missing',
        provider: 'google',
        operation: {},
        nextPollAt: t0,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describeDb('votes', (get) => {
  it('records votes and never changes them', async () => {
    const user = await seedUser(get());
    const a = await seedGeneration(get(), user.id, { modelId: 'gpt-image-2' });
    const b = await seedGeneration(get(), user.id, { modelId: 'flux-2-pro' });
    const vote = await recordVote(get().db, {
      prompt: a.prompt,
      generationA: a.id,
      generationB: b.id,
      winner: 'b',
      voterId: user.id,
    });
    expect(await listVotes(get().db, b.id)).toEqual([vote]);
    await expect(
      get().db.update(votes).set({ winner: 'a' }).where(eq(votes.id, vote.id)),
    ).rejects.toThrow();
    await expect(get().db.delete(votes).where(eq(votes.id, vote.id))).rejects.toThrow();
    expect((await listVotes(get().db, a.id))[0]?.winner).toBe('b');
    await expect(
      recordVote(get().db, {
        prompt: 'x',
        generationA: a.id,
        generationB: a.id,
        winner: 'tie',
        voterId: user.id,
      }),
    ).rejects.toThrow(/generationB: must differ/);
  });
});
