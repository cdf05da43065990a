import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '../src/index.ts';

const caller = createCallerFactory(appRouter)(createContext());

describe('catalog procedures', () => {
  it('resolves a model by marketing name', async () => {
    const model = await caller.catalog.get({ id: 'Nano Banana Pro' });
    expect(model.id).toBe('nano-banana-pro');
  });

  it('answers an unknown model with NOT_FOUND and a suggestion', async () => {
    const error = await caller.catalog.get({ id: 'nano-banan-pro' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
    expect((error as TRPCError).message).toMatch(/Unknown model/);
  });

  it('flags each model and route with whether Atelier can run it here', async () => {
    const models = await caller.catalog.list({});
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) {
      expect(typeof m.runnable).toBe('boolean');
      expect(m.runnable ? m.notRunnableReason : typeof m.notRunnableReason).toBe(
        m.runnable ? undefined : 'string',
      );
      for (const r of m.routes) expect(typeof r.runnable).toBe('boolean');
    }
    const unadapted = models.find((m) => m.id === 'wan-2-5-image');
    expect(unadapted).toMatchObject({
      runnable: false,
      notRunnableReason: 'Atelier cannot call DashScope for images yet',
      routes: [{ provider: 'dashscope', runnable: false }],
    });
    const seedream = models.find((m) => m.id === 'seedream-4-0');
    expect(seedream?.runnable).toBe(true);
    expect(seedream?.routes.map((r) => [r.provider, r.runnable])).toEqual([
      ['byteplus', true],
      ['fal', true],
    ]);

    const runnable = await caller.catalog.list({ runnableOnly: true });
    expect(runnable.every((m) => m.runnable)).toBe(true);
    expect(runnable.map((m) => m.id)).not.toContain('wan-2-5-image');
    expect(runnable.map((m) => m.id)).toContain('nano-banana-pro');
  });

  it('flags the model card too', async () => {
    const card = await caller.catalog.get({ id: 'wan-2-5-image' });
    expect(card.runnable).toBe(false);
    expect(card.routes[0]?.notRunnableReason).toBe('Atelier cannot call DashScope for images yet');
    expect((await caller.catalog.get({ id: 'nano-banana-pro' })).runnable).toBe(true);
  });

  it('rejects bad filter values naming the allowed ones', async () => {
    const error = await caller.catalog.list({ modality: 'audio' as never }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});
