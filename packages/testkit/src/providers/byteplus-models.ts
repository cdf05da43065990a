import { parseRatio, parseWxH, videoSize, type Size } from '../media/sizes.ts';

/**
 * What each BytePlus ModelArk model accepts, from BytePlus's ModelArk API reference
 * (docs.byteplus.com ModelArk "Image generation API" and "Video Generation API"): Seedream's
 * `size` is "WxH" within the model's total-pixel range and an aspect ratio between 1:16 and 16:1,
 * or a resolution word; Seedance's resolutions, clip lengths and ratios per model.
 */

export interface SeedreamModel {
  minPixels: number;
  maxPixels: number;
  /** Resolution words `size` may be, with their square edge. */
  shorthand: Readonly<Record<string, number>>;
  /** 4.0 and earlier: the API reads `seed`; later models ignore it. */
  seed: boolean;
}

const MAX_4K = 4096 * 4096;
export const SEEDREAM: Readonly<Record<string, SeedreamModel>> = {
  'seedream-4-0-250828': {
    minPixels: 1280 * 720,
    maxPixels: MAX_4K,
    shorthand: { '1K': 1024, '2K': 2048, '4K': 4096 },
    seed: true,
  },
  'seedream-4-5-251128': {
    minPixels: 2560 * 1440,
    maxPixels: MAX_4K,
    shorthand: { '2K': 2048, '4K': 4096 },
    seed: false,
  },
  'seedream-5-0-260128': {
    minPixels: 2560 * 1440,
    maxPixels: MAX_4K,
    shorthand: { '2K': 2048, '3K': 3072, '4K': 4096 },
    seed: false,
  },
  'seedream-5-0-pro-260628': {
    minPixels: 1280 * 720,
    maxPixels: 2048 * 2048,
    shorthand: { '1K': 1024, '2K': 2048 },
    seed: false,
  },
};

export interface SeedanceModel {
  resolutions: readonly string[];
  durations: readonly [number, number];
  ratios: readonly string[];
  audio: boolean;
  cameraFixed: boolean;
}

const RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16', 'adaptive'];
export const SEEDANCE: Readonly<Record<string, SeedanceModel>> = {
  'seedance-1-5-pro-251215': {
    resolutions: ['480p', '720p', '1080p'],
    durations: [4, 12],
    ratios: RATIOS,
    audio: true,
    cameraFixed: true,
  },
  'seedance-1-0-pro-250528': {
    resolutions: ['480p', '720p', '1080p'],
    durations: [2, 12],
    ratios: RATIOS,
    audio: false,
    cameraFixed: true,
  },
  'seedance-1-0-pro-fast-251015': {
    resolutions: ['480p', '720p', '1080p'],
    durations: [2, 12],
    ratios: RATIOS,
    audio: false,
    cameraFixed: true,
  },
  'dreamina-seedance-2-0-260128': {
    resolutions: ['480p', '720p', '1080p', '4k'],
    durations: [4, 15],
    ratios: RATIOS,
    audio: true,
    cameraFixed: false,
  },
  'dreamina-seedance-2-0-fast-260128': {
    resolutions: ['480p', '720p', '1080p'],
    durations: [4, 15],
    ratios: RATIOS,
    audio: true,
    cameraFixed: false,
  },
};

/** Seedance's frame rate; its video tokens are W × H × fps × seconds / 1024. */
export const SEEDANCE_FPS = 24;

export function seedanceTokens(size: Size, seconds: number): number {
  return Math.floor((size.width * size.height * SEEDANCE_FPS * seconds) / 1024);
}

/** The frame a Seedance task renders ("adaptive" follows the first frame; 16:9 without one). */
export function seedanceFrame(resolution: string, ratio: string, firstFrame?: Size): Size {
  const r =
    ratio === 'adaptive'
      ? firstFrame
        ? `${firstFrame.width}:${firstFrame.height}`
        : '16:9'
      : ratio;
  return videoSize(resolution, r) ?? { width: 1280, height: 720 };
}

/** Seedream's output size for `size` on a model, or the reason it is refused. */
export function seedreamSize(
  model: SeedreamModel,
  size: string | undefined,
): { size: Size } | { error: string } {
  if (size === undefined) return { size: { width: 2048, height: 2048 } };
  const word = model.shorthand[size.toUpperCase()];
  if (word !== undefined) return { size: { width: word, height: word } };
  const parsed = parseWxH(size);
  if (!parsed)
    return { error: `size must be one of ${Object.keys(model.shorthand).join(', ')} or "WxH"` };
  const pixels = parsed.width * parsed.height;
  if (pixels < model.minPixels || pixels > model.maxPixels) {
    return {
      error: `the total pixels of size must be between ${model.minPixels} and ${model.maxPixels}`,
    };
  }
  const ratio = parseRatio(`${parsed.width}:${parsed.height}`) ?? 1;
  if (ratio < 1 / 16 || ratio > 16)
    return { error: 'the aspect ratio of size must be between 1:16 and 16:1' };
  return { size: parsed };
}
