import { describe, expect, it } from 'vitest';
import type { Price, Source } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { divRound, usd } from '../money.ts';
import { gptImage2OutputTokens } from './formulas.ts';
import { PriceParamsSchema } from './params.ts';
import { priceOf } from './price-of.ts';
import { videoTokens } from './units.ts';

const src = (section: string, kind: Source['kind'] = 'provider'): Source => ({
  ref: `research/provider-facts.md#${section}`,
  asOf: '2026-11-23',
  kind,
});

/** gpt-image-1.5's official per-image table (output only), research §1.5. */
const GPT_IMAGE_15: Price = {
  unit: 'image',
  tiers: [
    ['low', '1024x1024', '0.009'],
    ['medium', '1024x1024', '0.034'],
    ['high', '1024x1024', '0.133'],
    ['low', '1024x1536', '0.013'],
    ['medium', '1024x1536', '0.05'],
    ['high', '1024x1536', '0.20'],
    ['low', '1536x1024', '0.013'],
    ['medium', '1536x1024', '0.05'],
    ['high', '1536x1024', '0.20'],
  ].map(([quality, size, price]) => ({ when: { quality, size }, micros: usd(price ?? '') })),
  source: src('1.5', 'price-map'),
};

const GPT_IMAGE_2: Price = {
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
    source: src('1.5', 'derived'),
  },
  source: src('1.5', 'price-map'),
};

const GEMINI_3_PRO_IMAGE: Price = {
  unit: 'token',
  ratesPerMillion: {
    textInput: usd('2'),
    imageInput: usd('2'),
    imageOutput: usd('120'),
    textOutput: usd('12'),
  },
  outputImageTokens: {
    kind: 'table',
    tiers: [
      { when: { resolution: '1K' }, tokens: 1120 },
      { when: { resolution: '2K' }, tokens: 1120 },
      { when: { resolution: '4K' }, tokens: 2000 },
    ],
    source: src('2.4'),
  },
  inputImageTokens: 560,
  source: src('2.4'),
};

const FLUX2_PRO: Price = {
  unit: 'megapixel',
  firstMpMicros: usd('0.03'),
  extraMpMicros: usd('0.015'),
  inputMpMicros: usd('0.015'),
  mpPixels: 1_048_576,
  rounding: 'up',
  source: src('3.1'),
};

const VEO_31: Price = {
  unit: 'second',
  tiers: [
    { when: { audio: true }, micros: usd('0.40') },
    { when: { audio: false }, micros: usd('0.20') },
    { when: { resolution: '4k', audio: true }, micros: usd('0.60') },
    { when: { resolution: '4k', audio: false }, micros: usd('0.40') },
  ],
  source: src('2.4'),
};

const SEEDANCE_15_PRO: Price = {
  unit: 'video_token',
  fps: 24,
  tiers: [
    { when: { audio: false }, microsPerMillion: usd('1.2') },
    { when: { audio: true }, microsPerMillion: usd('2.4') },
  ],
  source: src('3.2', 'reseller'),
};

/** Comfy resale: 211 credits = US$1. */
const COMFY_RATE = { credits: 211, micros: usd('1') };

const NO_PROMPT = { promptTokens: 0 };

function expectAtelierError(fn: () => unknown, code: string, message?: RegExp): AtelierError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtelierError);
    const err = e as AtelierError;
    expect(err.code).toBe(code);
    if (message) expect(err.message).toMatch(message);
    return err;
  }
  throw new Error('expected an AtelierError');
}

describe('per-image tiers', () => {
  it('prices gpt-image-1.5 by quality × size from the official table', () => {
    expect(priceOf(GPT_IMAGE_15, { quality: 'low', size: '1024x1024' }).expected).toBe(
      usd('0.009'),
    );
    expect(priceOf(GPT_IMAGE_15, { quality: 'medium', size: '1024x1536' }).expected).toBe(
      usd('0.05'),
    );
    const high = priceOf(GPT_IMAGE_15, { quality: 'high', size: '1536x1024', count: 10 });
    expect(high).toMatchObject({ low: usd('2'), expected: usd('2'), high: usd('2') });
    expect(high.lines).toEqual([
      expect.objectContaining({
        quantity: '10 images',
        unitPrice: '$0.20 / image',
        micros: usd('2'),
        source: GPT_IMAGE_15.source,
      }),
    ]);
  });

  it('matches provider words case-insensitively', () => {
    expect(priceOf(GPT_IMAGE_15, { quality: 'HIGH', size: '1024x1024' }).expected).toBe(
      usd('0.133'),
    );
  });

  it('turns quality "auto" or missing into a range with the middle option expected', () => {
    for (const quality of ['auto', undefined]) {
      const r = priceOf(GPT_IMAGE_15, { quality, size: '1024x1024' });
      expect(r).toMatchObject({ low: usd('0.009'), expected: usd('0.034'), high: usd('0.133') });
      expect(r.assumptions.join(' ')).toMatch(
        /quality not set: the range covers low, medium, high; expected assumes medium/,
      );
    }
  });

  it('uses the provider default for an open setting when it is known', () => {
    const r = priceOf(GPT_IMAGE_15, { size: '1024x1024' }, { defaults: { quality: 'high' } });
    expect(r).toMatchObject({ low: usd('0.009'), expected: usd('0.133'), high: usd('0.133') });
  });

  it('ranges over every priced size when size is open', () => {
    const r = priceOf(GPT_IMAGE_15, { quality: 'high' }, { defaults: { size: '1024x1024' } });
    expect(r).toMatchObject({ low: usd('0.133'), expected: usd('0.133'), high: usd('0.20') });
  });

  it('lets the most specific matching tier win and an empty `when` match everything', () => {
    const fal: Price = {
      unit: 'image',
      tiers: [
        { when: {}, micros: usd('0.15') },
        { when: { resolution: '4K' }, micros: usd('0.30') },
      ],
      source: src('3.9', 'provider'),
    };
    expect(priceOf(fal, { resolution: '4K' }).expected).toBe(usd('0.30'));
    expect(priceOf(fal, { resolution: '2K' }).expected).toBe(usd('0.15'));
    expect(priceOf(fal, {})).toMatchObject({
      low: usd('0.15'),
      expected: usd('0.15'),
      high: usd('0.30'),
    });
  });

  it('breaks a tie between equally specific tiers in favour of the one listed first', () => {
    const overlapping: Price = {
      unit: 'image',
      tiers: [
        { when: { quality: 'high' }, micros: usd('0.20') },
        { when: { size: '1024x1024' }, micros: usd('0.10') },
        { when: { quality: 'high', size: '2048x2048' }, micros: usd('0.40') },
      ],
      source: src('1.5'),
    };
    expect(priceOf(overlapping, { quality: 'high', size: '1024x1024' }).expected).toBe(usd('0.20'));
    expect(priceOf(overlapping, { quality: 'high', size: '2048x2048' }).expected).toBe(usd('0.40'));
  });

  it('adds a per-input-image charge per request', () => {
    const kontext: Price = {
      unit: 'image',
      tiers: [{ when: {}, micros: usd('0.04') }],
      inputImageMicros: usd('0.01'),
      source: src('3.1'),
    };
    const r = priceOf(kontext, { count: 3, inputImages: 2 });
    expect(r.expected).toBe(usd('0.12') + usd('0.06'));
    expect(r.lines.map((l) => l.label)).toEqual(['Image', 'Input images']);
  });

  it('names the allowed values when a setting has no tier', () => {
    const err = expectAtelierError(
      () => priceOf(GPT_IMAGE_15, { quality: 'ultra', size: '1024x1024' }),
      'price_unavailable',
    );
    expect(err.message).toContain('quality "ultra" is not priced; allowed: low, medium, high');
    const sizeErr = expectAtelierError(
      () => priceOf(GPT_IMAGE_15, { quality: 'low', size: '512x512' }),
      'price_unavailable',
    );
    expect(sizeErr.message).toContain('allowed: 1024x1024, 1024x1536, 1536x1024');
    expect(sizeErr.details).toMatchObject({ allowed: { quality: ['low', 'medium', 'high'] } });
  });

  it('reports a setting that does not change the price instead of dropping it silently', () => {
    const r = priceOf(GPT_IMAGE_15, { quality: 'low', size: '1024x1024', audio: true });
    expect(r.assumptions.some((a) => /^audio .* does not change this price\.$/.test(a))).toBe(true);
  });

  it('refuses a variant the price does not offer instead of pricing the default', () => {
    expect(() =>
      priceOf(GPT_IMAGE_15, { quality: 'low', size: '1024x1024', variant: 'vector' }),
    ).toThrow(/variant "vector" is not offered/);
  });
});

describe('per-megapixel (FLUX.2)', () => {
  it('reproduces BFL: 1 MP text-to-image $0.03, 1 MP edit $0.045', () => {
    expect(priceOf(FLUX2_PRO, { size: '1024x1024' }).expected).toBe(usd('0.03'));
    expect(
      priceOf(FLUX2_PRO, { size: '1024x1024', inputImages: 1, inputPixels: 1024 * 1024 }).expected,
    ).toBe(usd('0.045'));
  });

  it('bills each started extra megapixel when rounding up', () => {
    // 1920x1080 = 2,073,600 px = 1.98 MP → first MP + 1 extra.
    expect(priceOf(FLUX2_PRO, { size: '1920x1080' }).expected).toBe(usd('0.045'));
    // 2048x2048 = exactly 4 MP → first + 3 extra.
    const r = priceOf(FLUX2_PRO, { size: '2048x2048', count: 2 });
    expect(r.expected).toBe(2 * (usd('0.03') + 3 * usd('0.015')));
    expect(r.lines[1]).toMatchObject({ label: 'Extra megapixels', quantity: '3 MP × 2 images' });
  });

  it('bills pro rata with exact rounding and honours a 1,000,000-pixel megapixel', () => {
    const hunyuan: Price = {
      unit: 'megapixel',
      firstMpMicros: usd('0.10'),
      extraMpMicros: usd('0.10'),
      mpPixels: 1_000_000,
      rounding: 'exact',
      source: src('3.7', 'reseller'),
    };
    // 1024² = 1.048576 MP → $0.10 + 0.048576 × $0.10.
    expect(priceOf(hunyuan, { size: '1024x1024' }).expected).toBe(usd('0.104858'));
    const up = { ...hunyuan, rounding: 'up' as const };
    expect(priceOf(up, { size: '1024x1024' }).expected).toBe(usd('0.20'));
  });

  it('assumes a 1 MP input per input image when pixels are not given, and says so', () => {
    const r = priceOf(FLUX2_PRO, { size: '1024x1024', inputImages: 2 });
    expect(r.expected).toBe(usd('0.03') + 2 * usd('0.015'));
    expect(r.assumptions.join(' ')).toMatch(/Input image size not given/);
  });

  it('ranges over the preset sizes when size is open', () => {
    const r = priceOf(
      FLUX2_PRO,
      {},
      { options: { size: ['1024x1024', '2048x2048'] }, defaults: { size: '1024x1024' } },
    );
    expect(r).toMatchObject({ low: usd('0.03'), expected: usd('0.03'), high: usd('0.075') });
  });
});

describe('per-token', () => {
  it('reproduces Gemini 3 Pro Image: 1120 tokens × $120/1M = $0.1344 per 1K image; $0.24 at 4K', () => {
    const r = priceOf(GEMINI_3_PRO_IMAGE, { resolution: '1K', ...NO_PROMPT });
    expect(r.expected).toBe(134_400);
    expect(r.lines[0]).toMatchObject({
      quantity: '1,120 tokens × 1 image',
      unitPrice: '$120.00 / 1M tokens',
    });
    expect(priceOf(GEMINI_3_PRO_IMAGE, { resolution: '4k', ...NO_PROMPT }).expected).toBe(
      usd('0.24'),
    );
  });

  it('bills prompt and input-image tokens per request', () => {
    const r = priceOf(GEMINI_3_PRO_IMAGE, {
      resolution: '1K',
      promptTokens: 500,
      inputImages: 2,
      count: 2,
    });
    // 2 × 1120 × $120/1M + 2 × 500 × $2/1M + 2 × 2 × 560 × $2/1M
    expect(r.expected).toBe(268_800 + 2_000 + 4_480);
    expect(r.lines.map((l) => l.label)).toEqual([
      'Image output tokens',
      'Text input tokens',
      'Image input tokens',
    ]);
  });

  it('assumes a prompt length when none is given, and says so', () => {
    const r = priceOf(GEMINI_3_PRO_IMAGE, { resolution: '1K' });
    expect(r.expected).toBe(134_400 + 200);
    expect(r.assumptions.join(' ')).toMatch(/assumed 100 tokens/);
  });

  it('reproduces every row of the derived gpt-image-2 token table', () => {
    const rows: [string, 'low' | 'medium' | 'high', number, string][] = [
      ['1024x1024', 'low', 196, '0.0059'],
      ['1024x1024', 'medium', 1756, '0.0527'],
      ['1024x1024', 'high', 7024, '0.2107'],
      ['1024x1536', 'low', 158, '0.0047'],
      ['1024x1536', 'medium', 1372, '0.0412'],
      ['1024x1536', 'high', 5488, '0.1646'],
      ['1536x1024', 'low', 158, '0.0047'],
      ['1536x1024', 'medium', 1372, '0.0412'],
      ['1536x1024', 'high', 5488, '0.1646'],
      ['2048x2048', 'low', 397, '0.0119'],
      ['2048x2048', 'medium', 3568, '0.107'],
      ['2048x2048', 'high', 14272, '0.4282'],
      ['2560x1440', 'low', 205, '0.0062'],
      ['2560x1440', 'medium', 1843, '0.0553'],
      ['2560x1440', 'high', 7370, '0.2211'],
      ['3840x2160', 'low', 371, '0.0111'],
      ['3840x2160', 'medium', 3336, '0.1001'],
      ['3840x2160', 'high', 13342, '0.4003'],
    ];
    for (const [size, quality, tokens, dollars] of rows) {
      const [w, h] = size.split('x').map(Number);
      expect(gptImage2OutputTokens(quality, w ?? 0, h ?? 0), `${size} ${quality}`).toBe(tokens);
      const r = priceOf(GPT_IMAGE_2, { size, quality, ...NO_PROMPT });
      expect(r.expected).toBe(tokens * 30);
      // The research table rounds to 1/100 of a cent.
      expect(divRound(r.expected, 100)).toBe(usd(dollars) / 100);
    }
  });

  it('marks the gpt-image-2 formula as derived and widens the range by ±20 %', () => {
    const r = priceOf(GPT_IMAGE_2, { size: '1024x1024', quality: 'high', ...NO_PROMPT });
    expect(r).toMatchObject({ low: 168_576, expected: 210_720, high: 252_864 });
    expect(r.lines[0]?.source.kind).toBe('derived');
    expect(r.assumptions.join(' ')).toMatch(/unofficial community formula/);
  });

  it('ranges gpt-image-2 quality auto from low to high', () => {
    const r = priceOf(GPT_IMAGE_2, { size: '1024x1024', quality: 'auto', ...NO_PROMPT });
    expect(r.expected).toBe(1756 * 30);
    expect(r.low).toBe(divRound(196 * 30 * 80, 100));
    expect(r.high).toBe(divRound(7024 * 30 * 120, 100));
  });

  it('rejects a quality the formula does not know, listing the allowed ones', () => {
    expectAtelierError(
      () => priceOf(GPT_IMAGE_2, { size: '1024x1024', quality: 'xhigh' }),
      'price_unavailable',
      /quality "xhigh" is not priced; allowed: low, medium, high/,
    );
  });
});

describe('video', () => {
  it('reproduces Veo 3.1: 8 s at 1080p with audio = $3.20', () => {
    const r = priceOf(VEO_31, { seconds: 8, resolution: '1080p', audio: true });
    expect(r).toMatchObject({ low: usd('3.20'), expected: usd('3.20'), high: usd('3.20') });
    expect(r.lines[0]).toMatchObject({
      label: 'Video (with audio)',
      quantity: '8 s × 1 video',
      unitPrice: '$0.40 / s',
    });
    expect(priceOf(VEO_31, { seconds: 8, resolution: '4K', audio: false, count: 2 }).expected).toBe(
      usd('6.40'),
    );
  });

  it('ranges over durations when seconds is open and needs seconds otherwise', () => {
    const r = priceOf(VEO_31, { resolution: '720p', audio: true }, { durations: [4, 6, 8] });
    expect(r).toMatchObject({ low: usd('1.60'), expected: usd('2.40'), high: usd('3.20') });
    expectAtelierError(() => priceOf(VEO_31, { audio: true }), 'invalid_input', /seconds/);
  });

  it('counts Seedance video tokens as seconds × W × H × fps / 1024', () => {
    expect(videoTokens(10, { width: 1280, height: 720 }, 24)).toBe(216_000);
    // research §3.2: Seedance 1.5 Pro 720p 10 s ≈ $0.26 without audio, $0.52 with.
    const silent = priceOf(SEEDANCE_15_PRO, { seconds: 10, resolution: '720p', audio: false });
    expect(silent.expected).toBe(259_200);
    expect(
      priceOf(SEEDANCE_15_PRO, { seconds: 10, resolution: '720p', audio: true }).expected,
    ).toBe(518_400);
    expect(silent.lines[0]?.quantity).toContain('216,000 tokens (10 s × 1280x720 × 24 fps / 1024)');
  });

  it('derives the frame from resolution and aspect ratio', () => {
    const portrait = priceOf(SEEDANCE_15_PRO, {
      seconds: 10,
      resolution: '1080p',
      aspectRatio: '9:16',
      audio: false,
    });
    expect(portrait.lines[0]?.quantity).toContain('1080x1920');
  });
});

describe('credits', () => {
  it('converts credits to dollars at the stated rate, keeping fractional credits exact', () => {
    const comfy: Price = {
      unit: 'credits',
      per: 'image',
      tiers: [{ when: {}, credits: 6.33 }],
      rate: COMFY_RATE,
      source: src('3.1', 'reseller'),
    };
    // 6.33 credits ÷ 211 = $0.03 exactly.
    expect(priceOf(comfy, { count: 100 }).expected).toBe(usd('3'));
    const perSecond: Price = {
      unit: 'credits',
      per: 'second',
      tiers: [{ when: {}, credits: 84.4 }],
      rate: COMFY_RATE,
      source: src('2.4', 'reseller'),
    };
    expect(priceOf(perSecond, { seconds: 8 }).expected).toBe(usd('3.20'));
  });

  it('refuses credits without a credit→USD rate instead of returning $0', () => {
    const seed: Price = {
      unit: 'credits',
      per: 'image',
      tiers: [{ when: {}, credits: 22 }],
      rate: null,
      source: src('1.5', 'seed'),
    };
    expectAtelierError(() => priceOf(seed, {}), 'price_unavailable', /no credit-to-USD rate/);
  });
});

describe('input validation', () => {
  it('rejects malformed parameters naming the field', () => {
    expectAtelierError(() => priceOf(GPT_IMAGE_15, { size: '1024' }), 'invalid_input', /size/);
    expectAtelierError(() => priceOf(GPT_IMAGE_15, { count: 0 }), 'invalid_input', /count/);
    expectAtelierError(
      () => priceOf(GPT_IMAGE_15, { colour: 'red' } as never),
      'invalid_input',
      /colour/,
    );
  });

  it('exports the parameter schema for frontends', () => {
    expect(
      PriceParamsSchema.safeParse({ count: 3, size: 'auto', seconds: 8, aspectRatio: '16:9' })
        .success,
    ).toBe(true);
    expect(PriceParamsSchema.safeParse({ aspectRatio: 'wide' }).success).toBe(false);
  });
});
