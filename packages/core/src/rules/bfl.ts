import { z } from 'zod';
import type { RouteRules } from './types.ts';

/**
 * Black Forest Labs API rules per endpoint (POST /v1/<endpoint>). Sources: BFL's OpenAPI as
 * published on docs.bfl.ai/api-reference and mirrored by Comfy Router's per-model schemas
 * (FluxPro11Inputs, FluxUltraInput, Kontext, FLUX.2 pro/max/flex/klein, Fill, read 2026-12);
 * black-forest-labs/skills d0793c8 references/endpoints.md (FLUX.2 safety 0–5, flex steps
 * 1–50 default 50, guidance 1.5–10 default 4.5, input_image … input_image_8, klein 4 refs).
 * BFL validates with FastAPI and ignores undeclared keys, so an option an endpoint does not
 * declare is refused here rather than sent to be dropped without a word.
 */

const safetyTolerance = (most: 5 | 6) =>
  z
    .number()
    .int()
    .min(0)
    .max(most)
    .describe(`Moderation level: 0 is the strictest, ${most} the most permissive.`);
const promptUpsampling = z.boolean().describe('Let BFL rewrite the prompt for more detail.');
const raw = z
  .boolean()
  .describe('FLUX1.1 [pro] Ultra: less processed, more natural-looking images.');
const imagePromptStrength = z
  .number()
  .min(0)
  .max(1)
  .describe(
    'How strongly the reference image steers the result, 0 (prompt only) to 1 (image only).',
  );
const steps = (min: number, max: number) =>
  z.number().int().min(min).max(max).describe(`Denoising steps (${min}–${max}); more is slower.`);
const guidance = (min: number, max: number) =>
  z.number().min(min).max(max).describe(`How closely to follow the prompt (${min}–${max}).`);

/** Every option some BFL endpoint takes: what `providerOptions.bfl` may hold at all. */
export const BflImageOptions = z
  .object({
    safetyTolerance: safetyTolerance(6).optional(),
    promptUpsampling: promptUpsampling.optional(),
    raw: raw.optional(),
    imagePromptStrength: imagePromptStrength.optional(),
    steps: steps(1, 50).optional(),
    guidance: guidance(1.5, 100).optional(),
  })
  .strict();
export type BflImageOptions = z.output<typeof BflImageOptions>;

/** What the BFL adapter needs beyond the checks: how the endpoint sizes and takes its images. */
export interface BflRouteRules extends RouteRules {
  /** 'pixels': width and height; 'aspect': aspect_ratio. */
  sizing: 'pixels' | 'aspect';
  /** The field of the first input image; further ones are `<field>_2`, `<field>_3`… */
  imageField: 'input_image' | 'image_prompt' | 'image';
}

const FORMATS = { outputFormats: ['jpeg', 'png'], defaultOutputFormat: 'jpeg' } as const;
const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const SAFETY_DEFAULT = { option: 'safetyTolerance', value: 2 } as const;
/** Kontext and Ultra: "Aspect ratio of the image between 21:9 and 9:21". */
const ASPECT_RANGE = { widest: '21:9', tallest: '9:21' };

const ONLY_ULTRA = 'raw mode and the image prompt strength belong to FLUX1.1 [pro] Ultra.';
const ONLY_FLEX = 'steps and guidance are set on FLUX.2 [flex] (and FLUX.1 Fill) only.';

/** FLUX.2: safety 0–5, width/height, input_image … input_image_<max>; [flex] adds its own fields. */
const FLUX2 = (max: number, extra: z.ZodRawShape = {}): BflRouteRules => ({
  ...FORMATS,
  sizing: 'pixels',
  imageField: 'input_image',
  options: z.object({ safetyTolerance: safetyTolerance(5).optional(), ...extra }).strict(),
  notTaken: {
    raw: ONLY_ULTRA,
    imagePromptStrength: ONLY_ULTRA,
    steps: ONLY_FLEX,
    guidance: ONLY_FLEX,
    promptUpsampling:
      'Of the FLUX.2 endpoints only [flex] declares prompt_upsampling; the others would ignore it.',
  },
  defaults: [SAFETY_DEFAULT],
  images: { types: IMAGES, max },
});

const TABLE: Record<string, BflRouteRules> = {
  'flux-2-pro': FLUX2(8),
  'flux-2-max': FLUX2(8),
  'flux-2-flex': {
    ...FLUX2(8, {
      promptUpsampling: promptUpsampling.optional(),
      steps: steps(1, 50).optional(),
      guidance: guidance(1.5, 10).optional(),
    }),
    defaults: [SAFETY_DEFAULT, { option: 'steps', value: 50 }, { option: 'guidance', value: 4.5 }],
  },
  'flux-2-klein-4b': FLUX2(4),
  'flux-2-klein-9b': FLUX2(4),
  'flux-pro-1.1': {
    ...FORMATS,
    sizing: 'pixels',
    // FLUX1.1 [pro] takes one image as a Redux image prompt, not as an image to edit.
    imageField: 'image_prompt',
    options: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        promptUpsampling: promptUpsampling.optional(),
      })
      .strict(),
    notTaken: {
      raw: ONLY_ULTRA,
      imagePromptStrength: ONLY_ULTRA,
      steps: ONLY_FLEX,
      guidance: ONLY_FLEX,
    },
    defaults: [SAFETY_DEFAULT],
    images: { types: IMAGES, max: 1 },
  },
  'flux-pro-1.1-ultra': {
    ...FORMATS,
    sizing: 'aspect',
    imageField: 'image_prompt',
    aspectRange: ASPECT_RANGE,
    options: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        promptUpsampling: promptUpsampling.optional(),
        raw: raw.optional(),
        imagePromptStrength: imagePromptStrength.optional(),
      })
      .strict(),
    notTaken: { steps: ONLY_FLEX, guidance: ONLY_FLEX },
    defaults: [
      SAFETY_DEFAULT,
      { option: 'raw', value: false },
      { option: 'imagePromptStrength', value: 0.1, withImage: true },
    ],
    images: { types: IMAGES, max: 1 },
  },
  'flux-pro-1.0-fill': {
    ...FORMATS,
    sizing: 'pixels',
    imageField: 'image',
    options: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        promptUpsampling: promptUpsampling.optional(),
        steps: steps(15, 50).optional(),
        guidance: guidance(1.5, 100).optional(),
      })
      .strict(),
    notTaken: { raw: ONLY_ULTRA, imagePromptStrength: ONLY_ULTRA },
    defaults: [SAFETY_DEFAULT],
    // `image` is required: Fill paints into it, at its size.
    images: { types: IMAGES, min: 1, max: 1 },
    // Fill reads white as the area to paint; the mask must cover the image it applies to.
    mask: { types: IMAGES, alpha: false, sameSizeAsImage: true },
  },
};

const KONTEXT: BflRouteRules = {
  // Kontext returns PNG unless asked otherwise.
  outputFormats: ['jpeg', 'png'],
  defaultOutputFormat: 'png',
  sizing: 'aspect',
  imageField: 'input_image',
  aspectRange: ASPECT_RANGE,
  options: z
    .object({
      safetyTolerance: safetyTolerance(6).optional(),
      promptUpsampling: promptUpsampling.optional(),
    })
    .strict(),
  notTaken: {
    raw: ONLY_ULTRA,
    imagePromptStrength: ONLY_ULTRA,
    steps: ONLY_FLEX,
    guidance: ONLY_FLEX,
  },
  defaults: [SAFETY_DEFAULT],
  // input_image plus the experimental input_image_2 … input_image_4.
  images: { types: IMAGES, max: 4 },
};
TABLE['flux-kontext-pro'] = KONTEXT;
TABLE['flux-kontext-max'] = KONTEXT;

/** An endpoint this table does not know: any BFL option, sized by pixels, one input_image. */
const FALLBACK: BflRouteRules = {
  sizing: 'pixels',
  imageField: 'input_image',
  options: BflImageOptions,
};

export function bflImageRules(endpoint: string): BflRouteRules {
  return TABLE[endpoint] ?? FALLBACK;
}
