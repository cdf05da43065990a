import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import {
  acceptedError,
  cancelledError,
  malformedError,
  providerError,
  timeoutError,
  withDetail,
} from './errors.ts';
import { falImageCall, falVideoCall } from './fal-inputs.ts';
import { falOptionsSchema, falWireOptions } from './fal-options.ts';
import { download, requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { imageInfo } from './media.ts';
import { parseProviderOptions } from './provider-options.ts';
import { abortableSleep, acceptedRetry, noRetry, withRetry } from './retry.ts';
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

const FalFile = z.object({
  url: z.string(),
  content_type: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
const ImageOutput = z.object({
  images: z.array(FalFile),
  has_nsfw_concepts: z.array(z.boolean()).nullish(),
  seed: z.number().nullish(),
});
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

/** What the queue needs to follow, or give up, a request it accepted. */
interface QueuedJob {
  request_id: string;
  cancel_url?: string;
}

class FalQueue {
  /** For the submission and the cancel. */
  readonly http: HttpConfig;
  /**
   * For everything after fal accepted the request (status, result, files): these keep trying
   * for the accepted-job window, since fal holds the result and may bill the work.
   */
  readonly reads: HttpConfig;
  readonly baseUrl: string;

  constructor(key: string, baseUrl: string, settings: ProviderSettings, timeoutMs: number) {
    const { retry, acceptedRetryMs } = resolveSettings(settings);
    this.baseUrl = baseUrl;
    this.http = {
      provider: 'fal',
      authHeaders: { authorization: `Key ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs,
      retry,
      fetch: settings.fetch,
      describeError: describeFalError,
    };
    this.reads = { ...this.http, retry: acceptedRetry(retry, acceptedRetryMs) };
  }

  async submit(endpoint: string, input: Record<string, unknown>, signal?: AbortSignal) {
    const { json } = await requestJson(this.http, {
      method: 'POST',
      url: `${this.baseUrl}/${endpoint}`,
      body: input,
      idempotent: false,
      signal,
    });
    const parsed = Submitted.safeParse(json);
    if (!parsed.success) throw malformedError('fal', 'queue submission', { retryable: false });
    return parsed.data;
  }

  async status(statusUrl: string, signal?: AbortSignal) {
    // A garbled status is read again within the same window as a failed one.
    const once = { ...this.reads, retry: noRetry(this.reads.retry) };
    return withRetry('fal', this.reads.retry, signal, async () => {
      const { json } = await requestJson(once, {
        method: 'GET',
        url: statusUrl,
        idempotent: true,
        signal,
      });
      const parsed = QueueStatus.safeParse(json);
      if (!parsed.success) throw malformedError('fal', 'queue status', { retryable: true });
      return parsed.data;
    });
  }

  async result(responseUrl: string, signal?: AbortSignal): Promise<unknown> {
    return (
      await requestJson(this.reads, { method: 'GET', url: responseUrl, idempotent: true, signal })
    ).json;
  }

  /** Best effort: the job is abandoned either way. */
  async cancel(cancelUrl: string | undefined): Promise<void> {
    if (!cancelUrl) return;
    await requestJson(
      { ...this.http, retry: noRetry(this.http.retry) },
      { method: 'PUT', url: cancelUrl, idempotent: true },
    ).catch(() => undefined);
  }

  /**
   * Gives up on an accepted request: asks fal to cancel it (unless fal itself failed it; for a
   * finished one fal answers ALREADY_COMPLETED) and returns the error to raise, which says fal
   * had accepted the job, so whoever records it counts the charge fal may have made.
   */
  async abandon(job: QueuedJob, error: unknown): Promise<AtelierError> {
    const verdict = error instanceof AtelierError && error.details?.['jobFailed'] === true;
    if (!verdict) await this.cancel(job.cancel_url);
    return acceptedError('fal', job.request_id, error);
  }
}

/** The queue's verdict on a finished request, as an error when it failed. */
function failureOf(
  status: z.infer<typeof QueueStatus>,
  requestId: string,
): AtelierError | undefined {
  if (status.status === 'COMPLETED' && !status.error) return undefined;
  if (status.status === 'IN_QUEUE' || status.status === 'IN_PROGRESS') return undefined;
  const message = status.error ?? `the request ended as ${status.status}`;
  const error = /content_policy|nsfw|safety/i.test(`${status.error_type ?? ''} ${message}`)
    ? providerError('content_policy', withDetail('fal refused the request', message), {
        provider: 'fal',
        retryable: false,
        reason: status.error_type ?? message,
      })
    : providerError(
        'provider_unavailable',
        withDetail('fal could not complete the request', message),
        { provider: 'fal', retryable: false, reason: status.error_type ?? status.status },
      );
  return acceptedError('fal', requestId, error, { jobFailed: true });
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
    const options = parseProviderOptions(
      'fal',
      falOptionsSchema('image', this.route.providerModelId),
      req.providerOptions,
    );
    const call = falImageCall(this.route.providerModelId, req, plan, this.entry.image.resolutions);
    Object.assign(call.input, falWireOptions(options));
    const { pollTimeoutMs, timeoutMs } = resolveSettings(this.settings);
    const queue = new FalQueue(
      await falKey(this.settings),
      falBase(this.settings),
      this.settings,
      pollTimeoutMs,
    );
    const interval = this.settings.pollIntervalMs ?? 1_000;

    const submittedAt = Date.now();
    const job = await queue.submit(call.endpoint, call.input, opts.signal);
    let timing: { startedAt: number; doneAt: number };
    let fetched: Awaited<ReturnType<typeof fetchImages>>;
    try {
      timing = await awaitCompletion(queue, job, submittedAt, { timeoutMs, interval }, opts);
      fetched = await fetchImages(queue, job, opts.signal);
    } catch (error) {
      throw await queue.abandon(job, error);
    }
    const { assets, withheld, downloadMs } = fetched;
    const warnings: Warning[] = [...plan.warnings, ...call.warnings];
    if (withheld > 0) {
      warnings.push({
        type: 'other',
        message: `fal's safety checker withheld ${withheld} of ${assets.length + withheld} images.`,
      });
    }
    return {
      assets,
      usage: { images: assets.length },
      warnings,
      providerRequestId: job.request_id,
      latency: {
        queueMs: timing.startedAt - submittedAt,
        generationMs: timing.doneAt - timing.startedAt,
        downloadMs,
      },
    };
  }
}

/**
 * Polls an accepted image request until fal reports it done. Work started when it was first seen
 * IN_PROGRESS, else no earlier than the last IN_QUEUE seen.
 */
async function awaitCompletion(
  queue: FalQueue,
  job: z.infer<typeof Submitted>,
  submittedAt: number,
  limits: { timeoutMs: number; interval: number },
  opts: CallOptions,
): Promise<{ startedAt: number; doneAt: number }> {
  let startedAt: number | undefined;
  let lastQueuedAt = submittedAt;
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
    const failure = failureOf(status, job.request_id);
    if (failure) throw failure;
    if (status.status === 'COMPLETED')
      return { startedAt: startedAt ?? lastQueuedAt, doneAt: Date.now() };
    if (Date.now() - submittedAt > limits.timeoutMs) throw timeoutError('fal', limits.timeoutMs);
    await abortableSleep(limits.interval, opts.signal).catch(() => {
      throw cancelledError('fal');
    });
  }
}

/** A finished request's images, downloaded; those fal's safety checker flagged are left out. */
async function fetchImages(queue: FalQueue, job: z.infer<typeof Submitted>, signal?: AbortSignal) {
  const parsed = ImageOutput.safeParse(await queue.result(job.response_url, signal));
  if (!parsed.success) throw malformedError('fal', 'image result', { retryable: false });
  const flagged = parsed.data.has_nsfw_concepts ?? [];
  const kept = parsed.data.images.filter((_, i) => flagged[i] !== true);
  if (kept.length === 0 && parsed.data.images.length > 0) {
    throw providerError(
      'content_policy',
      'fal withheld every image: its safety checker flagged them.',
      {
        provider: 'fal',
        retryable: false,
        reason: 'has_nsfw_concepts',
        requestId: job.request_id,
      },
      { hint: 'Rephrase the prompt or change the input images.' },
    );
  }
  let downloadMs = 0;
  const assets: Asset[] = [];
  for (const file of kept) {
    const got = await download(queue.reads, file.url, signal);
    downloadMs += got.ms;
    const info = imageInfo(got.data);
    assets.push({
      data: got.data,
      mediaType: info?.mediaType ?? file.content_type ?? got.mediaType,
      width: info?.width ?? file.width ?? 0,
      height: info?.height ?? file.height ?? 0,
    });
  }
  if (assets.length === 0)
    throw providerError('provider_unavailable', 'fal returned no image.', {
      provider: 'fal',
      retryable: false,
      requestId: job.request_id,
    });
  return { assets, downloadMs, withheld: parsed.data.images.length - kept.length };
}

export class FalVideoModel extends RoutedVideoModel {
  readonly provider = 'fal' as const;

  private async queue(): Promise<FalQueue> {
    return new FalQueue(
      await falKey(this.settings),
      falBase(this.settings),
      this.settings,
      resolveSettings(this.settings).pollTimeoutMs,
    );
  }

  async doStart(
    input: VideoRequestInput,
    opts: CallOptions = {},
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }> {
    const { req, plan } = this.planRequest(input);
    const options = parseProviderOptions(
      'fal',
      falOptionsSchema('video', this.route.providerModelId),
      req.providerOptions,
    );
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
      params: {
        duration: plan.duration,
        resolution: plan.resolution,
        aspectRatio: plan.aspectRatio,
        audio: plan.audio,
      },
      warnings,
      data: {
        statusUrl: job.status_url,
        responseUrl: job.response_url,
        cancelUrl: job.cancel_url ?? null,
        startedAt: null,
        lastQueuedAt: submittedAt,
      },
    };
    return { operation, warnings };
  }

  async doStatus(operation: VideoOperation, opts: CallOptions = {}): Promise<VideoStatus> {
    const queue = await this.queue();
    try {
      return await this.follow(queue, operation, opts);
    } catch (error) {
      // A cancellation is the caller's to finish (it sends fal's cancel through doCancel).
      if (error instanceof AtelierError && error.code === 'cancelled') throw error;
      const cancelUrl = operation.data['cancelUrl'];
      const job = {
        request_id: operation.id,
        cancel_url: typeof cancelUrl === 'string' ? cancelUrl : undefined,
      };
      return { status: 'failed', error: await queue.abandon(job, error) };
    }
  }

  /** One status read of an accepted request and, once it is done, its clip. */
  private async follow(
    queue: FalQueue,
    operation: VideoOperation,
    opts: CallOptions,
  ): Promise<VideoStatus> {
    const status = await queue.status(String(operation.data['statusUrl']), opts.signal);
    const failure = failureOf(status, operation.id);
    if (failure) return { status: 'failed', error: failure };
    if (status.status !== 'COMPLETED') {
      const now = Date.now();
      const next: VideoOperation =
        status.status === 'IN_QUEUE'
          ? { ...operation, data: { ...operation.data, lastQueuedAt: now } }
          : operation.data['startedAt'] === null
            ? { ...operation, data: { ...operation.data, startedAt: now } }
            : operation;
      if (status.status === 'IN_QUEUE')
        opts.onProgress?.({ type: 'queued', position: status.queue_position });
      else opts.onProgress?.({ type: 'progress' });
      return { status: 'pending', queuePosition: status.queue_position, operation: next };
    }
    const doneAt = Date.now();
    const parsed = VideoOutput.safeParse(
      await queue.result(String(operation.data['responseUrl']), opts.signal),
    );
    if (!parsed.success) throw malformedError('fal', 'video result', { retryable: false });
    const got = await download(queue.reads, parsed.data.video.url, opts.signal);
    const seen = operation.data['startedAt'] ?? operation.data['lastQueuedAt'];
    const startedAt = typeof seen === 'number' ? seen : operation.submittedAt;
    const latency = {
      queueMs: startedAt - operation.submittedAt,
      generationMs: doneAt - startedAt,
      downloadMs: got.ms,
    };
    const mediaType = parsed.data.video.content_type ?? got.mediaType;
    return {
      status: 'completed',
      result: videoResult(
        this.route,
        operation,
        [{ data: got.data, mediaType }],
        {},
        latency,
        operation.id,
      ),
    };
  }

  async doCancel(operation: VideoOperation): Promise<void> {
    const url = operation.data['cancelUrl'];
    await (await this.queue()).cancel(typeof url === 'string' ? url : undefined);
  }
}
