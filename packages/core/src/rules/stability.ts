import { z } from 'zod';
import type { RouteRules } from './types.ts';

/**
 * Stability AI's Stable Image API (POST /v2beta/stable-image/generate/{ultra|core|sd3},
 * multipart/form-data) per endpoint. Source: platform.stability.ai/docs/api-reference (read
 * 2026-12): nine aspect ratios 21:9–9:21, seed 0–4294967294, negative_prompt (not on
 * sd3.5-large-turbo), output_format png | jpeg | webp (the SD 3.5 models png | jpeg), an input
 * `image` with `strength` for image-to-image on Ultra and SD3 (`mode: image-to-image`),
 * style_preset on Core and SD3, cfg_scale 1–10 on SD3.
 *
 * The edit service POST /v2beta/stable-image/edit/inpaint (Stable Image Inpaint; Stability's
 * Edit reference, read 2026-12) takes one `image` (png, jpeg or webp; every side at least 64 px,
 * 4,096 to 9,437,184 pixels, aspect ratio 1:2.5 to 2.5:1) and a black-and-white `mask` (white
 * repaints), prompt, negative_prompt, seed, output_format png | jpeg | webp, style_preset and
 * grow_mask 0–100 (default 5); the result has the input's size. Stability resizes a mask of
 * another size; it is refused here instead, so the area repainted is the one drawn.
 *
 * POST /v2beta/stable-image/edit/remove-background (Stable Image Remove Background) takes one
 * `image` and `output_format` png | webp (default png), and nothing else: no prompt.
 */

export const STABILITY_ASPECT_RATIOS = [
  '1:1',
  '16:9',
  '9:16',
  '21:9',
  '9:21',
  '3:2',
  '2:3',
  '5:4',
  '4:5',
] as const;

const STYLE_PRESETS = [
  '3d-model',
  'analog-film',
  'anime',
  'cinematic',
  'comic-book',
  'digital-art',
  'enhance',
  'fantasy-art',
  'isometric',
  'line-art',
  'low-poly',
  'modeling-compound',
  'neon-punk',
  'origami',
  'photographic',
  'pixel-art',
  'tile-texture',
] as const;

const stylePreset = z
  .enum(STYLE_PRESETS)
  .describe('A style preset that guides the image toward a look.');
const strength = z
  .number()
  .min(0)
  .max(1)
  .describe('With an input image: how much of it to change, 0 (keep it) to 1 (ignore it).');
const cfgScale = z
  .number()
  .min(1)
  .max(10)
  .describe('How strictly the image follows the prompt (1–10).');
const growMask = z
  .number()
  .int()
  .min(0)
  .max(100)
  .describe(
    'Inpaint: grow the mask outward by this many pixels, softening its edges (0–100, default 5).',
  );

/** Every option some Stability endpoint takes: what `providerOptions.stability` may hold at all. */
export const StabilityImageOptions = z
  .object({
    stylePreset: stylePreset.optional(),
    strength: strength.optional(),
    cfgScale: cfgScale.optional(),
    growMask: growMask.optional(),
  })
  .strict();
export type StabilityImageOptions = z.output<typeof StabilityImageOptions>;

/** What the adapter needs beyond the checks: the endpoint path and the `model` field for sd3. */
export interface StabilityRouteRules extends RouteRules {
  /** The path under /v2beta/stable-image/. */
  endpoint:
    'generate/ultra' | 'generate/core' | 'generate/sd3' | 'edit/inpaint' | 'edit/remove-background';
  /** The input image's bounds, where the service states them (the edit services). */
  inputPixels?: { minSide: number; minPixels: number; maxPixels: number; maxAspect: number };
  /** The `model` form field (SD 3.5 models share the sd3 endpoint). */
  model?: string;
}

const IMAGES = { types: ['image/png', 'image/jpeg', 'image/webp'], max: 1 } as const;
const RATIOS = { aspectRatios: STABILITY_ASPECT_RATIOS } as const;
const ALL_FORMATS = { outputFormats: ['png', 'jpeg', 'webp'], defaultOutputFormat: 'png' } as const;
const SD3_FORMATS = { outputFormats: ['png', 'jpeg'], defaultOutputFormat: 'png' } as const;
const ONLY_SD3 = 'cfg_scale is set on the SD 3.5 models (the sd3 endpoint) only.';
const NO_IMAGE =
  'Stable Image Core is text-to-image only: it takes no input image, so no strength.';
const ONLY_INPAINT = 'grow_mask is set on Stable Image Inpaint only.';
const EDIT_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const NO_SETTINGS = 'Remove Background takes only the image and an output format.';

const sd3 = (model: string): StabilityRouteRules => ({
  ...RATIOS,
  ...SD3_FORMATS,
  endpoint: 'generate/sd3',
  model,
  options: z
    .object({
      stylePreset: stylePreset.optional(),
      strength: strength.optional(),
      cfgScale: cfgScale.optional(),
    })
    .strict(),
  callOnly: { strength: 'edit' },
  notTaken: { growMask: ONLY_INPAINT },
  images: IMAGES,
});

const TABLE: Record<string, StabilityRouteRules> = {
  'stable-image-ultra': {
    ...RATIOS,
    ...ALL_FORMATS,
    endpoint: 'generate/ultra',
    options: z.object({ strength: strength.optional() }).strict(),
    callOnly: { strength: 'edit' },
    // Ultra's documented default strength with an input image.
    defaults: [{ option: 'strength', value: 0.35, withImage: true }],
    notTaken: {
      stylePreset: 'Stable Image Ultra takes no style_preset; Core and the SD 3.5 models do.',
      cfgScale: ONLY_SD3,
      growMask: ONLY_INPAINT,
    },
    images: IMAGES,
  },
  'stable-image-core': {
    ...RATIOS,
    ...ALL_FORMATS,
    endpoint: 'generate/core',
    options: z.object({ stylePreset: stylePreset.optional() }).strict(),
    notTaken: { strength: NO_IMAGE, cfgScale: ONLY_SD3, growMask: ONLY_INPAINT },
    images: { ...IMAGES, max: 0 },
  },
  'sd3.5-large': sd3('sd3.5-large'),
  'sd3.5-large-turbo': sd3('sd3.5-large-turbo'),
  'sd3.5-medium': sd3('sd3.5-medium'),
  inpaint: {
    outputFormats: ['png', 'jpeg', 'webp'],
    defaultOutputFormat: 'png',
    endpoint: 'edit/inpaint',
    options: z
      .object({ stylePreset: stylePreset.optional(), growMask: growMask.optional() })
      .strict(),
    notTaken: {
      strength: 'Inpainting repaints the masked area only: it takes no strength.',
      cfgScale: ONLY_SD3,
    },
    // The whole request is at most 10 MiB.
    images: { types: EDIT_TYPES, min: 1, max: 1, maxBytes: 10 * 1024 * 1024 },
    mask: { types: EDIT_TYPES, alpha: false, sameSizeAsImage: true, maxBytes: 10 * 1024 * 1024 },
    inputPixels: { minSide: 64, minPixels: 4_096, maxPixels: 9_437_184, maxAspect: 2.5 },
  },
  // Remove Background: the image in, the subject on a transparent background out (png or webp).
  'remove-background': {
    outputFormats: ['png', 'webp'],
    defaultOutputFormat: 'png',
    endpoint: 'edit/remove-background',
    options: z.object({}).strict(),
    notTaken: {
      stylePreset: NO_SETTINGS,
      strength: NO_SETTINGS,
      cfgScale: NO_SETTINGS,
      growMask: NO_SETTINGS,
    },
    images: { types: EDIT_TYPES, min: 1, max: 1, maxBytes: 10 * 1024 * 1024 },
    noPrompt:
      'Stable Image Remove Background takes no prompt: it finds the subject itself. The prompt names the run in History and is not sent.',
  },
};

export function stabilityImageRules(providerModelId: string): StabilityRouteRules {
  return TABLE[providerModelId] ?? { ...sd3(providerModelId) };
}
