import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { Criterion } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { formatUsd } from '../money.ts';
import { planGeneration } from '../plan/index.ts';
import { startingPrice } from '../pricing/index.ts';
import { today } from '../providers/runnable.ts';
import {
  FIXTURE_SOURCE,
  fixtureCatalog,
  imageFixture,
  perImageRoute,
  videoFixture,
} from './fixtures.ts';
import { compare, LENSES, weightedScore, type Comparison } from './index.ts';

const catalog = fixtureCatalog([
  imageFixture(
    'alpha',
    {
      realism: 5,
      textRendering: 3,
      promptAdherence: 4,
      editingFlexibility: 4,
      consistency: 4,
      speed: 2,
      costEfficiency: 3,
      finalPolish: 5,
    },
    {
      aliases: ['Alpha One'],
      routes: [perImageRoute('alpha', '0.10')],
      bestFor: [{ text: 'Portraits: skin, hair and light', source: FIXTURE_SOURCE }],
      strengths: [{ text: 'Pore-level skin', source: FIXTURE_SOURCE }],
      image: { maxWidth: 4096, maxHeight: 4096 },
      moderation: { level: 'strict', source: FIXTURE_SOURCE },
    },
  ),
  imageFixture(
    'beta',
    {
      realism: 3.5,
      textRendering: 5,
      promptAdherence: 5,
      editingFlexibility: 5,
      consistency: 4,
      speed: 4,
      costEfficiency: 4,
      finalPolish: 4,
    },
    {
      routes: [perImageRoute('beta', '0.04')],
      tasks: ['text-to-image', 'edit', 'mask-inpainting'],
      image: { mask: true, maxInputImages: 8 },
    },
  ),
  imageFixture('gamma', { realism: 3 }, { routes: [], unpricedReason: 'no public price yet' }),
  imageFixture(
    'old',
    { realism: 4, textRendering: 4 },
    {
      lifecycle: {
        status: 'retired',
        shutdown: '2026-05-12',
        replacements: ['beta'],
        source: FIXTURE_SOURCE,
      },
      routes: [{ ...perImageRoute('old', '0.02'), status: 'retired' }],
    },
  ),
  imageFixture(
    'twin-a',
    {
      realism: 4,
      finalPolish: 4,
      consistency: 4,
      promptAdherence: 4,
      editingFlexibility: 4,
      costEfficiency: 4,
      speed: 4,
      textRendering: 4,
    },
    { routes: [perImageRoute('twin-a', '0.05')] },
  ),
  imageFixture(
    'twin-b',
    {
      realism: 4,
      finalPolish: 4,
      consistency: 4,
      promptAdherence: 4,
      editingFlexibility: 4,
      costEfficiency: 4,
      speed: 4,
      textRendering: 4,
    },
    { routes: [perImageRoute('twin-b', '0.03')] },
  ),
  videoFixture('clip', { realism: 4, motion: 5, speed: 3, costEfficiency: 3 }),
  videoFixture('reel', { realism: 4, motion: 4, speed: 5, costEfficiency: 5 }),
]);

const row = (c: Comparison, criterion: string) => {
  const r = c.criteria.find((x) => x.criterion === criterion);
  if (!r) throw new Error(`no ${criterion} row`);
  return r;
};

describe('compare: input', () => {
  it('needs 2 to 4 distinct, known models', () => {
    expect(() => compare(['alpha'], {}, catalog)).toThrow(/ids: compare needs at least 2 models/);
    expect(() => compare(['alpha', 'beta', 'gamma', 'old', 'clip'], {}, catalog)).toThrow(
      /ids: compare takes at most 4 models/,
    );
    expect(() => compare(['alpha', 'Alpha One'], {}, catalog)).toThrow(
      /"alpha" and "Alpha One" are the same model \(alpha\)/,
    );
    expect(() => compare(['alpha', 'beta'], { useCase: 'selfies' as never }, catalog)).toThrow(
      /useCase: must be one of "portrait"/,
    );
    try {
      compare(['alpha', 'betta'], {}, catalog);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AtelierError);
      expect((e as AtelierError).code).toBe('unknown_model');
      expect((e as AtelierError).details?.suggestions).toContain('beta');
    }
  });
});

describe('compare: criteria', () => {
  const c = compare(['alpha', 'beta'], {}, catalog);

  it('has one row per criterion, no motion row without a video model', () => {
    expect(c.criteria.map((r) => r.criterion)).toEqual(
      Criterion.options.filter((x) => x !== 'motion'),
    );
  });

  it('names the winner, or a tie, from the catalog scores with their sources', () => {
    expect(row(c, 'realism')).toMatchObject({ winner: 'alpha', leaders: ['alpha'] });
    expect(row(c, 'realism').scores.alpha).toEqual({ value: 5, source: FIXTURE_SOURCE });
    expect(row(c, 'textRendering').winner).toBe('beta');
    expect(row(c, 'consistency')).toMatchObject({ winner: 'tie', leaders: ['alpha', 'beta'] });
  });

  it('does not call a row that fewer than two models are scored on', () => {
    const g = compare(['alpha', 'gamma'], {}, catalog);
    expect(row(g, 'textRendering')).toMatchObject({
      winner: null,
      leaders: [],
      scores: { gamma: null },
    });
    expect(g.warnings).toContain(
      'GAMMA has no catalog score for text rendering, prompt adherence, editing flexibility, consistency, speed, cost efficiency and final polish.',
    );
  });

  it('adds motion when a video model is in the set, which still models cannot win', () => {
    const m = compare(['alpha', 'clip'], {}, catalog);
    expect(row(m, 'motion')).toMatchObject({ winner: 'clip', scores: { alpha: null } });
    expect(m.chooseIf.find((r) => r.criterion === 'motion')?.because).toBe(
      'CLIP scores 5/5 on motion against none (still images) for ALPHA.',
    );
    expect(m.warnings[0]).toMatch(/compares image and video models/);
    expect(m.features.map((f) => f.feature)).toContain('durations');
  });
});

describe('compare: features', () => {
  const c = compare(['alpha', 'beta', 'gamma'], {}, catalog);
  const feature = (key: string) => c.features.find((f) => f.feature === key)?.values ?? {};

  it('reads capabilities, moderation and starting prices from the catalog', () => {
    expect(feature('fourK')).toMatchObject({ alpha: { text: 'Yes' }, beta: { text: 'No' } });
    expect(feature('moderation')).toMatchObject({
      alpha: { text: 'Strict' },
      beta: { text: 'unknown' },
    });
    expect(feature('tasks').beta?.text).toBe('text-to-image, edit, mask-inpainting');
    expect(feature('sizes').alpha?.text).toBe('1:1, 3:2, 2:3, 16:9, 9:16');
    expect(feature('startingPrice').beta).toMatchObject({
      text: 'from $0.04 / image on fal',
      micros: 40_000,
      per: 'image',
      source: FIXTURE_SOURCE,
    });
    expect(feature('startingPrice').gamma?.text).toBe('no sourced price (no public price yet)');
  });
});

describe('compare: if you need…', () => {
  it('picks the cheaper run at the default settings for low-cost exploration, figures in the line', () => {
    const c = compare(['alpha', 'beta'], {}, catalog);
    const cost = c.chooseIf.find((r) => r.criterion === 'costEfficiency');
    expect(cost).toMatchObject({
      choose: ['beta'],
      because:
        'At default settings, BETA: $0.04 per image at 1:1 on fal, against ALPHA: $0.10 per image at 1:1 on fal.',
    });
    expect(cost?.sources).toEqual([FIXTURE_SOURCE]);
    // The cost row agrees with the line: the cheaper run leads it.
    const row = c.criteria.find((r) => r.criterion === 'costEfficiency');
    expect(row).toMatchObject({ winner: 'beta', leaders: ['beta'] });
    expect(row?.prices?.beta).toMatchObject({ micros: 40_000, per: 'image', provider: 'fal' });
  });

  it('falls back to the cost score when a model has no price', () => {
    const c = compare(['beta', 'gamma', 'alpha'], {}, catalog);
    expect(c.chooseIf.find((r) => r.criterion === 'costEfficiency')).toMatchObject({
      choose: ['beta'],
      because: 'BETA scores 4/5 on cost efficiency against unscored for GAMMA, 3/5 for ALPHA.',
    });
  });

  it('says "either" with the shared score on a tie, and cites capabilities for editing', () => {
    const c = compare(['alpha', 'beta'], {}, catalog);
    expect(c.chooseIf.find((r) => r.criterion === 'consistency')).toMatchObject({
      choose: ['alpha', 'beta'],
      because: 'Both score 4/5 on consistency.',
    });
    expect(c.chooseIf.find((r) => r.criterion === 'editingFlexibility')?.because).toBe(
      'BETA (mask inpainting, up to 8 reference images) scores 5/5 on editing flexibility against 4/5 for ALPHA (no image inputs).',
    );
  });
});

describe('compare: lenses', () => {
  it('weights the criteria and explains the winner by the heaviest criterion it leads', () => {
    const c = compare(['alpha', 'beta'], { useCase: 'portrait' }, catalog);
    expect(c.lens?.scores.alpha?.score).toBeCloseTo(44.5 / 10.5, 3);
    expect(c.lens?.scores.beta?.score).toBeCloseTo(43 / 10.5, 3);
    expect(c.lens).toMatchObject({ winner: 'alpha', leaders: ['alpha'] });
    expect(c.lens?.because).toBe(
      'ALPHA scores higher on realism, which matters most for portrait (weighted 4.24 of 5 against 4.1 for BETA).',
    );
    expect(c.chooseIf.at(-1)).toMatchObject({
      need: 'Portrait specifically',
      useCase: 'portrait',
      choose: ['alpha'],
    });
    expect(c.verdict.firstPick).toBe('alpha');
    expect(c.verdict.text).toContain(
      'For portrait, ALPHA is the stronger first pick: it scores higher on realism, which matters most for portrait',
    );
  });

  it('a different lens can pick the other model', () => {
    const c = compare(['alpha', 'beta'], { useCase: 'text-heavy-design' }, catalog);
    expect(c.lens?.winner).toBe('beta');
    expect(c.lens?.because).toMatch(
      /^BETA scores higher on text rendering, which matters most for text-heavy design/,
    );
  });

  it('every lens has weights, a rationale, and a criterion that leads', () => {
    for (const lens of Object.values(LENSES)) {
      const weights = Object.values(lens.weights);
      expect(weights.length).toBeGreaterThan(3);
      expect(weights.every((w) => w > 0)).toBe(true);
      expect(lens.rationale.length).toBeGreaterThan(20);
    }
  });

  it('video lenses count motion as 0 for still models and warn', () => {
    const c = compare(['alpha', 'reel'], { useCase: 'social-video' }, catalog);
    expect(c.lens?.winner).toBe('reel');
    expect(c.lens?.scores.alpha?.breakdown.find((b) => b.criterion === 'motion')).toMatchObject({
      counted: 0,
      note: 'still-image model: no motion',
    });
    expect(c.warnings).toContain(
      'Under the social video lens still-image models count 0 on motion.',
    );
    const still = compare(['alpha', 'beta'], { useCase: 'commercial-video' }, catalog);
    expect(still.warnings).toContain(
      'The commercial video lens is meant for video models and none of these is one.',
    );
  });

  it('breaks a lens tie by the cheaper starting price', () => {
    const c = compare(['twin-a', 'twin-b'], { useCase: 'portrait' }, catalog);
    expect(c.lens).toMatchObject({ winner: 'tie', leaders: ['twin-a', 'twin-b'] });
    expect(c.lens?.because).toBe(
      'TWIN-A and TWIN-B are level for portrait (4 of 5 each, weighted).',
    );
    expect(c.verdict.firstPick).toBe('twin-b');
    expect(c.verdict.text).toContain(
      'For portrait, TWIN-A and TWIN-B are level; start with TWIN-B, the cheaper to test.',
    );
  });
});

describe('compare: verdict and lifecycle', () => {
  it('summarizes each model by its best-for note, else by the criteria it wins', () => {
    const c = compare(['alpha', 'beta'], {}, catalog);
    expect(c.verdict.summary).toBe(
      'ALPHA is better for portraits, while BETA is better for the best text rendering and speed.',
    );
    // A short lead, then a line per model: what it is better for and what it excels at.
    expect(c.verdict.lead).toBe(
      'Across all criteria, BETA is the stronger first pick: it has the best balanced score (4.31 of 5).',
    );
    expect(c.verdict.points).toEqual([
      'ALPHA is better for portraits. It excels at pore-level skin.',
      expect.stringMatching(/^BETA is better for the best text rendering and speed\./),
    ]);
    expect(c.verdict.next).toBe(
      'Run the same prompt through both and keep the output that fits your brief.',
    );
    expect(c.verdict.text).toBe([c.verdict.lead, ...c.verdict.points, c.verdict.next].join(' '));
  });

  it('marks retired models and names their replacements', () => {
    const c = compare(['old', 'alpha'], {}, catalog);
    expect(c.models[0]).toMatchObject({
      id: 'old',
      status: 'retired',
      shutdown: '2026-05-12',
      replacements: [{ id: 'beta', name: 'BETA' }],
    });
    expect(c.warnings).toContain(
      'OLD was retired on 2026-05-12 and can no longer be called; use BETA instead.',
    );
    expect(c.features.find((f) => f.feature === 'startingPrice')?.values.old?.text).toBe(
      'retired 2026-05-12: no longer callable',
    );
    expect(c.verdict.points).toContain('OLD was retired (2026-05-12); compare BETA instead.');
  });
});

describe('compare with the real catalog', () => {
  const real = loadCatalog();

  it('GPT Image 2 vs Nano Banana Pro under the portrait lens follows the catalog data', () => {
    const c = compare(['gpt-image-2', 'nano-banana-pro'], { useCase: 'portrait' }, real);
    const gpt = real.resolve('gpt-image-2');
    const nbp = real.resolve('nano-banana-pro');
    for (const r of c.criteria) {
      const a = gpt.scores[r.criterion]?.value;
      const b = nbp.scores[r.criterion]?.value;
      if (a === undefined || b === undefined || r.criterion === 'costEfficiency') continue;
      expect(r.winner).toBe(a === b ? 'tie' : a > b ? 'gpt-image-2' : 'nano-banana-pro');
    }
    const lens = LENSES.portrait.weights;
    expect(c.lens?.scores['gpt-image-2']?.score).toBe(weightedScore(gpt, lens).score);
    expect(c.lens?.scores['nano-banana-pro']?.score).toBe(weightedScore(nbp, lens).score);
    const price = c.features.find((f) => f.feature === 'startingPrice')?.values;
    expect(price?.['gpt-image-2']?.micros).toBe(startingPrice(gpt)?.micros);
    expect(price?.['nano-banana-pro']?.micros).toBe(startingPrice(nbp)?.micros);
    expect(c.verdict.summary).toMatch(
      /^GPT Image 2 is better for .+, while Nano Banana Pro is better for .+\.$/,
    );
    expect(c.chooseIf.at(-1)?.need).toBe('Portrait specifically');
    expect(c.chooseIf.every((r) => r.choose.length > 0 && r.because.length > 0)).toBe(true);
  });

  it('shows a contested seed score as contested and weighs it at half', () => {
    const c = compare(['gpt-image-2', 'nano-banana-pro'], { useCase: 'text-heavy-design' }, real);
    const cell = c.criteria.find((r) => r.criterion === 'promptAdherence')?.scores[
      'nano-banana-pro'
    ];
    expect(cell?.contested?.reason).toContain('1024-only');
    expect(cell?.contested?.source.kind).toBe('sdk');
    const nbp = real.resolve('nano-banana-pro');
    const weights = LENSES['text-heavy-design'].weights;
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    const share = c.lens?.scores['nano-banana-pro']?.breakdown.find(
      (b) => b.criterion === 'promptAdherence',
    );
    const full = (weights.promptAdherence ?? 0) / total;
    const half =
      ((weights.promptAdherence ?? 0) * 0.5) / (total - (weights.promptAdherence ?? 0) * 0.5);
    expect(share?.weight).toBeCloseTo(half, 3);
    expect(share?.weight).toBeLessThan(full);
    expect(share?.note).toMatch(/^contested \(/);
    expect(c.lens?.scores['nano-banana-pro']?.score).toBe(weightedScore(nbp, weights).score);
    const line = c.chooseIf.find((r) => r.criterion === 'promptAdherence')?.because ?? '';
    expect(line).toContain('/5 (contested)');
  });

  it("prices cost at what a run costs (the planner's estimate), never the cheapest setting", () => {
    const date = today();
    const settings = (aspectRatio?: string) =>
      ['gpt-image-2', 'nano-banana-pro'].map((id) => {
        const p = planGeneration(
          {
            kind: 'image',
            prompt: 'A ceramic coffee mug on a wooden table by a window, soft morning light',
            models: [{ model: id, params: aspectRatio ? { aspectRatio } : {} }],
            date,
          },
          { catalog: real, hasKey: () => true },
        ).models[0];
        if (p?.status !== 'ready') throw new Error(`${id} not planned`);
        return p.estimate.expected;
      });
    for (const [useCase, aspect, label] of [
      [undefined, undefined, 'At default settings'],
      ['portrait', '3:4', 'At portrait settings (3:4)'],
    ] as const) {
      const c = compare(['gpt-image-2', 'nano-banana-pro'], useCase ? { useCase } : {}, real);
      const [gpt, nbp] = settings(aspect);
      const row = c.criteria.find((r) => r.criterion === 'costEfficiency');
      expect(row?.prices?.['gpt-image-2']?.micros).toBe(gpt);
      expect(row?.prices?.['nano-banana-pro']?.micros).toBe(nbp);
      // GPT Image 2's cheapest setting (low quality) is far below what a default run pays.
      expect(gpt).toBeGreaterThan(startingPrice(real.resolve('gpt-image-2'))?.micros ?? 0);
      const cheaper = (gpt ?? 0) < (nbp ?? 0) ? 'gpt-image-2' : 'nano-banana-pro';
      expect(row?.winner).toBe(cheaper);
      const line = c.chooseIf.find((r) => r.criterion === 'costEfficiency');
      expect(line?.choose).toEqual([cheaper]);
      expect(line?.because).toContain(label);
      expect(line?.because).toContain(`GPT Image 2: ${formatUsd(gpt ?? 0)} per image at medium, `);
      expect(line?.because).toContain(
        `Nano Banana Pro: ${formatUsd(nbp ?? 0)} per image at ${aspect ?? '1:1'}, 1K`,
      );
    }
  });

  it('marks a retired video model against its replacement', () => {
    const c = compare(['veo-3', 'veo-3-1'], { useCase: 'commercial-video' }, real);
    expect(c.models[0]?.status).toBe('retired');
    expect(c.models[0]?.replacements.map((r) => r.id)).toEqual(
      real.resolve('veo-3').lifecycle.replacements,
    );
    expect(c.criteria.map((r) => r.criterion)).toContain('motion');
    expect(c.warnings.some((w) => w.startsWith('Veo 3 was retired'))).toBe(true);
  });
});
