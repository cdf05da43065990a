import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { fixtureCatalog, imageFixture, videoFixture } from '../compare/fixtures.ts';
import { AtelierError } from '../errors.ts';
import {
  analyzePrompt,
  countWords,
  detectParts,
  extractQuotedText,
  mapAspectRatio,
  parseFlags,
  type AspectMapping,
} from './index.ts';

const catalog = fixtureCatalog([
  imageFixture(
    'aspect-model',
    { textRendering: 3, costEfficiency: 4 },
    { image: { seed: true, qualities: ['low', 'high'] } },
  ),
  imageFixture('text-pro', { textRendering: 5, costEfficiency: 2 }),
  imageFixture('text-cheap', { textRendering: 5, costEfficiency: 5 }),
  imageFixture('text-ok', { textRendering: 4.5, costEfficiency: 5 }),
  imageFixture(
    'text-retired',
    { textRendering: 5 },
    {
      lifecycle: {
        status: 'retired',
        replacements: ['text-pro'],
        shutdown: '2026-01-01',
        source: { ref: 'research/x.md', asOf: '2026-11-23', kind: 'editorial' },
      },
    },
  ),
  imageFixture(
    'list-model',
    {},
    {
      image: {
        sizes: { kind: 'list', values: ['1024x1024', '1536x1024', '1024x1536', '1792x1024'] },
      },
    },
  ),
  imageFixture(
    'range-model',
    {},
    {
      image: {
        sizes: {
          kind: 'range',
          multipleOf: 16,
          minEdge: 256,
          maxEdge: 3840,
          minPixels: 655_360,
          maxPixels: 8_294_400,
          maxAspect: 3,
          presets: ['1024x1024', '1536x1024', '1024x1536'],
        },
      },
    },
  ),
  videoFixture(
    'clip',
    { motion: 4 },
    { video: { aspectRatios: ['16:9', '9:16', '1:1'], durations: [5, 10] } },
  ),
]);
const model = (id: string) => catalog.resolve(id);

function dims(m: AspectMapping): { w: number; h: number } {
  if (m.width === undefined || m.height === undefined)
    throw new Error(`${m.model} mapped to a ratio, not a size`);
  return { w: m.width, h: m.height };
}

describe('parseFlags', () => {
  it('reads --ar, --quality, --seed and --no and removes them from the prompt', () => {
    const { flags, cleaned } = parseFlags(
      'a lighthouse at dusk, --ar 16x9 --quality high --seed 42 --no text, watermark',
    );
    expect(cleaned).toBe('a lighthouse at dusk');
    expect(flags).toMatchObject({
      aspectRatio: '16:9',
      quality: 'high',
      seed: 42,
      negative: ['text', 'watermark'],
    });
    expect(flags.raw.map((f) => f.name)).toEqual(['ar', 'quality', 'seed', 'no']);
  });

  it('accepts --name=value, em dashes from autocorrect, and aliases', () => {
    const { flags, cleaned } = parseFlags(
      'a fox —ar 2.39:1 --q=low --duration 8s --n 4 --size 1536x1024',
    );
    expect(cleaned).toBe('a fox');
    expect(flags).toMatchObject({
      aspectRatio: '2.39:1',
      quality: 'low',
      seconds: 8,
      count: 4,
      size: '1536x1024',
    });
  });

  it('reports unknown flags and unreadable values instead of dropping them', () => {
    const { flags, cleaned } = parseFlags('a cat --stylize 250 --seed abc --ar wide --tile');
    expect(cleaned).toBe('a cat');
    expect(flags.seed).toBeUndefined();
    expect(flags.aspectRatio).toBeUndefined();
    expect(flags.ignored).toEqual([
      { flag: '--stylize', value: '250', reason: expect.stringContaining('not a setting') },
      { flag: '--seed', value: 'abc', reason: 'not a whole number' },
      { flag: '--ar', value: 'wide', reason: expect.stringContaining('aspect ratio') },
      { flag: '--tile', value: undefined, reason: expect.stringContaining('not a setting') },
    ]);
  });

  it('leaves dashes inside words and ranges alone', () => {
    const { flags, cleaned } = parseFlags('a well-lit room—quiet, 8–12 people');
    expect(flags.raw).toEqual([]);
    expect(cleaned).toBe('a well-lit room—quiet, 8–12 people');
  });
});

describe('extractQuotedText', () => {
  it('finds straight, curly and guillemet quotes but not apostrophes', () => {
    expect(
      extractQuotedText(
        `a sign that reads "OPEN LATE", a mug saying “Best Dad”, «Café» and 'SALE' — don't it's`,
      ),
    ).toEqual(['OPEN LATE', 'Best Dad', 'Café', 'SALE']);
    expect(extractQuotedText("the chef's knife and the baker's bread")).toEqual([]);
  });
});

describe('detectParts', () => {
  it('finds each part with its evidence', () => {
    const parts = detectParts(
      'A chef pouring espresso in a rustic kitchen, soft window light, 85mm f/1.8, shallow depth of field, editorial photography, slow dolly-in',
    );
    expect(parts.subject.evidence).toContain('chef');
    expect(parts.action.evidence).toEqual(['pouring']);
    expect(parts.environment.evidence).toEqual(['in a rustic kitchen']);
    expect(parts.lighting.evidence).toContain('light');
    expect(parts.camera.evidence).toEqual(['85mm', 'f/1.8', 'shallow depth of field']);
    expect(parts.style.evidence).toEqual(expect.arrayContaining(['editorial', 'photography']));
    expect(parts.motion.evidence).toEqual(['dolly-in']);
  });

  it('does not count nouns ending in -ing as actions nor "depth of field" as a place', () => {
    const parts = detectParts('a building with dramatic lighting, depth of field');
    expect(parts.action.present).toBe(false);
    expect(parts.environment.present).toBe(false);
    expect(parts.camera.present).toBe(true);
  });

  it('falls back to the opening noun phrase for the subject', () => {
    expect(detectParts('A weathered lighthouse keeper at dawn').subject.evidence).toEqual([
      'A weathered lighthouse keeper',
    ]);
  });
});

describe('mapAspectRatio', () => {
  it("'aspect' models: exact when listed, nearest with a warning when not", () => {
    expect(mapAspectRatio(model('aspect-model'), '16:9')).toMatchObject({
      kind: 'aspect',
      value: '16:9',
      exact: true,
      ratioError: 0,
    });
    const m = mapAspectRatio(model('aspect-model'), '21:9');
    expect(m).toMatchObject({ value: '16:9', exact: false });
    expect(m.ratioError).toBeCloseTo(0.2381, 4);
    expect(m.warning).toMatch(/has no 21:9; the nearest aspect ratio is 16:9/);
  });

  it("'list' models: the nearest listed size by ratio", () => {
    expect(mapAspectRatio(model('list-model'), '3:2')).toMatchObject({
      kind: 'size',
      value: '1536x1024',
      width: 1536,
      height: 1024,
      exact: true,
    });
    const wide = mapAspectRatio(model('list-model'), '16:9');
    expect(wide).toMatchObject({ value: '1792x1024', exact: false });
    expect(wide.warning).toContain('1792x1024');
    // 4:5 is nearer 2:3 than 1:1 on a log scale (|ln 1.2| < |ln 0.8|)
    expect(mapAspectRatio(model('list-model'), '4:5')).toMatchObject({
      value: '1024x1536',
      exact: false,
    });
    expect(mapAspectRatio(model('list-model'), '6:5')).toMatchObject({
      value: '1024x1024',
      exact: false,
    });
  });

  it("'range' models: an exact WxH on the multiple near the usual area", () => {
    const m = mapAspectRatio(model('range-model'), '16:9');
    const { w, h } = dims(m);
    expect(m.exact).toBe(true);
    expect(w % 16).toBe(0);
    expect(h % 16).toBe(0);
    expect(w * 9).toBe(h * 16);
    expect(w * h).toBeGreaterThanOrEqual(655_360);
    expect(m.value).toBe('1792x1008');
    expect(mapAspectRatio(model('range-model'), '1:1')).toMatchObject({
      value: '1024x1024',
      exact: true,
    });
  });

  it("'range' models: ratios with no exact size come close, ratios past maxAspect are narrowed", () => {
    const cinema = mapAspectRatio(model('range-model'), '2.39:1');
    expect(cinema.exact).toBe(false);
    expect(cinema.ratioError).toBeLessThanOrEqual(0.005);
    const c = dims(cinema);
    expect((c.w % 16) + (c.h % 16)).toBe(0);
    const banner = mapAspectRatio(model('range-model'), '4:1');
    expect(banner.exact).toBe(false);
    const b = dims(banner);
    expect(b.w / b.h).toBeCloseTo(3, 5);
    expect(banner.warning).toMatch(/at most 3:1/);
  });

  it('video models: nearest of the video aspect ratios', () => {
    expect(mapAspectRatio(model('clip'), '4:5')).toMatchObject({
      kind: 'aspect',
      value: '1:1',
      exact: false,
    });
    expect(mapAspectRatio(model('clip'), '9:16')).toMatchObject({ value: '9:16', exact: true });
  });

  it('rejects text that is not a ratio', () => {
    expect(() => mapAspectRatio(model('clip'), 'wide')).toThrow(AtelierError);
    expect(() => mapAspectRatio(model('clip'), '0:1')).toThrow(/not an aspect ratio/);
  });
});

describe('analyzePrompt', () => {
  it('checks the parts the model asks for and its word limit', () => {
    const long = `${'a very detailed ceramic mug '.repeat(10)}`;
    const r = analyzePrompt(long, { model: 'aspect-model' }, catalog);
    expect(r.model).toBe('aspect-model');
    expect(r.words).toBe(50);
    expect(r.maxWords).toBe(40);
    expect(r.overLimit).toBe(true);
    expect(r.expected).toEqual(['subject', 'action', 'environment', 'lighting', 'camera']);
    expect(r.missing).toEqual(['action', 'environment', 'lighting', 'camera']);
    expect(r.hints[0]).toMatch(/^50 words: ASPECT-MODEL follows prompts best within 40/);
    expect(r.hints).toContain(
      'ASPECT-MODEL prompt structure: [Subject] [Action] in [Environment], [Lighting], [Camera]',
    );
    expect(r.hints).toContain('Fixture tip.');
  });

  it('suggests the strongest text renderers for quoted text, best and cheapest first, never retired', () => {
    const r = analyzePrompt('a poster that reads "GRAND OPENING" --ar 16:9', {}, catalog);
    expect(r.quotedText).toEqual(['GRAND OPENING']);
    expect(r.parts.text.present).toBe(true);
    expect(r.expected).toContain('text');
    expect(r.textRenderingSuggestions).toEqual(['text-cheap', 'text-pro', 'text-ok']);
    expect(r.sizeMapping.map((m) => m.model)).toEqual(['text-cheap', 'text-pro', 'text-ok']);
    expect(r.sizeMapping.every((m) => m.exact)).toBe(true);
  });

  it('points a weak text renderer to the strong ones', () => {
    const r = analyzePrompt('a shop sign that says "BAKERY"', { model: 'aspect-model' }, catalog);
    expect(r.hints).toContain(
      'ASPECT-MODEL scores 3/5 on text rendering; for the quoted text consider TEXT-CHEAP, TEXT-PRO, TEXT-OK.',
    );
  });

  it('turns flags the model cannot honour into hints', () => {
    const r = analyzePrompt(
      'a red bottle on a marble countertop --seed 7 --no logos --quality ultra --ar 21:9',
      { model: 'aspect-model' },
      catalog,
    );
    expect(r.cleanedPrompt).toBe('a red bottle on a marble countertop');
    expect(r.hints).toContain(
      'ASPECT-MODEL quality is one of low, high; --quality ultra is not one of them.',
    );
    expect(
      r.hints.some((h) => h.startsWith('ASPECT-MODEL has no negative prompt; --no logos')),
    ).toBe(true);
    expect(r.hints.some((h) => h.includes('seed'))).toBe(false);
    expect(r.sizeMapping).toHaveLength(1);
    expect(r.sizeMapping[0]).toMatchObject({ value: '16:9', exact: false });
    expect(r.hints).toContain(r.sizeMapping[0]?.warning);
  });

  it('checks video prompts for motion and clip lengths', () => {
    const r = analyzePrompt(
      'a surfer riding a wave off the coast at sunset, wide shot --duration 7',
      { model: 'clip' },
      catalog,
    );
    expect(r.missing).toEqual(['motion']);
    expect(r.hints).toContain('CLIP clip lengths are 5, 10 s; 7 s is not one of them.');
  });

  it('names the replacement of a retired model', () => {
    const r = analyzePrompt('a cat', { model: 'text-retired' }, catalog);
    expect(r.hints[0]).toBe('TEXT-RETIRED was retired on 2026-01-01; use TEXT-PRO instead.');
  });

  it('validates its input', () => {
    expect(() => analyzePrompt('   ', {}, catalog)).toThrow(
      /text: a prompt needs at least one word/,
    );
    expect(() => analyzePrompt('a cat', { model: 'aspect-modle' }, catalog)).toThrow(
      /Unknown model/,
    );
  });

  it('counts words, not punctuation', () => {
    expect(countWords('a cat , — on a mat !')).toBe(5);
  });
});

describe('analyzePrompt with the real catalog', () => {
  const real = loadCatalog();
  it('reads the seed 004 portrait prompt against Nano Banana Pro', () => {
    const prompt =
      'A dim seaside boardwalk at night, lit by scattered string lights and kiosk glow, as a South Asian man in his late 20s with long braids rockets past on a skateboard, turning his head toward the camera mid-push (85mm portrait feel, shallow depth of field, authentic nightlife grain). Split-screen comparison frame: left labeled “GPT-Image 2”, right labeled “Nano Banana Pro” --ar 16:9';
    const r = analyzePrompt(prompt, { model: 'nano-banana-pro' }, real);
    const nbp = real.resolve('nano-banana-pro');
    expect(r.maxWords).toBe(nbp.prompt.maxWords);
    expect(r.quotedText).toEqual(['GPT-Image 2', 'Nano Banana Pro']);
    expect(r.missing).toEqual([]);
    expect(r.sizeMapping).toEqual([
      {
        model: 'nano-banana-pro',
        requested: '16:9',
        kind: 'aspect',
        value: '16:9',
        exact: true,
        ratioError: 0,
      },
    ]);
    for (const id of r.textRenderingSuggestions) {
      expect(real.resolve(id).scores.textRendering?.value).toBeGreaterThanOrEqual(4.5);
    }
  });
});
