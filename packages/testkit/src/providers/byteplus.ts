import { randomBytes } from 'node:crypto';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import type { ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { JobClock } from '../latency.ts';
import { base64Payload, decodeImage } from '../media/decode.ts';
import { MIME, renderImage } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import { renderVideo } from '../media/video.ts';
import {
  SEEDANCE,
  SEEDANCE_FPS,
  SEEDREAM,
  seedanceFrame,
  seedanceTokens,
  seedreamSize,
} from './byteplus-models.ts';

/**
 * BytePlus ModelArk (Ark) API, from BytePlus's ModelArk API reference (docs.byteplus.com, the
 * same API as Volcengine Ark): `Authorization: Bearer $ARK_API_KEY`;
 * - POST /api/v3/images/generations (Seedream): `{ model, prompt, size, response_format
 *   url|b64_json, seed, watermark, sequential_image_generation, image }` → `{ model, created,
 *   data: [{ url | b64_json, size }], usage: { generated_images, output_tokens, total_tokens } }`;
 * - POST /api/v3/contents/generations/tasks (Seedance): `{ model, content: [{ type: text, text },
 *   { type: image_url, image_url: { url }, role: first_frame | last_frame }], resolution, ratio,
 *   duration, seed, generate_audio, watermark, camera_fixed }` → `{ id }`; GET …/tasks/{id} →
 *   status queued | running | succeeded | failed | cancelled, `content.video_url` (a signed link,
 *   24 hours), `usage.completion_tokens` (W × H × 24 × seconds / 1024); DELETE …/tasks/{id}
 *   cancels a queued task (a running one cannot be cancelled: 400).
 * Invalid values are 400 `{ error: { code: "InvalidParameter", message, param, type:
 * "BadRequest" } }`; unknown keys are ignored and listed in `request.ignoredFields`.
 *
 * `url` is `http://host:port`, replacing https://ark.ap-southeast.bytepluses.com.
 */
export interface ByteplusEmulatorOptions extends UrlResultOptions {
  /** Expected Bearer key (default DEMO_KEYS.byteplus). */
  apiKey?: string;
  /** Frames per second of the rendered clips (default 1: small files; the usage still counts 24). */
  videoFps?: number;
}

export type ByteplusEmulator = Emulator & { readonly apiKey: string; readonly cdn: Cdn };

export const BYTEPLUS_DEMO_KEY = 'emulator-ark-key';

const IMAGE_FIELDS = new Set([
  'model',
  'prompt',
  'size',
  'response_format',
  'seed',
  'watermark',
  'sequential_image_generation',
  'sequential_image_generation_options',
  'image',
  'stream',
  'output_format',
  'guidance_scale',
  'optimize_prompt_options',
]);
const TASK_FIELDS = new Set([
  'model',
  'content',
  'resolution',
  'ratio',
  'duration',
  'frames',
  'seed',
  'generate_audio',
  'watermark',
  'camera_fixed',
  'callback_url',
  'return_last_frame',
  'service_tier',
  'execution_expires_after',
  'draft',
]);

interface Task {
  id: string;
  model: string;
  prompt: string;
  seed: number;
  resolution: string;
  ratio: string;
  duration: number;
  audio: boolean;
  frame: Size;
  clock: JobClock;
  createdAt: number;
  cancelled?: boolean;
  safety?: AppliedFault;
  videoUrl?: string;
}

type Invalid = { param: string; message: string };

function arkError(
  status: number,
  code: string,
  message: string,
  type: string,
  param = '',
): ErrorReply {
  return { status, body: { error: { code, message, param, type } } };
}

function invalid(bad: Invalid): ErrorReply {
  return arkError(
    400,
    'InvalidParameter',
    `The parameter \`${bad.param}\` specified in the request is not valid: ${bad.message}.`,
    'BadRequest',
    bad.param,
  );
}

function byteplusDialect(apiKey: string): Dialect {
  return {
    provider: 'byteplus',
    authenticate: bearerAuth(apiKey),
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
        case 'auth-invalid':
          return arkError(
            401,
            'AuthenticationError',
            'The API key or AK/SK in the request is missing or invalid.',
            'Unauthorized',
          );
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            ...arkError(
              429,
              'RateLimitExceeded.EndpointRPMExceeded',
              'The request has exceeded the RPM rate limit of the model.',
              'TooManyRequests',
            ),
            headers: { 'retry-after': String(seconds) },
          };
        }
        case 'server-error':
          return arkError(
            500,
            'InternalServiceError',
            details.message ?? 'The service encountered an unexpected internal error.',
            'InternalServerError',
          );
        case 'unavailable':
          return {
            ...arkError(
              503,
              'ServiceUnavailable',
              'The service is temporarily unavailable.',
              'ServiceUnavailable',
            ),
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
          };
        case 'bad-request':
          return arkError(
            400,
            'InvalidParameter',
            details.message ?? 'The request is not valid.',
            'BadRequest',
            details.param ?? '',
          );
        case 'not-found':
          return arkError(404, 'NotFound', 'The requested resource was not found.', 'NotFound');
      }
    },
    headers: () => ({ 'x-request-id': randomBytes(16).toString('hex') }),
    malformedBody: '{"id": "cgt-20260101000000-abcde", "status": "succ',
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Images sent as data URIs are read whole; a URL or a broken one is refused by name. */
async function checkImage(value: unknown, param: string): Promise<{ size?: Size } | Invalid> {
  if (typeof value !== 'string') return { param, message: 'must be a URL or a base64 data URI' };
  const bytes = base64Payload(value);
  if (!bytes) return {};
  const decoded = await decodeImage(bytes);
  if (!decoded) return { param, message: 'the image could not be decoded' };
  if (bytes.byteLength > 10 * 1024 * 1024)
    return { param, message: 'the image must be at most 10 MB' };
  return { size: { width: decoded.width, height: decoded.height } };
}

export async function startByteplusEmulator(
  options: ByteplusEmulatorOptions = {},
): Promise<ByteplusEmulator> {
  const apiKey = options.apiKey ?? BYTEPLUS_DEMO_KEY;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const tasks = new Map<string, Task>();
  const noise = options.imageNoise !== undefined ? { noise: options.imageNoise } : {};
  const fail = (ctx: RouteContext, reply: ErrorReply) =>
    ctx.json(reply.status, reply.body, reply.headers);
  const ignored = (ctx: RouteContext, body: Record<string, unknown>, known: Set<string>) => {
    const extra = Object.keys(body).filter((k) => !known.has(k));
    if (extra.length > 0) ctx.request.ignoredFields = extra;
  };

  async function generateImages(ctx: RouteContext): Promise<void> {
    const body = ctx.request.body;
    if (!isObject(body))
      return fail(ctx, invalid({ param: 'body', message: 'must be a JSON object' }));
    const modelId = body['model'];
    if (typeof modelId !== 'string' || modelId === '')
      return fail(ctx, invalid({ param: 'model', message: 'is required' }));
    const model = SEEDREAM[modelId];
    if (!model)
      return fail(
        ctx,
        arkError(
          404,
          'InvalidEndpointOrModel.NotFound',
          `The model or endpoint ${modelId} does not exist or you do not have access to it.`,
          'NotFound',
          'model',
        ),
      );
    const prompt = body['prompt'];
    if (typeof prompt !== 'string' || prompt.trim() === '')
      return fail(ctx, invalid({ param: 'prompt', message: 'is required' }));
    const sized = seedreamSize(model, typeof body['size'] === 'string' ? body['size'] : undefined);
    if ('error' in sized || (body['size'] !== undefined && typeof body['size'] !== 'string')) {
      return fail(
        ctx,
        invalid({ param: 'size', message: 'error' in sized ? sized.error : 'must be a string' }),
      );
    }
    const format = body['response_format'] ?? 'url';
    if (format !== 'url' && format !== 'b64_json')
      return fail(ctx, invalid({ param: 'response_format', message: 'must be url or b64_json' }));
    if (body['watermark'] !== undefined && typeof body['watermark'] !== 'boolean')
      return fail(ctx, invalid({ param: 'watermark', message: 'must be a boolean' }));
    const sequential = body['sequential_image_generation'] ?? 'disabled';
    if (sequential !== 'auto' && sequential !== 'disabled')
      return fail(
        ctx,
        invalid({ param: 'sequential_image_generation', message: 'must be auto or disabled' }),
      );
    const seed = body['seed'];
    if (
      seed !== undefined &&
      (!Number.isInteger(seed) || (seed as number) < -1 || (seed as number) > 2 ** 31 - 1)
    ) {
      return fail(
        ctx,
        invalid({ param: 'seed', message: 'must be an integer in [-1, 2147483647]' }),
      );
    }
    const output = body['output_format'] ?? 'jpeg';
    if (output !== 'jpeg' && output !== 'png')
      return fail(ctx, invalid({ param: 'output_format', message: 'must be jpeg or png' }));
    const images =
      body['image'] === undefined
        ? []
        : Array.isArray(body['image'])
          ? body['image']
          : [body['image']];
    if (images.length > 14)
      return fail(ctx, invalid({ param: 'image', message: 'at most 14 reference images' }));
    for (const [i, image] of images.entries()) {
      const checked = await checkImage(image, images.length > 1 ? `image[${i}]` : 'image');
      if ('param' in checked) return fail(ctx, invalid(checked));
    }
    ignored(ctx, body, IMAGE_FIELDS);
    if (ctx.safety) {
      return ctx.safety.stage === 'output'
        ? fail(
            ctx,
            arkError(
              400,
              'OutputImageSensitiveContentDetected',
              'The request failed because the output image may contain sensitive information.',
              'BadRequest',
            ),
          )
        : fail(
            ctx,
            arkError(
              400,
              'InputTextSensitiveContentDetected',
              'The request failed because the input text may contain sensitive information.',
              'BadRequest',
              'prompt',
            ),
          );
    }

    const { size } = sized;
    const seedText = `${modelId}\u0000${prompt}\u0000${String(model.seed ? (seed ?? '') : '')}`;
    const render = () => renderImage({ format: output, ...size, seed: seedText, ...noise });
    const item =
      format === 'b64_json'
        ? { b64_json: (await render()).toString('base64'), size: `${size.width}x${size.height}` }
        : {
            url: cdn.publish({
              style: 'bfl',
              owner: server,
              model: modelId,
              filename: `image.${output === 'jpeg' ? 'jpeg' : 'png'}`,
              contentType: MIME[output],
              ttlMs: 86_400_000,
              render,
            }),
            size: `${size.width}x${size.height}`,
          };
    // Ark counts an image's tokens as W × H / 256.
    const tokens = Math.floor((size.width * size.height) / 256);
    ctx.json(200, {
      model: modelId,
      created: Math.floor(Date.now() / 1000),
      data: [item],
      usage: { generated_images: 1, output_tokens: tokens, total_tokens: tokens },
    });
  }

  async function createTask(ctx: RouteContext): Promise<void> {
    const body = ctx.request.body;
    if (!isObject(body))
      return fail(ctx, invalid({ param: 'body', message: 'must be a JSON object' }));
    const modelId = body['model'];
    if (typeof modelId !== 'string' || modelId === '')
      return fail(ctx, invalid({ param: 'model', message: 'is required' }));
    const model = SEEDANCE[modelId];
    if (!model)
      return fail(
        ctx,
        arkError(
          404,
          'InvalidEndpointOrModel.NotFound',
          `The model or endpoint ${modelId} does not exist or you do not have access to it.`,
          'NotFound',
          'model',
        ),
      );
    const content = body['content'];
    if (!Array.isArray(content) || content.length === 0)
      return fail(ctx, invalid({ param: 'content', message: 'must be a non-empty list' }));
    let prompt = '';
    let firstFrame: Size | undefined;
    for (const [i, item] of content.entries()) {
      if (!isObject(item))
        return fail(ctx, invalid({ param: `content[${i}]`, message: 'must be an object' }));
      if (item['type'] === 'text' && typeof item['text'] === 'string') prompt += item['text'];
      else if (item['type'] === 'image_url' && isObject(item['image_url'])) {
        const role = item['role'] ?? 'first_frame';
        if (!['first_frame', 'last_frame', 'reference_image'].includes(role as string))
          return fail(
            ctx,
            invalid({
              param: `content[${i}].role`,
              message: 'must be first_frame, last_frame or reference_image',
            }),
          );
        const checked = await checkImage(item['image_url']['url'], `content[${i}].image_url.url`);
        if ('param' in checked) return fail(ctx, invalid(checked));
        if (role === 'first_frame') firstFrame = checked.size;
      } else
        return fail(
          ctx,
          invalid({
            param: `content[${i}].type`,
            message: 'must be text with text, or image_url with image_url.url',
          }),
        );
    }
    if (prompt.trim() === '' && !firstFrame)
      return fail(
        ctx,
        invalid({ param: 'content', message: 'a text prompt or a first frame is required' }),
      );
    const resolution = body['resolution'] ?? '720p';
    if (typeof resolution !== 'string' || !model.resolutions.includes(resolution))
      return fail(
        ctx,
        invalid({ param: 'resolution', message: `must be one of ${model.resolutions.join(', ')}` }),
      );
    const ratio = body['ratio'] ?? (firstFrame ? 'adaptive' : '16:9');
    if (typeof ratio !== 'string' || !model.ratios.includes(ratio))
      return fail(
        ctx,
        invalid({ param: 'ratio', message: `must be one of ${model.ratios.join(', ')}` }),
      );
    const duration = body['duration'] ?? 5;
    const [shortest, longest] = model.durations;
    if (
      !Number.isInteger(duration) ||
      (duration as number) < shortest ||
      (duration as number) > longest
    ) {
      return fail(
        ctx,
        invalid({
          param: 'duration',
          message: `must be an integer from ${shortest} to ${longest}`,
        }),
      );
    }
    const seed = body['seed'];
    if (
      seed !== undefined &&
      (!Number.isInteger(seed) || (seed as number) < -1 || (seed as number) > 2 ** 32 - 1)
    )
      return fail(
        ctx,
        invalid({ param: 'seed', message: 'must be an integer in [-1, 4294967295]' }),
      );
    for (const flag of ['generate_audio', 'watermark', 'camera_fixed']) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
        return fail(ctx, invalid({ param: flag, message: 'must be a boolean' }));
    }
    if (body['generate_audio'] === true && !model.audio)
      return fail(
        ctx,
        invalid({ param: 'generate_audio', message: `${modelId} does not generate audio` }),
      );
    const known = new Set(TASK_FIELDS);
    if (!model.cameraFixed) known.delete('camera_fixed');
    ignored(ctx, body, known);
    if (ctx.safety?.stage === 'input') {
      return fail(
        ctx,
        arkError(
          400,
          'InputTextSensitiveContentDetected',
          'The request failed because the input text may contain sensitive information.',
          'BadRequest',
          'content',
        ),
      );
    }

    const now = new Date();
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    const task: Task = {
      id: `cgt-${stamp}-${randomBytes(3).toString('hex').slice(0, 5)}`,
      model: modelId,
      prompt,
      seed: typeof seed === 'number' && seed >= 0 ? seed : Math.floor(Math.random() * 2 ** 31),
      resolution,
      ratio,
      duration: duration as number,
      audio: model.audio && body['generate_audio'] !== false,
      frame: seedanceFrame(resolution, ratio, firstFrame),
      clock: new JobClock(ctx.latency),
      createdAt: now.getTime(),
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    };
    tasks.set(task.id, task);
    ctx.json(200, { id: task.id });
  }

  function getTask(ctx: RouteContext): void {
    const task = tasks.get(decodeURIComponent(ctx.match[1] ?? ''));
    if (!task)
      return fail(
        ctx,
        arkError(404, 'ResourceNotFound', 'The specified task is not found.', 'NotFound', 'id'),
      );
    const seconds = (ms: number) => Math.floor(ms / 1000);
    const base = {
      id: task.id,
      model: task.model,
      created_at: seconds(task.createdAt),
      updated_at: seconds(Date.now()),
      seed: task.seed,
      resolution: task.resolution,
      ratio: task.ratio,
      duration: task.duration,
      framespersecond: SEEDANCE_FPS,
      generate_audio: task.audio,
      service_tier: 'default',
      execution_expires_after: 172_800,
    };
    if (task.cancelled) return ctx.json(200, { ...base, status: 'cancelled', error: null });
    const phase = task.clock.poll();
    if (phase !== 'completed')
      return ctx.json(200, {
        ...base,
        status: phase === 'queued' ? 'queued' : 'running',
        error: null,
      });
    if (task.safety) {
      return ctx.json(200, {
        ...base,
        status: 'failed',
        error: {
          code: 'OutputVideoSensitiveContentDetected',
          message: 'The request failed because the output video may contain sensitive information.',
        },
      });
    }
    task.videoUrl ??= cdn.publish({
      style: 'bfl',
      owner: server,
      model: task.model,
      filename: 'video.mp4',
      contentType: 'video/mp4',
      ttlMs: 86_400_000,
      render: () =>
        renderVideo({
          ...task.frame,
          durationSeconds: task.duration,
          seed: `${task.model}\u0000${task.prompt}\u0000${task.seed}`,
          ...noise,
          ...(options.videoFps !== undefined ? { fps: options.videoFps } : {}),
        }),
    });
    const tokens = seedanceTokens(task.frame, task.duration);
    ctx.json(200, {
      ...base,
      status: 'succeeded',
      error: null,
      content: { video_url: task.videoUrl },
      usage: { completion_tokens: tokens, total_tokens: tokens },
    });
  }

  function deleteTask(ctx: RouteContext): void {
    const task = tasks.get(decodeURIComponent(ctx.match[1] ?? ''));
    if (!task)
      return fail(
        ctx,
        arkError(404, 'ResourceNotFound', 'The specified task is not found.', 'NotFound', 'id'),
      );
    if (task.cancelled)
      return fail(
        ctx,
        arkError(
          400,
          'InvalidParameter',
          'A cancelled task cannot be deleted.',
          'BadRequest',
          'id',
        ),
      );
    const phase = task.clock.phase();
    if (phase === 'queued') task.cancelled = true;
    else if (phase === 'running')
      return fail(
        ctx,
        arkError(
          400,
          'InvalidParameter',
          'A running task cannot be cancelled.',
          'BadRequest',
          'id',
        ),
      );
    else tasks.delete(task.id);
    ctx.json(200, {});
  }

  const taskModel = (m: RegExpMatchArray) => tasks.get(decodeURIComponent(m[1] ?? ''))?.model;
  const bodyModel = (_m: RegExpMatchArray, request: { body?: unknown }) =>
    isObject(request.body) && typeof request.body['model'] === 'string'
      ? request.body['model']
      : undefined;
  const server: EmulatorServer = new EmulatorServer({
    name: 'byteplus',
    dialect: byteplusDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    latencyDefaults: { queuedPolls: 0, runningPolls: 1 },
    routes: [
      {
        method: 'POST',
        path: /^\/api\/v3\/images\/generations$/,
        generates: true,
        model: bodyModel,
        handle: generateImages,
      },
      {
        method: 'POST',
        path: /^\/api\/v3\/contents\/generations\/tasks$/,
        generates: true,
        model: bodyModel,
        handle: createTask,
      },
      {
        method: 'GET',
        path: /^\/api\/v3\/contents\/generations\/tasks\/([^/]+)$/,
        model: taskModel,
        handle: getTask,
      },
      {
        method: 'DELETE',
        path: /^\/api\/v3\/contents\/generations\/tasks\/([^/]+)$/,
        model: taskModel,
        handle: deleteTask,
      },
    ],
  });
  server.onReset(() => tasks.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(
    server,
    () => server.origin,
    { apiKey, cdn },
    async () => {
      await server.close();
      await ownCdn?.close();
    },
  );
}
