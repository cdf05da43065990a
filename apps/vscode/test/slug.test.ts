import { describe, expect, it } from 'vitest';
import { extensionFor, slugify, uniqueFileName } from '../src/lib/slug.ts';

describe('slugify', () => {
  it('keeps lowercase ASCII words joined by dashes, accents dropped', () => {
    expect(slugify('A Copper Kettle on a Café table!')).toBe('a-copper-kettle-on-a-cafe-table');
    expect(slugify('  --Hero  image__v2-- ')).toBe('hero-image-v2');
  });
  it('names a prompt without letters or digits "image"', () => {
    expect(slugify('✨🎨 !!!')).toBe('image');
  });
  it('cuts long prompts at a word boundary', () => {
    const slug = slugify(
      'a very long prompt about a lighthouse on a cliff at dusk with dramatic clouds',
    );
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug).toBe('a-very-long-prompt-about-a-lighthouse-on-a-cliff');
  });
});

describe('uniqueFileName', () => {
  it('is <slug>-<model>.<ext>', () => {
    expect(uniqueFileName('A red fox', 'gpt-image-2', 'image/png', () => false)).toBe(
      'a-red-fox-gpt-image-2.png',
    );
    expect(uniqueFileName('A red fox', 'flux-2-pro', 'image/jpeg', () => false)).toBe(
      'a-red-fox-flux-2-pro.jpg',
    );
  });
  it('adds -2, -3… when the name is taken', () => {
    const taken = new Set(['fox-gpt-image-2.png', 'fox-gpt-image-2-2.png']);
    expect(uniqueFileName('fox', 'gpt-image-2', 'image/png', (n) => taken.has(n))).toBe(
      'fox-gpt-image-2-3.png',
    );
  });
  it('refuses a media type it cannot name, listing the ones it can', () => {
    expect(() => extensionFor('application/pdf')).toThrow(/application\/pdf.*image\/png/);
    expect(extensionFor('image/svg+xml')).toBe('svg');
    expect(extensionFor('video/mp4')).toBe('mp4');
  });
});
