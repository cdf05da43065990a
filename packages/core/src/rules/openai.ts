import { z } from 'zod';
import type { RouteRules } from './types.ts';

/**
 * OpenAI Images API rules per GPT Image model. Sources: openai-openapi f85dbe2 (2026-08-21)
 * CreateImageRequest / CreateImageEditRequest (research/openai-image-schemas-resolved.json);
 * the generated OpenAPI 2.3.0 InputFidelity ("high and low on gpt-image-1 and gpt-image-1.5;
 * gpt-image-1-mini supports only low; for gpt-image-2, omit this parameter");
 * research/provider-facts.md §1.2–1.3.
 */

const fields = {
  moderation: z
    .enum(['auto', 'low'])
    .describe('Content moderation: auto (default) or low (less restrictive).'),
  outputCompression: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('Compression for jpeg and webp output, 0–100%.'),
  inputFidelity: z
    .enum(['high', 'low'])
    .describe('How closely an edit keeps the input images (edits only).'),
  /** 1–3 partial images streamed through onProgress before the final one. */
  partialImages: z
    .number()
    .int()
    .min(0)
    .max(3)
    .describe('Partial images to stream before the final one (0–3).'),
  user: z.string().min(1).describe('An end-user id OpenAI uses to monitor abuse.'),
};

/** Every option some GPT Image model takes: what `providerOptions.openai` may hold at all. */
export const OpenAIImageOptions = z
  .object({
    moderation: fields.moderation.optional(),
    outputCompression: fields.outputCompression.optional(),
    inputFidelity: fields.inputFidelity.optional(),
    partialImages: fields.partialImages.optional(),
    user: fields.user.optional(),
  })
  .strict();
export type OpenAIImageOptions = z.output<typeof OpenAIImageOptions>;

const withoutFidelity = OpenAIImageOptions.omit({ inputFidelity: true });

/** The request limits every GPT Image model shares. */
const GPT_IMAGE: Omit<RouteRules, 'options'> = {
  // Moderation is a field of generations only; input_fidelity of edits only.
  callOnly: { moderation: 'generate', inputFidelity: 'edit' },
  formatOnly: { outputCompression: ['jpeg', 'webp'] },
  defaults: [
    { option: 'moderation', value: 'auto', call: 'generate' },
    { option: 'outputCompression', value: 100, formats: ['jpeg', 'webp'] },
  ],
  outputFormats: ['png', 'jpeg', 'webp'],
  defaultOutputFormat: 'png',
  transparentFormats: ['png', 'webp'],
  // "each image should be a png, webp, or jpg file less than 50MB".
  images: { types: ['image/png', 'image/jpeg', 'image/webp'], maxBytes: 50 * 1024 * 1024 },
  // "Must be a valid PNG file, less than 4MB, and have the same dimensions as image"; alpha 0 marks the edit.
  mask: { types: ['image/png'], maxBytes: 4 * 1024 * 1024, alpha: true, sameSizeAsImage: true },
};

/**
 * gpt-image-2 sizes: "Width and height must both be divisible by 16 and the requested aspect
 * ratio must be between 1:3 and 3:1. Resolutions above 2560x1440 are experimental, and the
 * maximum supported resolution is 3840x2160"; the pixel and edge limits (655,360–8,294,400 px,
 * edge ≤ 3840) are the community-measured ones the description alludes to (forum 1382699).
 */
const GPT2_PIXELS = {
  multipleOf: 16,
  maxEdge: 3840,
  maxAspect: 3,
  minPixels: 655_360,
  maxPixels: 8_294_400,
  experimentalAbovePixels: 2560 * 1440,
  experimentalNote: 'OpenAI marks sizes above 2560x1440 as experimental',
};

const FIDELITY_DEFAULT = { option: 'inputFidelity', value: 'low', call: 'edit' } as const;

interface Row {
  match: RegExp;
  rules: RouteRules;
}

/** First match wins, by providerModelId (snapshots share their model's row). */
const ROWS: Row[] = [
  {
    match: /^gpt-image-2(-\d{4}-\d{2}-\d{2})?$/,
    rules: {
      ...GPT_IMAGE,
      options: withoutFidelity,
      notTaken: {
        inputFidelity:
          'GPT Image 2 reads every input image at high fidelity; OpenAI asks to omit input_fidelity for it.',
      },
      pixels: GPT2_PIXELS,
      transparencyPreview:
        'OpenAI serves transparent backgrounds for gpt-image-2 as a preview; some requests may come back opaque or be refused.',
    },
  },
  {
    // The 2.5 and 2.6 releases keep gpt-image-2's sizes and inputs.
    match: /^gpt-image-2\.\d/,
    rules: {
      ...GPT_IMAGE,
      options: withoutFidelity,
      notTaken: {
        inputFidelity: `GPT Image 2 and its successors read input images at high fidelity; OpenAI documents input_fidelity for gpt-image-1 and 1.5 only.`,
      },
      pixels: GPT2_PIXELS,
    },
  },
  {
    match: /^gpt-image-1-mini\b/,
    rules: {
      ...GPT_IMAGE,
      options: withoutFidelity,
      notTaken: {
        inputFidelity:
          'gpt-image-1-mini works at low input fidelity only and takes no input_fidelity.',
      },
    },
  },
  {
    match: /^(gpt-image-1(\.5)?|chatgpt-image-latest)\b/,
    rules: {
      ...GPT_IMAGE,
      options: OpenAIImageOptions,
      defaults: [...(GPT_IMAGE.defaults ?? []), FIDELITY_DEFAULT],
    },
  },
];

/** A model this table does not know yet: the options any GPT Image model takes, no extra checks. */
const FALLBACK: RouteRules = {
  options: OpenAIImageOptions,
  callOnly: GPT_IMAGE.callOnly,
  formatOnly: GPT_IMAGE.formatOnly,
};

export function openaiImageRules(providerModelId: string): RouteRules {
  return ROWS.find((r) => r.match.test(providerModelId))?.rules ?? FALLBACK;
}
