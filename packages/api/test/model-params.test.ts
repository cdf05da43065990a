import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { settled, startStudio, type Studio } from './studio.ts';

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio.close());

test('each model can run with settings of its own, in one batch', async () => {
  const caller = studio.caller();
  const { batches } = await caller.generate.create({
    kind: 'image',
    prompt: 'a lighthouse at dusk',
    models: ['gpt-image-2', 'nano-banana-pro', 'flux-2-pro'],
    providers: { 'nano-banana-pro': 'google' },
    params: { seed: 7 },
    modelParams: {
      'gpt-image-2': { quality: 'low', size: '1536x1024' },
      'nano-banana-pro': { aspectRatio: '16:9', resolution: '2K' },
    },
  });
  expect(batches).toHaveLength(1);
  const jobs = batches[0]?.jobs ?? [];
  expect(jobs.map((j) => j.status)).toEqual(['queued', 'queued', 'queued']);
  const ids = jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
  await settled(studio.engine, ids);
  const rows = await Promise.all(ids.map((id) => caller.jobs.get({ id })));
  expect(new Set(rows.map((r) => r.batchId))).toEqual(new Set([batches[0]?.batchId]));
  // Own settings replace the shared ones; a model without its own gets the shared ones.
  expect(rows.map((r) => [r.modelId, r.params])).toEqual([
    ['gpt-image-2', expect.objectContaining({ quality: 'low', size: '1536x1024' })],
    ['nano-banana-pro', expect.objectContaining({ aspectRatio: '16:9', resolution: '2K' })],
    ['flux-2-pro', expect.objectContaining({ seed: 7 })],
  ]);
  expect(rows[0]?.params).not.toHaveProperty('seed');
  expect(rows[0]?.assets[0]).toMatchObject({ width: 1536, height: 1024 });
  // Each job's warnings are about its own settings only.
  expect(rows[1]?.warnings).toEqual([]);
});

test('settings for a model that is not run are refused', async () => {
  await expect(
    studio.caller().generate.create({
      kind: 'image',
      prompt: 'x',
      models: ['gpt-image-2'],
      modelParams: { 'flux-2-pro': { seed: 1 } },
    }),
  ).rejects.toSatisfy(
    (e) =>
      (e as TRPCError).code === 'BAD_REQUEST' && /not one of the models/.test((e as Error).message),
  );
});

test('history lists one side-by-side run by its batch id', async () => {
  const caller = studio.caller();
  const create = (prompt: string, models: string[]) =>
    caller.generate.create({
      kind: 'image',
      prompt,
      models,
      providers: { 'nano-banana-pro': 'google' },
    });
  const pair = (await create('two lanterns', ['gpt-image-2', 'nano-banana-pro'])).batches[0];
  const alone = (await create('one lantern', ['flux-2-pro'])).batches[0];
  if (!pair || !alone) throw new Error('no batch');
  const ids = [pair, alone].flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  await settled(studio.engine, ids);

  const batch = await caller.history.list({ batchId: pair.batchId });
  expect(batch.items.map((g) => g.modelId).sort()).toEqual(['gpt-image-2', 'nano-banana-pro']);
  expect(new Set(batch.items.map((g) => g.batchId))).toEqual(new Set([pair.batchId]));
  // With other filters too, and through search.
  expect(
    (await caller.history.list({ batchId: pair.batchId, models: ['gpt-image-2'] })).items,
  ).toHaveLength(1);
  expect(
    (await caller.history.search({ batchId: alone.batchId, query: 'lantern' })).items.map(
      (g) => g.modelId,
    ),
  ).toEqual(['flux-2-pro']);
  expect((await caller.history.list({ batchId: 'no-such-batch' })).items).toEqual([]);
  await expect(caller.history.list({ batchId: ' ' })).rejects.toThrow(/batchId/);
});
