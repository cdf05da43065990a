import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { priceResult } from './cost.ts';
import { cancelledError, malformedError, providerError, timeoutError, withDetail } from './errors.ts';
import { falImageCall, falVideoCall } from './fal-inputs.ts';
import { falOptionsSchema, falWireOptions } from './fal-options.ts';
import { download, requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { imageInfo } from './media.ts';
import { parseProviderOptions } from './provider-options.ts';
import { abortableSleep } from './retry.ts';
import { resolveBaseUrl, resolveSettings, keySources, type ProviderSettings } from './settings.ts';
import {
  type Asset,
  type CallOptions,
  type ImageRequestInput,
  type ImageResult,
  type VideoOperation,
  type VideoRequestInput,
  type VideoStatus,
  type Warning,
} from './spec.ts';
import { videoResult } from './video-result.ts';
import { RoutedImageModel, RoutedVideoModel } from './routed-model.ts';

/**
 * fal's queue API over plain HTTP: submit, then follow the status_url / response_url /
 * cancel_url the queue returns (endpoints with sub-paths answer on their app root, so these are
 * never rebuilt by hand). Result files live on fal's CDN and are fetched without the key.
 */

const Submitted = z.object({
  request_id: z.string().min(1),
  status_url: z.string().url(),
  response_url: z.string().url(),
  cancel_url: z.string().url().optional(),
});

const QueueStatus = z.object({
  status: z.string(),
  queue_position: z.number().optional(),
  error: z.string().nullish(),
  error_type: z.string().nullish(),
});

const FalFile = z.object({ url: z.string(), content_type: z.string().nullish(), width: z.number().nullish(), height: z.number().nullish() });
const ImageOutput = z.object({ images: z.array(FalFile), has_nsfw_concepts: z.array(z.boolean()).nullish(), seed: z.number().nullish() });
const VideoOutput = z.object({ video: FalFile });

function describeFalError(body: unknown): { message?: string; code?: string } {
  const b = body as { detail?: unknown; error_type?: string; error?: string } | undefined;
  if (Array.isArray(b?.detail)) {
    const first = b.detail[0] as { msg?: string; type?: string; loc?: unknown[] } | undefined;
    const field = Array.isArray(first?.loc) ? first.loc.filter((x) => x !== 'body').join('.') : '';
    return { message: `${field ? `${field}: ` : ''}${first?.msg ?? ''}`, code: first?.type };
  }
  if (typeof b?.detail === 'string') return { message: b.detail, code: b.error_type };
  if (typeof b?.error === 'string') return { message: b.error, code: b.error_type };
  return {};
}

class FalQueue {
  readonly http: HttpConfig;
  readonly baseUrl: string;

  constructor(key: string, baseUrl: string, settings: ProviderSettings, timeoutMs: number) {
    this.baseUrl = baseUrl;
    this.http = {
      provider: 'fal',
      authHeaders: { authorization: `Key ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs,
      retry: resolveSettings(settings).retry,
      fetch: settings.fetch,
      describeError: describeFalError,
    };
  }

  async submit(endpoint: string, input: Record<string, unknown>, signal?: AbortSignal) {
    const { json } = await requestJson(this.http, { method: 'POST', url: `${this.baseUrl}/${endpoint}`, body: input, idempotent: false, signal });
    const parsed = Submitted.safeParse(json);
    if (!parsed.success) throw malformedError('fal', 'queue submission', { retryable: false });
    return parsed.data;
  }

  async status(statusUrl: string, signal?: AbortSignal) {
    const { json } = await requestJson(this.http, { method: 'GET', url: statusUrl, idempotent: true, signal });
    const parsed = QueueStatus.safeParse(json);
    if (!parsed.success) throw malformedError('fal', 'queue status', { retryable: true });
    return parsed.data;
  }

  async result(responseUrl: string, signal?: AbortSignal): Promise<unknown> {
    return (await requestJson(this.http, { method: 'GET', url: responseUrl, idempotent: true, signal })).json;
  }

  /** Best effort: the job is abandoned either way. */
  async cancel(cancelUrl: string | undefined): Promise<void> {
    if (!cancelUrl) return;
    await requestJson({ ...this.http, retry: { ...this.http.retry, maxRetries: 0 } }, { method: 'PUT', url: cancelUrl, idempotent: true }).catch(() => undefined);
  }
}

/** The queue's verdict on a finished request, as an error when it failed. */
function failureOf(status: z.infer<typeof QueueStatus>): AtelierError | undefined {
  if (status.status === 'COMPLETED' && !status.error) return undefined;
  if (status.status === 'IN_QUEUE' || status.status === 'IN_PROGRESS') return undefined;
  const message = status.error ?? `the request ended as ${status.status}`;
  if (/content_policy|nsfw|safety/i.test(`${status.error_type ?? ''} ${message}`)) {
    return providerError('content_policy', withDetail('fal refused the request', message), { provider: 'fal', retryable: false, reason: status.error_type ?? message });
  }
  return providerError('provider_unavailable', withDetail('fal could not complete the request', message), { provider: 'fal', retryable: false, reason: status.error_type ?? status.status });
}

async function falKey(settings: ProviderSettings): Promise<string> {
  return (await resolveKey('fal', keySources(settings))).value;
}

function falBase(settings: ProviderSettings): string {
  return resolveBaseUrl('fal', settings) ?? 'https://queue.fal.run';
}

export class FalImageModel extends RoutedImageModel {
  readonly provider = 'fal' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const options = parseProviderOptions('fal', falOptionsSchema('image', this.route.providerModelId), req.providerOptions);
    const call = falImageCall(this.route.providerModelId, req, plan, this.entry.image.resolutions);
    Object.assign(call.input, falWireOptions(options));
    const { pollTimeoutMs, timeoutMs } = resolveSettings(this.settings);
    const queue = new FalQueue(await falKey(this.settings), falBase(this.settings), this.settings, pollTimeoutMs);
    const interval = this.settings.pollIntervalMs ?? 1_000;

    const submittedAt = Date.now();
    const job = await queue.submit(call.endpoint, call.input, opts.signal);
    // When work started: first seen IN_PROGRESS, else no earlier than the last IN_QUEUE seen.
    let startedAt: number | undefined;
    let lastQueuedAt = submittedAt;
    try {
      for (;;) {
        const status = await queue.status(job.status_url, opts.signal);
        if (status.status === 'IN_QUEUE') {
          lastQueuedAt = Date.now();
          opts.onProgress?.({ type: 'queued', position: status.queue_position });
        }
        if (status.status === 'IN_PROGRESS') {
          startedAt ??= Date.now();
          opts.onProgress?.({ type: 'progress' });
        }
        const failure = failureOf(status);
        if (failure) throw failure;
        if (status.status === 'COMPLETED') break;
        if (Date.now() - submittedAt > timeoutMs) throw timeoutError('fal', timeoutMs);
        await abortableSleep(interval, opts.signal).catch(() => {
          throw cancelledError('fal');
        });
      }
    } catch (error) {
      if (error instanceof AtelierError && (error.code === 'cancelled' || error.code === 'timeout')) await queue.cancel(job.cancel_url);
      throw error;
    }
    const doneAt = Date.now();
    const parsed = ImageOutput.safeParse(await queue.result(job.response_url, opts.signal));
    if (!parsed.success) throw malformedError('fal', 'image result', { retryable: false });

    const warnings: Warning[] = [...plan.warnings, ...call.warnings];
    const flagged = parsed.data.has_nsfw_concepts ?? [];
    const kept = parsed.data.images.filter((_, i) => flagged[i] !== true);
    if (kept.length === 0 && parsed.data.images.length > 0) {
      throw providerError('content_policy', 'fal withheld every image: its safety checker flagged them.', {
        provider: 'fal',
        retryable: false,
        reason: 'has_nsfw_concepts',
        requestId: job.request_id,
      }, { hint: 'Rephrase the prompt or change the input images.' });
    }
    if (kept.length < parsed.data.images.length) {
      warnings.push({ type: 'other', message: `fal's safety checker withheld ${parsed.data.images.length - kept.length} of ${parsed.data.images.length} images.` });
    }
    let downloadMs = 0;
    const assets: Asset[] = [];
    for (const file of kept) {
      const got = await download(queue.http, file.url, opts.signal);
      downloadMs += got.ms;
      const info = imageInfo(got.data);
      assets.push({
        data: got.data,
        mediaType: info?.mediaType ?? file.content_type ?? got.mediaType,
        width: info?.width ?? file.width ?? 0,
        height: info?.height ?? file.height ?? 0,
      });
    }
    if (assets.length === 0) throw providerError('provider_unavailable', 'fal returned no image.', { provider: 'fal', retryable: false, requestId: job.request_id });
    const first = assets[0];
    const cost = priceResult(this.route, { images: assets.length }, {
      count: assets.length,
      resolution: plan.resolution,
      aspectRatio: plan.aspectRatio,
      size: first ? `${first.width}x${first.height}` : undefined,
      quality: plan.quality,
      inputImages: req.referenceImages.length,
    });
    return {
      assets,
      usage: { images: assets.length },
      cost,
      warnings,
      providerRequestId: job.request_id,
      latency: { queueMs: (startedAt ?? lastQueuedAt) - submittedAt, generationMs: doneAt - (startedAt ?? lastQueuedAt), downloadMs },
    };
  }
}

export class FalVideoModel extends RoutedVideoModel {
  readonly provider = 'fal' as const;

  private async queue(): Promise<FalQueue> {
    return new FalQueue(await falKey(this.settings), falBase(this.settings), this.settings, resolveSettings(this.settings).pollTimeoutMs);
  }

  async doStart(input: VideoRequestInput, opts: CallOptions = {}): Promise<{ operation: VideoOperation; warnings: Warning[] }> {
    const { req, plan } = this.planRequest(input);
    const options = parseProviderOptions('fal', falOptionsSchema('video', this.route.providerModelId), req.providerOptions);
    const call = falVideoCall(this.route.providerModelId, req, plan);
    Object.assign(call.input, falWireOptions(options));
    const queue = await this.queue();
    const submittedAt = Date.now();
    const job = await queue.submit(call.endpoint, call.input, opts.signal);
    const warnings = [...plan.warnings, ...call.warnings];
    const operation: VideoOperation = {
      provider: 'fal',
      modelId: this.modelId,
      providerModelId: this.providerModelId,
      id: job.request_id,
      submittedAt,
      params: { duration: plan.duration, resolution: plan.resolution, aspectRatio: plan.aspectRatio, audio: plan.audio },
      warnings,
      data: { statusUrl: job.status_url, responseUrl: job.response_url, cancelUrl: job.cancel_url ?? null, startedAt: null, lastQueuedAt: submittedAt },
    };
    return { operation, warnings };
  }

  async doStatus(operation: VideoOperation, opts: CallOptions = {}): Promise<VideoStatus> {
    const queue = await this.queue();
    const statusUrl = String(operation.data['statusUrl']);
    const status = await queue.status(statusUrl, opts.signal).catch((error: unknown) => {
      if (error instanceof AtelierError && !error.details?.['retryable'] && error.code !== 'cancelled' && error.code !== 'auth') return error;
      throw error;
    });
    if (status instanceof AtelierError) return { status: 'failed', error: status };
    const failure = failureOf(status);
    if (failure) return { status: 'failed', error: failure };
    if (status.status !== 'COMPLETED') {
      const now = Date.now();
      const next: VideoOperation =
        status.status === 'IN_QUEUE'
          ? { ...operation, data: { ...operation.data, lastQueuedAt: now } }
          : operation.data['startedAt'] === null
            ? { ...operation, data: { ...operation.data, startedAt: now } }
            : operation;
      if (status.status === 'IN_QUEUE') opts.onProgress?.({ type: 'queued', position: status.queue_position });
      else opts.onProgress?.({ type: 'progress' });
      return { status: 'pending', queuePosition: status.queue_position, operation: next };
    }
    const doneAt = Date.now();
    try {
      const parsed = VideoOutput.safeParse(await queue.result(String(operation.data['responseUrl']), opts.signal));
      if (!parsed.success) throw malformedError('fal', 'video result', { retryable: false });
      const got = await download(queue.http, parsed.data.video.url, opts.signal);
      const seen = operation.data['startedAt'] ?? operation.data['lastQueuedAt'];
      const startedAt = typeof seen === 'number' ? seen : operation.submittedAt;
      const latency = { queueMs: startedAt - operation.submittedAt, generationMs: doneAt - startedAt, downloadMs: got.ms };
      const mediaType = parsed.data.video.content_type ?? got.mediaType;
      return { status: 'completed', result: videoResult(this.route, operation, [{ data: got.data, mediaType }], {}, latency, operation.id) };
    } catch (error) {
      if (error instanceof AtelierError && error.code !== 'cancelled') return { status: 'failed', error };
      throw error;
    }
  }

  async doCancel(operation: VideoOperation): Promise<void> {
    const url = operation.data['cancelUrl'];
    await (await this.queue()).cancel(typeof url === 'string' ? url : undefined);
  }
}
