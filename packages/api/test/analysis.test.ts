import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '../src/index.ts';

const caller = createCallerFactory(appRouter)(createContext());

describe('compare, recommend and prompt procedures', () => {
  it('compares two models by marketing name', async () => {
    const result = await caller.compare.run({
      ids: ['GPT Image 2', 'Nano Banana Pro'],
      useCase: 'portrait',
    });
    expect(result.models.map((m) => m.id)).toEqual(['gpt-image-2', 'nano-banana-pro']);
    expect(result.criteria.length).toBeGreaterThan(5);
  });

  it('refuses a one-model comparison', async () => {
    const error = await caller.compare.run({ ids: ['gpt-image-2'] }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('recommends video models that have audio', async () => {
    const result = await caller.recommend.run({ modality: 'video', mustHaves: ['audio'] });
    expect(result.ranked.length).toBeGreaterThan(0);
    expect(result.excluded.some((e) => e.reasons.length > 0)).toBe(true);
  });

  it('leaves out models Atelier cannot run here unless asked for', async () => {
    const result = await caller.recommend.run({ modality: 'image' });
    expect(result.excluded.find((e) => e.model === 'wan-2-7-image-pro')?.reasons).toEqual([
      expect.stringMatching(/^Atelier cannot run it here: no sourced price: /),
    ]);
    const all = await caller.recommend.run({ modality: 'image', includeUnrunnable: true });
    expect(all.ranked.find((m) => m.model === 'wan-2-7-image-pro')?.runnable).toBe(false);
  });

  it('finds quoted text in a prompt', async () => {
    const result = await caller.prompt.analyze({
      text: 'A neon sign reading "OPEN LATE" --ar 16:9',
      model: 'nano-banana-pro',
    });
    expect(result.quotedText).toEqual(['OPEN LATE']);
  });

  it('lists models with their starting price', async () => {
    const models = await caller.catalog.list({ modality: 'image' });
    const flux = models.find((m) => m.id === 'flux-2-pro');
    expect(flux?.startingPrice?.micros).toBeGreaterThan(0);
  });
});
