import type { ImageCapabilities, VideoCapabilities } from '../catalog/schema.ts';

/**
 * What a video request means when it leaves a setting out. One definition, read by pricing (the
 * expected case of an estimate) and by the provider adapters (what is sent), so a clip is priced
 * at the settings it is made with.
 */

/** The clip length side-by-side runs and prices aim for: long enough to judge motion, a common length across models. */
export const CLIP_SECONDS = 8;

/** The clip length nearest to CLIP_SECONDS that the model offers; the shorter one on a tie. */
export function defaultClipSeconds(durations: readonly number[]): number | undefined {
  return [...durations].sort(
    (a, b) => Math.abs(a - CLIP_SECONDS) - Math.abs(b - CLIP_SECONDS) || a - b,
  )[0];
}

export interface VideoDefaults {
  seconds: number | undefined;
  resolution: VideoCapabilities['resolutions'][number] | undefined;
  aspectRatio: VideoCapabilities['aspectRatios'][number] | undefined;
  audio: boolean;
}

function prefer<T extends string>(values: readonly T[], usual: string): T | undefined {
  return values.find((v) => v.toLowerCase() === usual.toLowerCase()) ?? values[0];
}

/**
 * 720p and 16:9 where offered (the video APIs in the catalog default to them), else the first
 * listed; audio on wherever the model can make it (Veo, Seedance 2 and Kling 3 default it on).
 */
export function videoDefaults(
  caps: Pick<VideoCapabilities, 'durations' | 'resolutions' | 'aspectRatios' | 'audio'>,
): VideoDefaults {
  return {
    seconds: defaultClipSeconds(caps.durations),
    resolution: prefer(caps.resolutions, '720p'),
    aspectRatio: prefer(caps.aspectRatios, '16:9'),
    audio: caps.audio !== 'none',
  };
}

export interface ImageDefaults {
  quality: string | undefined;
  size: string | undefined;
  resolution: string | undefined;
  outputFormat: 'png' | 'jpeg' | 'webp' | undefined;
}

/**
 * What Atelier asks for when an image request leaves a priced setting open. Providers default
 * differently (OpenAI renders "auto" quality as high), so the planner sends these explicitly:
 * medium quality, 1024x1024 (or the first listed size), the 1K tier and PNG where offered.
 */
export function imageDefaults(
  caps: Pick<ImageCapabilities, 'qualities' | 'sizes' | 'resolutions' | 'outputFormats'>,
): ImageDefaults {
  const sizes =
    caps.sizes.kind === 'list'
      ? caps.sizes.values
      : caps.sizes.kind === 'range'
        ? caps.sizes.presets
        : [];
  const formats = caps.outputFormats.filter(
    (f): f is 'png' | 'jpeg' | 'webp' => f === 'png' || f === 'jpeg' || f === 'webp',
  );
  return {
    quality: caps.qualities.length
      ? (caps.qualities.find((q) => q === 'medium') ??
        caps.qualities.find((q) => q === 'standard') ??
        caps.qualities.find((q) => q !== 'auto'))
      : undefined,
    size: sizes.length ? prefer(sizes, '1024x1024') : undefined,
    resolution: prefer(
      caps.resolutions.map((r) => r.name),
      '1K',
    ),
    outputFormat: formats.length ? prefer(formats, 'png') : undefined,
  };
}
