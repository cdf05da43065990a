import { describe, expect, it } from 'vitest';
import { usd } from '../money.ts';
import { estimate } from '../pricing/index.ts';
import { GEMINI_API_AND_VERTEX, sameRoute } from './data/routes.ts';
import { LITELLM_PRICES, src } from './data/sources.ts';
import { loadCatalog } from './index.ts';

const GEMINI_PRICING = src(
  'https://ai.google.dev/gemini-api/docs/pricing',
  '2026-09-20',
  'provider',
  'as transcribed in api-evangelist/gemini plans/gemini-plans-pricing.yml',
);

const catalog = loadCatalog();
const DATE = '2026-12-06';

describe('sameRoute: one literal for routes identical apart from provider', () => {
  it("gives each provider its own copy, with that provider's own note and source", () => {
    const price = {
      unit: 'image' as const,
      tiers: [{ when: {}, micros: usd('0.04') }],
      source: GEMINI_PRICING,
    };
    const routes = sameRoute(
      GEMINI_API_AND_VERTEX,
      { providerModelId: 'imagen-x', status: 'active', price },
      {
        google: { price: { note: 'Gemini API note' } },
        vertex: { deprecated: '2026-10-01', price: { source: LITELLM_PRICES } },
      },
    );
    expect(routes).toEqual([
      {
        provider: 'google',
        providerModelId: 'imagen-x',
        status: 'active',
        price: { ...price, note: 'Gemini API note' },
      },
      {
        provider: 'vertex',
        providerModelId: 'imagen-x',
        status: 'active',
        deprecated: '2026-10-01',
        price: { ...price, source: LITELLM_PRICES },
      },
    ]);
    // The shared literal is not changed by a provider's difference.
    expect(price).not.toHaveProperty('note');
  });

  it('builds the Nano Banana Pro routes as they were written out by hand', () => {
    const [google, vertex] = catalog.resolve('nano-banana-pro').routes;
    const tokenPrice = {
      unit: 'token',
      ratesPerMillion: {
        textInput: usd('2.00'),
        imageInput: usd('2.00'),
        imageOutput: usd('120.00'),
        textOutput: usd('12.00'),
      },
      outputImageTokens: {
        kind: 'table',
        tiers: [
          { when: { resolution: '1K' }, tokens: 1120 },
          { when: { resolution: '2K' }, tokens: 1120 },
          { when: { resolution: '4K' }, tokens: 2000 },
        ],
        source: expect.objectContaining({
          ref: GEMINI_PRICING.ref,
          asOf: GEMINI_PRICING.asOf,
          kind: 'provider',
        }),
      },
      inputImageTokens: 560,
    };
    expect(google).toMatchObject({
      provider: 'google',
      providerModelId: 'gemini-3-pro-image',
      status: 'active',
      price: {
        ...tokenPrice,
        source: expect.objectContaining({ ref: GEMINI_PRICING.ref }),
        note: '$0.134 per 1K/2K image, $0.24 per 4K image; an input image ≈ $0.0011.',
      },
    });
    expect(vertex).toMatchObject({
      provider: 'vertex',
      providerModelId: 'gemini-3-pro-image',
      status: 'active',
      price: {
        ...tokenPrice,
        source: expect.objectContaining({ ref: LITELLM_PRICES.ref, kind: 'price-map' }),
      },
    });
    expect(vertex?.price).not.toHaveProperty('note');
  });

  it('prices the Gemini API and Vertex copies alike', () => {
    for (const [model, resolution] of [
      ['nano-banana-pro', '4K'],
      ['nano-banana-2-1', '1K'],
      ['nano-banana-2-lite', '1K'],
    ] as const) {
      const onGoogle = estimate({ model, provider: 'google', resolution }, catalog, DATE);
      const onVertex = estimate({ model, provider: 'vertex', resolution }, catalog, DATE);
      expect(onVertex.expected, model).toBe(onGoogle.expected);
    }
    expect(
      estimate({ model: 'nano-banana-pro', provider: 'vertex', resolution: '4K' }, catalog, DATE)
        .expected,
    ).toBe(240_200); // 2,000 image tokens at $120 per 1M, and the prompt's tokens
  });
});
