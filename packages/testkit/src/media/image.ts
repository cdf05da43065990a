import sharp from 'sharp';

// Every render has a unique input, so libvips' operation cache would only hold memory (up to
// 50 MB of pixels by default) inside the process that runs the emulators.
sharp.cache(false);

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageSpec {
  format: ImageFormat;
  width: number;
  height: number;
  /** Any text; the same seed gives the same bytes. Providers pass prompt + seed + index. */
  seed: string;
  /** Adds an alpha channel with transparent corners (png / webp only). */
  transparent?: boolean;
  /** Encoder quality 1–100 for jpeg / webp (default 90 / 80). */
  quality?: number;
  /**
   * Amplitude of the per-pixel noise (0–64, default 4). Noise is what gives files realistic
   * sizes: at 4 a 3840×2160 PNG is ~15 MB, as real 4K renders are; 0 makes files several times smaller.
   */
  noise?: number;
}

export const MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

export const MAX_DIMENSION = 16_384;

/** FNV-1a: a cheap, stable 32-bit hash so every seed string maps to its own pattern. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/**
 * Raw pixels of the test pattern: a two-colour gradient and diagonal bands picked by the seed,
 * plus xorshift noise. Deterministic, and fast enough for 4K (~60 ms).
 */
export function renderPattern(
  width: number,
  height: number,
  channels: 3 | 4,
  seed: string,
  noise = 4,
): Buffer {
  const h = hash32(seed);
  const r0 = h & 0xff;
  const g0 = (h >>> 8) & 0xff;
  const b0 = (h >>> 16) & 0xff;
  const bandShift = 5 + ((h >>> 24) % 3);
  const amp = Math.max(0, Math.min(64, Math.round(noise)));
  const mask = amp > 0 ? 2 ** Math.ceil(Math.log2(amp * 2)) - 1 : 0;
  const pixels = Buffer.allocUnsafe(width * height * channels);
  let state = h;
  let i = 0;
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const fy = ((y * 255) / height) | 0;
    const dy = (y - cy) / cy;
    for (let x = 0; x < width; x++) {
      let n = 0;
      if (mask) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        n = ((state & mask) % (amp * 2 + 1)) - amp;
      }
      const fx = ((x * 255) / width) | 0;
      const band = ((x + y) >> bandShift) & 1 ? 40 : 0;
      pixels[i++] = (r0 + fx + band + n) & 0xff;
      pixels[i++] = (g0 + fy + n) & 0xff;
      pixels[i++] = (b0 + ((fx + fy) >> 1) + band - n) & 0xff;
      if (channels === 4) {
        const dx = (x - cx) / cx;
        pixels[i++] = dx * dx + dy * dy <= 1 ? 255 : 0;
      }
    }
  }
  return pixels;
}

export function checkDimensions(width: number, height: number): void {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_DIMENSION) {
      throw new RangeError(
        `image ${name} must be an integer from 1 to ${MAX_DIMENSION}, got ${value}`,
      );
    }
  }
}

/** Encodes the pattern as a real PNG / JPEG / WebP of exactly the requested size. */
export async function renderImage(spec: ImageSpec): Promise<Buffer> {
  checkDimensions(spec.width, spec.height);
  const transparent = spec.transparent === true && spec.format !== 'jpeg';
  const channels = transparent ? 4 : 3;
  const raw = renderPattern(spec.width, spec.height, channels, spec.seed, spec.noise);
  const image = sharp(raw, { raw: { width: spec.width, height: spec.height, channels } });
  switch (spec.format) {
    case 'png':
      return image.png({ compressionLevel: 6 }).toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: spec.quality ?? 90 }).toBuffer();
    case 'webp':
      return image.webp({ quality: spec.quality ?? 80, effort: 0 }).toBuffer();
  }
}
