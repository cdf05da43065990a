import { describe, expect, it } from 'vitest';
import { CATALOG_DATA } from './data/index.ts';
import { loadCatalog, validateCatalog } from './index.ts';

describe('catalog', () => {
  it('has no integrity problems', () => {
    expect(validateCatalog(CATALOG_DATA)).toEqual([]);
  });

  it('resolves marketing names case-insensitively', () => {
    const catalog = loadCatalog();
    expect(catalog.resolve('NANO BANANA PRO').id).toBe('nano-banana-pro');
    expect(catalog.resolve('gemini-3-pro-image').id).toBe('nano-banana-pro');
  });

  it('suggests the nearest id for a typo', () => {
    expect(() => loadCatalog().resolve('nano-banan-pro')).toThrow(/Unknown model/);
    expect(loadCatalog().suggest('nano-banan-pro')[0]).toBe('nano-banana-pro');
  });
});
