import type { GenerationAsset } from './generations.ts';

/**
 * The server's resized WebP copies of an image (`/assets/<sha>?w=<width>`, apps/server
 * thumbnails.ts), as `srcset` candidates so the browser fetches the smallest one that is sharp
 * at the size and pixel density shown, never the full asset. The widths are the server's list.
 */
export const THUMBNAIL_WIDTHS = [160, 320, 480, 640, 960, 1280] as const;

/** Raster formats the server resizes; others (SVG) are shown as they are. */
const RESIZABLE = /^image\/(png|jpeg|webp|avif|gif)$/;

export interface Thumbnail {
  src: string;
  srcSet?: string;
}

/**
 * `src` and `srcSet` for an image shown at most `maxWidth` CSS pixels wide (candidates up to 2×
 * that, and never wider than the image itself: the server does not enlarge).
 */
export function thumbnail(
  asset: Pick<GenerationAsset, 'url' | 'mediaType' | 'width'>,
  maxWidth: number,
): Thumbnail {
  if (!RESIZABLE.test(asset.mediaType)) return { src: asset.url };
  const limit = Math.min(maxWidth * 2, asset.width);
  const widths = THUMBNAIL_WIDTHS.filter((w) => w <= limit);
  // An image narrower than the smallest width: the server sends it at its own size.
  if (widths.length === 0) return { src: `${asset.url}?w=${THUMBNAIL_WIDTHS[0]}` };
  const sep = asset.url.includes('?') ? '&' : '?';
  const at = (w: number) => `${asset.url}${sep}w=${w}`;
  const fallback = widths.find((w) => w >= maxWidth) ?? widths[widths.length - 1];
  return {
    src: at(fallback ?? THUMBNAIL_WIDTHS[0]),
    srcSet: widths.map((w) => `${at(w)} ${w}w`).join(', '),
  };
}
