import { z } from 'zod';
import type { Modality } from '../catalog/schema.ts';
import type { RouteRules } from './types.ts';

/**
 * Replicate routes: each model's own input schema (replicate.com/<owner>/<name>/api), read
 * through public code quoting it where the page itself was not at hand.
 *
 * prunaai/flux-kontext-fast: `prompt`, `img_cond_path` (required: the image to edit),
 * `aspect_ratio` (match_input_image, 1:1, 16:9, 9:16, 4:3, 3:4), `image_size` (long side, 512–2048,
 * default 1024), `speed_mode`, `seed`, `output_format` (webp, jpg, png; webp by default) and
 * `output_quality`. Atelier sends the prompt, the image, the aspect ratio, the format and the
 * seed; the rest stays at Replicate's defaults.
 *
 * luma/photon and luma/photon-flash: `prompt`, `aspect_ratio` (1:1, 3:4, 4:3, 9:16, 16:9, 9:21,
 * 21:9; 16:9 by default), `seed`, and image / style / character references. ideogram-ai/
 * ideogram-v3-turbo and -quality: `prompt`, `aspect_ratio` (fifteen ratios, 1:1 by default),
 * `resolution`, `style_type`, `magic_prompt_option`, `seed`, an inpainting `image` + `mask`.
 * black-forest-labs/flux-pro: `prompt`, `aspect_ratio` (1:1 by default, or custom), `seed`,
 * `output_format` (webp, jpg, png), `safety_tolerance`, `image_prompt`. Atelier sends the prompt,
 * the ratio, the seed (and FLUX's format); the references are not wired.
 */

/** What `providerOptions.replicate` may hold: nothing yet, so nothing is sent unchecked. */
export const ReplicateImageOptions = z.object({}).strict();
export type ReplicateImageOptions = z.output<typeof ReplicateImageOptions>;

/** Replicate reads files given as URLs or data URIs; these types are what the models accept. */
const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** The wire name of an output format ("jpeg" is "jpg" on Replicate's models). */
export function replicateFormat(format: string | undefined): string | undefined {
  return format === 'jpeg' ? 'jpg' : format;
}

const FLUX_KONTEXT_FAST: RouteRules = {
  options: ReplicateImageOptions,
  aspectRatios: ['1:1', '16:9', '9:16', '4:3', '3:4'],
  outputFormats: ['webp', 'jpeg', 'png'],
  defaultOutputFormat: 'webp',
  // Sent inline as a data URI: the SDK's own limit for inline files is 10 MB in all.
  images: { types: IMAGES, min: 1, max: 1, maxBytes: 10_000_000 },
};

const textOnly = (
  aspectRatios: string[],
  outputFormats?: string[],
  defaultOutputFormat?: string,
): RouteRules => ({
  options: ReplicateImageOptions,
  aspectRatios,
  ...(outputFormats ? { outputFormats } : {}),
  ...(defaultOutputFormat ? { defaultOutputFormat } : {}),
});
const PHOTON_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9', '9:21', '21:9'];
const IDEOGRAM_V3_RATIOS = [
  '1:3',
  '3:1',
  '1:2',
  '2:1',
  '9:16',
  '16:9',
  '10:16',
  '16:10',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '1:1',
];
const FLUX_PRO_RATIOS = ['1:1', '16:9', '3:2', '2:3', '4:5', '5:4', '9:16', '3:4', '4:3'];

const TABLE: Record<string, RouteRules> = {
  'prunaai/flux-kontext-fast': FLUX_KONTEXT_FAST,
  'luma/photon': textOnly(PHOTON_RATIOS),
  'luma/photon-flash': textOnly(PHOTON_RATIOS),
  'ideogram-ai/ideogram-v3-turbo': textOnly(IDEOGRAM_V3_RATIOS),
  'ideogram-ai/ideogram-v3-quality': textOnly(IDEOGRAM_V3_RATIOS),
  'black-forest-labs/flux-pro': textOnly(FLUX_PRO_RATIOS, ['webp', 'jpeg', 'png'], 'webp'),
};

/** The model's rules; a Replicate model Atelier has no schema for takes no options. */
export function replicateRules(
  modality: Modality,
  providerModelId: string,
): RouteRules | undefined {
  if (modality !== 'image') return undefined;
  return TABLE[providerModelId] ?? { options: ReplicateImageOptions };
}

/** The Replicate input field names per model: where the image goes, whether it takes a seed. */
export interface ReplicateInputShape {
  imageField: string;
  aspectRatio: boolean;
  outputFormat: boolean;
  seed: boolean;
}

export const REPLICATE_INPUTS: Readonly<Record<string, ReplicateInputShape>> = {
  'prunaai/flux-kontext-fast': {
    imageField: 'img_cond_path',
    aspectRatio: true,
    outputFormat: true,
    seed: true,
  },
  'luma/photon': {
    imageField: 'image_reference',
    aspectRatio: true,
    outputFormat: false,
    seed: true,
  },
  'luma/photon-flash': {
    imageField: 'image_reference',
    aspectRatio: true,
    outputFormat: false,
    seed: true,
  },
  'ideogram-ai/ideogram-v3-turbo': {
    imageField: 'image',
    aspectRatio: true,
    outputFormat: false,
    seed: true,
  },
  'ideogram-ai/ideogram-v3-quality': {
    imageField: 'image',
    aspectRatio: true,
    outputFormat: false,
    seed: true,
  },
  'black-forest-labs/flux-pro': {
    imageField: 'image_prompt',
    aspectRatio: true,
    outputFormat: true,
    seed: true,
  },
};
