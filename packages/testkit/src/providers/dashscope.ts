import { randomUUID } from 'node:crypto';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import type { ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { JobClock } from '../latency.ts';
import { base64Payload, decodeImage } from '../media/decode.ts';
import { renderImage } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import { renderVideo } from '../media/video.ts';
import {
  parseStarSize,
  shortSide,
  WAN27_RATIOS,
  WAN_MODELS,
  WAN_VIDEO_SIZES,
  wanImageSize,
  wanVideoFrame,
  type Endpoint,
  type WanModel,
} from './dashscope-models.ts';

/**
 * Alibaba Cloud Model Studio (DashScope) async task API for Wan, from Model Studio's API
 * references: `Authorization: Bearer $DASHSCOPE_API_KEY`, and `X-DashScope-Async: enable` on
 * every create call (without it: 403 AccessDenied "current user api does not support
 * synchronous calls");
 * - POST /api/v1/services/aigc/text2image/image-synthesis `{ model, input: { prompt,
 *   negative_prompt }, parameters: { size "W*H", n 1–4 (default 4), seed, prompt_extend,
 *   watermark } }`; image2image/image-synthesis (wan2.5-i2i-preview) with `input.images`;
 * - POST /api/v1/services/aigc/video-generation/video-synthesis: Wan 2.5 (legacy: `size` from the
 *   tier tables, or `input.img_url` with `resolution`; 5 or 10 s) and Wan 2.7 (`resolution`
 *   720P/1080P with `ratio`, or `input.media` first_frame / last_frame; 2–15 s);
 * → `{ output: { task_id, task_status: PENDING }, request_id }`;
 * - GET /api/v1/tasks/{id} → PENDING → RUNNING → SUCCEEDED | FAILED | CANCELED (UNKNOWN for an id
 *   it does not know), with `results[].url` or `video_url` (links for 24 hours) and `usage`
 *   (image_count; video_duration + video_ratio on 2.5; duration, output_video_duration, SR on 2.7);
 * - POST /api/v1/tasks/{id}/cancel cancels a PENDING task (else 400 UnsupportedOperation).
 * Invalid values are 400 `{ code: "InvalidParameter", message, request_id }`; unknown keys are
 * ignored and listed in `request.ignoredFields`. `url` is `http://host:port`, replacing
 * https://dashscope-intl.aliyuncs.com.
 */
export interface DashscopeEmulatorOptions extends UrlResultOptions {
  /** Expected Bearer key (default DEMO_KEYS.dashscope). */
  apiKey?: string;
  /** Frames per second of the rendered clips (default 1: small files). */
  videoFps?: number;
}

export type DashscopeEmulator = Emulator & { readonly apiKey: string; readonly cdn: Cdn };

export const DASHSCOPE_DEMO_KEY = 'sk-emulator-dashscope-key';

const TOP = new Set(['model', 'input', 'parameters']);
const INPUT: Record<Endpoint, Set<string>> = {
  text2image: new Set(['prompt', 'negative_prompt']),
  image2image: new Set(['prompt', 'negative_prompt', 'images']),
  video: new Set(['prompt', 'negative_prompt', 'audio_url', 'img_url', 'media', 'template']),
};
const PARAMS: Record<Endpoint, Set<string>> = {
  text2image: new Set(['size', 'n', 'seed', 'prompt_extend', 'watermark']),
  image2image: new Set(['size', 'n', 'seed', 'prompt_extend', 'watermark']),
  video: new Set([
    'size',
    'resolution',
    'ratio',
    'duration',
    'seed',
    'prompt_extend',
    'watermark',
    'shot_type',
  ]),
};

interface Task {
  id: string;
  model: string;
  prompt: string;
  seed: number;
  clock: JobClock;
  kind: 'image' | 'video';
  /** Images: the size and count; video: the frame, seconds and tier. */
  size: Size;
  n: number;
  seconds: number;
  tier: string;
  legacy: boolean;
  cancelled?: boolean;
  safety?: AppliedFault;
  urls?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const requestId = () => randomUUID();

function reply(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): ErrorReply {
  return {
    status,
    body: { request_id: requestId(), code, message },
    ...(headers ? { headers } : {}),
  };
}
const invalid = (message: string) => reply(400, 'InvalidParameter', message);

function dashscopeDialect(apiKey: string): Dialect {
  return {
    provider: 'dashscope',
    authenticate: bearerAuth(apiKey),
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
        case 'auth-invalid':
          return reply(401, 'InvalidApiKey', 'Invalid API-key provided.');
        case 'rate-limit':
          return reply(
            429,
            'Throttling.RateQuota',
            'Requests rate limit exceeded, please try again later.',
            { 'retry-after': String(details.retryAfterSeconds ?? 1) },
          );
        case 'server-error':
          return reply(
            500,
            'InternalError',
            details.message ??
              'An internal error has occured, please try again later or contact service support.',
          );
        case 'unavailable':
          return reply(
            503,
            'ServiceUnavailable',
            'The service is temporarily unavailable.',
            details.retryAfterSeconds !== undefined
              ? { 'retry-after': String(details.retryAfterSeconds) }
              : undefined,
          );
        case 'bad-request':
          return invalid(details.message ?? 'The request is not valid.');
        case 'not-found':
          return reply(404, 'NotFound', 'The requested resource was not found.');
      }
    },
    headers: () => ({ 'x-request-id': requestId() }),
    malformedBody: '{"output": {"task_id": "0385dc79", "task_sta',
  };
}

/** An input image (URL or data URI): decoded, its sides within [min, max] px and its bytes under a cap. */
async function checkImage(
  value: unknown,
  field: string,
  sides: readonly [number, number],
  maxBytes: number,
): Promise<{ size?: Size } | { error: string }> {
  if (typeof value !== 'string' || value === '')
    return { error: `${field} must be a URL or a base64 data URI` };
  const bytes = base64Payload(value);
  if (!bytes) return {};
  if (bytes.byteLength > maxBytes)
    return { error: `${field} must be at most ${maxBytes / 1024 / 1024} MB` };
  const decoded = await decodeImage(bytes);
  if (!decoded) return { error: `${field} could not be decoded` };
  if ([decoded.width, decoded.height].some((s) => s < sides[0] || s > sides[1]))
    return { error: `the width and height of ${field} must be within [${sides[0]}, ${sides[1]}]` };
  return { size: { width: decoded.width, height: decoded.height } };
}

export async function startDashscopeEmulator(
  options: DashscopeEmulatorOptions = {},
): Promise<DashscopeEmulator> {
  const apiKey = options.apiKey ?? DASHSCOPE_DEMO_KEY;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const tasks = new Map<string, Task>();
  const noise = options.imageNoise !== undefined ? { noise: options.imageNoise } : {};
  const fail = (ctx: RouteContext, r: ErrorReply) => ctx.json(r.status, r.body, r.headers);

  /** The checks every create call shares; the task's settings, or the reply that refuses it. */
  async function read(
    ctx: RouteContext,
    endpoint: Endpoint,
  ): Promise<
    | {
        model: WanModel;
        id: string;
        input: Record<string, unknown>;
        params: Record<string, unknown>;
      }
    | ErrorReply
  > {
    if (ctx.request.headers['x-dashscope-async'] !== 'enable')
      return reply(403, 'AccessDenied', 'current user api does not support synchronous calls');
    const body = ctx.request.body;
    if (!isObject(body)) return invalid('The request body must be a JSON object.');
    const id = body['model'];
    if (typeof id !== 'string' || id === '') return invalid('Field required: model');
    const model = WAN_MODELS[id];
    if (!model) return reply(400, 'InvalidParameter', `Model not exist: ${id}`);
    if (model.endpoint !== endpoint)
      return reply(
        400,
        'InvalidParameter',
        `Model ${id} is not supported by this API (url error, please check url).`,
      );
    const input = body['input'];
    if (!isObject(input)) return invalid('Field required: input');
    const params = body['parameters'] ?? {};
    if (!isObject(params)) return invalid('parameters must be an object');
    const ignored = [
      ...Object.keys(body).filter((k) => !TOP.has(k)),
      ...Object.keys(input)
        .filter((k) => !INPUT[endpoint].has(k))
        .map((k) => `input.${k}`),
      ...Object.keys(params)
        .filter((k) => !PARAMS[endpoint].has(k))
        .map((k) => `parameters.${k}`),
    ];
    if (ignored.length) ctx.request.ignoredFields = ignored;
    for (const flag of ['prompt_extend', 'watermark']) {
      if (params[flag] !== undefined && typeof params[flag] !== 'boolean')
        return invalid(`parameters.${flag} must be a boolean`);
    }
    const seed = params['seed'];
    if (
      seed !== undefined &&
      (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 2 ** 31 - 1)
    )
      return invalid('parameters.seed must be an integer in [0, 2147483647]');
    if (input['negative_prompt'] !== undefined && typeof input['negative_prompt'] !== 'string')
      return invalid('input.negative_prompt must be a string');
    if (ctx.safety?.stage === 'input')
      return reply(400, 'DataInspectionFailed', 'Input data may contain inappropriate content.');
    return { model, id, input, params };
  }

  function start(
    ctx: RouteContext,
    task: Omit<Task, 'id' | 'clock' | 'seed'>,
    seed: unknown,
  ): void {
    const id = randomUUID();
    tasks.set(id, {
      ...task,
      id,
      seed: typeof seed === 'number' ? seed : Math.floor(Math.random() * 2 ** 31),
      clock: new JobClock(ctx.latency),
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    });
    ctx.json(200, { output: { task_id: id, task_status: 'PENDING' }, request_id: requestId() });
  }

  async function createImage(
    ctx: RouteContext,
    endpoint: 'text2image' | 'image2image',
  ): Promise<void> {
    const got = await read(ctx, endpoint);
    if ('status' in got) return fail(ctx, got);
    const { id, input, params } = got;
    const prompt = input['prompt'];
    if (typeof prompt !== 'string' || prompt.trim() === '')
      return fail(ctx, invalid('Field required: input.prompt'));
    const n = params['n'] ?? 4;
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 4)
      return fail(ctx, invalid('parameters.n must be an integer in [1, 4]'));
    let shape: Size | undefined;
    if (endpoint === 'image2image') {
      const images = input['images'];
      if (!Array.isArray(images) || images.length < 1 || images.length > 3)
        return fail(ctx, invalid('input.images must hold 1 to 3 images'));
      for (const [i, image] of images.entries()) {
        const checked = await checkImage(
          image,
          `input.images[${i}]`,
          [384, 5000],
          10 * 1024 * 1024,
        );
        if ('error' in checked) return fail(ctx, invalid(checked.error));
        shape ??= checked.size;
      }
    }
    if (params['size'] !== undefined && typeof params['size'] !== 'string')
      return fail(ctx, invalid('parameters.size must be a string'));
    const sized = wanImageSize(params['size'] as string | undefined);
    if ('error' in sized) return fail(ctx, invalid(sized.error));
    // An edit without a size keeps the (last) input's shape at about 1280*1280 pixels.
    const size = params['size'] === undefined && shape ? scaleTo(shape, 1280 * 1280) : sized.size;
    start(
      ctx,
      {
        model: id,
        prompt,
        kind: 'image',
        size,
        n: n as number,
        seconds: 0,
        tier: '',
        legacy: true,
      },
      params['seed'],
    );
  }

  async function createVideo(ctx: RouteContext): Promise<void> {
    const got = await read(ctx, 'video');
    if ('status' in got) return fail(ctx, got);
    const { model, id, input, params } = got;
    const prompt = typeof input['prompt'] === 'string' ? input['prompt'] : '';
    if (!model.frames && prompt.trim() === '')
      return fail(ctx, invalid('Field required: input.prompt'));
    const duration = params['duration'] ?? 5;
    const okDuration =
      Number.isInteger(duration) &&
      (model.durations
        ? model.durations.includes(duration as number)
        : (duration as number) >= (model.durationRange?.[0] ?? 0) &&
          (duration as number) <= (model.durationRange?.[1] ?? 0));
    if (!okDuration)
      return fail(
        ctx,
        invalid(
          `parameters.duration must be ${model.durations ? `one of ${model.durations.join(', ')}` : `an integer from ${model.durationRange?.[0]} to ${model.durationRange?.[1]}`} for ${id}`,
        ),
      );
    const tiers = model.resolutions ?? [];
    let frame: Size;
    let tier: string;
    if (model.frames) {
      let first: unknown;
      if (model.protocol === 'legacy') first = input['img_url'];
      else {
        const media = input['media'];
        if (!Array.isArray(media) || media.length === 0)
          return fail(ctx, invalid('Field required: input.media'));
        for (const [i, item] of media.entries()) {
          if (
            !isObject(item) ||
            !['first_frame', 'last_frame', 'driving_audio', 'first_clip'].includes(
              item['type'] as string,
            )
          )
            return fail(
              ctx,
              invalid(
                `input.media[${i}].type must be first_frame, last_frame, driving_audio or first_clip`,
              ),
            );
          if (item['type'] === 'first_frame') first = item['url'];
          if (item['type'] === 'last_frame') {
            const last = await checkImage(
              item['url'],
              `input.media[${i}].url`,
              [240, 8000],
              20 * 1024 * 1024,
            );
            if ('error' in last) return fail(ctx, invalid(last.error));
          }
        }
        if (first === undefined) return fail(ctx, invalid('input.media needs a first_frame'));
      }
      const field = model.protocol === 'legacy' ? 'input.img_url' : 'input.media.first_frame.url';
      const checked = await checkImage(
        first,
        field,
        model.protocol === 'legacy' ? [360, 2000] : [240, 8000],
        (model.protocol === 'legacy' ? 10 : 20) * 1024 * 1024,
      );
      if ('error' in checked) return fail(ctx, invalid(checked.error));
      tier = (params['resolution'] as string | undefined) ?? '1080P';
      if (!tiers.includes(tier))
        return fail(
          ctx,
          invalid(`parameters.resolution must be one of ${tiers.join(', ')} for ${id}`),
        );
      frame = wanVideoFrame(tier, checked.size ?? '16:9');
    } else if (model.protocol === 'legacy') {
      const size = (params['size'] as string | undefined) ?? '1920*1080';
      const entry = Object.entries(WAN_VIDEO_SIZES).find(
        ([t, sizes]) => tiers.includes(t) && sizes.includes(size),
      );
      const parsed = parseStarSize(size);
      if (!entry || !parsed)
        return fail(
          ctx,
          invalid(
            `parameters.size must be one of ${tiers.flatMap((t) => WAN_VIDEO_SIZES[t] ?? []).join(', ')} for ${id}`,
          ),
        );
      tier = entry[0];
      frame = parsed;
    } else {
      tier = (params['resolution'] as string | undefined) ?? '1080P';
      if (!tiers.includes(tier))
        return fail(
          ctx,
          invalid(`parameters.resolution must be one of ${tiers.join(', ')} for ${id}`),
        );
      const ratio = (params['ratio'] as string | undefined) ?? '16:9';
      if (!(WAN27_RATIOS as readonly string[]).includes(ratio))
        return fail(ctx, invalid(`parameters.ratio must be one of ${WAN27_RATIOS.join(', ')}`));
      frame = wanVideoFrame(tier, ratio);
    }
    start(
      ctx,
      {
        model: id,
        prompt,
        kind: 'video',
        size: frame,
        n: 1,
        seconds: duration as number,
        tier,
        legacy: model.protocol === 'legacy',
      },
      params['seed'],
    );
  }

  function getTask(ctx: RouteContext): void {
    const id = decodeURIComponent(ctx.match[1] ?? '');
    const task = tasks.get(id);
    if (!task)
      return ctx.json(200, {
        request_id: requestId(),
        output: { task_id: id, task_status: 'UNKNOWN' },
      });
    const base = { task_id: task.id, submit_time: stamp(task.clock.createdAt) };
    if (task.cancelled)
      return ctx.json(200, {
        request_id: requestId(),
        output: { ...base, task_status: 'CANCELED' },
      });
    const phase = task.clock.poll();
    if (phase !== 'completed')
      return ctx.json(200, {
        request_id: requestId(),
        output: { ...base, task_status: phase === 'queued' ? 'PENDING' : 'RUNNING' },
      });
    if (task.safety) {
      return ctx.json(200, {
        request_id: requestId(),
        output: {
          ...base,
          task_status: 'FAILED',
          code: 'DataInspectionFailed',
          message: 'Output data may contain inappropriate content.',
        },
      });
    }
    const seed = (i: number) => `${task.model}\u0000${task.prompt}\u0000${task.seed + i}`;
    if (task.kind === 'image') {
      task.urls ??= Array.from({ length: task.n }, (_, i) =>
        cdn.publish({
          style: 'bfl',
          owner: server,
          model: task.model,
          filename: `${i + 1}.png`,
          contentType: 'image/png',
          ttlMs: 86_400_000,
          render: () => renderImage({ format: 'png', ...task.size, seed: seed(i), ...noise }),
        }),
      );
      return ctx.json(200, {
        request_id: requestId(),
        output: {
          ...base,
          task_status: 'SUCCEEDED',
          end_time: stamp(Date.now()),
          results: task.urls.map((url) => ({ orig_prompt: task.prompt, url })),
          task_metrics: { TOTAL: task.n, SUCCEEDED: task.n, FAILED: 0 },
        },
        usage: { image_count: task.n },
      });
    }
    task.urls ??= [
      cdn.publish({
        style: 'bfl',
        owner: server,
        model: task.model,
        filename: 'video.mp4',
        contentType: 'video/mp4',
        ttlMs: 86_400_000,
        render: () =>
          renderVideo({
            ...task.size,
            durationSeconds: task.seconds,
            seed: seed(0),
            ...noise,
            ...(options.videoFps !== undefined ? { fps: options.videoFps } : {}),
          }),
      }),
    ];
    const size = `${task.size.width}*${task.size.height}`;
    const usage = task.legacy
      ? { video_count: 1, video_duration: task.seconds, video_ratio: size }
      : {
          duration: task.seconds,
          input_video_duration: 0,
          output_video_duration: task.seconds,
          SR: shortSide(task.tier),
          size,
          video_count: 1,
        };
    ctx.json(200, {
      request_id: requestId(),
      output: {
        ...base,
        task_status: 'SUCCEEDED',
        end_time: stamp(Date.now()),
        orig_prompt: task.prompt,
        video_url: task.urls[0],
      },
      usage,
    });
  }

  function cancelTask(ctx: RouteContext): void {
    const task = tasks.get(decodeURIComponent(ctx.match[1] ?? ''));
    if (!task) return fail(ctx, reply(404, 'NotFound', 'The task does not exist.'));
    if (task.cancelled || task.clock.phase() !== 'queued')
      return fail(
        ctx,
        reply(
          400,
          'UnsupportedOperation',
          'Failed to cancel the task, please confirm if the task is in PENDING status.',
        ),
      );
    task.cancelled = true;
    ctx.json(200, { request_id: requestId() });
  }

  const taskModel = (m: RegExpMatchArray) => tasks.get(decodeURIComponent(m[1] ?? ''))?.model;
  const bodyModel = (_m: RegExpMatchArray, request: { body?: unknown }) =>
    isObject(request.body) && typeof request.body['model'] === 'string'
      ? request.body['model']
      : undefined;
  const server: EmulatorServer = new EmulatorServer({
    name: 'dashscope',
    dialect: dashscopeDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    latencyDefaults: { queuedPolls: 0, runningPolls: 1 },
    routes: [
      {
        method: 'POST',
        path: /^\/api\/v1\/services\/aigc\/text2image\/image-synthesis$/,
        generates: true,
        model: bodyModel,
        handle: (ctx) => createImage(ctx, 'text2image'),
      },
      {
        method: 'POST',
        path: /^\/api\/v1\/services\/aigc\/image2image\/image-synthesis$/,
        generates: true,
        model: bodyModel,
        handle: (ctx) => createImage(ctx, 'image2image'),
      },
      {
        method: 'POST',
        path: /^\/api\/v1\/services\/aigc\/video-generation\/video-synthesis$/,
        generates: true,
        model: bodyModel,
        handle: createVideo,
      },
      { method: 'GET', path: /^\/api\/v1\/tasks\/([^/]+)$/, model: taskModel, handle: getTask },
      {
        method: 'POST',
        path: /^\/api\/v1\/tasks\/([^/]+)\/cancel$/,
        model: taskModel,
        handle: cancelTask,
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

/** DashScope's timestamps: "YYYY-MM-DD HH:mm:ss.SSS". */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function scaleTo(shape: Size, pixels: number): Size {
  const k = Math.sqrt(pixels / (shape.width * shape.height));
  const round = (v: number) => Math.max(16, Math.round((v * k) / 16) * 16);
  return { width: round(shape.width), height: round(shape.height) };
}
