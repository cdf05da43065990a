import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@atelier/db/data-dir';
import sharp from 'sharp';

/**
 * Resized WebP copies of image assets for galleries (`GET /assets/<sha256>?w=320`): a 1024²
 * PNG of ~2.4 MB becomes a few KB at thumbnail size. Each is made once per asset and width and
 * kept on disk beside the assets; assets never change, so neither do their thumbnails. Widths
 * come from a short list so a caller cannot fill the disk with one file per pixel width.
 */

export const THUMBNAIL_WIDTHS = [160, 320, 480, 640, 960, 1280] as const;
export type ThumbnailWidth = (typeof THUMBNAIL_WIDTHS)[number];

/** Raster formats libvips reads; SVG and video have no thumbnail here. */
export const THUMBNAIL_SOURCES = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/avif',
  'image/gif',
]);

// Each thumbnail is made once, so libvips' operation cache would only hold memory.
sharp.cache(false);

/** The width asked for, or an error message naming the allowed values. */
export function parseThumbnailWidth(value: string): ThumbnailWidth | string {
  const width = Number(value);
  return (THUMBNAIL_WIDTHS as readonly number[]).includes(width)
    ? (width as ThumbnailWidth)
    : `w must be one of ${THUMBNAIL_WIDTHS.join(', ')} (pixels), got "${value}"`;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export class ThumbnailCache {
  /** Thumbnails being made, so concurrent requests for one share the work. */
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(readonly dir: string) {}

  /** The WebP thumbnail of `sha256` at `width` (never wider than the original), made on first use. */
  get(sha256: string, width: ThumbnailWidth, source: () => Promise<Readable>): Promise<Buffer> {
    const name = `${sha256}-w${width}.webp`;
    let job = this.pending.get(name);
    if (!job) {
      job = this.load(name, width, source).finally(() => this.pending.delete(name));
      this.pending.set(name, job);
    }
    return job;
  }

  private async load(
    name: string,
    width: ThumbnailWidth,
    source: () => Promise<Readable>,
  ): Promise<Buffer> {
    const path = join(this.dir, name);
    const kept = await readFile(path).catch(() => undefined);
    if (kept) return kept;
    const original = await readAll(await source());
    const thumbnail = await sharp(original, { animated: false })
      .rotate() // honour EXIF orientation before the orientation tag is dropped
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    await mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // Written under a temporary name, then renamed: a reader never sees half a file.
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, thumbnail, { mode: PRIVATE_FILE_MODE });
    await rename(temporary, path);
    return thumbnail;
  }
}
