import { ImageRequest, VideoRequest } from '@atelier/core/providers';
import { z } from 'zod';
import { readImage, type InputImage } from '../run/inputs.ts';
import { definedOnly } from '../run/shared.ts';
import { parseOptionPairs } from '../run/options.ts';
import { parseModelPicks } from '../run/picks.ts';
import type { RunRequest } from '../run/plan.ts';
import { badInput, resolveModels } from './errors.ts';
import { KindIn } from './tools/shared.ts';

/*
 * What `plan_generation` and `generate` take: the request `atelier generate` / `atelier video`
 * build from their flags, as JSON. It becomes the CLI's RunRequest, so the studio's
 * `generate.plan` gets exactly what the CLI would send, and nothing is decided here.
 */

const IMAGE_ONLY = ['count', 'size', 'quality', 'outputFormat', 'background'] as const;
const VIDEO_ONLY = ['seconds', 'audio'] as const;

export const RunSettings = z
  .object({
    count: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('images per model (image; default 1)'),
    size: ImageRequest.shape.size.describe('output size WxH, e.g. 1024x1536 (image)'),
    aspectRatio: ImageRequest.shape.aspectRatio.describe('e.g. 16:9'),
    resolution: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('resolution tier: 1K / 2K / 4K for images, 720p / 1080p / 4k for video'),
    quality: ImageRequest.shape.quality.describe(
      "the provider's quality word, e.g. low, medium, high (image)",
    ),
    seed: ImageRequest.shape.seed,
    outputFormat: ImageRequest.shape.outputFormat.describe(
      'png, jpeg, webp, or svg where offered (image)',
    ),
    background: ImageRequest.shape.background.describe('transparent, opaque or auto (image)'),
    negativePrompt: ImageRequest.shape.negativePrompt.describe(
      'what to leave out, where the model takes it',
    ),
    seconds: VideoRequest.shape.duration.describe('clip length in whole seconds (video)'),
    audio: VideoRequest.shape.audio.describe('with generated audio (video)'),
  })
  .strict();
export type RunSettings = z.infer<typeof RunSettings>;

/** The fields both tools share (zod shape, published as JSON Schema). */
export const RunInputShape = {
  prompt: z.string().trim().min(1, 'must not be empty').max(32_000),
  kind: KindIn.default('image').describe('image (default) or video'),
  models: z
    .array(z.string().trim().min(1))
    .min(1, 'name at least one model')
    .max(16)
    .describe('model ids or aliases; pin a route with @provider, e.g. nano-banana-pro@fal'),
  settings: RunSettings.optional().describe(
    'settings for every model; the plan fills the rest and says what it chose',
  ),
  images: z
    .array(z.string().trim().min(1))
    .max(16)
    .optional()
    .describe(
      'paths of input images: to edit or refer to (image runs), or the first and then the last frame (video runs); relative to the server’s working folder',
    ),
  mask: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('path of a PNG mask for the first image: transparent where to edit (image runs)'),
  options: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe(
      'provider options, as `atelier generate -o key=value` takes them, checked against each model\'s route (e.g. {"moderation": "low"} or {"openai.moderation": "low"})',
    ),
};

export interface RunInput {
  prompt: string;
  kind: 'image' | 'video';
  models: string[];
  settings?: RunSettings | undefined;
  images?: string[] | undefined;
  mask?: string | undefined;
  options?: Record<string, string | number | boolean> | undefined;
}

export async function runRequest(input: RunInput): Promise<RunRequest> {
  resolveModels('models', input.models);
  const s = input.settings ?? {};
  const wrong = input.kind === 'image' ? VIDEO_ONLY : IMAGE_ONLY;
  for (const field of wrong) {
    if (s[field] !== undefined)
      throw badInput(
        `settings.${field}`,
        `is for ${input.kind === 'image' ? 'video' : 'image'} runs only, and this run is kind "${input.kind}".`,
      );
  }
  if (input.kind === 'video' && input.mask !== undefined)
    throw badInput('mask', 'is for image runs only, and this run is kind "video".');
  if (input.kind === 'video' && (input.images?.length ?? 0) > 2)
    throw badInput('images', 'a video run takes at most 2 images: the first frame, then the last.');
  const images: InputImage[] = [];
  for (const [i, path] of (input.images ?? []).entries())
    images.push(await readImage(path, `images[${i}]`));
  const mask = input.mask === undefined ? undefined : await readImage(input.mask, 'mask');
  let picks;
  try {
    picks = parseModelPicks(input.models);
  } catch (error) {
    throw badInput(
      'models',
      error instanceof Error ? error.message.replace(/-m /g, '') : String(error),
    );
  }
  const settings =
    input.kind === 'image'
      ? definedOnly({
          n: s.count,
          size: s.size,
          aspectRatio: s.aspectRatio,
          quality: s.quality,
          resolution: s.resolution,
          seed: s.seed,
          outputFormat: s.outputFormat,
          background: s.background,
          negativePrompt: s.negativePrompt,
        })
      : definedOnly({
          duration: s.seconds,
          resolution: s.resolution,
          aspectRatio: s.aspectRatio,
          audio: s.audio,
          seed: s.seed,
          negativePrompt: s.negativePrompt,
        });
  return {
    kind: input.kind,
    prompt: input.prompt,
    picks,
    settings,
    options: parseOptionPairs(
      Object.entries(input.options ?? {}).map(([k, v]) => `${k}=${String(v)}`),
    ),
    inputs: { images, ...(mask ? { mask } : {}) },
  };
}
