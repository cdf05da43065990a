import { z } from 'zod';
import type { RecordedRequest } from '../http/types.ts';
import type { ImageFormat } from '../media/image.ts';
import { parseWxH, type Size } from '../media/sizes.ts';
import { checkMask, dataUrlBytes, editImageSizes, multipartEdit } from './openai-edits.ts';
import {
  InvalidRequest,
  invalidValue,
  toInvalidRequest,
  unknownParameter,
} from './openai-errors.ts';

/**
 * What `/v1/images/generations` and `/v1/images/edits` accept, per model, from openai-openapi
 * (2026-08-21, CreateImageRequest / CreateImageEditRequest) and openai-node `images.ts`.
 */

export type Quality = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface Plan {
  operation: 'generation' | 'edit';
  model: string;
  prompt: string;
  n: number;
  size: Size;
  /** The quality rendered and billed: `auto` (the default) renders as `high`. */
  quality: Quality;
  format: ImageFormat;
  compression?: number;
  background: 'transparent' | 'opaque';
  stream: boolean;
  partialImages: number;
  inputImages: Size[];
}

const STANDARD_SIZES = ['1024x1024', '1024x1536', '1536x1024'];
const GPT_IMAGE = /^(?:gpt-image-[\w.-]+|chatgpt-image-latest)$/;
/** gpt-image-2 and its 2.x successors take any WxH within limits (openapi CreateImageRequest.size). */
const FLEXIBLE_SIZE = /^gpt-image-2(?:$|[.-])/;
const EXTENDED_QUALITY = /^gpt-image-2\.5-/;
/**
 * input_fidelity: gpt-image-2 and later always read inputs at high fidelity and refuse the field
 * ("For gpt-image-2, omit this parameter"); gpt-image-1-mini does not support it (InputFidelity).
 */
const NO_INPUT_FIDELITY = (model: string) =>
  FLEXIBLE_SIZE.test(model) || model === 'gpt-image-1-mini';

/** gpt-image-2 limits: edges multiples of 16, at most 3840, ratio ≤ 3:1, 655,360–8,294,400 px. */
const FLEX_LIMITS = {
  multiple: 16,
  maxEdge: 3840,
  maxRatio: 3,
  minPixels: 655_360,
  maxPixels: 8_294_400,
};

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

const Common = {
  prompt: z.string(),
  model: nullish(z.string()),
  n: nullish(z.number().int()),
  size: nullish(z.string()),
  quality: nullish(z.string()),
  output_format: nullish(z.string()),
  output_compression: nullish(z.number().int()),
  background: nullish(z.string()),
  stream: nullish(z.boolean()),
  partial_images: nullish(z.number().int()),
  response_format: nullish(z.string()),
  user: nullish(z.string()),
  safety_identifier: nullish(z.string()),
};

const GenerateBody = z
  .object({
    ...Common,
    moderation: nullish(z.string()),
    style: nullish(z.string()),
    complexity: nullish(z.string()),
  })
  .strict();

const ImageRef = z
  .object({ image_url: z.string().optional(), file_id: z.string().optional() })
  .strict();
const EditBody = z
  .object({
    ...Common,
    images: z.array(ImageRef).optional(),
    mask: ImageRef.optional(),
    input_fidelity: nullish(z.string()),
  })
  .strict();

type CommonBody = z.infer<typeof GenerateBody> | z.infer<typeof EditBody>;

function checkModel(
  model: string | null | undefined,
  operation: Plan['operation'],
  retired: Set<string>,
): string {
  const name = model ?? (operation === 'edit' ? 'gpt-image-1.5' : undefined);
  if (name === undefined)
    throw new InvalidRequest('you must provide a model parameter', 'model', null);
  if (retired.has(name) || !GPT_IMAGE.test(name)) {
    throw new InvalidRequest(
      `The model \`${name}\` does not exist or you do not have access to it.`,
      null,
      'model_not_found',
      404,
    );
  }
  return name;
}

function checkPrompt(prompt: string): void {
  if (prompt.length === 0)
    throw new InvalidRequest("Invalid 'prompt': empty string.", 'prompt', 'empty_string');
  if (prompt.length > 32_000) {
    throw new InvalidRequest(
      `Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length ${prompt.length} instead.`,
      'prompt',
      'string_above_max_length',
    );
  }
}

function checkRange(param: string, value: number, min: number, max: number): void {
  if (value >= min && value <= max) return;
  const below = value < min;
  throw new InvalidRequest(
    `Invalid '${param}': integer ${below ? 'below minimum' : 'above maximum'} value. Expected a value ${below ? `>= ${min}` : `<= ${max}`}, but got ${value} instead.`,
    param,
    below ? 'integer_below_min_value' : 'integer_above_max_value',
  );
}

function resolveCommon(
  body: CommonBody,
  operation: Plan['operation'],
  retired: Set<string>,
  inputImages: Size[],
): Plan {
  if (body.response_format != null) throw unknownParameter('response_format');
  if ('style' in body && body.style != null) throw unknownParameter('style');
  const model = checkModel(body.model, operation, retired);
  checkPrompt(body.prompt);
  const n = body.n ?? 1;
  checkRange('n', n, 1, 10);

  const qualities = [
    'low',
    'medium',
    'high',
    'auto',
    ...(EXTENDED_QUALITY.test(model) ? ['xhigh', 'max'] : []),
  ];
  const qualityIn = body.quality ?? 'auto';
  if (!qualities.includes(qualityIn)) throw invalidValue('quality', qualityIn, qualities);

  const formats = ['png', 'jpeg', 'webp'];
  const format = body.output_format ?? 'png';
  if (!formats.includes(format)) throw invalidValue('output_format', format, formats);
  const compression = body.output_compression ?? undefined;
  if (compression !== undefined) {
    checkRange('output_compression', compression, 0, 100);
    // 100 means "no compression", which PNG can express; anything less needs jpeg or webp.
    if (compression < 100 && format === 'png') {
      throw new InvalidRequest(
        'Compression less than 100 is not supported for PNG output format',
        'output_compression',
        'invalid_png_output_compression',
      );
    }
  }

  const backgrounds = ['transparent', 'opaque', 'auto'];
  const background = body.background ?? 'auto';
  if (!backgrounds.includes(background)) throw invalidValue('background', background, backgrounds);
  if (background === 'transparent' && format === 'jpeg') {
    throw new InvalidRequest(
      "Transparent background is not supported with output_format 'jpeg'; use 'png' or 'webp'.",
      'background',
      'invalid_value',
    );
  }

  const partialImages = body.partial_images ?? 0;
  checkRange('partial_images', partialImages, 0, 3);

  return {
    operation,
    model,
    prompt: body.prompt,
    n,
    size: resolveSize(body.size ?? 'auto', model),
    quality: (qualityIn === 'auto' ? 'high' : qualityIn) as Quality,
    format: format as ImageFormat,
    ...(compression !== undefined ? { compression } : {}),
    background: background === 'transparent' ? 'transparent' : 'opaque',
    stream: body.stream ?? false,
    partialImages,
    inputImages,
  };
}

/** `auto` (also the default) renders and bills as 1024x1024, for generations and edits alike. */
export function resolveSize(size: string, model: string): Size {
  if (size === 'auto') return { width: 1024, height: 1024 };
  const parsed = parseWxH(size);
  if (STANDARD_SIZES.includes(size) && parsed) return parsed;
  if (!FLEXIBLE_SIZE.test(model) || !parsed)
    throw invalidValue('size', size, [...STANDARD_SIZES, 'auto']);
  const { width, height } = parsed;
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const L = FLEX_LIMITS;
  const problem =
    width % L.multiple !== 0 || height % L.multiple !== 0
      ? 'Width and height must both be divisible by 16.'
      : long > L.maxEdge
        ? 'The longest edge must be at most 3840 pixels.'
        : long / short > L.maxRatio
          ? 'The aspect ratio must be between 1:3 and 3:1.'
          : width * height < L.minPixels || width * height > L.maxPixels
            ? 'The image must have between 655,360 and 8,294,400 pixels.'
            : undefined;
  if (problem)
    throw new InvalidRequest(`Invalid size '${size}'. ${problem}`, 'size', 'invalid_value');
  return parsed;
}

function editPlan(body: z.infer<typeof EditBody>, retired: Set<string>, sizes: Size[]): Plan {
  const plan = resolveCommon(body, 'edit', retired, sizes);
  const fidelity = body.input_fidelity ?? undefined;
  if (fidelity === undefined) return plan;
  if (NO_INPUT_FIDELITY(plan.model)) {
    throw new InvalidRequest(
      `The model '${plan.model}' does not support the 'input_fidelity' parameter.`,
      'input_fidelity',
      'invalid_input_fidelity_model',
    );
  }
  if (!['high', 'low'].includes(fidelity))
    throw invalidValue('input_fidelity', fidelity, ['high', 'low']);
  return plan;
}

function parse<T extends z.ZodType>(schema: T, input: Record<string, unknown>): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw toInvalidRequest(parsed.error, input);
  return parsed.data;
}

export async function planOpenAIRequest(
  request: RecordedRequest,
  retired: Set<string>,
): Promise<Plan> {
  if (request.path.endsWith('/edits') && request.files) {
    const { body, images, mask } = multipartEdit(request);
    const parsed = parse(EditBody, body);
    const sizes = await editImageSizes(images, 'image');
    if (mask) await checkMask(mask, sizes[0]);
    return editPlan(parsed, retired, sizes);
  }
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    throw new InvalidRequest('The request body must be a JSON object.', null, null);
  }
  const input = request.body as Record<string, unknown>;
  if (request.path.endsWith('/generations')) {
    const body = parse(GenerateBody, input);
    for (const [param, values] of [
      ['moderation', ['low', 'auto']],
      ['complexity', ['low', 'medium', 'high']],
    ] as const) {
      const value = body[param];
      if (value != null && !(values as readonly string[]).includes(value))
        throw invalidValue(param, value, values);
    }
    return resolveCommon(body, 'generation', retired, []);
  }
  const body = parse(EditBody, input);
  const sizes = await editImageSizes((body.images ?? []).map(dataUrlBytes), 'images');
  const mask = dataUrlBytes(body.mask);
  if (mask) await checkMask(mask, sizes[0]);
  return editPlan(body, retired, sizes);
}
