import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import { write, type ErrorReply } from '../http/respond.ts';
import { EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { fastapiErrors, type FieldError } from '../http/fastapi.ts';
import { JobClock, sleep, type JobPhase } from '../latency.ts';
import { MIME, renderImage, type ImageFormat } from '../media/image.ts';
import {
  FAL_IMAGE_SIZES,
  GEMINI_1K,
  parseRatio,
  sizeForRatio,
  videoSize,
  type Size,
} from '../media/sizes.ts';
import { renderVideo } from '../media/video.ts';
import { falEnumErrors } from './fal-endpoints.ts';

/**
 * fal queue API (docs.fal.ai model-endpoints/queue, fal-js `src/queue.ts`):
 * POST /{endpoint_id} → `{ request_id, response_url, status_url, cancel_url, status, queue_position }`;
 * GET /{app}/requests/{id}/status[?logs=1] → IN_QUEUE (queue_position) / IN_PROGRESS / COMPLETED
 * (202 until completed, then 200); GET …/status/stream (SSE); GET /{app}/requests/{id} → the
 * model output; PUT …/cancel. `{app}` is the owner/alias root of the endpoint id, as fal-js
 * builds it; results link to the CDN. Validation and content-policy errors are 422
 * `{ detail: [{ loc, msg, type }] }`; the documented enums of the endpoints Atelier uses
 * (aspect_ratio, resolution, duration…) are in fal-endpoints.ts.
 *
 * `url` is `http://host:port`, replacing https://queue.fal.run: submit to `${url}/${endpointId}`.
 */
export interface FalEmulatorOptions extends UrlResultOptions {
  /** Expected `Authorization: Key …` credential (default DEMO_KEYS.fal). */
  apiKey?: string;
  /** Which endpoints return a video (default: ids naming video, veo, kling, seedance, ltx, hailuo, luma…). */
  isVideoEndpoint?: (endpointId: string) => boolean;
  /** Result links stop working after this long (default: never). */
  resultTtlMs?: number;
  videoFps?: number;
}

export type FalEmulator = Emulator & { readonly apiKey: string; readonly cdn: Cdn };

export const FAL_DEMO_KEY = 'emulator-fal-key-id:emulator-fal-key-secret';

const NAMESPACES = new Set(['workflows', 'comfy']);

/** The owner/alias root fal uses for status, result and cancel URLs. */
export function falAppRoot(endpointId: string): string {
  const parts = endpointId.split('/').filter(Boolean);
  const ns = parts[0] !== undefined && NAMESPACES.has(parts[0]) ? [parts.shift() ?? ''] : [];
  return [...ns, ...parts.slice(0, 2)].join('/');
}

const defaultIsVideo = (id: string) =>
  /video|veo|kling|seedance|ltx|hailuo|luma-dream-machine|wan-?2\.\d.*t2v|sora|gemini-omni/i.test(
    id,
  );

class Invalid extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors[0]?.msg ?? 'invalid input');
  }
}

const ImageSizeObject = z
  .object({
    width: z.number().int().min(64).max(14_142),
    height: z.number().int().min(64).max(14_142),
  })
  .strict();

const ImageInput = z
  .object({
    prompt: z.string().optional(),
    num_images: z.number().int().min(1).max(8).optional(),
    image_size: z
      .union([z.enum(Object.keys(FAL_IMAGE_SIZES) as [string, ...string[]]), ImageSizeObject])
      .optional(),
    aspect_ratio: z.string().optional(),
    resolution: z.enum(['0.5K', '1K', '2K', '4K']).optional(),
    output_format: z.enum(['jpeg', 'png', 'webp']).optional(),
    seed: z.number().int().optional(),
    image_url: z.string().optional(),
    image_urls: z.array(z.string()).optional(),
  })
  .loose();

const VideoInput = z
  .object({
    prompt: z.string().optional(),
    duration: z
      .union([
        z.number(),
        z
          .string()
          .regex(/^\d+(?:\.\d+)?s?$/, 'Input should be a number of seconds such as "8" or "8s"'),
      ])
      .optional(),
    aspect_ratio: z.string().optional(),
    resolution: z.string().optional(),
    seed: z.number().int().optional(),
    image_url: z.string().optional(),
    start_image_url: z.string().optional(),
    generate_audio: z.boolean().optional(),
  })
  .loose();

type Plan =
  | { kind: 'image'; prompt: string; count: number; size: Size; format: ImageFormat; seed: number }
  | { kind: 'video'; prompt: string; size: Size; durationSeconds: number; seed: number };

function planImage(endpointId: string, input: Record<string, unknown>): Plan {
  const parsed = ImageInput.safeParse(input);
  if (!parsed.success) throw new Invalid(fastapiErrors(parsed.error, input));
  const body = parsed.data;
  if (body.prompt === undefined && body.image_url === undefined && body.image_urls === undefined) {
    throw new Invalid([{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing', input }]);
  }
  let size: Size;
  if (typeof body.image_size === 'object') size = body.image_size;
  else if (typeof body.image_size === 'string')
    size = FAL_IMAGE_SIZES[body.image_size] ?? { width: 1024, height: 1024 };
  else if (body.aspect_ratio !== undefined || body.resolution !== undefined) {
    const aspect =
      body.aspect_ratio === undefined || body.aspect_ratio === 'auto' ? '1:1' : body.aspect_ratio;
    const ratio = parseRatio(aspect);
    if (ratio === undefined) {
      throw new Invalid([
        {
          loc: ['body', 'aspect_ratio'],
          msg: `Unsupported aspect ratio '${aspect}'`,
          type: 'value_error',
          input: aspect,
        },
      ]);
    }
    const scale = { '0.5K': 0.5, '1K': 1, '2K': 2, '4K': 4 }[body.resolution ?? '1K'];
    const base = GEMINI_1K[aspect];
    size = base
      ? { width: base.width * scale, height: base.height * scale }
      : sizeForRatio(ratio, scale * scale);
  } else {
    size = FAL_IMAGE_SIZES[/flux/.test(endpointId) ? 'landscape_4_3' : 'square_hd'] ?? {
      width: 1024,
      height: 1024,
    };
  }
  const defaultFormat: ImageFormat = /nano-banana|gpt-image|imagen/.test(endpointId)
    ? 'png'
    : 'jpeg';
  return {
    kind: 'image',
    prompt: body.prompt ?? '',
    count: body.num_images ?? 1,
    size,
    format: body.output_format ?? defaultFormat,
    seed: body.seed ?? 0,
  };
}

function planVideo(endpointId: string, input: Record<string, unknown>): Plan {
  const parsed = VideoInput.safeParse(input);
  if (!parsed.success) throw new Invalid(fastapiErrors(parsed.error, input));
  const body = parsed.data;
  if (
    body.prompt === undefined &&
    body.image_url === undefined &&
    body.start_image_url === undefined
  ) {
    throw new Invalid([{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing', input }]);
  }
  const durationSeconds =
    body.duration === undefined
      ? /veo/.test(endpointId)
        ? 8
        : 5
      : Number(String(body.duration).replace(/s$/, ''));
  if (!(durationSeconds > 0 && durationSeconds <= 60)) {
    throw new Invalid([
      {
        loc: ['body', 'duration'],
        msg: 'Duration must be between 1 and 60 seconds',
        type: 'value_error',
        input: body.duration,
      },
    ]);
  }
  const aspect =
    body.aspect_ratio === undefined || body.aspect_ratio === 'auto' ? '16:9' : body.aspect_ratio;
  const size = videoSize(body.resolution ?? '720p', aspect);
  if (!size) {
    throw new Invalid([
      {
        loc: ['body', body.resolution !== undefined ? 'resolution' : 'aspect_ratio'],
        msg: `Unsupported resolution / aspect ratio ${body.resolution ?? '720p'} ${aspect}`,
        type: 'value_error',
      },
    ]);
  }
  return { kind: 'video', prompt: body.prompt ?? '', size, durationSeconds, seed: body.seed ?? 0 };
}

interface Job {
  id: string;
  endpointId: string;
  root: string;
  clock: JobClock;
  plan: Plan;
  safety?: AppliedFault;
  cancelled: boolean;
  output?: Record<string, unknown>;
}

function falDialect(apiKey: string): Dialect {
  const detail = (
    status: number,
    message: string,
    headers?: Record<string, string>,
  ): ErrorReply => ({
    status,
    body: { detail: message },
    ...(headers ? { headers } : {}),
  });
  return {
    provider: 'fal',
    authenticate(request) {
      const header = request.headers.authorization;
      if (!header) return 'missing';
      return header === `Key ${apiKey}` ? 'ok' : 'invalid';
    },
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return detail(
            401,
            'Authentication is required to access this application. Send your key as "Authorization: Key $FAL_KEY".',
          );
        case 'auth-invalid':
          return detail(401, 'Invalid API key.');
        case 'rate-limit':
          return detail(429, 'Too many requests: concurrent request limit reached.', {
            'retry-after': String(details.retryAfterSeconds ?? 1),
          });
        case 'server-error':
          return detail(500, details.message ?? 'Internal Server Error');
        case 'unavailable':
          return detail(
            503,
            'Service Unavailable',
            details.retryAfterSeconds !== undefined
              ? { 'retry-after': String(details.retryAfterSeconds) }
              : undefined,
          );
        case 'bad-request':
          return detail(400, details.message ?? 'Bad Request');
        case 'not-found':
          return detail(404, details.message ?? 'Not Found');
      }
    },
    malformedBody: '{"status": "IN_PROGRESS", "response_url": "http',
  };
}

export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const apiKey = options.apiKey ?? FAL_DEMO_KEY;
  const isVideo = options.isVideoEndpoint ?? defaultIsVideo;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const jobs = new Map<string, Job>();

  const urls = (job: Job) => {
    const base = `${server.origin}/${job.root}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };

  function submit(ctx: RouteContext): void {
    const endpointId = ctx.match[1] ?? '';
    const input = ctx.request.body;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return ctx.json(422, {
        detail: [
          {
            loc: ['body'],
            msg: 'Input should be a valid dictionary',
            type: 'dict_type',
            input: input ?? null,
          },
        ],
      });
    }
    const enumErrors = falEnumErrors(endpointId, input as Record<string, unknown>);
    if (enumErrors.length > 0) return ctx.json(422, { detail: enumErrors });
    let plan: Plan;
    try {
      plan = isVideo(endpointId)
        ? planVideo(endpointId, input as Record<string, unknown>)
        : planImage(endpointId, input as Record<string, unknown>);
    } catch (error) {
      if (error instanceof Invalid) return ctx.json(422, { detail: error.errors });
      throw error;
    }
    const job: Job = {
      id: randomUUID(),
      endpointId,
      root: falAppRoot(endpointId),
      clock: new JobClock(ctx.latency),
      plan,
      cancelled: false,
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    };
    jobs.set(job.id, job);
    ctx.json(
      200,
      {
        status: 'IN_QUEUE',
        request_id: job.id,
        ...urls(job),
        queue_position: job.clock.queuePosition(),
      },
      { 'x-fal-request-id': job.id },
    );
  }

  function output(job: Job): Record<string, unknown> {
    if (job.output) return job.output;
    const { plan } = job;
    const ttl = options.resultTtlMs !== undefined ? { ttlMs: options.resultTtlMs } : {};
    const noise = options.imageNoise !== undefined ? { noise: options.imageNoise } : {};
    const seedText = (i: number) =>
      `${job.endpointId}\u0000${plan.prompt}\u0000${plan.seed}\u0000${i}`;
    if (plan.kind === 'image') {
      job.output = {
        images: Array.from({ length: plan.count }, (_, i) => {
          const ext = plan.format === 'jpeg' ? 'jpg' : plan.format;
          return {
            url: cdn.publish({
              style: 'fal',
              owner: server,
              model: job.endpointId,
              filename: `image_${i}.${ext}`,
              contentType: MIME[plan.format],
              ...ttl,
              render: () =>
                renderImage({ format: plan.format, ...plan.size, seed: seedText(i), ...noise }),
            }),
            width: plan.size.width,
            height: plan.size.height,
            content_type: MIME[plan.format],
            file_name: `image_${i}.${ext}`,
          };
        }),
        seed: plan.seed,
        has_nsfw_concepts: Array.from({ length: plan.count }, () => false),
        prompt: plan.prompt,
        timings: { inference: (Date.now() - job.clock.createdAt) / 1000 },
      };
    } else {
      job.output = {
        video: {
          url: cdn.publish({
            style: 'fal',
            owner: server,
            model: job.endpointId,
            filename: 'output.mp4',
            contentType: 'video/mp4',
            ...ttl,
            render: () =>
              renderVideo({
                ...plan.size,
                durationSeconds: plan.durationSeconds,
                seed: seedText(0),
                ...noise,
                ...(options.videoFps !== undefined ? { fps: options.videoFps } : {}),
              }),
          }),
          content_type: 'video/mp4',
          file_name: 'output.mp4',
        },
        seed: plan.seed,
      };
    }
    return job.output;
  }

  function failure(job: Job): { error: string; error_type: string } | undefined {
    if (job.cancelled) return { error: 'Request was cancelled.', error_type: 'request_cancelled' };
    if (job.safety) {
      return {
        error:
          job.safety.stage === 'input'
            ? 'The content was flagged by a content checker.'
            : 'The generated content was flagged by a content checker.',
        error_type: 'content_policy_violation',
      };
    }
    return undefined;
  }

  function statusBody(job: Job, phase: JobPhase, logs: boolean): Record<string, unknown> {
    const { response_url } = urls(job);
    const logLines = logs
      ? [
          {
            message: `emulated ${phase}`,
            level: 'INFO',
            source: 'user',
            timestamp: new Date().toISOString(),
          },
        ]
      : null;
    if (job.cancelled || phase === 'completed') {
      return {
        status: 'COMPLETED',
        request_id: job.id,
        response_url,
        logs: logLines,
        metrics: { inference_time: (Date.now() - job.clock.createdAt) / 1000 },
        ...failure(job),
      };
    }
    if (phase === 'queued')
      return {
        status: 'IN_QUEUE',
        request_id: job.id,
        response_url,
        queue_position: job.clock.queuePosition(),
      };
    return { status: 'IN_PROGRESS', request_id: job.id, response_url, logs: logLines };
  }

  const findJob = (ctx: RouteContext): Job | undefined => {
    const job = jobs.get(ctx.match[2] ?? '');
    if (!job) ctx.json(404, { detail: `Request ${ctx.match[2] ?? ''} not found` });
    return job;
  };

  function status(ctx: RouteContext): void {
    const job = findJob(ctx);
    if (!job) return;
    const phase = job.cancelled ? 'completed' : job.clock.poll();
    const body = statusBody(job, phase, ctx.request.query.logs === '1');
    ctx.json(body.status === 'COMPLETED' ? 200 : 202, body, { 'x-fal-request-id': job.id });
  }

  async function statusStream(ctx: RouteContext): Promise<void> {
    const job = findJob(ctx);
    if (!job) return;
    ctx.res.writeHead(200, {
      ...ctx.headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-fal-request-id': job.id,
    });
    for (;;) {
      const phase = job.cancelled ? 'completed' : job.clock.poll();
      const body = statusBody(job, phase, ctx.request.query.logs === '1');
      await write(ctx.res, `data: ${JSON.stringify(body)}\n\n`);
      if (body.status === 'COMPLETED') break;
      await sleep(100, ctx.signal);
      if (ctx.signal.aborted) return;
    }
    ctx.res.end();
  }

  function result(ctx: RouteContext): void {
    const job = findJob(ctx);
    if (!job) return;
    const headers = { 'x-fal-request-id': job.id };
    if (!job.cancelled && job.clock.phase() !== 'completed')
      return ctx.json(400, { detail: 'Request is still in progress' }, headers);
    if (job.cancelled) return ctx.json(400, { detail: 'Request was cancelled.' }, headers);
    if (job.safety) {
      const fail = failure(job);
      return ctx.json(
        422,
        {
          detail: [
            {
              loc: job.safety.stage === 'input' ? ['body', 'prompt'] : ['body'],
              msg: fail?.error ?? 'The content was flagged by a content checker.',
              type: 'content_policy_violation',
              url: 'https://docs.fal.ai/errors#content_policy_violation',
              ...(job.safety.stage === 'input' ? { input: job.plan.prompt } : {}),
            },
          ],
        },
        headers,
      );
    }
    ctx.json(200, output(job), headers);
  }

  function cancel(ctx: RouteContext): void {
    const job = jobs.get(ctx.match[2] ?? '');
    if (!job) return ctx.json(404, { status: 'NOT_FOUND' });
    if (job.cancelled || job.clock.phase() === 'completed')
      return ctx.json(400, { status: 'ALREADY_COMPLETED' });
    job.cancelled = true;
    ctx.json(202, { status: 'CANCELLATION_REQUESTED' });
  }

  const jobModel = (m: RegExpMatchArray) => jobs.get(m[2] ?? '')?.endpointId ?? m[1];
  const server: EmulatorServer = new EmulatorServer({
    name: 'fal',
    dialect: falDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    routes: [
      {
        method: 'GET',
        path: /^\/(.+)\/requests\/([^/]+)\/status$/,
        model: jobModel,
        handle: status,
      },
      {
        method: 'GET',
        path: /^\/(.+)\/requests\/([^/]+)\/status\/stream$/,
        model: jobModel,
        handle: statusStream,
      },
      {
        method: 'PUT',
        path: /^\/(.+)\/requests\/([^/]+)\/cancel$/,
        model: jobModel,
        handle: cancel,
      },
      { method: 'GET', path: /^\/(.+)\/requests\/([^/]+)$/, model: jobModel, handle: result },
      {
        method: 'POST',
        path: /^\/(?!.*\/requests\/)((?:[^/]+\/)+[^/]+)$/,
        generates: true,
        model: (m: RegExpMatchArray) => m[1],
        handle: submit,
      },
    ],
  });
  server.onReset(() => jobs.clear());
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
