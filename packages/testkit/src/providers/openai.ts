import { randomBytes } from 'node:crypto';
import { wrap, serverOptions, type Emulator, type EmulatorOptions } from '../emulator.ts';
import { MediaSlot, write, writeJsonWithMedia, type ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import type { RecordedRequest } from '../http/types.ts';
import { sleep } from '../latency.ts';
import { renderImage } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import { InvalidRequest } from './openai-errors.ts';
import { planOpenAIRequest, type Plan, type Quality } from './openai-request.ts';

/**
 * OpenAI Images API: POST /v1/images/generations (JSON) and /v1/images/edits (multipart, or the
 * JSON variant with `images: [{image_url}]`), answering ImagesResponse or, with `stream: true`,
 * server-sent `image_generation.*` / `image_edit.*` events. Shapes follow openai-openapi
 * (2026-08-21) and openai-node `src/resources/images.ts`; what each model accepts is in
 * openai-request.ts, the checks on uploaded images and masks in openai-edits.ts.
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
    // OpenAI answers an empty Authorization header as a missing key ("You didn't provide…").
    authenticate: bearerAuth(apiKey, { emptyIsMissing: true }),
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
      plan = await planOpenAIRequest(ctx.request, retired);
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
