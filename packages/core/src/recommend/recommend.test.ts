import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import {
  FIXTURE_SOURCE,
  fixtureCatalog,
  imageFixture,
  perImageRoute,
  videoFixture,
} from '../compare/fixtures.ts';
import { LENSES } from '../compare/lenses.ts';
import { usd } from '../money.ts';
import { MUST_HAVES, recommend, TEXT_IN_IMAGE_MIN, type Recommendation } from './index.ts';

const all = (v: number) => ({
  realism: v,
  textRendering: v,
  promptAdherence: v,
  editingFlexibility: v,
  consistency: v,
  speed: v,
  costEfficiency: v,
  finalPolish: v,
});

const catalog = fixtureCatalog([
  imageFixture(
    'sharp',
    { ...all(4), realism: 5, textRendering: 5, finalPolish: 5 },
    {
      routes: [perImageRoute('sharp', '0.10')],
      tasks: ['text-to-image', 'edit', 'mask-inpainting'],
      image: { mask: true, maxInputImages: 4, maxWidth: 4096, maxHeight: 4096 },
      bestFor: [{ text: 'Campaign finals', source: FIXTURE_SOURCE }],
    },
  ),
  imageFixture(
    'cheap',
    { ...all(3), costEfficiency: 5, speed: 5 },
    { routes: [perImageRoute('cheap', '0.01')] },
  ),
  imageFixture('mid', all(4), {
    routes: [perImageRoute('mid', '0.04')],
    image: { transparency: true },
  }),
  imageFixture('mid-twin', all(4), { routes: [perImageRoute('mid-twin', '0.03')] }),
  imageFixture('noprice', all(4.5), { routes: [], unpricedReason: 'not published' }),
  imageFixture('dep', all(5), {
    lifecycle: {
      status: 'deprecated',
      shutdown: '2027-01-01',
      replacements: ['sharp'],
      source: FIXTURE_SOURCE,
    },
    routes: [{ ...perImageRoute('dep', '0.02'), status: 'deprecated' }],
  }),
  imageFixture('gone', all(5), {
    lifecycle: {
      status: 'retired',
      shutdown: '2026-05-12',
      replacements: ['mid'],
      source: FIXTURE_SOURCE,
    },
    routes: [{ ...perImageRoute('gone', '0.02'), status: 'retired' }],
  }),
  videoFixture(
    'clip',
    { ...all(4), motion: 5 },
    { video: { audio: 'optional', durations: [4, 8], imageToVideo: true } },
  ),
  videoFixture(
    'silent',
    { ...all(4), motion: 4, costEfficiency: 5 },
    { video: { audio: 'none', durations: [5, 10] } },
  ),
]);

const ids = (r: Recommendation) => r.ranked.map((m) => m.model);
const excludedFor = (r: Recommendation, id: string) =>
  r.excluded.find((e) => e.model === id)?.reasons;

describe('RecommendQuerySchema', () => {
  it('rejects unclear queries with messages that name the field', () => {
    expect(() => recommend({ budgetPerMonth: usd('100') }, catalog)).toThrow(
      /volumePerMonth: needed with budgetPerMonth/,
    );
    expect(() => recommend({ useCase: 'selfies' as never }, catalog)).toThrow(
      /useCase: must be one of "portrait", "product"/,
    );
    expect(() => recommend({ mustHaves: ['sparkles' as never] }, catalog)).toThrow(
      /mustHaves.0: must be one of "text-in-image"/,
    );
    expect(() => recommend({ modality: 'image', mustHaves: ['audio'] }, catalog)).toThrow(
      /mustHaves.0: "audio" needs video models, but the query asks for image/,
    );
    expect(() =>
      recommend({ useCase: 'social-video', mustHaves: ['transparency'] }, catalog),
    ).toThrow(/needs image models, but the query asks for video/);
    expect(() => recommend({ mustHaves: ['transparency', 'audio'] }, catalog)).toThrow(
      /mixes image-only and video-only features/,
    );
    expect(() => recommend({ budgetPerAsset: 0.05 }, catalog)).toThrow(
      /budgetPerAsset in whole micro-USD/,
    );
    expect(() => recommend({ priorities: ['vibes' as never] }, catalog)).toThrow(
      /priorities.0: must be one of "realism"/,
    );
    expect(() => recommend({ extra: 1 } as never, catalog)).toThrow(/unknown field\(s\) extra/);
  });
});

describe('recommend: exclusions', () => {
  it('leaves out deprecated and retired models, naming the replacement', () => {
    const r = recommend({ modality: 'image' }, catalog);
    expect(excludedFor(r, 'dep')).toEqual(['deprecated, shuts down 2027-01-01; replaced by SHARP']);
    expect(excludedFor(r, 'gone')).toEqual(['retired on 2026-05-12; replaced by MID']);
    expect(excludedFor(r, 'clip')).toEqual(['a video model (this query is for image)']);
    expect(ids(r)).not.toContain('dep');
  });

  it('reads the lifecycle on the day asked: a deprecated model is retired once its shutdown passes', () => {
    const before = recommend({ modality: 'image' }, catalog, '2026-12-31');
    expect(excludedFor(before, 'dep')).toEqual([
      'deprecated, shuts down 2027-01-01; replaced by SHARP',
    ]);
    const after = recommend({ modality: 'image', includeRetired: true }, catalog, '2027-01-01');
    expect(after.ranked.find((m) => m.model === 'dep')?.status).toBe('retired');
    expect(excludedFor(recommend({ modality: 'image' }, catalog, '2027-01-01'), 'dep')).toEqual([
      'retired on 2027-01-01; replaced by SHARP',
    ]);
  });

  it('ranks them on request; a retired model has no price to show', () => {
    const r = recommend({ modality: 'image', includeRetired: true }, catalog);
    const dep = r.ranked.find((m) => m.model === 'dep');
    const gone = r.ranked.find((m) => m.model === 'gone');
    expect(dep?.estimate?.perAsset.expected).toBe(usd('0.02'));
    expect(dep?.reasons).toContain('Deprecated, shuts down 2027-01-01; replaced by SHARP.');
    expect(gone?.estimate).toBeUndefined();
    expect(gone?.reasons).toContain(
      'No sourced price (retired: no serving route to price): cost unknown.',
    );
  });

  it('explains each missing must-have', () => {
    const r = recommend({ mustHaves: ['mask-edit', 'text-in-image'] }, catalog);
    expect(ids(r)).toEqual(['sharp']);
    expect(excludedFor(r, 'cheap')).toEqual([
      'lacks mask editing: no mask inpainting',
      `lacks text in image: text rendering scored 3/5 (needs ${TEXT_IN_IMAGE_MIN}+)`,
    ]);
    expect(r.ranked[0]?.reasons).toContain('Has every must-have: mask editing and text in image.');
    expect(recommend({ mustHaves: ['transparency'] }, catalog).ranked.map((m) => m.model)).toEqual([
      'mid',
    ]);
    expect(recommend({ mustHaves: ['4k'] }, catalog).ranked.map((m) => m.model)).toEqual(['sharp']);
  });

  it('checks the per-asset budget with the price', () => {
    const r = recommend({ modality: 'image', budgetPerAsset: usd('0.05') }, catalog);
    expect(excludedFor(r, 'sharp')).toEqual(['over budget: about $0.10 per image against $0.05']);
    expect(ids(r)).toEqual(expect.arrayContaining(['mid', 'mid-twin', 'cheap']));
    expect(r.ranked.every((m) => (m.estimate?.perAsset.expected ?? Infinity) <= usd('0.05'))).toBe(
      true,
    );
  });

  it('checks the monthly budget at the monthly volume', () => {
    const r = recommend(
      { modality: 'image', budgetPerMonth: usd('20'), volumePerMonth: 1000 },
      catalog,
    );
    expect(ids(r)).toEqual(['cheap']);
    expect(r.ranked[0]?.estimate?.perMonth).toEqual({
      low: usd('10'),
      expected: usd('10'),
      high: usd('10'),
      volume: 1000,
    });
    expect(r.ranked[0]?.estimate?.label).toBe(
      'about $0.01 per image ($10.00 a month for 1,000) on fal',
    );
    expect(excludedFor(r, 'mid')).toEqual([
      'over the monthly budget: about $40.00 for 1,000 against $20.00',
    ]);
  });

  it('an unpriced model cannot run; asked for, it is ranked without a cost, but cannot pass a budget', () => {
    expect(excludedFor(recommend({ modality: 'image' }, catalog), 'noprice')).toEqual([
      'Atelier cannot run it here: no sourced price: not published',
    ]);
    const open = recommend({ modality: 'image', includeUnrunnable: true }, catalog);
    const np = open.ranked.find((m) => m.model === 'noprice');
    expect(np?.estimate).toBeUndefined();
    expect(np?.reasons).toContain('No sourced price (not published): cost unknown.');
    expect(np).toMatchObject({
      runnable: false,
      notRunnableReason: 'no sourced price: not published',
    });
    const tight = recommend(
      { modality: 'image', budgetPerAsset: usd('1'), includeUnrunnable: true },
      catalog,
    );
    expect(excludedFor(tight, 'noprice')).toEqual([
      'no sourced price, so the budget cannot be checked (not published)',
    ]);
  });
});

describe('recommend: what Atelier can run here', () => {
  const elsewhere = fixtureCatalog([
    imageFixture('here', all(3), { routes: [perImageRoute('here', '0.04')] }),
    // Its only route has passed its own shutdown: nothing here can call it.
    imageFixture('route-gone', all(5), {
      routes: [{ ...perImageRoute('route-gone', '0.02', 'openai'), shutdown: '2026-03-01' }],
    }),
    imageFixture('two-ways', all(4), {
      routes: [
        { ...perImageRoute('two-ways', '0.01', 'openai'), shutdown: '2026-03-01' },
        perImageRoute('two-ways', '0.05'),
      ],
    }),
  ]);

  it('leaves out a model with no adapter for any route, saying why', () => {
    const r = recommend({ modality: 'image' }, elsewhere);
    expect(ids(r)).toEqual(['two-ways', 'here']);
    expect(excludedFor(r, 'route-gone')).toEqual([
      'Atelier cannot run it here: the OpenAI route is retired (shut down 2026-03-01)',
    ]);
    expect(r.ranked.every((m) => m.runnable)).toBe(true);
  });

  it('ranks it on request, marked, with the reason among its reasons', () => {
    const r = recommend({ modality: 'image', includeUnrunnable: true }, elsewhere);
    expect(ids(r)).toEqual(['route-gone', 'two-ways', 'here']);
    const m = r.ranked[0];
    expect(m).toMatchObject({
      runnable: false,
      notRunnableReason: 'the OpenAI route is retired (shut down 2026-03-01)',
    });
    expect(m?.reasons).toContain(
      'Atelier cannot run it here: the OpenAI route is retired (shut down 2026-03-01).',
    );
    // Its only route is past shutdown: nothing to price it on.
    expect(m?.estimate).toBeUndefined();
  });

  it('prices a model on a route it can run, not a cheaper one it cannot', () => {
    const twoWays = recommend({ modality: 'image' }, elsewhere).ranked.find(
      (m) => m.model === 'two-ways',
    );
    expect(twoWays?.estimate?.route.provider).toBe('fal');
    expect(twoWays?.estimate?.perAsset.expected).toBe(usd('0.05'));
    expect(twoWays?.estimate?.assumptions).toContain(
      'Priced on fal, a route Atelier can run here.',
    );
  });
});

describe('recommend: ranking', () => {
  it('scores by the lens weights and orders by score, then price, then id', () => {
    const r = recommend({ useCase: 'portrait' }, catalog);
    expect(r.modality).toBe('image');
    // portrait: realism 3, polish 2, consistency 1.5, adherence 1, editing 1, cost 1, speed 0.5, text 0.5 (10.5)
    const sharp = (5 * 3 + 5 * 2 + 4 * 1.5 + 4 + 4 + 4 + 4 * 0.5 + 5 * 0.5) / 10.5;
    const cheap = (3 * 3 + 3 * 2 + 3 * 1.5 + 3 + 3 + 5 + 5 * 0.5 + 3 * 0.5) / 10.5;
    expect(r.ranked.find((m) => m.model === 'sharp')?.score).toBeCloseTo(sharp, 3);
    expect(r.ranked.find((m) => m.model === 'cheap')?.score).toBeCloseTo(cheap, 3);
    expect(ids(r)).toEqual(['sharp', 'mid-twin', 'mid', 'cheap']);
    expect(ids(recommend({ useCase: 'portrait', includeUnrunnable: true }, catalog))).toEqual([
      'sharp',
      'noprice',
      'mid-twin',
      'mid',
      'cheap',
    ]);
    expect(r.ranked[0]?.reasons.slice(0, 2)).toEqual([
      'Scores 5/5 on realism, the heaviest criterion for portrait (29% of the weight).',
      'Adds the most on realism 5/5 and final polish 5/5.',
    ]);
    expect(r.weights.realism).toBeCloseTo(3 / 10.5, 3);
  });

  it('the breakdown adds up to the score and carries the sources', () => {
    const r = recommend({ useCase: 'product' }, catalog);
    for (const m of r.ranked) {
      const sum = m.breakdown.reduce((s, b) => s + b.contribution, 0);
      expect(sum).toBeCloseTo(m.score, 2);
      for (const b of m.breakdown) expect(b.score?.source).toEqual(FIXTURE_SOURCE);
      expect(m.breakdown.map((b) => b.criterion).sort()).toEqual(
        Object.keys(LENSES.product.weights).sort(),
      );
    }
  });

  it('priorities up-weight a criterion by the heaviest lens weight', () => {
    const plain = recommend({ useCase: 'portrait' }, catalog);
    const thrifty = recommend({ useCase: 'portrait', priorities: ['costEfficiency'] }, catalog);
    expect(thrifty.weights.costEfficiency).toBeCloseTo(4 / 13.5, 3);
    const score = (r: Recommendation) => r.ranked.find((m) => m.model === 'cheap')?.score ?? 0;
    expect(score(plain)).toBeCloseTo(34.5 / 10.5, 3);
    expect(score(thrifty)).toBeCloseTo(49.5 / 13.5, 3);
    expect(thrifty.ranked.find((m) => m.model === 'cheap')?.reasons).toContain(
      'Priority cost efficiency: 5/5.',
    );
  });

  it('is deterministic', () => {
    const q = { useCase: 'rapid-ideation' as const, volumePerMonth: 500 };
    expect(recommend(q, catalog)).toEqual(recommend(q, catalog));
  });
});

describe('recommend: video', () => {
  it('prices clips at one common length and applies video must-haves', () => {
    const r = recommend({ useCase: 'social-video', mustHaves: ['audio'] }, catalog);
    expect(r.modality).toBe('video');
    expect(ids(r)).toEqual(['clip']);
    expect(excludedFor(r, 'silent')).toEqual(['lacks audio: no audio']);
    expect(excludedFor(r, 'sharp')).toEqual(['an image model (this query is for video)']);
    expect(r.ranked[0]?.estimate).toMatchObject({
      per: 'clip',
      perAsset: { expected: usd('0.80') },
    });
    expect(r.ranked[0]?.estimate?.label).toBe('about $0.80 per 8 s clip on fal');
    expect(r.ranked[0]?.estimate?.assumptions).toContain('Priced at 8 s per clip.');
  });

  it('uses the nearest clip length, or excludes models that cannot run the one asked for', () => {
    const r = recommend({ modality: 'video' }, catalog);
    expect(r.ranked.find((m) => m.model === 'silent')?.estimate?.assumptions).toContain(
      'Priced at 10 s per clip, its nearest length to 8 s.',
    );
    const fixed = recommend({ modality: 'video', settings: { seconds: 4 } }, catalog);
    expect(ids(fixed)).toEqual(['clip']);
    expect(excludedFor(fixed, 'silent')?.[0]).toMatch(
      /^cannot run the requested settings: seconds: SILENT does not offer 4; allowed: 5, 10/,
    );
  });

  it('must-haves have labels and at most one modality', () => {
    for (const check of Object.values(MUST_HAVES)) expect(check.label.length).toBeGreaterThan(2);
  });
});

describe('recommend with the real catalog', () => {
  const real = loadCatalog();

  it('text-heavy design with text-in-image ranks only strong, serving text renderers', () => {
    const r = recommend(
      { useCase: 'text-heavy-design', mustHaves: ['text-in-image'], volumePerMonth: 200 },
      real,
    );
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const m of r.ranked) {
      const model = real.resolve(m.model);
      expect(model.modality).toBe('image');
      expect(model.scores.textRendering?.value).toBeGreaterThanOrEqual(TEXT_IN_IMAGE_MIN);
      expect(['active', 'preview']).toContain(model.lifecycle.status);
      if (m.estimate) expect(m.estimate.perMonth?.volume).toBe(200);
    }
    const scores = r.ranked.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.ranked.length + r.excluded.length).toBe(real.models.length);
  });

  it('social video with audio under a per-clip budget stays within it', () => {
    const budget = usd('2');
    const r = recommend(
      { useCase: 'social-video', mustHaves: ['audio'], budgetPerAsset: budget },
      real,
    );
    for (const m of r.ranked) {
      const model = real.resolve(m.model);
      expect(model.modality === 'video' && model.video.audio !== 'none').toBe(true);
      expect(m.estimate?.perAsset.expected).toBeLessThanOrEqual(budget);
    }
    for (const e of r.excluded) expect(e.reasons.length).toBeGreaterThan(0);
    expect(r.excluded.find((e) => e.model === 'veo-3')?.reasons[0]).toMatch(/^retired/);
  });

  it('Wan 2.7 Image Pro (no sourced price) is left out unless asked for; Wan 2.5 Image runs on DashScope', () => {
    const r = recommend({ modality: 'image' }, real, '2026-12-06');
    expect(excludedFor(r, 'wan-2-7-image-pro')).toEqual([
      expect.stringMatching(
        /^Atelier cannot run it here: no sourced price: No DashScope \/ Model Studio list price/,
      ),
    ]);
    expect(r.ranked.find((m) => m.model === 'wan-2-5-image')?.runnable).toBe(true);
    const all = recommend({ modality: 'image', includeUnrunnable: true }, real, '2026-12-06');
    expect(all.ranked.find((m) => m.model === 'wan-2-7-image-pro')?.runnable).toBe(false);
  });
});
