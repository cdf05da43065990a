import { z } from 'zod';
import type { RouteRules } from './types.ts';

/**
 * Stability AI's Stable Image API (POST /v2beta/stable-image/generate/{ultra|core|sd3},
 * multipart/form-data) per endpoint. Source: platform.stability.ai/docs/api-reference (read
 * 2026-12): nine aspect ratios 21:9–9:21, seed 0–4294967294, negative_prompt (not on
 * sd3.5-large-turbo), output_format png | jpeg | webp (the SD 3.5 models png | jpeg), an input
 * `image` with `strength` for image-to-image on Ultra and SD3 (`mode: image-to-image`),
 * style_preset on Core and SD3, cfg_scale 1–10 on SD3.
 */

export const STABILITY_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '21:9', '9:21', '3:2', '2:3', '5:4', '4:5'] as const;

const STYLE_PRESETS = [
  '3d-model', 'analog-film', 'anime', 'cinematic', 'comic-book', 'digital-art', 'enhance', 'fantasy-art', 'isometric',
  'line-art', 'low-poly', 'modeling-compound', 'neon-punk', 'origami', 'photographic', 'pixel-art', 'tile-texture',
] as const;

const stylePreset = z.enum(STYLE_PRESETS).describe('A style preset that guides the image toward a look.');
const strength = z.number().min(0).max(1).describe('With an input image: how much of it to change, 0 (keep it) to 1 (ignore it).');
const cfgScale = z.number().min(1).max(10).describe('How strictly the image follows the prompt (1–10).');

/** Every option some Stability endpoint takes: what `providerOptions.stability` may hold at all. */
export const StabilityImageOptions = z
  .object({ stylePreset: stylePreset.optional(), strength: strength.optional(), cfgScale: cfgScale.optional() })
  .strict();
export type StabilityImageOptions = z.output<typeof StabilityImageOptions>;

/** What the adapter needs beyond the checks: the endpoint path and the `model` field for sd3. */
export interface StabilityRouteRules extends RouteRules {
  endpoint: 'ultra' | 'core' | 'sd3';
  /** The `model` form field (SD 3.5 models share the sd3 endpoint). */
  model?: string;
}

const IMAGES = { types: ['image/png', 'image/jpeg', 'image/webp'], max: 1 } as const;
const RATIOS = { aspectRatios: STABILITY_ASPECT_RATIOS } as const;
const ALL_FORMATS = { outputFormats: ['png', 'jpeg', 'webp'], defaultOutputFormat: 'png' } as const;
const SD3_FORMATS = { outputFormats: ['png', 'jpeg'], defaultOutputFormat: 'png' } as const;
const ONLY_SD3 = 'cfg_scale is set on the SD 3.5 models (the sd3 endpoint) only.';
const NO_IMAGE = 'Stable Image Core is text-to-image only: it takes no input image, so no strength.';

const sd3 = (model: string): StabilityRouteRules => ({
  ...RATIOS,
  ...SD3_FORMATS,
  endpoint: 'sd3',
  model,
  options: z.object({ stylePreset: stylePreset.optional(), strength: strength.optional(), cfgScale: cfgScale.optional() }).strict(),
  callOnly: { strength: 'edit' },
  images: IMAGES,
});

const TABLE: Record<string, StabilityRouteRules> = {
  'stable-image-ultra': {
    ...RATIOS,
    ...ALL_FORMATS,
    endpoint: 'ultra',
    options: z.object({ strength: strength.optional() }).strict(),
    callOnly: { strength: 'edit' },
    // Ultra's documented default strength with an input image.
    defaults: [{ option: 'strength', value: 0.35, withImage: true }],
    notTaken: { stylePreset: 'Stable Image Ultra takes no style_preset; Core and the SD 3.5 models do.', cfgScale: ONLY_SD3 },
    images: IMAGES,
  },
  'stable-image-core': {
    ...RATIOS,
    ...ALL_FORMATS,
    endpoint: 'core',
    options: z.object({ stylePreset: stylePreset.optional() }).strict(),
    notTaken: { strength: NO_IMAGE, cfgScale: ONLY_SD3 },
    images: { ...IMAGES, max: 0 },
  },
  'sd3.5-large': sd3('sd3.5-large'),
  'sd3.5-large-turbo': sd3('sd3.5-large-turbo'),
  'sd3.5-medium': sd3('sd3.5-medium'),
};

export function stabilityImageRules(providerModelId: string): StabilityRouteRules {
  return TABLE[providerModelId] ?? { ...sd3(providerModelId) };
}
