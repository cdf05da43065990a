import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { byteplusRules, ByteplusVideoOptions } from '../rules/byteplus.ts';
import { arkHttp } from './byteplus.ts';
import { acceptedError, malformedError, providerError, withDetail } from './errors.ts';
import { download, requestJson, type HttpConfig } from './http.ts';
import { dataUri } from './media.ts';
import { parseProviderOptions } from './provider-options.ts';
import { acceptedRetry, noRetry } from './retry.ts';
import { resolveSettings } from './settings.ts';
import type {
  CallOptions,
  VideoOperation,
  VideoRequestInput,
  VideoStatus,
  Warning,
} from './spec.ts';
import { videoResult } from './video-result.ts';
import { RoutedVideoModel } from './routed-model.ts';

/**
 * BytePlus ModelArk content generation tasks (Seedance): POST
 * {base}/api/v3/contents/generations/tasks with model, content ([{type:text}, {type:image_url,
 * role:first_frame|last_frame}]) and resolution, ratio, duration, seed, generate_audio,
 * watermark, camera_fixed → `{ id }`; GET …/tasks/{id} → status queued | running | succeeded |
 * failed | cancelled | expired, content.video_url (a signed link on Ark's object storage, valid
 * 24 hours), usage.completion_tokens; DELETE …/tasks/{id} cancels a queued task.
 */

export { ByteplusVideoOptions };

const Created = z.object({ id: z.string().min(1) });

const Task = z.object({
  id: z.string(),
  status: z.string(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).nullish(),
  content: z.object({ video_url: z.string().url() }).partial().nullish(),
  usage: z
    .object({
      completion_tokens: z.number().int().nonnegative(),
      total_tokens: z.number().int().nonnegative(),
    })
    .partial()
    .nullish(),
  duration: z.number().optional(),
});

const PENDING = new Set(['queued', 'running']);

export class ByteplusVideoModel extends RoutedVideoModel {
  readonly provider = 'byteplus' as const;

  async doStart(
    input: VideoRequestInput,
    opts: CallOptions = {},
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }> {
    const { req, plan } = this.planRequest(input);
    const schema = byteplusRules('video', this.route.providerModelId).options;
    const options = parseProviderOptions(
      'byteplus',
      schema,
      req.providerOptions,
    ) as ByteplusVideoOptions;
    const content: Record<string, unknown>[] = [{ type: 'text', text: req.prompt }];
    if (plan.firstFrame)
      content.push({
        type: 'image_url',
        image_url: { url: dataUri(plan.firstFrame.data, plan.firstFrame.mediaType) },
        role: 'first_frame',
      });
    if (plan.lastFrame)
      content.push({
        type: 'image_url',
        image_url: { url: dataUri(plan.lastFrame.data, plan.lastFrame.mediaType) },
        role: 'last_frame',
      });
    const body: Record<string, unknown> = {
      model: this.route.providerModelId,
      content,
      resolution: plan.resolution,
      ratio: plan.aspectRatio,
      duration: plan.duration,
      generate_audio: plan.audio,
      watermark: options.watermark ?? false,
      ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
      ...(options.cameraFixed !== undefined ? { camera_fixed: options.cameraFixed } : {}),
    };
    const { http, baseUrl } = await arkHttp(this.settings);
    const submittedAt = Date.now();
    const { json } = await requestJson(http, {
      method: 'POST',
      url: `${baseUrl}/api/v3/contents/generations/tasks`,
      body,
      idempotent: false,
      signal: opts.signal,
    });
    const created = Created.safeParse(json);
    if (!created.success)
      throw malformedError('byteplus', 'task creation response', { retryable: false });
    const warnings = [...plan.warnings];
    const operation: VideoOperation = {
      provider: 'byteplus',
      modelId: this.modelId,
      providerModelId: this.providerModelId,
      id: created.data.id,
      submittedAt,
      params: {
        duration: plan.duration,
        resolution: plan.resolution,
        aspectRatio: plan.aspectRatio,
        audio: plan.audio,
      },
      warnings,
      data: { startedAt: null, lastQueuedAt: submittedAt },
    };
    return { operation, warnings };
  }

  async doStatus(operation: VideoOperation, opts: CallOptions = {}): Promise<VideoStatus> {
    const { http, baseUrl } = await arkHttp(this.settings);
    // Accepted: reads keep trying for the accepted-job window, since Ark holds the task and may bill it.
    const reads: HttpConfig = {
      ...http,
      retry: acceptedRetry(http.retry, resolveSettings(this.settings).acceptedRetryMs),
    };
    try {
      return await this.follow(reads, baseUrl, operation, opts);
    } catch (error) {
      // A cancellation is the caller's to finish (it sends the DELETE through doCancel).
      if (error instanceof AtelierError && error.code === 'cancelled') throw error;
      if (!(error instanceof AtelierError && error.details?.['jobFailed'] === true))
        await this.cancel(http, baseUrl, operation.id);
      return { status: 'failed', error: acceptedError('byteplus', operation.id, error) };
    }
  }

  /** One status read of an accepted task and, once it succeeded, its clip. */
  private async follow(
    reads: HttpConfig,
    baseUrl: string,
    operation: VideoOperation,
    opts: CallOptions,
  ): Promise<VideoStatus> {
    const { json } = await requestJson(reads, {
      method: 'GET',
      url: taskUrl(baseUrl, operation.id),
      idempotent: true,
      signal: opts.signal,
    });
    const parsed = Task.safeParse(json);
    if (!parsed.success) throw malformedError('byteplus', 'task status', { retryable: false });
    const task = parsed.data;
    if (PENDING.has(task.status)) {
      const now = Date.now();
      const next: VideoOperation =
        task.status === 'queued'
          ? { ...operation, data: { ...operation.data, lastQueuedAt: now } }
          : operation.data['startedAt'] === null
            ? { ...operation, data: { ...operation.data, startedAt: now } }
            : operation;
      opts.onProgress?.(task.status === 'queued' ? { type: 'queued' } : { type: 'progress' });
      return { status: 'pending', operation: next };
    }
    if (task.status !== 'succeeded') return { status: 'failed', error: failureOf(task) };
    const url = task.content?.video_url;
    if (!url) throw malformedError('byteplus', 'task without a video_url', { retryable: false });
    const doneAt = Date.now();
    // The clip lives on Ark's object storage, a host that never sees the key.
    const got = await download(reads, url, opts.signal);
    const seen = operation.data['startedAt'] ?? operation.data['lastQueuedAt'];
    const startedAt = typeof seen === 'number' ? seen : operation.submittedAt;
    const latency = {
      queueMs: startedAt - operation.submittedAt,
      generationMs: doneAt - startedAt,
      downloadMs: got.ms,
    };
    const usage = {
      ...(task.usage?.completion_tokens !== undefined
        ? { outputTokens: task.usage.completion_tokens }
        : {}),
      ...(task.usage?.total_tokens !== undefined ? { totalTokens: task.usage.total_tokens } : {}),
    };
    return {
      status: 'completed',
      result: videoResult(
        this.route,
        operation,
        [{ data: got.data, mediaType: got.mediaType }],
        usage,
        latency,
        operation.id,
      ),
    };
  }

  async doCancel(operation: VideoOperation): Promise<void> {
    const { http, baseUrl } = await arkHttp(this.settings);
    await this.cancel(http, baseUrl, operation.id);
  }

  /** Best effort: Ark cancels a queued task; a running one goes on, and the job is abandoned either way. */
  private async cancel(http: HttpConfig, baseUrl: string, id: string): Promise<void> {
    await requestJson(
      { ...http, retry: noRetry(http.retry) },
      { method: 'DELETE', url: taskUrl(baseUrl, id), idempotent: true },
    ).catch(() => undefined);
  }
}

function taskUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/api/v3/contents/generations/tasks/${encodeURIComponent(id)}`;
}

/** The task's verdict as an error: Ark ran it (and may bill it), so it is an accepted failure. */
function failureOf(task: z.infer<typeof Task>): AtelierError {
  const message = task.error?.message ?? `the task ended as ${task.status}`;
  const code = task.error?.code ?? task.status;
  const error = /sensitive|risk|policy|moderat/i.test(`${code} ${message}`)
    ? providerError(
        'content_policy',
        withDetail('BytePlus refused the request', message),
        { provider: 'byteplus', retryable: false, reason: code },
        { hint: 'Rephrase the prompt or change the frames.' },
      )
    : providerError(
        'provider_unavailable',
        withDetail('BytePlus could not make the video', message),
        { provider: 'byteplus', retryable: false, reason: code },
      );
  return acceptedError('byteplus', task.id, error, { jobFailed: true });
}
