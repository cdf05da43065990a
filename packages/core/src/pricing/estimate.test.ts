import { describe, expect, it } from 'vitest';
import { Catalog, loadCatalog, parseEntries } from '../catalog/index.ts';
import type { ModelEntry, ModelEntryInput, Price, Route, Source } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { formatUsd, usd } from '../money.ts';
import { chooseRoute, estimate, priceClaims, startingPrice } from './estimate.ts';
import { projectMonthly } from './planning.ts';

const SRC: Source = { ref: 'research/provider-facts.md#1.5', asOf: '2026-11-23', kind: 'provider' };

function imageEntry(
  id: string,
  routes: Route[],
  extra: Partial<ModelEntryInput> = {},
): ModelEntryInput {
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'test',
    modality: 'image',
    description: 'fixture',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: SRC },
    image: {
      sizes: { kind: 'list', values: ['1024x1024', '1536x1024', '1024x1536'] },
      qualities: ['low', 'medium', 'high', 'auto'],
      maxImagesPerCall: 10,
      maxWidth: 1536,
      maxHeight: 1536,
      transparency: true,
      outputFormats: ['png'],
      maxInputImages: 16,
      mask: true,
      seed: false,
      negativePrompt: false,
      source: SRC,
    },
    scores: {},
    prompt: { template: '[Subject]', parts: ['subject'], maxWords: 100, source: SRC },
    routes,
    ...extra,
  } as ModelEntryInput;
}

const route = (
  provider: Route['provider'],
  price: Price,
  status: Route['status'] = 'active',
  id = 'model',
): Route => ({
  provider,
  providerModelId: `${provider}/${id}`,
  status,
  price,
});
const flat = (dollars: string): Price => ({
  unit: 'image',
  tiers: [{ when: {}, micros: usd(dollars) }],
  source: SRC,
});

const GPT_IMAGE_2_PRICE: Price = {
  unit: 'token',
  ratesPerMillion: { textInput: usd('5'), imageInput: usd('8'), imageOutput: usd('30') },
  outputImageTokens: {
    kind: 'formula',
    formula: 'openai-gpt-image-2',
    source: { ...SRC, kind: 'derived' },
  },
  source: SRC,
};

const fixtures = new Catalog(
  parseEntries([
    imageEntry(
      'two-routes',
      [
        route('fal', flat('0.05')),
        route('replicate', flat('0.04')),
        route('openai', flat('0.01'), 'retired'),
      ],
      {
        aliases: ['Two Routes'],
      },
    ),
    imageEntry('old-model', [route('openai', flat('0.02'), 'retired', 'old')], {
      lifecycle: {
        status: 'retired',
        shutdown: '2026-08-17',
        replacements: ['two-routes'],
        source: SRC,
      },
    }),
    imageEntry('unpriced', [], { unpricedReason: 'No list price in a primary source.' }),
    imageEntry('credits-only', [
      route(
        'fal',
        {
          unit: 'credits',
          per: 'image',
          tiers: [{ when: {}, credits: 8 }],
          rate: null,
          source: SRC,
        },
        'active',
        'credits',
      ),
    ]),
    imageEntry('gpt-image-2-like', [route('openai', GPT_IMAGE_2_PRICE, 'active', 'gpt')], {
      image: {
        sizes: {
          kind: 'range',
          multipleOf: 16,
          minEdge: 256,
          maxEdge: 3840,
          minPixels: 655_360,
          maxPixels: 8_294_400,
          maxAspect: 3,
          presets: ['1024x1024', '1536x1024', '1024x1536', '2048x2048', '3840x2160'],
        },
        qualities: ['low', 'medium', 'high', 'auto'],
        maxImagesPerCall: 10,
        maxWidth: 3840,
        maxHeight: 3840,
        transparency: true,
        outputFormats: ['png'],
        maxInputImages: 16,
        mask: true,
        seed: false,
        negativePrompt: false,
        source: SRC,
      },
    }),
  ]),
);

function expectCode(fn: () => unknown, code: string): AtelierError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtelierError);
    expect((e as AtelierError).code).toBe(code);
    return e as AtelierError;
  }
  throw new Error(`expected AtelierError ${code}`);
}

describe('chooseRoute: the one rule estimate and selectRoute share', () => {
  const twoOnFal = fixtures.get('two-routes');
  const kling = loadCatalog().resolve('kling-v3');

  it('prices the cheapest serving route, within a pinned provider too', () => {
    if (!twoOnFal) throw new Error('fixture');
    expect(chooseRoute(twoOnFal).route.provider).toBe('replicate');
    expect(chooseRoute(twoOnFal, {}, { provider: 'fal' }).route.provider).toBe('fal');
    // Several routes on one provider (Kling Standard, Pro and 4K on fal): the pin keeps them all in play.
    const choice = chooseRoute(kling, { seconds: 8, audio: false }, { provider: 'fal' });
    expect(choice.route.providerModelId).toBe('fal-ai/kling-video/v3/standard/text-to-video');
    expect(choice.result?.expected).toBe(usd('0.672'));
    expect(choice.weighed).toBe(3);
    // 4K goes to fal's native 4K endpoint at its one rate, audio on or off ($0.42/s, fal's page).
    const uhd = chooseRoute(kling, { seconds: 5, audio: true, resolution: '4k' });
    expect(uhd.route.providerModelId).toBe('fal-ai/kling-video/v3/4k/text-to-video');
    expect(uhd.result?.expected).toBe(usd('2.10'));
  });

  it('an exact route pin prices that route', () => {
    const pro = 'fal-ai/kling-video/v3/pro/text-to-video';
    const choice = chooseRoute(kling, { seconds: 8, audio: false }, { providerModelId: pro });
    expect(choice.route.providerModelId).toBe(pro);
    expect(choice.result?.expected).toBe(usd('0.896'));
    const e = estimate({ model: 'kling-v3', providerModelId: pro, seconds: 8, audio: false });
    expect(e.route.providerModelId).toBe(pro);
    expect(e.expected).toBe(usd('0.896'));
    expectCode(
      () => estimate({ model: 'kling-v3', providerModelId: 'fal-ai/nope' }),
      'unsupported',
    );
  });

  it('callable routes come first, however cheap the others are', () => {
    if (!twoOnFal) throw new Error('fixture');
    const choice = chooseRoute(twoOnFal, {}, { callable: (r) => r.provider === 'fal' });
    expect(choice.route.provider).toBe('fal');
    expect(choice.weighed).toBe(1);
    // Nothing callable: the cheapest of all, so the adapter can say which key is missing.
    expect(chooseRoute(twoOnFal, {}, { callable: () => false }).route.provider).toBe('replicate');
  });

  it('serving routes come before deprecated ones; ties keep catalog order', () => {
    const catalog = new Catalog(
      parseEntries([
        imageEntry('mixed', [
          route('google', flat('0.01'), 'deprecated'),
          route('vertex', flat('0.03')),
          route('fal', flat('0.03')),
        ]),
      ]),
    );
    const mixed = catalog.get('mixed');
    if (!mixed) throw new Error('fixture');
    expect(chooseRoute(mixed).route.provider).toBe('vertex');
    expect(
      chooseRoute(mixed, {}, { callable: (r) => r.provider === 'google' }).route.provider,
    ).toBe('google');
    expect(estimate({ model: 'mixed', provider: 'google' }, catalog).assumptions[0]).toBe(
      'The google route google/model is deprecated.',
    );
  });
});

describe('estimate on fixtures', () => {
  it('picks the cheapest serving route and skips retired ones', () => {
    const e = estimate({ model: 'Two Routes', count: 10 }, fixtures);
    expect(e).toMatchObject({
      model: 'two-routes',
      route: { provider: 'replicate', providerModelId: 'replicate/model' },
      unit: 'image',
      count: 10,
      expected: usd('0.40'),
      perAsset: { low: usd('0.04'), expected: usd('0.04'), high: usd('0.04') },
    });
    expect(e.sources).toEqual([SRC]);
  });

  it('uses the requested provider, and names the available ones when it has no route', () => {
    expect(estimate({ model: 'two-routes', provider: 'fal' }, fixtures).expected).toBe(usd('0.05'));
    const err = expectCode(
      () => estimate({ model: 'two-routes', provider: 'bfl' }, fixtures),
      'unsupported',
    );
    expect(err.hint).toMatch(/fal, replicate, openai/);
    expectCode(
      () => estimate({ model: 'two-routes', provider: 'openai' }, fixtures),
      'model_retired',
    );
  });

  it('refuses a retired model, naming its replacements', () => {
    const err = expectCode(() => estimate({ model: 'old-model' }, fixtures), 'model_retired');
    expect(err.message).toBe('OLD-MODEL was retired on 2026-08-17 and can no longer be called.');
    expect(err.hint).toBe('Use TWO-ROUTES instead.');
    expect(err.details).toMatchObject({ replacements: ['two-routes'] });
  });

  it('never prices a model without a usable route at $0', () => {
    const err = expectCode(() => estimate({ model: 'unpriced' }, fixtures), 'price_unavailable');
    expect(err.hint).toBe('No list price in a primary source.');
    const credits = expectCode(
      () => estimate({ model: 'credits-only' }, fixtures),
      'price_unavailable',
    );
    expect(credits.hint).toMatch(/credit-to-USD rate/);
  });

  it('passes unknown-model errors through from resolve()', () => {
    const err = expectCode(() => estimate({ model: 'tw-routes' }, fixtures), 'unknown_model');
    expect(err.details).toMatchObject({ suggestions: ['two-routes'] });
  });

  it('validates the request at the boundary', () => {
    expectCode(() => estimate({ model: 'two-routes', count: -1 }, fixtures), 'invalid_input');
    expectCode(
      () => estimate({ model: 'two-routes', provider: 'nowhere' as never }, fixtures),
      'invalid_input',
    );
  });

  it('estimates prompt tokens from the prompt words and says so', () => {
    const prompt = 'a lighthouse on a cliff at dusk, warm light, 35mm film'; // 11 words
    const e = estimate(
      { model: 'gpt-image-2-like', quality: 'high', size: '1024x1024', prompt },
      fixtures,
    );
    expect(e.lines.find((l) => l.label === 'Text input tokens')?.quantity).toBe(
      '15 tokens × 1 request',
    );
    expect(e.expected).toBe(210_720 + 75);
    expect(e.assumptions).toContain('Prompt tokens estimated from its words: about 15 tokens.');
  });

  it('ranges gpt-image-2 over the preset sizes and qualities the model offers', () => {
    const e = estimate({ model: 'gpt-image-2-like', promptTokens: 0 }, fixtures);
    // Expected: 1024x1024 medium; low: 1536x1024 low −20 %; high: 2048x2048 high +20 %.
    expect(e.expected).toBe(1756 * 30);
    expect(e.low).toBe(Math.round(158 * 30 * 0.8));
    expect(e.high).toBe(Math.round(14_272 * 30 * 1.2));
    expect(e.assumptions.join(' ')).toMatch(
      /size not set: the range covers .*3840x2160; expected assumes 1024x1024/,
    );
  });

  it('checks a free size against the model limits', () => {
    expect(
      estimate(
        { model: 'gpt-image-2-like', size: '2560x1440', quality: 'high', promptTokens: 0 },
        fixtures,
      ).expected,
    ).toBe(7370 * 30);
    for (const size of ['1000x1000', '4096x2048', '3840x1024']) {
      const err = expectCode(
        () => estimate({ model: 'gpt-image-2-like', size }, fixtures),
        'invalid_input',
      );
      expect(err.message).toMatch(/multiples of 16/);
    }
  });
});

describe('estimate on the catalog', () => {
  const catalog = loadCatalog();

  it('prices Nano Banana Pro at $0.1344 per 1K image through the Gemini API', () => {
    const e = estimate({
      model: 'nano-banana-pro',
      provider: 'google',
      resolution: '1K',
      promptTokens: 0,
      count: 50,
    });
    expect(e.expected).toBe(50 * 134_400);
    expect(e.perAsset.expected).toBe(134_400);
    expect(e.lines[0]?.source.ref).toBe('https://ai.google.dev/gemini-api/docs/pricing');
  });

  it('maps a pixel size onto the resolution tier it needs', () => {
    const e = estimate({
      model: 'nano-banana-pro',
      provider: 'google',
      size: '3000x2000',
      promptTokens: 0,
    });
    expect(e.expected).toBe(usd('0.24'));
    expect(e.assumptions).toContain('Size 3000x2000 maps to the 4K resolution tier.');
    expect(e.assumptions.join(' ')).not.toMatch(/does not change/);
  });

  it('refuses settings the model does not offer, listing what it does', () => {
    const res = expectCode(
      () => estimate({ model: 'nano-banana-pro', resolution: '8K' }),
      'invalid_input',
    );
    expect(res.message).toBe('resolution: Nano Banana Pro does not offer 8K; allowed: 1K, 2K, 4K.');
    const secs = expectCode(() => estimate({ model: 'veo-3-1', seconds: 5 }), 'invalid_input');
    expect(secs.message).toMatch(/allowed: 4, 6, 8/);
    const size = expectCode(
      () => estimate({ model: 'two-routes', size: '640x480' }, fixtures),
      'invalid_input',
    );
    expect(size.message).toMatch(/allowed: 1024x1024, 1536x1024, 1024x1536/);
    expectCode(
      () => estimate({ model: 'two-routes', quality: 'ultra' }, fixtures),
      'invalid_input',
    );
  });

  it('prices the fal route from its list price', () => {
    const e = estimate({ model: 'nano-banana-pro', provider: 'fal', resolution: '4K' });
    expect(e).toMatchObject({ unit: 'image', expected: usd('0.30') });
  });

  it('reproduces seed 000: $0.08 per image is $4 / $16 / $80 a month', () => {
    const model = catalog.resolve('nano-banana-pro');
    const claim = priceClaims(model, { count: 50 }).find((c) =>
      c.claim.source.ref.startsWith('seeds/000'),
    );
    expect(claim?.result?.expected).toBe(usd('4'));
    const perImage =
      priceClaims(model).find((c) => c.claim.source.ref.startsWith('seeds/000'))?.result
        ?.expected ?? 0;
    expect(projectMonthly(perImage, [50, 200, 1000]).map((r) => formatUsd(r.micros))).toEqual([
      '$4.00',
      '$16.00',
      '$80.00',
    ]);
  });

  it('keeps a credits claim without a rate as an error, not $0', () => {
    const credits = priceClaims(catalog.resolve('nano-banana-pro')).find(
      (c) => c.claim.price?.unit === 'credits',
    );
    expect(credits?.result).toBeUndefined();
    expect(credits?.error?.code).toBe('price_unavailable');
  });

  it('reproduces FLUX.2 [pro] on BFL: 1 MP text-to-image $0.03, 1 MP edit $0.045', () => {
    expect(estimate({ model: 'flux-2-pro', provider: 'bfl', size: '1024x1024' }).expected).toBe(
      usd('0.03'),
    );
    const edit = estimate({
      model: 'flux-2-pro',
      provider: 'bfl',
      size: '1024x1024',
      inputImages: 1,
      inputPixels: 1024 * 1024,
    });
    expect(edit.expected).toBe(usd('0.045'));
    expect(edit.lines.map((l) => l.label)).toEqual(['First megapixel', 'Input megapixels']);
  });

  it('reproduces Veo 3.1: 8 s at 1080p with audio = $3.20', () => {
    const e = estimate({
      model: 'veo-3-1',
      provider: 'vertex',
      seconds: 8,
      resolution: '1080p',
      audio: true,
    });
    expect(e).toMatchObject({
      low: usd('3.20'),
      expected: usd('3.20'),
      high: usd('3.20'),
      unit: 'second',
    });
  });

  it('ranges an open Veo request over durations and resolutions, expecting an 8 s 720p clip with audio', () => {
    const e = estimate({ model: 'veo-3-1', provider: 'vertex' });
    expect(e.expected).toBe(usd('0.40') * 8);
    expect(e.low).toBe(usd('0.20') * 4);
    expect(e.high).toBe(usd('0.60') * 8);
    expect(e.assumptions).toContain(
      'resolution not set: the range covers 720p, 1080p, 4k; expected assumes 720p.',
    );
    expect(e.assumptions).toContain(
      'audio not set: the range covers on, off; expected assumes on.',
    );
  });

  it('refuses every retired catalog model with its replacements', () => {
    const retired = catalog.models.filter((m) => m.lifecycle.status === 'retired');
    expect(retired.length).toBeGreaterThan(0);
    for (const model of retired) {
      const err = expectCode(() => estimate({ model: model.id }), 'model_retired');
      expect(err.details).toMatchObject({ replacements: model.lifecycle.replacements });
    }
  });

  it('never returns $0 for a catalog model: a price or a price_unavailable error', () => {
    for (const model of catalog.models.filter((m) => m.lifecycle.status !== 'retired')) {
      try {
        const e = estimate({
          model: model.id,
          seconds: model.modality === 'video' ? model.video.durations[0] : undefined,
        });
        expect(e.expected, model.id).toBeGreaterThan(0);
        expect(e.low).toBeLessThanOrEqual(e.expected);
        expect(e.expected).toBeLessThanOrEqual(e.high);
        expect(e.lines.reduce((sum, l) => sum + l.micros, 0)).toBe(e.expected);
      } catch (err) {
        expect((err as AtelierError).code, model.id).toBe('price_unavailable');
      }
    }
  });
});

describe('startingPrice', () => {
  it('quotes the cheapest image at the lowest settings', () => {
    const s = startingPrice(loadCatalog().resolve('nano-banana-pro'));
    expect(s).toMatchObject({ micros: 134_400, per: 'image', label: 'from $0.134 / image' });
  });

  it('quotes time-priced video per second', () => {
    expect(startingPrice(loadCatalog().resolve('veo-3-1'))).toMatchObject({
      micros: usd('0.20'),
      per: 'second',
    });
  });

  it('skips unpriced and retired routes, and quotes a route Atelier can run when there is one', () => {
    // The cheapest route Atelier can run (fal and Replicate both run images).
    expect(startingPrice(fixtures.resolve('two-routes'))?.route.provider).toBe('replicate');
    // A cheaper route on a provider without a video adapter is not quoted.
    const kling = loadCatalog().resolve('kling-v3');
    const first = kling.routes[0];
    if (!first) throw new Error('kling-v3 has no route');
    const unadapted: Route = {
      ...first,
      provider: 'replicate',
      providerModelId: 'kwaivgi/kling-v3-video',
      price: { unit: 'second', tiers: [{ when: {}, micros: 1 }], source: SRC },
    };
    expect(
      startingPrice({ ...kling, routes: [...kling.routes, unadapted] } as ModelEntry)?.route
        .provider,
    ).toBe('fal');
    expect(startingPrice(fixtures.resolve('unpriced'))).toBeUndefined();
    expect(startingPrice(fixtures.resolve('credits-only'))).toBeUndefined();
    expect(startingPrice(fixtures.resolve('old-model'))).toBeUndefined();
  });
});

describe('variants', () => {
  it('refuses a variant no route offers, naming the ones that exist', () => {
    expect(() => estimate({ model: 'recraft-v3', variant: 'ultra' })).toThrow(
      /variant: .* does not offer ultra; allowed: vector/,
    );
    expect(() => estimate({ model: 'kling-v3', variant: 'pro' })).toThrow(/allowed: voice-control/);
    expect(() => estimate({ model: 'flux-2-pro', variant: 'pro' })).toThrow(/no priced variants/);
  });

  it('prices a variant only when asked: Seedance 2.0 without a reference video starts at $0.096/s, not the video-input tier', () => {
    // The catalog's rates: $10.01 per 1M tokens without a reference video, $6.15 with one.
    const plain = estimate({
      model: 'seedance-2-0',
      provider: 'byteplus',
      seconds: 5,
      resolution: '480p',
    });
    expect(plain.low).toBe(plain.expected);
    const withVideo = estimate({
      model: 'seedance-2-0',
      provider: 'byteplus',
      seconds: 5,
      resolution: '480p',
      variant: 'video-input',
    });
    expect(withVideo.expected).toBeLessThan(plain.low);
    expect(startingPrice(loadCatalog().resolve('seedance-2-0'))?.label).toBe(
      'from $0.0962 / second',
    );
    expect(startingPrice(loadCatalog().resolve('seedance-2-0-fast'))?.label).toBe(
      'from $0.077 / second',
    );
  });
});

describe("catalog audit of 2026-12-06: prices checked against the providers' pages", () => {
  it('Hunyuan Image 3 bills megapixels pro rata: 1536×1024 is 1.5 MP at $0.10 = $0.15', () => {
    expect(estimate({ model: 'hunyuan-image-3', size: '1536x1024' }).expected).toBe(usd('0.15'));
    expect(estimate({ model: 'hunyuan-image-3', size: '1024x1024' }).expected).toBe(usd('0.10'));
  });

  it("Recraft V4.1 at Recraft's list price: $0.035 raster, $0.08 vector; V4.1 Pro $0.21", () => {
    expect(estimate({ model: 'recraft-v4-1' }).expected).toBe(usd('0.035'));
    expect(estimate({ model: 'recraft-v4-1', variant: 'vector' }).expected).toBe(usd('0.08'));
    expect(estimate({ model: 'recraft-v4-1-pro' }).expected).toBe(usd('0.21'));
  });

  it("Gemini Omni Flash on fal at fal's stated $0.125/s for 720p with audio: 8 s = $1.00", () => {
    const omni = estimate({ model: 'gemini-omni-flash', seconds: 8 });
    expect(omni.route).toEqual({ provider: 'fal', providerModelId: 'google/gemini-omni-flash' });
    expect(omni.expected).toBe(usd('1.00'));
  });
});

describe('startingPrice', () => {
  it('quotes the cheapest option at face value, not widened by the derived-formula margin', () => {
    // gpt-image-2 low quality at 1024x1536: 158 tokens × $30/1M = $0.00474 (research/gpt-image-2_per_image_estimates_DERIVED.json).
    const start = startingPrice(loadCatalog().resolve('gpt-image-2'));
    expect(start?.micros).toBe(4_740);
  });
});
