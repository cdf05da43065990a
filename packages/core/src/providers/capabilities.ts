import { AtelierError } from '../errors.ts';
import { videoDefaults } from '../pricing/defaults.ts';
import { mapAspectRatio } from '../prompt/aspect.ts';
import type {
  ImageCapabilities,
  ImageModelEntry,
  VideoCapabilities,
  VideoModelEntry,
} from '../catalog/schema.ts';
import type { ImageRequest, VideoRequest, Warning } from './spec.ts';

/**
 * Checks a normalized request against the catalog's capabilities before anything is sent.
 * Values a model has but were mistyped are errors naming the allowed values; settings a model
 * lacks are dropped with a warning; size and aspect ratio are translated into whichever of the
 * two the model takes, with a 'compatibility' warning when that changes what was asked.
 */

export interface ImagePlan {
  /** Exact pixels, for models that take sizes. */
  size?: { width: number; height: number };
  /** For models that take an aspect ratio (and resolution tier) instead of pixels. */
  aspectRatio?: string;
  resolution?: string;
  quality?: string;
  seed?: number;
  negativePrompt?: string;
  outputFormat?: ImageRequest['outputFormat'];
  background?: ImageRequest['background'];
  warnings: Warning[];
}

function invalid(
  model: string,
  message: string,
  details: Record<string, unknown> = {},
): AtelierError {
  return new AtelierError('invalid_request', `${model}: ${message}`, {
    details: { model, ...details },
  });
}

const list = (values: readonly (string | number)[]) => values.map((v) => `"${v}"`).join(', ');

export function parseRatio(ratio: string): number {
  const [w, h] = ratio.split(':').map(Number);
  return (w ?? 1) / (h ?? 1);
}

export function parseSize(size: string): { width: number; height: number } {
  const [width, height] = size.split('x').map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}

function closestRatio(target: number, ratios: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDiff = Infinity;
  for (const r of ratios) {
    const diff = Math.abs(Math.log(parseRatio(r) / target));
    if (diff < bestDiff - 1e-9) {
      best = r;
      bestDiff = diff;
    }
  }
  return best;
}

export function checkImageRequest(entry: ImageModelEntry, req: ImageRequest): ImagePlan {
  const caps: ImageCapabilities = entry.image;
  const id = entry.id;
  const warnings: Warning[] = [];
  const plan: ImagePlan = { warnings };

  if (req.n > caps.maxImagesPerCall) {
    throw invalid(id, `n must be at most ${caps.maxImagesPerCall} per call (got ${req.n}).`, {
      field: 'n',
    });
  }
  if (req.referenceImages.length > caps.maxInputImages) {
    throw invalid(
      id,
      caps.maxInputImages === 0
        ? 'does not accept reference images.'
        : `accepts at most ${caps.maxInputImages} reference images (got ${req.referenceImages.length}).`,
      { field: 'referenceImages' },
    );
  }
  if (req.mask) {
    if (!caps.mask) throw invalid(id, 'does not support mask inpainting.', { field: 'mask' });
    if (req.referenceImages.length === 0)
      throw invalid(id, 'a mask needs the image it applies to in referenceImages.', {
        field: 'mask',
      });
  }

  planSize(entry, req, plan);

  if (req.quality !== undefined) {
    if (caps.qualities.length === 0) {
      warnings.push({
        type: 'unsupported',
        setting: 'quality',
        message: `${id} has no quality setting; "${req.quality}" was not sent.`,
      });
    } else if (!caps.qualities.includes(req.quality)) {
      throw invalid(id, `quality must be one of ${list(caps.qualities)} (got "${req.quality}").`, {
        field: 'quality',
        allowed: caps.qualities,
      });
    } else {
      plan.quality = req.quality;
    }
  }
  if (req.resolution !== undefined) {
    const names = caps.resolutions.map((r) => r.name);
    if (names.length === 0) {
      warnings.push({
        type: 'unsupported',
        setting: 'resolution',
        message: `${id} has no resolution tiers; "${req.resolution}" was not sent.`,
      });
    } else if (!names.includes(req.resolution)) {
      throw invalid(id, `resolution must be one of ${list(names)} (got "${req.resolution}").`, {
        field: 'resolution',
        allowed: names,
      });
    } else {
      plan.resolution = req.resolution;
    }
  }
  if (req.seed !== undefined) {
    if (caps.seed) plan.seed = req.seed;
    else
      warnings.push({
        type: 'unsupported',
        setting: 'seed',
        message: `${id} does not accept a seed; results are not reproducible.`,
      });
  }
  if (req.negativePrompt !== undefined) {
    if (caps.negativePrompt) plan.negativePrompt = req.negativePrompt;
    else
      warnings.push({
        type: 'unsupported',
        setting: 'negativePrompt',
        message: `${id} does not accept a negative prompt; it was not sent.`,
      });
  }
  if (req.outputFormat !== undefined) {
    if ((caps.outputFormats as readonly string[]).includes(req.outputFormat))
      plan.outputFormat = req.outputFormat;
    else {
      warnings.push({
        type: 'unsupported',
        setting: 'outputFormat',
        message: `${id} cannot return ${req.outputFormat}; it returns ${caps.outputFormats.join(' or ')}.`,
      });
    }
  }
  if (req.background !== undefined) {
    // No provider can put transparency in a JPEG: refused on every route alike.
    if (req.background === 'transparent' && plan.outputFormat === 'jpeg') {
      throw invalid(id, 'a transparent background needs PNG or WebP output, not JPEG.', {
        field: 'background',
        allowed: ['png', 'webp'],
      });
    }
    if (req.background === 'transparent' && !caps.transparency) {
      warnings.push({
        type: 'unsupported',
        setting: 'background',
        message: `${id} cannot make transparent backgrounds.`,
      });
    } else if (caps.transparency) {
      plan.background = req.background;
    }
  }
  return plan;
}

function planSize(entry: ImageModelEntry, req: ImageRequest, plan: ImagePlan): void {
  const caps = entry.image;
  const id = entry.id;
  const sizes = caps.sizes;
  if (sizes.kind === 'aspect') {
    if (req.aspectRatio !== undefined) {
      if (caps.aspectRatios.length && !caps.aspectRatios.includes(req.aspectRatio)) {
        const mapping = mapAspectRatio(entry, req.aspectRatio);
        plan.aspectRatio = mapping.value;
        if (mapping.warning)
          plan.warnings.push({
            type: 'compatibility',
            setting: 'aspectRatio',
            message: mapping.warning,
          });
      } else {
        plan.aspectRatio = req.aspectRatio;
      }
      if (req.size !== undefined) {
        plan.warnings.push({
          type: 'unsupported',
          setting: 'size',
          message: `${id} takes an aspect ratio, not pixels; size ${req.size} was not sent.`,
        });
      }
      return;
    }
    if (req.size === undefined) return;
    const { width, height } = parseSize(req.size);
    const ratio = closestRatio(width / height, caps.aspectRatios);
    const tiers = [...caps.resolutions].sort((a, b) => a.longEdge - b.longEdge);
    const tier =
      req.resolution === undefined
        ? (tiers.find((t) => t.longEdge >= Math.max(width, height)) ?? tiers.at(-1))
        : undefined;
    if (ratio) plan.aspectRatio = ratio;
    const parts = [
      ratio ? `aspect ratio ${ratio}` : undefined,
      tier ? `resolution ${tier.name}` : undefined,
    ].filter(Boolean);
    if (tier) plan.resolution = tier.name;
    plan.warnings.push({
      type: 'compatibility',
      setting: 'size',
      message: `${id} takes an aspect ratio, not pixels; size ${req.size} was sent as ${parts.join(' and ') || 'the default'}.`,
    });
    return;
  }

  if (req.size !== undefined) {
    const { width, height } = parseSize(req.size);
    if (sizes.kind === 'list') {
      if (!sizes.values.includes(req.size)) {
        throw invalid(id, `size must be one of ${list(sizes.values)} (got "${req.size}").`, {
          field: 'size',
          allowed: sizes.values,
        });
      }
    } else {
      const problems: string[] = [];
      if (width % sizes.multipleOf || height % sizes.multipleOf)
        problems.push(`both sides must be multiples of ${sizes.multipleOf}`);
      if (Math.min(width, height) < sizes.minEdge || Math.max(width, height) > sizes.maxEdge) {
        problems.push(`each side must be between ${sizes.minEdge} and ${sizes.maxEdge}`);
      }
      if (width * height < sizes.minPixels || width * height > sizes.maxPixels) {
        problems.push(`the area must be between ${sizes.minPixels} and ${sizes.maxPixels} pixels`);
      }
      if (Math.max(width, height) / Math.min(width, height) > sizes.maxAspect)
        problems.push(`the long side may be at most ${sizes.maxAspect}× the short side`);
      if (problems.length) {
        throw invalid(
          id,
          `size ${req.size} is not allowed: ${problems.join('; ')} (e.g. ${sizes.presets.join(', ')}).`,
          {
            field: 'size',
            presets: sizes.presets,
          },
        );
      }
    }
    plan.size = { width, height };
    if (
      req.aspectRatio !== undefined &&
      Math.abs(parseRatio(req.aspectRatio) - width / height) > 0.01
    ) {
      plan.warnings.push({
        type: 'unsupported',
        setting: 'aspectRatio',
        message: `${id}: size ${req.size} was used; aspectRatio ${req.aspectRatio} does not match it and was not sent.`,
      });
    }
    return;
  }
  if (req.aspectRatio === undefined) return;
  // The one aspect mapping, shared with `prompt lint` and `--ar`: the nearest size the model
  // can make, within its bounds, with a warning whenever it is not exactly what was asked.
  const mapping = mapAspectRatio(entry, req.aspectRatio);
  plan.size = parseSize(mapping.value);
  plan.warnings.push({
    type: 'compatibility',
    setting: 'aspectRatio',
    message:
      mapping.warning ??
      `${id} takes sizes, not aspect ratios; aspectRatio ${req.aspectRatio} was sent as size ${mapping.value}.`,
  });
}

export interface VideoPlan {
  duration: number;
  resolution: string;
  aspectRatio: string;
  audio: boolean;
  seed?: number;
  negativePrompt?: string;
  firstFrame?: VideoRequest['firstFrame'];
  lastFrame?: VideoRequest['lastFrame'];
  warnings: Warning[];
}

/**
 * The clip length a request gets: the one asked for, else pricing's default (`videoDefaults`).
 * A default nobody set is no warning: the plan lists it apart among the defaults it chose, and
 * warnings are kept for settings the user set that the model changed or dropped.
 */
export function resolveDuration(
  entry: VideoModelEntry,
  duration: number | undefined,
): { duration: number } {
  if (duration !== undefined) return { duration };
  const chosen = videoDefaults(entry.video).seconds;
  if (chosen === undefined)
    throw invalid(entry.id, 'the catalog lists no clip lengths for it.', { field: 'duration' });
  return { duration: chosen };
}

/** Video requests get explicit defaults (`videoDefaults`, shared with pricing) so the wire body and the price agree. */
export function checkVideoRequest(entry: VideoModelEntry, req: VideoRequest): VideoPlan {
  const caps: VideoCapabilities = entry.video;
  const id = entry.id;
  const warnings: Warning[] = [];
  const usual = videoDefaults(caps);

  const { duration } = resolveDuration(entry, req.duration);
  if (!caps.durations.includes(duration)) {
    throw invalid(
      id,
      `duration must be one of ${list(caps.durations)} seconds (got ${duration}).`,
      { field: 'duration', allowed: caps.durations },
    );
  }
  const resolution = req.resolution ?? usual.resolution ?? '720p';
  if (!caps.resolutions.includes(resolution)) {
    throw invalid(
      id,
      `resolution must be one of ${list(caps.resolutions)} (got "${resolution}").`,
      { field: 'resolution', allowed: caps.resolutions },
    );
  }
  const aspectRatio = req.aspectRatio ?? usual.aspectRatio ?? '16:9';
  if (!caps.aspectRatios.includes(aspectRatio)) {
    throw invalid(
      id,
      `aspectRatio must be one of ${list(caps.aspectRatios)} (got "${aspectRatio}").`,
      { field: 'aspectRatio', allowed: caps.aspectRatios },
    );
  }
  let audio: boolean;
  if (caps.audio === 'none') {
    if (req.audio)
      warnings.push({
        type: 'unsupported',
        setting: 'audio',
        message: `${id} makes silent video; audio was not requested.`,
      });
    audio = false;
  } else if (caps.audio === 'always') {
    if (req.audio === false)
      warnings.push({
        type: 'unsupported',
        setting: 'audio',
        message: `${id} always generates audio.`,
      });
    audio = true;
  } else {
    audio = req.audio ?? usual.audio;
  }
  if (req.firstFrame && !caps.imageToVideo)
    throw invalid(id, 'does not animate a first frame (no image-to-video).', {
      field: 'firstFrame',
    });
  if (req.lastFrame && !caps.lastFrame)
    throw invalid(id, 'does not accept a last frame.', { field: 'lastFrame' });
  if (req.lastFrame && !req.firstFrame)
    throw invalid(id, 'a last frame needs a first frame.', { field: 'lastFrame' });

  const plan: VideoPlan = {
    duration,
    resolution,
    aspectRatio,
    audio,
    warnings,
    firstFrame: req.firstFrame,
    lastFrame: req.lastFrame,
  };
  if (req.seed !== undefined) {
    if (caps.seed) plan.seed = req.seed;
    else
      warnings.push({
        type: 'unsupported',
        setting: 'seed',
        message: `${id} does not accept a seed; results are not reproducible.`,
      });
  }
  if (req.negativePrompt !== undefined) {
    if (caps.negativePrompt) plan.negativePrompt = req.negativePrompt;
    else
      warnings.push({
        type: 'unsupported',
        setting: 'negativePrompt',
        message: `${id} does not accept a negative prompt; it was not sent.`,
      });
  }
  return plan;
}

/** Pixel dimensions of a video resolution at an aspect ratio ("720p" at 16:9 → 1280×720). */
export function videoDimensions(
  resolution: string,
  aspectRatio: string,
): { width: number; height: number } {
  const short: Record<string, number> = {
    '480p': 480,
    '720p': 720,
    '768p': 768,
    '1080p': 1080,
    '1440p': 1440,
    '2k': 1440,
    '4k': 2160,
  };
  const s = short[resolution] ?? 720;
  const r = parseRatio(aspectRatio);
  const even = (v: number) => Math.round(v / 2) * 2;
  return r >= 1 ? { width: even(s * r), height: s } : { width: s, height: even(s / r) };
}
