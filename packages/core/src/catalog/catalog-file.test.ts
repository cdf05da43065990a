import { describe, expect, it } from 'vitest';
import { AtelierError } from '../errors.ts';
import { estimate } from '../pricing/estimate.ts';
import { catalogWithOverlay, exportCatalog, prepareOverlay } from './catalog-file.ts';
import { CATALOG_AS_OF } from './data/sources.ts';
import { loadCatalog } from './index.ts';
import { catalogAge } from './staleness.ts';

const base = loadCatalog();
const later = '2026-12-20';

/** The exported catalog with Nano Banana 2's Gemini API route repriced, as someone would edit it. */
function edited(micros: number) {
  const file = structuredClone(exportCatalog(base));
  file.asOf = later;
  const nb2 = file.models.find((m) => (m as { id: string }).id === 'nano-banana-2') as {
    routes: {
      provider: string;
      price: { unit: string; ratesPerMillion: { imageOutput: number }; source: object };
    }[];
  };
  const route = nb2.routes.find((r) => r.provider === 'google');
  if (!route || route.price.unit !== 'token')
    throw new Error('fixture: nano-banana-2 has no token-priced Gemini route');
  route.price.ratesPerMillion.imageOutput = micros;
  route.price.source = { ref: 'https://example.com/new-prices', asOf: later, kind: 'provider' };
  file.sources['https://example.com/new-prices'] = {
    title: 'Example price list',
    publisher: 'Example',
    url: 'https://example.com/new-prices',
    kind: 'provider',
  };
  return file;
}

function refusal(fn: () => unknown): AtelierError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AtelierError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('catalog files', () => {
  it('exports the catalog in use: its as-of date, every entry, the titles of its sources, no display fields', () => {
    const file = exportCatalog(base);
    expect(file).toMatchObject({ format: 'atelier-catalog/1', asOf: CATALOG_AS_OF });
    expect(file.models).toHaveLength(base.models.length);
    expect(file.sources['seeds/000_62a5d1837332ffeb.txt']?.title).toBe(
      'PicassoIA: Nano Banana Pro vs Sora 2 Pro',
    );
    expect(JSON.stringify(file.models)).not.toMatch(/"title":/);
  });

  it('an unchanged export applies as an empty overlay', () => {
    const { overlay, changed, added } = prepareOverlay(exportCatalog(base), base);
    expect(overlay.models).toEqual([]);
    expect(changed).toEqual([]);
    expect(added).toEqual([]);
  });

  it('applies a changed price: only that entry is stored, and estimates use it', () => {
    const before = estimate({ model: 'nano-banana-2', provider: 'google' }, base);
    const { overlay, catalog, changed } = prepareOverlay(edited(90_000_000), base);
    expect(changed).toEqual(['nano-banana-2']);
    expect(overlay.models.map((m) => m.id)).toEqual(['nano-banana-2']);
    expect(overlay.sources).toEqual({
      'https://example.com/new-prices': expect.objectContaining({ title: 'Example price list' }),
    });
    expect(catalog.asOf).toBe(later);
    const after = estimate({ model: 'nano-banana-2', provider: 'google' }, catalog);
    expect(after.perAsset.expected).toBeGreaterThan(before.perAsset.expected);

    // What the database keeps rebuilds the same catalog.
    const rebuilt = catalogWithOverlay(JSON.parse(JSON.stringify(overlay)), {
      id: 'v1',
      appliedAt: '2026-12-20T10:00:00Z',
      appliedBy: null,
      models: changed,
    });
    expect('refused' in rebuilt).toBe(false);
    expect(
      estimate({ model: 'nano-banana-2', provider: 'google' }, rebuilt.catalog).perAsset,
    ).toEqual(after.perAsset);
    expect(rebuilt.catalog.applied?.id).toBe('v1');
  });

  it('refuses a bad entry whole, naming the entry, the field and the allowed values', () => {
    const file = edited(90_000_000);
    const nb2 = file.models.find((m) => (m as { id: string }).id === 'nano-banana-2') as {
      routes: { provider: string }[];
    };
    const first = nb2.routes[0];
    if (first) first.provider = 'acme';
    const e = refusal(() => prepareOverlay(file, base));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^Catalog file refused, nothing was changed\./);
    expect(e.message).toMatch(
      /models\[\d+\] nano-banana-2: routes\.0\.provider: must be one of "openai", "google"/,
    );
  });

  it('refuses integrity problems: an unlisted source, a negative price, a date before the built-in data', () => {
    const unlisted = edited(90_000_000);
    delete unlisted.sources['https://example.com/new-prices'];
    expect(refusal(() => prepareOverlay(unlisted, base)).message).toMatch(
      /nano-banana-2: routes\.\d+\.price\.source\.ref: "https:\/\/example\.com\/new-prices" is not in the source registry/,
    );

    const negative = edited(-1);
    expect(refusal(() => prepareOverlay(negative, base)).message).toMatch(
      /nano-banana-2: routes\.\d+\.price/,
    );

    const old = edited(90_000_000);
    old.asOf = '2026-01-01';
    expect(refusal(() => prepareOverlay(old, base)).message).toMatch(
      /asOf: 2026-01-01 is before the built-in catalog's/,
    );

    expect(refusal(() => prepareOverlay({ format: 'nope', models: [] }, base)).message).toMatch(
      /format: .*atelier-catalog\/1/,
    );
  });

  it('says when the catalog in use is more than 30 days old', () => {
    expect(catalogAge('2026-12-06', '2027-01-05')).toMatchObject({
      days: 30,
      stale: false,
      text: 'Catalog as of 2026-12-06.',
    });
    const stale = catalogAge('2026-12-06', '2027-01-06');
    expect(stale).toMatchObject({ days: 31, stale: true });
    expect(stale.text).toMatch(/31 days ago/);
  });
});
