import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { z } from 'zod';
import { wrap, serverOptions, type Emulator, type EmulatorOptions } from '../emulator.ts';
import { MediaSlot, write, writeJsonWithMedia, type ErrorReply } from '../http/respond.ts';
import { EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import type { RecordedRequest } from '../http/types.ts';
import { sleep } from '../latency.ts';
import { renderImage, type ImageFormat } from '../media/image.ts';
import { parseWxH, type Size } from '../media/sizes.ts';

/**
 * OpenAI Images API: POST /v1/images/generations (JSON) and /v1/images/edits (multipart, or the
 * JSON variant with `images: [{image_url}]`), answering ImagesResponse or, with `stream: true`,
 * server-sent `image_generation.*` / `image_edit.*` events. Shapes follow openai-openapi
 * (2026-08-21) and openai-node `src/resources/images.ts`.
 *
 * `url` is `http://host:port/v1`, the value for the SDK's `baseURL` (like https://api.openai.com/v1).
 */
export interface OpenAIEmulatorOptions extends EmulatorOptions {
  /** Expected `Authorization: Bearer` key (default DEMO_KEYS.openai). */
  apiKey?: string;
  /** Models answered with 404 model_not_found (default: the retired dall-e-2, dall-e-3, gpt-image-1). */
  retiredModels?: string[];
}

export type OpenAIEmulator = Emulator & { readonly apiKey: string };

export const OPENAI_DEMO_KEY = 'sk-emulator-openai-0000000000000000';

const STANDARD_SIZES = ['1024x1024', '1024x1536', '1536x1024'];
const GPT_IMAGE = /^(?:gpt-image-[\w.-]+|chatgpt-image-latest)$/;
/** gpt-image-2 and later take any WxH within limits (openapi CreateImageRequest.size). */
const FLEXIBLE_SIZE = /^gpt-image-2(?:$|[.-])/;
const EXTENDED_QUALITY = /^gpt-image-2\.5-/;

type Quality = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** Output image tokens: community-derived gpt-image-2 formula (see research/provider-facts.md §1.5). */
const QUALITY_FACTOR: Record<Quality, number> = {
  low: 16,
  medium: 48,
  high: 96,
  xhigh: 144,
  max: 192,
};

export function openAIImageTokens(size: Size, quality: Quality): number {
  const qf = QUALITY_FACTOR[quality];
  const long = Math.max(size.width, size.height);
  const short = Math.min(size.width, size.height);
  const saf = Math.floor((2 * qf * short + long) / (2 * long));
  return Math.ceil((qf * saf * (2_000_000 + size.width * size.height)) / 4_000_000);
}

/** Input image tokens: a 65 + 129-per-512px-tile estimate after fitting into 2048². */
function inputImageTokens(size: Size): number {
  const scale = Math.min(1, 2048 / Math.max(size.width, size.height));
  const tiles = Math.ceil((size.width * scale) / 512) * Math.ceil((size.height * scale) / 512);
  return 65 + 129 * tiles;
}

class InvalidRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string | null,
    readonly status = 400,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

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
const EditJsonBody = z
  .object({
    ...Common,
    images: z.array(ImageRef).optional(),
    mask: ImageRef.optional(),
    input_fidelity: nullish(z.string()),
  })
  .strict();

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return `a ${typeof value}`;
}

/** zod issues worded the way the OpenAI API words its 400s. */
function toInvalidRequest(error: z.ZodError, input: Record<string, unknown>): InvalidRequest {
  const issue = error.issues[0];
  if (!issue) return new InvalidRequest('Invalid request body.', null, null);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new InvalidRequest(`Unknown parameter: '${key}'.`, key, 'unknown_parameter');
  }
  const param = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
    input,
  );
  if (value === undefined)
    return new InvalidRequest(
      `Missing required parameter: '${param}'.`,
      param,
      'missing_required_parameter',
    );
  const expected = issue.code === 'invalid_type' ? issue.expected : 'a valid value';
  return new InvalidRequest(
    `Invalid type for '${param}': expected ${expected === 'number' ? 'an integer' : `a ${expected}`}, but got ${describeType(value)} instead.`,
    param,
    'invalid_type',
  );
}

function supported(values: string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`
    : (quoted[0] ?? '');
}

function invalidValue(param: string, value: unknown, values: string[]): InvalidRequest {
  return new InvalidRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${supported(values)}.`,
    param,
    'invalid_value',
  );
}

interface Plan {
  operation: 'generation' | 'edit';
  model: string;
  prompt: string;
  n: number;
  size: Size;
  quality: Quality;
  format: ImageFormat;
  compression?: number;
  background: 'transparent' | 'opaque';
  stream: boolean;
  partialImages: number;
  inputImages: Size[];
}

function resolveCommon(
  body: z.infer<typeof GenerateBody> | z.infer<typeof EditJsonBody>,
  operation: Plan['operation'],
  retired: Set<string>,
  inputImages: Size[],
): Plan {
  if (body.response_format != null) {
    throw new InvalidRequest(
      "Unknown parameter: 'response_format'.",
      'response_format',
      'unknown_parameter',
    );
  }
  if ('style' in body && body.style != null) {
    throw new InvalidRequest("Unknown parameter: 'style'.", 'style', 'unknown_parameter');
  }
  const model = body.model ?? (operation === 'edit' ? 'gpt-image-1.5' : undefined);
  if (model === undefined)
    throw new InvalidRequest('you must provide a model parameter', 'model', null);
  if (retired.has(model) || !GPT_IMAGE.test(model)) {
    throw new InvalidRequest(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      null,
      'model_not_found',
      404,
    );
  }
  if (body.prompt.length === 0)
    throw new InvalidRequest("Invalid 'prompt': empty string.", 'prompt', 'empty_string');
  if (body.prompt.length > 32_000) {
    throw new InvalidRequest(
      `Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length ${body.prompt.length} instead.`,
      'prompt',
      'string_above_max_length',
    );
  }
  const n = body.n ?? 1;
  if (n < 1 || n > 10) {
    throw new InvalidRequest(
      `Invalid 'n': integer ${n < 1 ? 'below minimum' : 'above maximum'} value. Expected a value ${n < 1 ? '>= 1' : '<= 10'}, but got ${n} instead.`,
      'n',
      n < 1 ? 'integer_below_min_value' : 'integer_above_max_value',
    );
  }

  const qualities = [
    'low',
    'medium',
    'high',
    'auto',
    ...(EXTENDED_QUALITY.test(model) ? ['xhigh', 'max'] : []),
  ];
  const qualityIn = body.quality ?? 'auto';
  if (!qualities.includes(qualityIn)) throw invalidValue('quality', qualityIn, qualities);
  const quality = (qualityIn === 'auto' ? 'high' : qualityIn) as Quality;

  const formats = ['png', 'jpeg', 'webp'];
  const format = body.output_format ?? 'png';
  if (!formats.includes(format)) throw invalidValue('output_format', format, formats);
  const compression = body.output_compression ?? undefined;
  if (compression !== undefined && (compression < 0 || compression > 100)) {
    throw new InvalidRequest(
      `Invalid 'output_compression': must be between 0 and 100, got ${compression}.`,
      'output_compression',
      'invalid_value',
    );
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
  if (partialImages < 0 || partialImages > 3) {
    throw new InvalidRequest(
      `Invalid 'partial_images': must be between 0 and 3, got ${partialImages}.`,
      'partial_images',
      'invalid_value',
    );
  }

  return {
    operation,
    model,
    prompt: body.prompt,
    n,
    size: resolveSize(body.size ?? 'auto', model, inputImages[0]),
    quality,
    format: format as ImageFormat,
    ...(compression !== undefined ? { compression } : {}),
    background: background === 'transparent' ? 'transparent' : 'opaque',
    stream: body.stream ?? false,
    partialImages,
    inputImages,
  };
}

function resolveSize(size: string, model: string, firstInput: Size | undefined): Size {
  if (size === 'auto') {
    // Auto follows the input's orientation for edits and is square for generations.
    if (!firstInput || firstInput.width === firstInput.height) return { width: 1024, height: 1024 };
    return firstInput.width > firstInput.height
      ? { width: 1536, height: 1024 }
      : { width: 1024, height: 1536 };
  }
  const parsed = parseWxH(size);
  if (STANDARD_SIZES.includes(size) && parsed) return parsed;
  if (!FLEXIBLE_SIZE.test(model) || !parsed)
    throw invalidValue('size', size, [...STANDARD_SIZES, 'auto']);
  const { width, height } = parsed;
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const problem =
    width % 16 !== 0 || height % 16 !== 0
      ? 'width and height must both be divisible by 16'
      : long / short > 3
        ? 'the aspect ratio must be between 1:3 and 3:1'
        : long > 3840
          ? 'the longest edge must be at most 3840 pixels'
          : width * height < 655_360 || width * height > 8_294_400
            ? 'the image must have between 655,360 and 8,294,400 pixels'
            : undefined;
  if (problem)
    throw new InvalidRequest(`Invalid size '${size}': ${problem}.`, 'size', 'invalid_value');
  return parsed;
}

async function imageSize(data: Buffer, param: string): Promise<{ size: Size; format: string }> {
  const meta = await sharp(data)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height || !['png', 'jpeg', 'webp'].includes(meta.format ?? '')) {
    throw new InvalidRequest(
      `Invalid image file or mode for image ${param}, please check your image file.`,
      param,
      'invalid_image_file',
    );
  }
  return { size: { width: meta.width, height: meta.height }, format: meta.format ?? '' };
}

function int(value: string | string[] | undefined, param: string): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^-?\d+$/.test(text)) {
    throw new InvalidRequest(
      `Invalid type for '${param}': expected an integer, but got a string instead.`,
      param,
      'invalid_type',
    );
  }
  return Number(text);
}

/** Multipart edit fields → the typed body the JSON schema checks. */
async function multipartEdit(request: RecordedRequest, retired: Set<string>): Promise<Plan> {
  const fields = request.fields ?? {};
  const files = request.files ?? [];
  const known = new Set([
    'prompt',
    'model',
    'n',
    'size',
    'quality',
    'output_format',
    'output_compression',
    'background',
    'stream',
    'partial_images',
    'response_format',
    'user',
    'safety_identifier',
    'input_fidelity',
  ]);
  for (const name of Object.keys(fields)) {
    if (!known.has(name))
      throw new InvalidRequest(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
  }
  const one = (name: string) => {
    const v = fields[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const prompt = one('prompt');
  if (prompt === undefined)
    throw new InvalidRequest(
      "Missing required parameter: 'prompt'.",
      'prompt',
      'missing_required_parameter',
    );
  const images = files.filter((f) => f.field === 'image' || f.field === 'image[]');
  if (images.length === 0)
    throw new InvalidRequest(
      "Missing required parameter: 'image'.",
      'image',
      'missing_required_parameter',
    );
  if (images.length > 16)
    throw new InvalidRequest(
      `Invalid 'image': at most 16 images are allowed, got ${images.length}.`,
      'image',
      'invalid_value',
    );
  const sizes: Size[] = [];
  for (const file of images) {
    if (file.size > 50 * 1024 * 1024)
      throw new InvalidRequest(
        'Image file is too large; the limit is 50MB.',
        'image',
        'image_too_large',
      );
    sizes.push((await imageSize(file.data, 'image')).size);
  }
  const mask = files.find((f) => f.field === 'mask');
  if (mask) {
    const info = await imageSize(mask.data, 'mask');
    if (info.format !== 'png')
      throw new InvalidRequest(
        'Invalid mask: the mask must be a PNG image.',
        'mask',
        'invalid_image_format',
      );
    const first = sizes[0];
    if (first && (info.size.width !== first.width || info.size.height !== first.height)) {
      throw new InvalidRequest(
        'Invalid mask image: the mask and image must have the same dimensions.',
        'mask',
        'invalid_image_dimensions',
      );
    }
  }
  const stream = one('stream');
  const body = {
    prompt,
    model: one('model'),
    n: int(fields.n, 'n'),
    size: one('size'),
    quality: one('quality'),
    output_format: one('output_format'),
    output_compression: int(fields.output_compression, 'output_compression'),
    background: one('background'),
    stream: stream === undefined ? undefined : stream === 'true',
    partial_images: int(fields.partial_images, 'partial_images'),
    response_format: one('response_format'),
    input_fidelity: one('input_fidelity'),
  };
  return editPlan(body, retired, sizes);
}

function editPlan(body: z.infer<typeof EditJsonBody>, retired: Set<string>, sizes: Size[]): Plan {
  const plan = resolveCommon(body, 'edit', retired, sizes);
  const fidelity = body.input_fidelity ?? undefined;
  if (fidelity !== undefined) {
    if (FLEXIBLE_SIZE.test(plan.model)) {
      throw new InvalidRequest(
        `input_fidelity is not supported for ${plan.model}; omit it.`,
        'input_fidelity',
        'unsupported_parameter',
      );
    }
    const values = plan.model === 'gpt-image-1-mini' ? ['low'] : ['high', 'low'];
    if (!values.includes(fidelity)) throw invalidValue('input_fidelity', fidelity, values);
  }
  return plan;
}

async function planRequest(request: RecordedRequest, retired: Set<string>): Promise<Plan> {
  if (request.path.endsWith('/edits') && request.files) return multipartEdit(request, retired);
  const input = (request.body ?? {}) as Record<string, unknown>;
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    throw new InvalidRequest('The request body must be a JSON object.', null, null);
  }
  if (request.path.endsWith('/generations')) {
    const parsed = GenerateBody.safeParse(request.body);
    if (!parsed.success) throw toInvalidRequest(parsed.error, input);
    for (const [param, values] of [
      ['moderation', ['low', 'auto']],
      ['complexity', ['low', 'medium', 'high']],
    ] as const) {
      const value = parsed.data[param];
      if (value != null && !(values as readonly string[]).includes(value))
        throw invalidValue(param, value, [...values]);
    }
    return resolveCommon(parsed.data, 'generation', retired, []);
  }
  const parsed = EditJsonBody.safeParse(request.body);
  if (!parsed.success) throw toInvalidRequest(parsed.error, input);
  const images = parsed.data.images ?? [];
  if (images.length === 0)
    throw new InvalidRequest(
      "Missing required parameter: 'images'.",
      'images',
      'missing_required_parameter',
    );
  const sizes: Size[] = [];
  for (const ref of images) {
    const data = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(ref.image_url ?? '')?.[1];
    // Remote URLs and file ids are not fetched; they count as 1024² inputs.
    sizes.push(
      data
        ? (await imageSize(Buffer.from(data, 'base64'), 'images')).size
        : { width: 1024, height: 1024 },
    );
  }
  return editPlan(parsed.data, retired, sizes);
}

function usage(plan: Plan, images: number) {
  const textTokens = Math.ceil(plan.prompt.length / 4);
  const imageTokens = plan.inputImages.reduce((sum, s) => sum + inputImageTokens(s), 0);
  const output = openAIImageTokens(plan.size, plan.quality) * images;
  return {
    input_tokens: textTokens + imageTokens,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    output_tokens: output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
    total_tokens: textTokens + imageTokens + output,
  };
}

function openAIDialect(apiKey: string): Dialect {
  const errorBody = (
    message: string,
    type: string,
    code: string | null,
    param: string | null = null,
  ) => ({
    error: { message, type, param, code },
  });
  return {
    provider: 'openai',
    authenticate(request) {
      const header = request.headers.authorization;
      if (!header) return 'missing';
      return header === `Bearer ${apiKey}` ? 'ok' : 'invalid';
    },
    headers: () => ({
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-version': '2020-10-01',
      'openai-processing-ms': '1',
    }),
    error(kind, details, request): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return {
            status: 401,
            body: errorBody(
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
              'invalid_request_error',
              null,
            ),
          };
        case 'auth-invalid':
          // The real message echoes a masked key; the emulator does not echo keys at all.
          return {
            status: 401,
            body: errorBody(
              'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
              'invalid_request_error',
              'invalid_api_key',
            ),
          };
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            status: 429,
            headers: {
              'retry-after': String(seconds),
              'x-ratelimit-limit-requests': '5',
              'x-ratelimit-remaining-requests': '0',
              'x-ratelimit-reset-requests': `${seconds}s`,
            },
            body: errorBody(
              `Rate limit reached for ${request.model ?? 'images'} in organization org-emulator on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in ${seconds}s.`,
              'requests',
              'rate_limit_exceeded',
            ),
          };
        }
        case 'server-error':
          return {
            status: 500,
            body: errorBody(
              details.message ??
                'The server had an error while processing your request. Sorry about that!',
              'server_error',
              null,
            ),
          };
        case 'unavailable':
          return {
            status: 503,
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
            body: errorBody(
              'The engine is currently overloaded, please try again later.',
              'server_error',
              null,
            ),
          };
        case 'bad-request':
          return {
            status: 400,
            body: errorBody(
              details.message ?? 'Invalid request.',
              'invalid_request_error',
              null,
              details.param ?? null,
            ),
          };
        case 'not-found':
          return {
            status: 404,
            body: errorBody(
              `Invalid URL (${request.method} ${request.path})`,
              'invalid_request_error',
              null,
            ),
          };
      }
    },
    malformedBody: '{"created": 1763900000, "data": [{"b64_json": "iVBORw0KGgoAAAANSUhEUg',
  };
}

export async function startOpenAIEmulator(
  options: OpenAIEmulatorOptions = {},
): Promise<OpenAIEmulator> {
  const apiKey = options.apiKey ?? OPENAI_DEMO_KEY;
  const retired = new Set(options.retiredModels ?? ['dall-e-2', 'dall-e-3', 'gpt-image-1']);
  const noise = options.imageNoise;

  const render = (plan: Plan, index: number, stage: string) => () =>
    renderImage({
      format: plan.format,
      width: plan.size.width,
      height: plan.size.height,
      seed: `${plan.model}\u0000${plan.prompt}\u0000${index}\u0000${stage}`,
      transparent: plan.background === 'transparent',
      ...(plan.compression !== undefined && plan.format !== 'png'
        ? { quality: Math.max(1, plan.compression) }
        : {}),
      ...(noise !== undefined ? { noise } : {}),
    });

  async function handle(ctx: RouteContext): Promise<void> {
    let plan: Plan;
    try {
      plan = await planRequest(ctx.request, retired);
    } catch (error) {
      if (!(error instanceof InvalidRequest)) throw error;
      return ctx.json(error.status, {
        error: { message: error.message, type: error.type, param: error.param, code: error.code },
      });
    }
    if (ctx.safety) {
      return ctx.json(400, {
        error: {
          message: `Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID ${ctx.headers['x-request-id'] ?? ''}.`,
          type: 'image_generation_user_error',
          param: null,
          code: 'moderation_blocked',
        },
      });
    }
    const created = Math.floor(Date.now() / 1000);
    const size = `${plan.size.width}x${plan.size.height}`;
    const echo = {
      background: plan.background,
      output_format: plan.format,
      quality: plan.quality,
      size,
    };

    if (!plan.stream) {
      await sleep(ctx.latency.requestMs, ctx.signal);
      if (ctx.signal.aborted) return;
      ctx.res.writeHead(200, { ...ctx.headers, 'content-type': 'application/json' });
      await writeJsonWithMedia(ctx.res, {
        created,
        data: Array.from({ length: plan.n }, (_, i) => ({
          b64_json: new MediaSlot(render(plan, i, 'final')),
        })),
        ...echo,
        usage: usage(plan, plan.n),
      });
      ctx.res.end();
      return;
    }

    const prefix = plan.operation === 'edit' ? 'image_edit' : 'image_generation';
    const steps = plan.n * (plan.partialImages + 1);
    const pause = ctx.latency.requestMs / steps;
    ctx.res.writeHead(200, {
      ...ctx.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    for (let i = 0; i < plan.n; i++) {
      for (let k = 0; k < plan.partialImages; k++) {
        await sleep(pause, ctx.signal);
        const type = `${prefix}.partial_image`;
        await writeJsonWithMedia(
          ctx.res,
          {
            type,
            b64_json: new MediaSlot(render(plan, i, `partial${k}`)),
            created_at: Math.floor(Date.now() / 1000),
            partial_image_index: k,
            ...echo,
          },
          { prefix: `event: ${type}\ndata: `, suffix: '\n\n' },
        );
      }
      await sleep(pause, ctx.signal);
      const type = `${prefix}.completed`;
      await writeJsonWithMedia(
        ctx.res,
        {
          type,
          b64_json: new MediaSlot(render(plan, i, 'final')),
          created_at: Math.floor(Date.now() / 1000),
          ...echo,
          usage: usage(plan, 1),
        },
        { prefix: `event: ${type}\ndata: `, suffix: '\n\n' },
      );
    }
    await write(ctx.res, '');
    ctx.res.end();
  }

  const server = new EmulatorServer({
    name: 'openai',
    dialect: openAIDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety'],
    routes: ['generations', 'edits'].map((operation) => ({
      method: 'POST',
      path: new RegExp(`^/v1/images/${operation}$`),
      generates: true,
      delaysItself: true,
      model: (_m: RegExpMatchArray, request: RecordedRequest) => {
        const fromJson = (request.body as { model?: unknown } | undefined)?.model;
        const fromForm = request.fields?.model;
        const model =
          typeof fromJson === 'string'
            ? fromJson
            : Array.isArray(fromForm)
              ? fromForm[0]
              : fromForm;
        return model;
      },
      handle,
    })),
  });
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(server, () => `${server.origin}/v1`, { apiKey });
}
