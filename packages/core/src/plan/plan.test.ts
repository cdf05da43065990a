import { describe, expect, test } from 'vitest';
import { Catalog, loadCatalog } from '../catalog/index.ts';
import { mapAspectRatio } from '../prompt/aspect.ts';
import { planGeneration, type PlanContext } from './plan.ts';
import type { Plan, PlannedModel, PlanRequest, ReadyModel, RefusedModel } from './request.ts';

const catalog = loadCatalog();
const everyKey: PlanContext = { catalog, hasKey: () => true };
const DATE = '2026-12-06';

function plan(
  req: Omit<PlanRequest, 'date'> & { date?: string },
  ctx: PlanContext = everyKey,
): Plan {
  return planGeneration({ date: DATE, ...req }, ctx);
}
function one(
  req: Omit<PlanRequest, 'date' | 'models'> & {
    model: string;
    provider?: 'fal' | 'openai' | 'google';
    date?: string;
  },
  ctx?: PlanContext,
): PlannedModel {
  const { model, provider, ...rest } = req;
  const [m] = plan({ ...rest, models: [{ model, ...(provider ? { provider } : {}) }] }, ctx).models;
  if (!m) throw new Error('no model planned');
  return m;
}
function ready(m: PlannedModel): ReadyModel {
  if (m.status !== 'ready') throw new Error(`refused: ${m.refusal.message}`);
  return m;
}
function refused(m: PlannedModel): RefusedModel {
  if (m.status !== 'refused') throw new Error(`${m.model} is ready`);
  return m;
}

describe('every priced setting is explicit, so the estimate is of what is sent', () => {
  test('gpt-image-2 without settings asks for medium quality at 1024x1024 in PNG and prices exactly that', () => {
    const m = ready(one({ kind: 'image', prompt: 'a red fox', model: 'gpt-image-2' }));
    expect(m.route).toEqual({ provider: 'openai', providerModelId: 'gpt-image-2' });
    expect(m.params).toMatchObject({
      n: 1,
      quality: 'medium',
      size: '1024x1024',
      outputFormat: 'png',
    });
    expect(m.defaults.map((d) => d.setting)).toEqual(
      expect.arrayContaining(['quality', 'size', 'outputFormat']),
    );
    // The range is the formula's uncertainty only, not every quality and size the model has.
    expect(m.estimate.high / m.estimate.low).toBeLessThan(2);
    expect(m.estimate.low).toBeLessThanOrEqual(m.estimate.expected);
    expect(m.estimate.expected).toBeLessThanOrEqual(m.estimate.high);
    expect(m.warnings).toEqual([]);
  });

  test('a video gets its length, resolution, frame and audio chosen and priced on the route for them', () => {
    const m = ready(
      one({
        kind: 'video',
        prompt: 'a lantern',
        model: 'kling-v3',
        params: { duration: 5, resolution: '720p' },
      }),
    );
    expect(m.route.providerModelId).toMatch(/standard/);
    expect(m.params).toMatchObject({ duration: 5, resolution: '720p', aspectRatio: '16:9' });
    const pro = ready(
      one({
        kind: 'video',
        prompt: 'a lantern',
        model: 'kling-v3',
        params: { duration: 5, resolution: '1080p' },
      }),
    );
    expect(pro.route.providerModelId).toMatch(/pro/);
    expect(pro.estimate.expected).toBeGreaterThan(m.estimate.expected);
  });

  test('a default nobody set is listed as chosen, not warned about', () => {
    const m = ready(one({ kind: 'video', prompt: 'a lantern', model: 'veo-3-1' }));
    expect(m.defaults.map((d) => d.setting)).toContain('duration');
    expect(m.warnings.map((w) => w.setting)).not.toContain('duration');
  });
});

describe('--ar is mapped one way everywhere', () => {
  test('written in the prompt, it is read as the setting, removed from the text, and maps as prompt lint maps it', () => {
    const p = plan({
      kind: 'image',
      prompt: 'Poster of a lighthouse --ar 21:9',
      models: [{ model: 'gpt-image-2' }],
    });
    expect(p.prompt).toBe('Poster of a lighthouse');
    expect(p.notes.join(' ')).toMatch(/--ar 21:9/);
    const m = ready(p.models[0] as PlannedModel);
    expect(m.params['size']).toBe(mapAspectRatio(catalog.resolve('gpt-image-2'), '21:9').value);
    const flag = ready(
      one({
        kind: 'image',
        prompt: 'Poster of a lighthouse',
        model: 'gpt-image-2',
        params: { aspectRatio: '21:9' },
      }),
    );
    expect(flag.params['size']).toBe(m.params['size']);
  });

  test("a ratio beyond the model's bounds is narrowed to a size it accepts, with a warning", () => {
    const m = ready(
      one({
        kind: 'image',
        prompt: 'a banner',
        model: 'gpt-image-2',
        params: { aspectRatio: '4:1' },
      }),
    );
    const [w, h] = String(m.params['size']).split('x').map(Number) as [number, number];
    expect(w / h).toBeLessThanOrEqual(3);
    expect(m.warnings).toEqual([expect.objectContaining({ setting: 'aspectRatio' })]);
  });
});

describe('refusals come before anything is spent, with the reason and the field', () => {
  test('an unknown model suggests the nearest ids', () => {
    const m = refused(one({ kind: 'image', prompt: 'x', model: 'gpt-imag-2' }));
    expect(m.refusal).toMatchObject({
      code: 'unknown_model',
      hint: expect.stringMatching(/gpt-image-2/),
    });
  });

  test('a model is retired the day its shutdown date comes', () => {
    // GPT Image 1.5 shut down on 2026-12-01: it ran the day before, never on or after.
    const before = ready(
      one({ kind: 'image', prompt: 'x', model: 'gpt-image-1.5', date: '2026-11-30' }),
    );
    expect(before.modelId).toBe('gpt-image-1-5');
    const on = refused(
      one({ kind: 'image', prompt: 'x', model: 'gpt-image-1.5', date: '2026-12-01' }),
    );
    expect(on.refusal).toMatchObject({
      code: 'model_retired',
      hint: expect.stringMatching(/GPT Image 2\b/),
    });
  });

  test('ahead of a shutdown a ready model carries a warning naming the days left and the replacement', () => {
    const m = ready(
      one({ kind: 'image', prompt: 'x', model: 'gpt-image-1.5', date: '2026-11-19' }),
    );
    expect(m.warnings[0]?.message).toMatch(
      /^GPT Image 1\.5 shuts down in 12 days \(2026-12-01\) — move to GPT Image 2 or /,
    );
    const early = ready(
      one({ kind: 'image', prompt: 'x', model: 'gpt-image-1.5', date: '2026-10-01' }),
    );
    expect(early.warnings.some((w) => /shuts down/.test(w.message))).toBe(false);
  });

  test('a route past its own shutdown is not a candidate; the model runs on its other routes', () => {
    const nb2 = catalog.resolve('nano-banana-2');
    const moved = nb2.routes.map((r) =>
      r.provider === 'google'
        ? { ...r, shutdown: '2026-12-01', lifecycleSource: nb2.lifecycle.source }
        : r,
    );
    const ctx = {
      catalog: new Catalog(
        catalog.models.map((e) => (e.id === nb2.id ? { ...nb2, routes: moved } : e)),
      ),
      hasKey: () => true,
    };
    expect(
      refused(
        one(
          { kind: 'image', prompt: 'x', model: 'nano-banana-2', provider: 'google', date: DATE },
          ctx,
        ),
      ).refusal.message,
    ).toMatch(/retired/);
    expect(
      ready(one({ kind: 'image', prompt: 'x', model: 'nano-banana-2', date: DATE }, ctx)).route
        .provider,
    ).not.toBe('google');
    const soon = ready(
      one(
        {
          kind: 'image',
          prompt: 'x',
          model: 'nano-banana-2',
          provider: 'google',
          date: '2026-11-25',
        },
        ctx,
      ),
    );
    expect(soon.warnings[0]?.message).toMatch(
      /on this route \(gemini-3\.1-flash-image\) shuts down in 6 days/,
    );
  });

  test('no adapter, no price, wrong kind', () => {
    // Wan 2.7 as if only Recraft, which makes no video, listed it.
    const wan = catalog.resolve('wan-2-7');
    const elsewhere = {
      catalog: new Catalog(
        catalog.models.map((e) =>
          e.id === wan.id
            ? { ...wan, routes: wan.routes.map((r) => ({ ...r, provider: 'recraft' as const })) }
            : e,
        ),
      ),
      hasKey: () => true,
    };
    expect(
      refused(one({ kind: 'video', prompt: 'x', model: 'wan-2-7' }, elsewhere)).refusal,
    ).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/Recraft/) });
    expect(refused(one({ kind: 'image', prompt: 'x', model: 'flux-2-dev' })).refusal.code).toBe(
      'price_unavailable',
    );
    expect(refused(one({ kind: 'image', prompt: 'x', model: 'veo-3-1' })).refusal).toMatchObject({
      code: 'invalid_request',
      field: 'models',
    });
  });

  test('a missing key refuses the model but keeps its route and price', () => {
    const m = refused(
      one({ kind: 'image', prompt: 'x', model: 'gpt-image-2' }, { catalog, hasKey: () => false }),
    );
    expect(m.refusal).toMatchObject({ code: 'auth', field: 'key' });
    expect(m.route?.provider).toBeDefined();
    expect(m.estimate?.expected).toBeGreaterThan(0);
  });

  test('a route with a key is chosen over a cheaper one without', () => {
    const m = ready(
      one(
        { kind: 'image', prompt: 'x', model: 'gpt-image-2' },
        { catalog, hasKey: (p) => p === 'fal' },
      ),
    );
    expect(m.route.provider).toBe('fal');
  });

  test("a value outside the model's range names the field and the allowed values", () => {
    const m = refused(
      one({ kind: 'image', prompt: 'x', model: 'nano-banana-pro', params: { resolution: '8K' } }),
    );
    expect(m.refusal).toMatchObject({
      code: 'invalid_request',
      field: 'resolution',
      allowed: ['1K', '2K', '4K'],
    });
  });

  test('an option the model does not take is refused naming it (the README example with gpt-image-2)', () => {
    const m = refused(
      one({
        kind: 'image',
        prompt: 'x',
        model: 'gpt-image-2',
        params: { providerOptions: { openai: { inputFidelity: 'high' } } },
      }),
    );
    expect(m.refusal.field).toBe('providerOptions.openai.inputFidelity');
  });

  test('inputs a model cannot take are refused; a mask of another size is refused', () => {
    const image = {
      role: 'reference' as const,
      index: 0,
      mediaType: 'image/png',
      width: 1024,
      height: 1024,
    };
    expect(
      refused(
        one({
          kind: 'image',
          prompt: 'x',
          model: 'flux-2-klein-4b',
          inputs: [image, { ...image, role: 'mask' }],
        }),
      ).refusal.field,
    ).toMatch(/mask/);
    const m = refused(
      one({
        kind: 'image',
        prompt: 'x',
        model: 'gpt-image-2',
        provider: 'openai',
        inputs: [image, { ...image, role: 'mask', width: 512, height: 512 }],
      }),
    );
    expect(m.refusal.field).toMatch(/mask/);
  });

  test('the total adds the models that will run', () => {
    const p = plan({
      kind: 'image',
      prompt: 'x',
      models: [{ model: 'gpt-image-2' }, { model: 'flux-2-pro' }, { model: 'wan-2-7-image-pro' }],
    });
    const [a, b] = p.models.map((m) => (m.status === 'ready' ? m.estimate.expected : 0));
    expect(p.total.expected).toBe((a ?? 0) + (b ?? 0));
  });
});
