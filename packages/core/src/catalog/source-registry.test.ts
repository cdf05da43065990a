import { describe, expect, it } from 'vitest';
import { CATALOG_DATA } from './data/index.ts';
import { loadCatalog } from './index.ts';
import {
  BUILT_IN_SOURCES,
  FILE_PATH_PATTERN,
  sourceInfo,
  sourceLine,
  withSourceLabels,
} from './source-registry.ts';
import { sourcesOf } from './validate.ts';

/** Every string in a value but the keys and ids machines read (refs, provider ids, URLs). */
function humanStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    return ['ref', 'url', 'providerModelId', 'id'].includes(key)
      ? []
      : [value.replace(/https?:\/\/\S+/g, '')];
  }
  if (Array.isArray(value)) return value.flatMap((v) => humanStrings(v, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => humanStrings(v, k));
  return [];
}

describe('source registry', () => {
  it('gives every source the built-in catalog cites a title and a publisher', () => {
    const refs = new Set(sourcesOf(CATALOG_DATA).map((s) => s.ref));
    for (const ref of refs) expect(BUILT_IN_SOURCES[ref], ref).toBeDefined();
  });

  it('names seeds by their articles and research by its section, never by file', () => {
    expect(sourceInfo('seeds/000_62a5d1837332ffeb.txt')).toEqual({
      title: 'PicassoIA: Nano Banana Pro vs Sora 2 Pro',
      publisher: 'PicassoIA',
      kind: 'seed',
    });
    expect(sourceInfo('research/provider-facts.md#3.9').title).toBe(
      'Provider facts §3.9: fal.ai queue API and list prices',
    );
    for (const info of Object.values(BUILT_IN_SOURCES)) {
      expect(`${info.title} ${info.publisher}`).not.toMatch(FILE_PATH_PATTERN);
    }
    expect(
      sourceLine({ ref: 'seeds/004_f2ba810a43c16345.txt', asOf: '2026-06-08', kind: 'seed' }),
    ).toBe('Influencer Studio: GPT-Image 2 vs Nano Banana Pro (seed, 2026-06-08)');
  });

  it('links URL sources and stands in for unknown keys without naming a file', () => {
    const url = 'https://ai.google.dev/gemini-api/docs/pricing';
    expect(sourceInfo(url)).toMatchObject({
      title: 'Gemini API pricing',
      publisher: 'Google',
      url,
    });
    expect(sourceInfo('https://example.com/x')).toMatchObject({
      title: 'example.com',
      url: 'https://example.com/x',
    });
    expect(sourceInfo('seeds/999_abc.txt').title).toBe('unlisted source');
  });

  it('labels copies of the sources inside any value, leaving the original alone', () => {
    const source = {
      ref: 'seeds/001_fdfc1193b3276551.txt',
      asOf: '2026-11-23',
      kind: 'seed' as const,
    };
    const value = { rows: [{ score: 4, source }], other: 'x' };
    const labeled = withSourceLabels(value);
    expect(labeled.rows[0]?.source).toEqual({
      ...source,
      title: 'PicassoIA: GPT Image 2 vs Nano Banana Pro',
      publisher: 'PicassoIA',
    });
    expect(source).not.toHaveProperty('title');
    expect(withSourceLabels({ a: 1 })).toEqual({ a: 1 });
  });

  it('keeps file names out of every human-facing sentence of the catalog', () => {
    const offending = humanStrings(loadCatalog().models).filter((s) => FILE_PATH_PATTERN.test(s));
    expect(offending).toEqual([]);
  });
});
