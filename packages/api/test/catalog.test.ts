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
    const unpriced = models.find((m) => m.id === 'wan-2-7-image-pro');
    expect(unpriced).toMatchObject({
      runnable: false,
      notRunnableReason: expect.stringMatching(/^no sourced price: /),
      routes: [],
    });
    // DashScope runs Wan.
    expect(models.find((m) => m.id === 'wan-2-5-image')).toMatchObject({
      runnable: true,
      routes: [{ provider: 'dashscope', runnable: true }],
    });
    const seedream = models.find((m) => m.id === 'seedream-4-0');
    expect(seedream?.runnable).toBe(true);
    expect(seedream?.routes.map((r) => [r.provider, r.runnable])).toEqual([
      ['byteplus', true],
      ['fal', true],
    ]);

    const runnable = await caller.catalog.list({ runnableOnly: true });
    expect(runnable.every((m) => m.runnable)).toBe(true);
    expect(runnable.map((m) => m.id)).not.toContain('wan-2-7-image-pro');
    expect(runnable.map((m) => m.id)).toContain('nano-banana-pro');
  });

  it('browses in one call: the filtered models as list gives them, every vendor and name', async () => {
    const filter = { vendor: 'Google', runnableOnly: true };
    const page = await caller.catalog.browse(filter);
    const listed = await caller.catalog.list(filter);
    expect(page.models.map((m) => m.id)).toEqual(listed.map((m) => m.id));
    // Only what the page shows: no routes, prompting guide or sources.
    const banana = listed.find((m) => m.id === 'nano-banana-pro');
    expect(page.models.find((m) => m.id === 'nano-banana-pro')).toEqual({
      id: 'nano-banana-pro',
      name: banana?.name,
      vendor: banana?.vendor,
      modality: 'image',
      tasks: banana?.tasks,
      description: banana?.description,
      runnable: true,
      lifecycle: {
        status: banana?.lifecycle.status,
        replacements: banana?.lifecycle.replacements,
        ...(banana?.lifecycle.released ? { released: banana.lifecycle.released } : {}),
      },
      scores: Object.fromEntries(
        Object.entries(banana?.scores ?? {}).map(([k, v]) => [k, { value: v.value }]),
      ),
      startingPrice: { micros: banana?.startingPrice?.micros, per: banana?.startingPrice?.per },
    });
    expect(JSON.stringify(page).length).toBeLessThan(JSON.stringify(listed).length / 4);
    const all = await caller.catalog.list({ includeRetired: true });
    expect(page.vendors).toEqual(
      [...new Set(all.map((m) => m.vendor))].sort((a, b) => a.localeCompare(b)),
    );
    expect(page.vendors.length).toBeGreaterThan(new Set(page.models.map((m) => m.vendor)).size);
    expect(page.names).toEqual(Object.fromEntries(all.map((m) => [m.id, m.name])));
  });

  it('flags the model card too', async () => {
    const card = await caller.catalog.get({ id: 'wan-2-7-image-pro' });
    expect(card.runnable).toBe(false);
    expect(card.notRunnableReason).toMatch(
      /^no sourced price: No DashScope \/ Model Studio list price/,
    );
    expect((await caller.catalog.get({ id: 'nano-banana-pro' })).runnable).toBe(true);
  });

  it('rejects bad filter values naming the allowed ones', async () => {
    const error = await caller.catalog
      .list({ modality: 'audio' as never })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});
