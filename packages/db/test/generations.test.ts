import { expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import {
  getGeneration,
  listGenerations,
  markKept,
  updateGeneration,
  type Generation,
  type ListGenerationsInput,
} from '../src/data/generations.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

describeDb('generations', (get) => {
  it('creates and reads back every field', async () => {
    const user = await seedUser(get());
    const batchId = newId();
    const created = await seedGeneration(get(), user.id, {
      batchId,
      params: { size: '1024x1024', seed: 7 },
      warnings: [
        { type: 'unsupported', setting: 'seed', message: 'seed is ignored by this model' },
      ],
      estimatedCostMicros: 9_007_199_254_740_991,
    });
    expect(created).toMatchObject({
      ownerId: user.id,
      batchId,
      status: 'queued',
      kept: false,
      params: { size: '1024x1024', seed: 7 },
      estimatedCostMicros: Number.MAX_SAFE_INTEGER,
      actualCostMicros: null,
    });
    expect(created.queuedAt).toBeInstanceOf(Date);
    expect(created).not.toHaveProperty('promptSearch');
    expect(await getGeneration(get().db, created.id)).toEqual(created);
    expect(await getGeneration(get().db, 'missing')).toBeUndefined();
  });

  it('validates input and names the field', async () => {
    const user = await seedUser(get());
    await expect(
      seedGeneration(get(), user.id, { estimatedCostMicros: 0.5 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('estimatedCostMicros'),
    });
    await expect(seedGeneration(get(), user.id, { prompt: '' })).rejects.toThrow(
      /prompt: must not be empty/,
    );
  });

  it('moves through statuses with timings and costs, and refuses to leave a terminal status', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const startedAt = new Date('2026-11-23T10:00:00.000Z');
    const running = await updateGeneration(get().db, g.id, {
      status: 'running',
      startedAt,
      queueMs: 120,
    });
    expect(running).toMatchObject({ status: 'running', startedAt, queueMs: 120 });

    const finishedAt = new Date('2026-11-23T10:00:09.500Z');
    const done = await updateGeneration(get().db, g.id, {
      status: 'succeeded',
      finishedAt,
      generationMs: 9_000,
      downloadMs: 380,
      actualCostMicros: 134_000,
      revisedPrompt: 'A lighthouse at dusk',
      providerRequestId: 'req_123',
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      finishedAt,
      generationMs: 9_000,
      actualCostMicros: 134_000,
    });

    await expect(updateGeneration(get().db, g.id, { status: 'cancelled' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: `Generation ${g.id} is succeeded and cannot become cancelled.`,
    });
    // Fields other than status may still be corrected on a finished generation.
    expect(await updateGeneration(get().db, g.id, { downloadMs: 400 })).toMatchObject({
      downloadMs: 400,
    });
    await expect(
      updateGeneration(get().db, 'missing', { status: 'running' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lets only one of two racing terminal updates win', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    await updateGeneration(get().db, g.id, { status: 'running' });
    const results = await Promise.allSettled([
      updateGeneration(get().db, g.id, { status: 'succeeded' }),
      updateGeneration(get().db, g.id, { status: 'cancelled' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const final = await getGeneration(get().db, g.id);
    const winner = results.find(
      (r): r is PromiseFulfilledResult<Generation> => r.status === 'fulfilled',
    );
    expect(final?.status).toBe(winner?.value.status);
  });

  it('marks a generation kept and unkept', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    expect((await markKept(get().db, g.id)).kept).toBe(true);
    expect((await markKept(get().db, g.id, false)).kept).toBe(false);
    await expect(markKept(get().db, 'missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('filters by owner, model, status, batch, kept, date and cost', async () => {
    const owner = await seedUser(get(), 'Filter owner');
    const other = await seedUser(get(), 'Someone else');
    const batchId = newId();
    const a = await seedGeneration(get(), owner.id, {
      modelId: 'gpt-image-2',
      batchId,
      estimatedCostMicros: 40_000,
      queuedAt: new Date('2026-11-01T12:00:00Z'),
    });
    const b = await seedGeneration(get(), owner.id, {
      modelId: 'flux-2-pro',
      batchId,
      estimatedCostMicros: 30_000,
      queuedAt: new Date('2026-11-10T12:00:00Z'),
    });
    const c = await seedGeneration(get(), owner.id, {
      modelId: 'flux-2-pro',
      estimatedCostMicros: 80_000,
      queuedAt: new Date('2026-11-20T12:00:00Z'),
    });
    await seedGeneration(get(), other.id, { modelId: 'flux-2-pro' });
    await updateGeneration(get().db, b.id, { status: 'running' });
    await updateGeneration(get().db, b.id, { status: 'succeeded', actualCostMicros: 90_000 });
    await markKept(get().db, c.id);

    const ids = async (filters: Omit<ListGenerationsInput, 'viewer'>) =>
      (await listGenerations(get().db, { ...filters, viewer: owner })).items.map((g) => g.id);

    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ modelId: 'flux-2-pro' })).toEqual([c.id, b.id]);
    expect(await ids({ modelId: ['gpt-image-2', 'flux-2-pro'] })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ status: 'succeeded' })).toEqual([b.id]);
    expect(await ids({ status: ['queued', 'running'] })).toEqual([c.id, a.id]);
    expect(await ids({ batchId })).toEqual([b.id, a.id]);
    expect(await ids({ kept: true })).toEqual([c.id]);
    expect(
      await ids({ from: new Date('2026-11-05T00:00:00Z'), to: new Date('2026-11-20T12:00:00Z') }),
    ).toEqual([b.id]);
    expect(await ids({ from: '2026-11-05T00:00:00Z' })).toEqual([c.id, b.id]);
    // Cost filters use the actual cost once known (b: 90_000 actual, 30_000 estimated).
    expect(await ids({ minCostMicros: 50_000 })).toEqual([c.id, b.id]);
    expect(await ids({ maxCostMicros: 40_000 })).toEqual([a.id]);
    expect(await ids({ minCostMicros: 40_000, maxCostMicros: 80_000 })).toEqual([c.id, a.id]);

    await expect(
      listGenerations(get().db, { viewer: owner, status: 'done' as never }),
    ).rejects.toThrow(
      /status\.0: must be one of "queued", "running", "succeeded", "failed", "cancelled", "interrupted"/,
    );
  });

  it('finds prompts by full-text search, with stemming and web-search syntax', async () => {
    const owner = await seedUser(get(), 'Searcher');
    const fox = await seedGeneration(get(), owner.id, {
      prompt: 'A red fox jumping over sleeping cats, watercolor',
    });
    const dog = await seedGeneration(get(), owner.id, {
      prompt: 'Portrait of a dog in a red raincoat',
    });
    const city = await seedGeneration(get(), owner.id, {
      prompt: 'Neon city street at night, cinematic lighting',
    });

    const search = async (query: string) =>
      (await listGenerations(get().db, { viewer: owner, query })).items.map((g) => g.id);
    expect(await search('cat')).toEqual([fox.id]); // "cats" stems to "cat"
    expect(await search('jumped')).toEqual([fox.id]);
    expect(await search('red')).toEqual([dog.id, fox.id]);
    expect(await search('red -dog')).toEqual([fox.id]);
    expect(await search('"red raincoat"')).toEqual([dog.id]);
    expect(await search('red or neon')).toEqual([city.id, dog.id, fox.id]);
    expect(await search('submarine')).toEqual([]);
    expect(
      await listGenerations(get().db, { viewer: owner, query: 'red', modelId: 'other' }),
    ).toEqual({
      items: [],
      nextCursor: null,
      prevCursor: null,
    });
  });

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const owner = await seedUser(get(), 'Pager');
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await seedGeneration(get(), owner.id, { prompt: `prompt ${i}` })).id);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listGenerations(get().db, { viewer: owner, limit: 3, cursor });
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());

    const exact = await listGenerations(get().db, { viewer: owner, limit: 7 });
    expect(exact.items).toHaveLength(7);
    expect(exact.nextCursor).toBeNull();
    expect(exact.prevCursor).toBeNull();
  });

  it('pages backward from a cursor to the newer rows, as tRPC infinite queries ask', async () => {
    const owner = await seedUser(get(), 'Back pager');
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await seedGeneration(get(), owner.id, { prompt: `prompt ${i}` })).id);
    const newestFirst = [...created].reverse();
    const ids = (page: { items: { id: string }[] }) => page.items.map((g) => g.id);

    // A null cursor is the first page, whichever the direction (infinite queries may send one).
    const first = await listGenerations(get().db, {
      viewer: owner,
      limit: 3,
      cursor: null,
      direction: 'backward',
    });
    expect(ids(first)).toEqual(newestFirst.slice(0, 3));
    expect(first.prevCursor).toBeNull();

    // Start in the middle (a page opened from a link), then read the newer pages backward.
    const middle = await listGenerations(get().db, {
      viewer: owner,
      limit: 2,
      cursor: newestFirst[2],
    });
    expect(ids(middle)).toEqual(newestFirst.slice(3, 5));
    expect(middle.prevCursor).toBe(newestFirst[3]);
    const newer = await listGenerations(get().db, {
      viewer: owner,
      limit: 2,
      cursor: middle.prevCursor,
      direction: 'backward',
    });
    expect(ids(newer)).toEqual(newestFirst.slice(1, 3));
    expect(newer.prevCursor).toBe(newestFirst[1]);
    expect(newer.nextCursor).toBe(newestFirst[2]);
    const newest = await listGenerations(get().db, {
      viewer: owner,
      limit: 2,
      cursor: newer.prevCursor,
      direction: 'backward',
    });
    expect(ids(newest)).toEqual(newestFirst.slice(0, 1));
    expect(newest.prevCursor).toBeNull();

    await expect(
      listGenerations(get().db, { viewer: owner, direction: 'sideways' as never }),
    ).rejects.toThrow(/direction: must be one of "forward", "backward"/);
  });
});
