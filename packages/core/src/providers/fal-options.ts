import { z } from 'zod';
import type { Modality } from '../catalog/schema.ts';

/**
 * The extra inputs fal endpoints document beyond the normalized request, per endpoint family,
 * as strict schemas: `providerOptions.fal` is checked against the route's schema and anything
 * else is refused by name (as the other adapters do), never dropped. Fields the normalized
 * request already covers (seed, negative prompt, size, duration…) are left out, so each setting
 * has one way in; so are inputs that change what is billed (Seedream's max_images, Recraft's
 * vector styles), which the estimate could not see. Keys are camelCase and go on the wire in
 * fal's snake_case.
 *
 * Sources: fal's generated client schemas (fal-ai/fal-js, libs/client/src/types/{image,video}/
 * zod.gen.ts, 2026-02-03) and the endpoints' API pages (fal.ai/models/<endpoint>/llms.txt,
 * fal.ai/docs/model-api-reference/…, read 2026-11).
 */

const safetyTolerance = (most: 5 | 6) =>
  z
    .number()
    .int()
    .min(1)
    .max(most)
    .describe(`Content moderation level: 1 is the strictest, ${most} the most permissive.`);
const enableSafetyChecker = z
  .boolean()
  .describe("fal's safety checker on the output (on unless turned off).");
const enhancePrompt = z
  .boolean()
  .describe('Let the provider rewrite the prompt for better results.');
const enablePromptExpansion = z
  .boolean()
  .describe('Expand the prompt with a language model before generating.');
const guidanceScale = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .describe(`How closely to follow the prompt (classifier-free guidance, ${min}–${max}).`);
const numInferenceSteps = (min: number, max: number) =>
  z.number().int().min(min).max(max).describe(`Denoising steps (${min}–${max}); more is slower.`);

interface Family {
  match: RegExp;
  schema: z.ZodObject;
}

const none = z.object({}).strict();

/** First match wins; endpoints nothing matches take no options. */
const IMAGE_FAMILIES: Family[] = [
  {
    // nano-banana, nano-banana-2, nano-banana-pro and their /edit endpoints.
    match: /^fal-ai\/nano-banana-(pro|2)\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        enableWebSearch: z
          .boolean()
          .describe('Let the model look up current information on the web.')
          .optional(),
        limitGenerations: z
          .boolean()
          .describe('One image per prompt round, whatever the prompt asks for.')
          .optional(),
      })
      .strict(),
  },
  {
    match: /^fal-ai\/nano-banana\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        limitGenerations: z
          .boolean()
          .describe('One image per prompt round, whatever the prompt asks for.')
          .optional(),
      })
      .strict(),
  },
  {
    match: /\/seedream\/v4\//,
    schema: z
      .object({
        enableSafetyChecker: enableSafetyChecker.optional(),
        enhancePromptMode: z
          .enum(['standard', 'fast'])
          .describe('Prompt enhancement: standard (better) or fast.')
          .optional(),
      })
      .strict(),
  },
  {
    match: /\/seedream\//,
    schema: z.object({ enableSafetyChecker: enableSafetyChecker.optional() }).strict(),
  },
  { match: /\/dreamina\//, schema: z.object({ enhancePrompt: enhancePrompt.optional() }).strict() },
  {
    match: /^fal-ai\/flux-2-flex\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(5).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
        enablePromptExpansion: enablePromptExpansion.optional(),
        numInferenceSteps: numInferenceSteps(2, 50).optional(),
        guidanceScale: guidanceScale(1.5, 10).optional(),
      })
      .strict(),
  },
  {
    match: /^fal-ai\/flux-2-(pro|max)\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(5).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
  {
    // FLUX.2 [dev] and its lora / turbo / flash siblings.
    match: /^fal-ai\/flux-2\b/,
    schema: z
      .object({
        guidanceScale: guidanceScale(0, 20).optional(),
        numInferenceSteps: numInferenceSteps(4, 50).optional(),
        acceleration: z
          .enum(['none', 'regular', 'high'])
          .describe('Faster generation at some cost in quality.')
          .optional(),
        enablePromptExpansion: enablePromptExpansion.optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
  {
    match: /\/kontext/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        guidanceScale: guidanceScale(1, 20).optional(),
        enhancePrompt: enhancePrompt.optional(),
      })
      .strict(),
  },
  {
    match: /^fal-ai\/flux-pro\/v1\.1-ultra\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
        enhancePrompt: enhancePrompt.optional(),
        raw: z.boolean().describe('Less processed, more natural-looking images.').optional(),
        imagePromptStrength: z
          .number()
          .min(0)
          .max(1)
          .describe('How strongly a reference image steers the result (0–1).')
          .optional(),
      })
      .strict(),
  },
  {
    match: /^fal-ai\/flux-pro\/v1\.1\b/,
    schema: z
      .object({
        safetyTolerance: safetyTolerance(6).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
        enhancePrompt: enhancePrompt.optional(),
      })
      .strict(),
  },
  {
    match: /\/recraft\/v3\//,
    schema: z.object({ enableSafetyChecker: enableSafetyChecker.optional() }).strict(),
  },
  {
    match: /\/hunyuan-image\/v3\//,
    schema: z
      .object({
        enablePromptExpansion: enablePromptExpansion.optional(),
        guidanceScale: guidanceScale(1, 20).optional(),
        numInferenceSteps: numInferenceSteps(1, 50).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
  {
    match: /\/stable-diffusion-v35/,
    schema: z
      .object({
        guidanceScale: guidanceScale(0, 20).optional(),
        numInferenceSteps: numInferenceSteps(1, 50).optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
];

const VIDEO_FAMILIES: Family[] = [
  {
    match: /^fal-ai\/veo3\.1\b/,
    schema: z
      .object({
        autoFix: z
          .boolean()
          .describe('Rewrite a prompt that fails a content or validation check instead of failing.')
          .optional(),
        safetyTolerance: safetyTolerance(6).optional(),
      })
      .strict(),
  },
  {
    match: /^fal-ai\/veo3\b/,
    schema: z
      .object({
        autoFix: z
          .boolean()
          .describe('Rewrite a prompt that fails a content or validation check instead of failing.')
          .optional(),
      })
      .strict(),
  },
  {
    match: /\/seedance\/v1/,
    schema: z
      .object({
        cameraFixed: z.boolean().describe('Keep the camera still.').optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
  {
    match: /kling-video\//,
    schema: z
      .object({
        cfgScale: z
          .number()
          .min(0)
          .max(1)
          .describe('How closely to follow the prompt (0–1, fal default 0.5).')
          .optional(),
      })
      .strict(),
  },
  {
    match: /\/wan[-/]/,
    schema: z
      .object({
        enablePromptExpansion: enablePromptExpansion.optional(),
        enableSafetyChecker: enableSafetyChecker.optional(),
      })
      .strict(),
  },
  {
    match: /\/ltx-2\b/,
    schema: z
      .object({
        fps: z
          .union([z.literal(25), z.literal(50)])
          .describe('Frames per second: 25 or 50.')
          .optional(),
      })
      .strict(),
  },
];

/** The schema `providerOptions.fal` is read with for a fal endpoint (the route's providerModelId). */
export function falOptionsSchema(modality: Modality, endpoint: string): z.ZodObject {
  const families = modality === 'image' ? IMAGE_FAMILIES : VIDEO_FAMILIES;
  return families.find((f) => f.match.test(endpoint))?.schema ?? none;
}

/** fal lists safety tolerance as the strings "1"…"6". */
const AS_STRING = new Set(['safetyTolerance']);

/** Parsed options → fal input fields. */
export function falWireOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const wire = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    out[wire] = AS_STRING.has(key) ? String(value) : value;
  }
  return out;
}
