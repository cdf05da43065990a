import { describe, expect, it } from 'vitest';
import { thumbnail } from './thumbnails.ts';

const png = { url: '/assets/abc', mediaType: 'image/png', width: 1024 };

describe('thumbnail', () => {
  it('offers the server widths up to twice the shown size, never the full asset', () => {
    const t = thumbnail(png, 240);
    expect(t.src).toBe('/assets/abc?w=320');
    expect(t.srcSet).toBe('/assets/abc?w=160 160w, /assets/abc?w=320 320w, /assets/abc?w=480 480w');
  });

  it('stops at the image’s own width (the server does not enlarge)', () => {
    expect(thumbnail({ ...png, width: 500 }, 400).srcSet).toBe(
      '/assets/abc?w=160 160w, /assets/abc?w=320 320w, /assets/abc?w=480 480w',
    );
    expect(thumbnail({ ...png, width: 100 }, 400)).toEqual({ src: '/assets/abc?w=160' });
  });

  it('leaves formats the server cannot resize as they are', () => {
    expect(thumbnail({ ...png, mediaType: 'image/svg+xml' }, 240)).toEqual({ src: '/assets/abc' });
  });
});
