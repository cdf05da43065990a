import { describe, expect, it } from 'vitest';
import { usd } from '../money.ts';
import { Catalog, parseEntries } from './index.ts';
import { filterModels } from './filter.ts';
import type { ModelEntryInput } from './schema.ts';

const source = { ref: 'https://example.com/docs', asOf: '2026-11-01', kind: 'provider' } as const;

function entry(id: string, over: Partial<ModelEntryInput> = {}): ModelEntryInput {
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'acme',
    modality: 'image',
    description: `${id} makes pictures`,
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', source },
    scores: {},
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

const catalog = new Catalog(
  parseEntries([
    entry('alpha'),
    entry('beta', { tasks: ['text-to-image', 'edit'], vendor: 'Other Co' }),
    entry('gamma', { lifecycle: { status: 'retired', shutdown: '2026-01-01', source } }),
  ]),
);

/** A model whose only route has passed its own shutdown (the model itself is not retired). */
const routeGone = (id: string) =>
  entry(id, {
    routes: [
      {
        provider: 'fal',
        providerModelId: id,
        status: 'active',
        shutdown: '2026-03-01',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source },
      },
    ],
  });
const mixed = new Catalog(
  parseEntries([
    entry('alpha'),
    routeGone('delta'),
    entry('epsilon', { routes: [], unpricedReason: 'not published' }),
    entry('zeta', { lifecycle: { status: 'deprecated', shutdown: '2026-06-01', source } }),
    entry('gamma', { lifecycle: { status: 'retired', shutdown: '2026-01-01', source } }),
  ]),
);

describe('filterModels', () => {
  it('hides retired models unless asked', () => {
    expect(filterModels(catalog).map((m) => m.id)).toEqual(['alpha', 'beta']);
    expect(filterModels(catalog, { includeRetired: true })).toHaveLength(3);
    expect(filterModels(catalog, { status: ['retired'] }).map((m) => m.id)).toEqual(['gamma']);
  });

  it('filters by task, vendor and free text', () => {
    expect(filterModels(catalog, { task: 'edit' }).map((m) => m.id)).toEqual(['beta']);
    expect(filterModels(catalog, { vendor: 'other co' }).map((m) => m.id)).toEqual(['beta']);
    expect(filterModels(catalog, { query: 'ALPHA' }).map((m) => m.id)).toEqual(['alpha']);
  });

  it('keeps to models Atelier can run here when asked: an adapter, a price, not past shutdown', () => {
    const on = '2026-12-06';
    // zeta's shutdown has passed: retired on this day, hidden like any retired model.
    expect(filterModels(mixed, {}, on).map((m) => m.id)).toEqual(['alpha', 'delta', 'epsilon']);
    expect(filterModels(mixed, { status: ['retired'] }, on).map((m) => m.id)).toEqual([
      'zeta',
      'gamma',
    ]);
    expect(filterModels(mixed, { status: ['deprecated'] }, '2026-05-01').map((m) => m.id)).toEqual([
      'zeta',
    ]);
    expect(filterModels(mixed, { runnableOnly: true }, on).map((m) => m.id)).toEqual(['alpha']);
    expect(filterModels(mixed, { runnableOnly: true }, '2026-05-01').map((m) => m.id)).toEqual([
      'alpha',
      'zeta',
    ]);
    // Retired models asked for are the lifecycle filter's: they are listed.
    expect(
      filterModels(mixed, { runnableOnly: true, includeRetired: true }, on).map((m) => m.id),
    ).toEqual(['alpha', 'zeta', 'gamma']);
    expect(
      filterModels(mixed, { runnableOnly: true, status: ['retired'] }, on).map((m) => m.id),
    ).toEqual(['zeta', 'gamma']);
  });
});
