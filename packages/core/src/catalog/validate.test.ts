import { describe, expect, it } from 'vitest';
import { usd } from '../money.ts';
import { IMAGE_CRITERIA, type ModelEntryInput } from './schema.ts';
import { validateCatalog } from './validate.ts';

// Each test breaks one rule in an otherwise valid pair of entries and expects validateCatalog to
// name it: the checks that guard the real catalog must be able to fail.

const source = {
  ref: 'https://example.com/pricing',
  asOf: '2026-11-01',
  kind: 'provider',
} as const;
const scores = Object.fromEntries(IMAGE_CRITERIA.map((c) => [c, { value: 3, source }]));

function entry(id: string, over: Record<string, unknown> = {}): ModelEntryInput {
  return {
    id,
    name: `Model ${id}`,
    aliases: [],
    vendor: 'acme',
    modality: 'image',
    description: 'test model',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source },
    scores,
    prompt: { template: '[Subject]', parts: ['subject'], maxWords: 50, source },
    routes: [
      {
        provider: 'fal',
        providerModelId: `fal-ai/${id}`,
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source },
      },
    ],
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source,
    },
    ...over,
  } as ModelEntryInput;
}

const sources = {
  [source.ref]: {
    title: 'Example pricing',
    publisher: 'Example',
    url: source.ref,
    kind: 'provider' as const,
  },
};
const problems = (entries: ModelEntryInput[]) =>
  validateCatalog(entries, { sources }).map((i) => `${i.model}: ${i.problem}`);

describe('validateCatalog', () => {
  it('accepts a valid catalog', () => {
    expect(problems([entry('alpha'), entry('beta')])).toEqual([]);
  });

  it('fails when an active route has no price', () => {
    const [route] = entry('alpha').routes;
    const unpriced = { ...route, price: undefined };
    expect(problems([entry('alpha', { routes: [unpriced] })]).join('\n')).toMatch(
      /alpha: routes\.0\.price/,
    );
  });

  it('fails when an offered model has no priced route and says nothing about it', () => {
    expect(problems([entry('alpha', { routes: [] })]).join('\n')).toMatch(/no priced active route/);
    expect(
      problems([entry('alpha', { routes: [], unpricedReason: 'no public price yet' })]),
    ).toEqual([]);
  });

  it('fails when two models claim the same alias, whatever the case or punctuation', () => {
    const out = problems([
      entry('alpha', { aliases: ['Super Model'] }),
      entry('beta', { aliases: ['super-model'] }),
    ]);
    expect(out.join('\n')).toMatch(/beta: name "super-model" collides with alpha/);
  });

  it('fails when a replacement names a missing model', () => {
    const retired = entry('alpha', {
      lifecycle: { status: 'retired', shutdown: '2026-01-01', replacements: ['gamma'], source },
    });
    expect(problems([retired, entry('beta')]).join('\n')).toMatch(
      /replacement "gamma" is not in the catalog/,
    );
  });

  it('fails when a source is missing or points nowhere', () => {
    const noSource = entry('alpha', { lifecycle: { status: 'active', replacements: [] } });
    expect(problems([noSource]).join('\n')).toMatch(/alpha: lifecycle\.source/);
    const badSeed = entry('beta', {
      lifecycle: {
        status: 'active',
        replacements: [],
        source: { ...source, ref: 'seeds/999_abc.txt', kind: 'seed' },
      },
    });
    expect(problems([badSeed]).join('\n')).toMatch(
      /beta: lifecycle\.source\.ref: "seeds\/999_abc\.txt" is not in the source registry/,
    );
    const unlisted = entry('delta', {
      lifecycle: {
        status: 'active',
        replacements: [],
        source: { ...source, ref: 'https://example.org/blog' },
      },
    });
    expect(problems([unlisted]).join('\n')).toMatch(
      /delta: lifecycle\.source\.ref: "https:\/\/example\.org\/blog" is not in the source registry/,
    );
    const badRef = entry('gamma', {
      lifecycle: { status: 'active', replacements: [], source: { ...source, ref: 'somewhere' } },
    });
    expect(problems([badRef]).join('\n')).toMatch(/a URL, a seed file/);
  });

  it('fails on impossible histories: shutdown before release, deprecated after shutdown', () => {
    const dead = (l: Record<string, unknown>) =>
      entry('alpha', {
        lifecycle: { status: 'retired', replacements: [], source, ...l },
        routes: [],
      });
    expect(problems([dead({ released: '2026-05-01', shutdown: '2026-04-01' })]).join('\n')).toMatch(
      /lifecycle\.shutdown 2026-04-01 is before lifecycle\.released 2026-05-01/,
    );
    expect(
      problems([dead({ deprecated: '2026-06-02', shutdown: '2026-06-01' })]).join('\n'),
    ).toMatch(/lifecycle\.deprecated 2026-06-02 is after lifecycle\.shutdown 2026-06-01/);
    const [route] = entry('alpha').routes;
    const badRoute = {
      ...route,
      status: 'deprecated',
      deprecated: '2026-09-01',
      shutdown: '2026-08-01',
      lifecycleSource: source,
    };
    expect(problems([entry('alpha', { routes: [badRoute] })]).join('\n')).toMatch(
      /deprecated 2026-09-01 is after shutdown 2026-08-01/,
    );
  });

  it('fails when a declared status contradicts its dates on the catalog date (a deprecated model past its shutdown)', () => {
    const stale = entry('alpha', {
      lifecycle: { status: 'deprecated', shutdown: '2026-10-02', replacements: [], source },
    });
    expect(problems([stale]).join('\n')).toMatch(
      /lifecycle\.status is "deprecated" but its dates make it "retired"/,
    );
    // and a route left "active" on a model that is retired
    expect(problems([stale]).join('\n')).toMatch(
      /route fal:fal-ai\/alpha: status is "active" but its dates make it "retired"/,
    );
  });

  it('fails when a route has lifecycle dates without a source', () => {
    const [route] = entry('alpha').routes;
    const undated = { ...route, status: 'deprecated', deprecated: '2026-10-06' };
    expect(problems([entry('alpha', { routes: [undated] })]).join('\n')).toMatch(
      /lifecycle dates without a lifecycleSource/,
    );
  });

  it('fails when a replacement is itself retired on the catalog date', () => {
    const old = entry('alpha', {
      lifecycle: { status: 'deprecated', deprecated: '2026-06-01', replacements: ['beta'], source },
    });
    const gone = entry('beta', {
      lifecycle: { status: 'retired', shutdown: '2026-12-01', replacements: [], source },
      routes: [{ ...entry('beta').routes[0], status: 'retired' }],
    });
    expect(problems([old, gone]).join('\n')).toMatch(
      /alpha: replacement "beta" is itself retired on \d{4}-\d{2}-\d{2} \(shut down 2026-12-01\)/,
    );
  });

  it('fails when a score is missing', () => {
    const { realism: _realism, ...partial } = scores;
    expect(problems([entry('alpha', { scores: partial })]).join('\n')).toMatch(
      /missing score for realism/,
    );
  });

  it('fails when a price is not integer micro-USD', () => {
    const [route] = entry('alpha').routes;
    const floaty = {
      ...route,
      price: { unit: 'image', tiers: [{ when: {}, micros: 0.04 }], source },
    };
    expect(problems([entry('alpha', { routes: [floaty] })]).join('\n')).toMatch(/micros/);
  });
});
