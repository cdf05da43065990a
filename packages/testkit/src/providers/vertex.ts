import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { startCdn, type Cdn } from '../cdn.ts';
import { wrap, serverOptions, type Emulator, type UrlResultOptions } from '../emulator.ts';
import type { AppliedFault } from '../faults.ts';
import { MediaSlot, writeJsonWithMedia } from '../http/respond.ts';
import { EmulatorServer, type RouteContext } from '../http/server.ts';
import { JobClock } from '../latency.ts';
import { videoSize, type Size } from '../media/sizes.ts';
import { renderVideo } from '../media/video.ts';
import { googleDialect, googleError, handleGenerateContent } from './google.ts';

/**
 * Vertex AI (Gemini Enterprise Agent Platform) Veo: POST …/publishers/google/models/{model}
 * :predictLongRunning → `{ name }`, then POST …/models/{model}:fetchPredictOperation
 * `{ operationName }` until `done`, with `response.videos[]` holding `bytesBase64Encoded` (default)
 * or a `gcsUri` (when the request sets `parameters.storageUri`, or `videoDelivery: 'gcs'`). Also
 * serves Gemini image models through …:generateContent. Paths accept v1 and v1beta1, with or
 * without `projects/{p}/locations/{l}/` (express mode), as js-genai builds them.
 *
 * `url` is `http://host:port`, the value for @google/genai's `httpOptions.baseUrl` with
 * `vertexai: true` (it replaces https://{location}-aiplatform.googleapis.com).
 */
export interface VertexEmulatorOptions extends UrlResultOptions {
  /** Accepted as `x-goog-api-key` / `?key=` (express mode; default VERTEX_DEMO_KEY). */
  apiKey?: string;
  /** Accepted as `Authorization: Bearer` (stands in for ADC; default VERTEX_DEMO_ACCESS_TOKEN). */
  accessToken?: string;
  /** Used in operation names when the request path has no project (default 'atelier-emulator'). */
  project?: string;
  location?: string;
  /** 'inline' (default) returns bytes unless the request names a storageUri; 'gcs' always returns gcsUri. */
  videoDelivery?: 'inline' | 'gcs';
  /** Frames per second of generated videos (default 1). */
  videoFps?: number;
}

export type VertexEmulator = Emulator & {
  readonly apiKey: string;
  readonly accessToken: string;
  readonly cdn: Cdn;
  /** Where a `gs://bucket/object` result can be downloaded over HTTP (the CDN). */
  gcsHttpUrl(gsUri: string): string;
};

export const VERTEX_DEMO_KEY = 'emulator-vertex-key';
export const VERTEX_DEMO_ACCESS_TOKEN = 'emulator-vertex-access-token';

const MediaRef = z
  .object({
    bytesBase64Encoded: z.string().optional(),
    gcsUri: z.string().optional(),
    mimeType: z.string().optional(),
  })
  .loose();

const PredictBody = z
  .object({
    instances: z
      .array(
        z
          .object({
            prompt: z.string().optional(),
            image: MediaRef.optional(),
            lastFrame: MediaRef.optional(),
            video: MediaRef.optional(),
            referenceImages: z
              .array(z.object({ image: MediaRef, referenceType: z.string().optional() }).loose())
              .optional(),
            mask: z.unknown().optional(),
          })
          .strict(),
      )
      .length(1, 'Veo takes exactly one instance'),
    parameters: z
      .object({
        sampleCount: z.number().int().min(1).max(4).optional(),
        durationSeconds: z.number().int().optional(),
        aspectRatio: z.string().optional(),
        resolution: z.string().optional(),
        negativePrompt: z.string().optional(),
        personGeneration: z.string().optional(),
        generateAudio: z.boolean().optional(),
        enhancePrompt: z.boolean().optional(),
        seed: z.number().int().optional(),
        storageUri: z.string().optional(),
        fps: z.number().int().optional(),
        compressionQuality: z.string().optional(),
        resizeMode: z.string().optional(),
        pubsubTopic: z.string().optional(),
      })
      .strict()
      .optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

interface Operation {
  name: string;
  model: string;
  clock: JobClock;
  prompt: string;
  size: Size;
  durationSeconds: number;
  samples: number;
  seed: string;
  storageUri?: string;
  safety?: AppliedFault;
  /** gcsUris once published (stable across polls). */
  gcsUris?: string[];
}

function durationsFor(model: string): number[] | undefined {
  if (/^veo-3/.test(model)) return [4, 6, 8];
  if (/^veo-2/.test(model)) return [5, 6, 7, 8];
  return undefined;
}

export async function startVertexEmulator(
  options: VertexEmulatorOptions = {},
): Promise<VertexEmulator> {
  const apiKey = options.apiKey ?? VERTEX_DEMO_KEY;
  const accessToken = options.accessToken ?? VERTEX_DEMO_ACCESS_TOKEN;
  const ownCdn = options.cdn ? undefined : await startCdn({ host: options.host ?? '127.0.0.1' });
  const cdn = (options.cdn ?? ownCdn) as Cdn;
  const operations = new Map<string, Operation>();

  function predict(ctx: RouteContext, model: string, project: string, location: string): void {
    const parsed = PredictBody.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.json(
        400,
        googleError(
          400,
          `Invalid value at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid'}`,
        ),
      );
    }
    const instance = parsed.data.instances[0];
    const params = parsed.data.parameters ?? {};
    const prompt = instance?.prompt ?? '';
    if (!prompt && !instance?.image)
      return ctx.json(400, googleError(400, 'A text prompt or an input image is required.'));
    const durations = durationsFor(model);
    const durationSeconds = params.durationSeconds ?? 8;
    if (
      durations ? !durations.includes(durationSeconds) : durationSeconds < 1 || durationSeconds > 60
    ) {
      return ctx.json(
        400,
        googleError(
          400,
          `Unsupported output video duration ${durationSeconds} seconds, supported durations are [${(durations ?? [1, 60]).join(',')}] for model ${model}.`,
        ),
      );
    }
    const aspectRatio = params.aspectRatio ?? '16:9';
    if (!['16:9', '9:16'].includes(aspectRatio)) {
      return ctx.json(
        400,
        googleError(
          400,
          `Unsupported aspect ratio: ${aspectRatio}. Supported values are 16:9, 9:16.`,
        ),
      );
    }
    const resolution = (params.resolution ?? '720p').toLowerCase();
    const size = ['720p', '1080p', '4k'].includes(resolution)
      ? videoSize(resolution, aspectRatio)
      : undefined;
    if (!size)
      return ctx.json(
        400,
        googleError(
          400,
          `Unsupported resolution: ${params.resolution ?? ''}. Supported values are 720p, 1080p, 4k.`,
        ),
      );
    if (params.storageUri !== undefined && !/^gs:\/\/[^/]+/.test(params.storageUri)) {
      return ctx.json(
        400,
        googleError(400, `storageUri must be a gs:// URI, got ${params.storageUri}.`),
      );
    }
    const name = `projects/${project}/locations/${location}/publishers/google/models/${model}/operations/${randomUUID()}`;
    operations.set(name, {
      name,
      model,
      clock: new JobClock(ctx.latency),
      prompt,
      size,
      durationSeconds,
      samples: params.sampleCount ?? 1,
      seed: `${model}\u0000${prompt}\u0000${params.seed ?? ''}`,
      ...(params.storageUri !== undefined
        ? { storageUri: params.storageUri }
        : options.videoDelivery === 'gcs'
          ? { storageUri: 'gs://atelier-emulator/veo' }
          : {}),
      ...(ctx.safety ? { safety: ctx.safety } : {}),
    });
    ctx.json(200, { name });
  }

  async function fetchOperation(ctx: RouteContext): Promise<void> {
    const operationName = (ctx.request.body as { operationName?: unknown } | undefined)
      ?.operationName;
    if (typeof operationName !== 'string')
      return ctx.json(400, googleError(400, 'operationName is required.'));
    const op = operations.get(operationName);
    if (!op) return ctx.json(404, googleError(404, `Operation ${operationName} not found.`));
    if (op.clock.poll() !== 'completed') return ctx.json(200, { name: op.name });

    const responseType = 'type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse';
    if (op.safety) {
      const reason =
        op.safety.stage === 'input'
          ? "Veo could not generate videos because the input prompt violates Vertex AI's usage guidelines. Support codes: 58061214"
          : "Veo could not generate videos because the generated video violates Vertex AI's usage guidelines. Support codes: 17301594";
      return ctx.json(200, {
        name: op.name,
        done: true,
        response: {
          '@type': responseType,
          raiMediaFilteredCount: op.samples,
          raiMediaFilteredReasons: [reason],
        },
      });
    }
    const render = (i: number) => () =>
      renderVideo({
        width: op.size.width,
        height: op.size.height,
        durationSeconds: op.durationSeconds,
        seed: `${op.seed}\u0000${i}`,
        ...(options.videoFps !== undefined ? { fps: options.videoFps } : {}),
        ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
      });
    let videos: unknown[];
    if (op.storageUri !== undefined) {
      const storageUri = op.storageUri;
      op.gcsUris ??= Array.from({ length: op.samples }, (_, i) => {
        const [, bucket = '', prefix = ''] = /^gs:\/\/([^/]+)\/?(.*)$/.exec(storageUri) ?? [];
        const id = op.name.split('/').at(-1) ?? 'op';
        const object = `${prefix ? `${prefix.replace(/\/$/, '')}/` : ''}${id}/sample_${i}.mp4`;
        cdn.publish({
          style: 'gcs',
          owner: server,
          model: op.model,
          bucket,
          object,
          filename: `sample_${i}.mp4`,
          contentType: 'video/mp4',
          render: render(i),
        });
        return `gs://${bucket}/${object}`;
      });
      videos = op.gcsUris.map((gcsUri) => ({ gcsUri, mimeType: 'video/mp4' }));
    } else {
      videos = Array.from({ length: op.samples }, (_, i) => ({
        bytesBase64Encoded: new MediaSlot(render(i)),
        mimeType: 'video/mp4',
      }));
    }
    ctx.res.writeHead(200, { ...ctx.headers, 'content-type': 'application/json; charset=UTF-8' });
    await writeJsonWithMedia(ctx.res, {
      name: op.name,
      done: true,
      response: { '@type': responseType, raiMediaFilteredCount: 0, videos },
    });
    ctx.res.end();
  }

  const server: EmulatorServer = new EmulatorServer({
    name: 'vertex',
    dialect: googleDialect('vertex', 'aiplatform.googleapis.com', { apiKey, accessToken }),
    ...serverOptions(options),
    extraFaults: ['safety', 'expired-url'],
    latencyDefaults: { queuedPolls: 0, runningPolls: 1 },
    routes: (
      [
        'predictLongRunning',
        'fetchPredictOperation',
        'generateContent',
        'streamGenerateContent',
      ] as const
    ).map((method) => ({
      method: 'POST',
      path: new RegExp(
        `^/(?:v1|v1beta1)/(?:projects/([^/]+)/locations/([^/]+)/)?publishers/google/models/([^/:]+):${method}$`,
      ),
      generates: method !== 'fetchPredictOperation',
      model: (m: RegExpMatchArray) => m[3],
      handle(ctx: RouteContext) {
        const [, project, location, model = ''] = ctx.match;
        switch (method) {
          case 'predictLongRunning':
            return predict(
              ctx,
              model,
              project ?? options.project ?? 'atelier-emulator',
              location ?? options.location ?? 'us-central1',
            );
          case 'fetchPredictOperation':
            return fetchOperation(ctx);
          default:
            return handleGenerateContent(ctx, {
              platform: 'vertex',
              model,
              stream: method === 'streamGenerateContent',
              ...(options.imageNoise !== undefined ? { imageNoise: options.imageNoise } : {}),
            });
        }
      },
    })),
  });
  server.onReset(() => operations.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(
    server,
    () => server.origin,
    { apiKey, accessToken, cdn, gcsHttpUrl: (gsUri: string) => cdn.gcsHttpUrl(gsUri) },
    async () => {
      await server.close();
      await ownCdn?.close();
    },
  );
}
