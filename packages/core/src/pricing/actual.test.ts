import { describe, expect, it } from 'vitest';
import type { Route, Source } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { usd } from '../money.ts';
import { actualCost } from './actual.ts';

const SRC: Source = {
  ref: 'research/provider-facts.md#1.5',
  asOf: '2026-11-23',
  kind: 'price-map',
};

const gptImage2: Route = {
  provider: 'openai',
  providerModelId: 'gpt-image-2',
  status: 'active',
  price: {
    unit: 'token',
    ratesPerMillion: {
      textInput: usd('5'),
      textInputCached: usd('1.25'),
      imageInput: usd('8'),
      imageInputCached: usd('2'),
      imageOutput: usd('30'),
      textOutput: usd('10'),
    },
    outputImageTokens: {
      kind: 'formula',
      formula: 'openai-gpt-image-2',
      source: { ...SRC, kind: 'derived' },
    },
    source: SRC,
  },
};

const veo: Route = {
  provider: 'vertex',
  providerModelId: 'veo-3.1-generate-001',
  status: 'active',
  price: {
    unit: 'second',
    tiers: [
      { when: { audio: true }, micros: usd('0.40') },
      { when: { audio: false }, micros: usd('0.20') },
    ],
    source: SRC,
  },
};

const seedance: Route = {
  provider: 'byteplus',
  providerModelId: 'seedance-1-5-pro-251215',
  status: 'active',
  price: {
    unit: 'video_token',
    fps: 24,
    tiers: [{ when: { audio: false }, microsPerMillion: usd('1.2') }],
    source: SRC,
  },
};

describe('actualCost', () => {
  it('bills reported tokens at each rate, cached input at the cached rate', () => {
    const r = actualCost(
      gptImage2,
      {
        inputTextTokens: 1000,
        cachedInputTokens: 400,
        inputImageTokens: 500,
        outputImageTokens: 7024,
        outputTextTokens: 20,
      },
      { quality: 'high', size: '1024x1024' },
    );
    // 600 × $5 + 400 × $1.25 + 500 × $8 + 7024 × $30 + 20 × $10, per 1M tokens.
    expect(r.expected).toBe(3_000 + 500 + 4_000 + 210_720 + 200);
    expect(r.low).toBe(r.expected);
    expect(r.high).toBe(r.expected);
    expect(r.lines.map((l) => l.label)).toEqual([
      'Text input tokens',
      'Cached text input tokens',
      'Image input tokens',
      'Image output tokens',
      'Text output tokens',
    ]);
    expect(r.lines.every((l) => l.source === SRC)).toBe(true);
  });

  it('falls back to the list price when a token route reports no usage, and says so', () => {
    const r = actualCost(
      gptImage2,
      { images: 2 },
      { quality: 'high', size: '1024x1024', promptTokens: 0 },
    );
    expect(r.expected).toBe(2 * 210_720);
    expect(r.assumptions[0]).toMatch(/reported no token usage/);
  });

  it('bills per-second video from the seconds produced', () => {
    const r = actualCost(veo, { videoSeconds: 8, videos: 1 }, { audio: true });
    expect(r.expected).toBe(usd('3.20'));
  });

  it('bills Seedance from reported video tokens', () => {
    const r = actualCost(seedance, { outputVideoTokens: 216_000 }, { audio: false });
    expect(r.expected).toBe(259_200);
    expect(() => actualCost(seedance, { outputVideoTokens: 1000 }, { audio: true })).toThrow(
      AtelierError,
    );
  });

  it('rejects malformed usage', () => {
    expect(() => actualCost(veo, { videoSeconds: -1 }, {})).toThrow(/videoSeconds/);
  });
});
