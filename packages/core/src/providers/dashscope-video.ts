import { AtelierError } from '../errors.ts';
import { dashscopeRules, DashscopeOptions, WAN25_VIDEO_SIZES } from '../rules/dashscope.ts';
import {
  cancelTask,
  createTask,
  dashscopeHttp,
  PENDING,
  readTask,
  taskFailure,
  textWarnings,
} from './dashscope.ts';
import { acceptedError, malformedError } from './errors.ts';
import { download, type HttpConfig } from './http.ts';
import { dataUri, imageInfo } from './media.ts';
import { parseProviderOptions } from './provider-options.ts';
import { acceptedRetry } from './retry.ts';
import { resolveSettings } from './settings.ts';
import type {
  CallOptions,
  VideoOperation,
  VideoRequestInput,
  VideoStatus,
  Warning,
} from './spec.ts';
import type { VideoPlan } from './capabilities.ts';
import { videoResult } from './video-result.ts';
import { RoutedVideoModel } from './routed-model.ts';

/**
 * Wan video on DashScope: POST /api/v1/services/aigc/video-generation/video-synthesis (async
 * only). Wan 2.5 speaks the legacy protocol (text: parameters.size "W*H"; with a first frame,
 * wan2.5-i2v-preview with input.img_url and parameters.resolution "720P"); Wan 2.7 the new one
 * (parameters.resolution "720P" and ratio; frames in input.media as first_frame / last_frame,
 * through wan2.7-i2v). Both take duration, prompt_extend, watermark and seed, and report the
 * billed seconds in usage (video_duration on 2.5, output_video_duration on 2.7).
 */

export { DashscopeOptions };

/** The body for a plan, and the warnings of what the wire cannot carry. */
export function dashscopeVideoBody(
  routeModel: string,
  prompt: string,
  plan: VideoPlan,
  options: DashscopeOptions,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const rules = dashscopeRules('video', routeModel);
  const frames = plan.firstFrame !== undefined;
  const model = frames && rules.imageModel ? rules.imageModel : routeModel;
  const warnings: Warning[] = textWarnings(model, prompt, plan.negativePrompt, rules);
  if (!plan.audio) {
    warnings.push({
      type: 'unsupported',
      setting: 'audio',
      message: `${model} always adds a soundtrack on DashScope (it makes one when no audio track is given); audio: false cannot be honoured.`,
    });
  }
  const tier = plan.resolution.toUpperCase();
  const input: Record<string, unknown> = {
    prompt,
    ...(plan.negativePrompt ? { negative_prompt: plan.negativePrompt } : {}),
  };
  const parameters: Record<string, unknown> = {};
  if (frames && plan.firstFrame) {
    const info = imageInfo(plan.firstFrame.data);
    const [w, h] = plan.aspectRatio.split(':').map(Number);
    if (info && w && h && Math.abs(info.width / info.height - w / h) > 0.02) {
      warnings.push({
        type: 'unsupported',
        setting: 'aspectRatio',
        message: `${model} makes the clip in the first frame's shape (${info.width}×${info.height}); aspectRatio ${plan.aspectRatio} is not sent.`,
      });
    }
    if (rules.protocol === 'wan27') {
      const media = [
        { type: 'first_frame', url: dataUri(plan.firstFrame.data, plan.firstFrame.mediaType) },
      ];
      if (plan.lastFrame)
        media.push({
          type: 'last_frame',
          url: dataUri(plan.lastFrame.data, plan.lastFrame.mediaType),
        });
      input['media'] = media;
    } else {
      input['img_url'] = dataUri(plan.firstFrame.data, plan.firstFrame.mediaType);
    }
    parameters['resolution'] = tier;
  } else if (rules.protocol === 'wan27') {
    parameters['resolution'] = tier;
    parameters['ratio'] = plan.aspectRatio;
  } else {
    const size = WAN25_VIDEO_SIZES[plan.resolution]?.[plan.aspectRatio];
    if (!size)
      throw new AtelierError(
        'invalid_request',
        `${routeModel} has no ${plan.resolution} size at ${plan.aspectRatio}.`,
        {
          details: {
            field: 'aspectRatio',
            allowed: Object.keys(WAN25_VIDEO_SIZES[plan.resolution] ?? {}),
          },
        },
      );
    parameters['size'] = size;
  }
  Object.assign(parameters, {
    duration: plan.duration,
    prompt_extend: options.promptExtend ?? false,
    watermark: options.watermark ?? false,
    ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
  });
  return { body: { model, input, parameters }, warnings };
}

export class DashscopeVideoModel extends RoutedVideoModel {
  readonly provider = 'dashscope' as const;

  async doStart(
    input: VideoRequestInput,
    opts: CallOptions = {},
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }> {
    const { req, plan } = this.planRequest(input);
    const options = parseProviderOptions('dashscope', DashscopeOptions, req.providerOptions);
    const { body, warnings: wire } = dashscopeVideoBody(
      this.route.providerModelId,
      req.prompt,
      plan,
      options,
    );
    const { http, baseUrl } = await dashscopeHttp(this.settings);
    const submittedAt = Date.now();
    const { taskId } = await createTask(
      http,
      `${baseUrl}/api/v1/services/aigc/video-generation/video-synthesis`,
      body,
      opts.signal,
    );
    const warnings = [...plan.warnings, ...wire];
    const operation: VideoOperation = {
      provider: 'dashscope',
      modelId: this.modelId,
      providerModelId: this.providerModelId,
      id: taskId,
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
    const { http, baseUrl } = await dashscopeHttp(this.settings);
    // Accepted: reads keep trying for the accepted-job window, since DashScope holds the task.
    const reads: HttpConfig = {
      ...http,
      retry: acceptedRetry(http.retry, resolveSettings(this.settings).acceptedRetryMs),
    };
    try {
      return await this.follow(reads, baseUrl, operation, opts);
    } catch (error) {
      if (error instanceof AtelierError && error.code === 'cancelled') throw error;
      if (!(error instanceof AtelierError && error.details?.['jobFailed'] === true))
        await cancelTask(http, baseUrl, operation.id);
      return { status: 'failed', error: acceptedError('dashscope', operation.id, error) };
    }
  }

  private async follow(
    reads: HttpConfig,
    baseUrl: string,
    operation: VideoOperation,
    opts: CallOptions,
  ): Promise<VideoStatus> {
    const task = await readTask(reads, baseUrl, operation.id, opts.signal);
    const status = task.output.task_status;
    if (PENDING.has(status)) {
      const now = Date.now();
      const next: VideoOperation =
        status === 'PENDING'
          ? { ...operation, data: { ...operation.data, lastQueuedAt: now } }
          : operation.data['startedAt'] === null
            ? { ...operation, data: { ...operation.data, startedAt: now } }
            : operation;
      opts.onProgress?.(status === 'PENDING' ? { type: 'queued' } : { type: 'progress' });
      return { status: 'pending', operation: next };
    }
    if (status !== 'SUCCEEDED') return { status: 'failed', error: taskFailure(task) };
    const url = task.output.video_url;
    if (!url) throw malformedError('dashscope', 'task without a video_url', { retryable: false });
    const doneAt = Date.now();
    // The clip lives on Alibaba's object storage, a host that never sees the key.
    const got = await download(reads, url, opts.signal);
    const seen = operation.data['startedAt'] ?? operation.data['lastQueuedAt'];
    const startedAt = typeof seen === 'number' ? seen : operation.submittedAt;
    const latency = {
      queueMs: startedAt - operation.submittedAt,
      generationMs: doneAt - startedAt,
      downloadMs: got.ms,
    };
    const seconds =
      task.usage?.output_video_duration ?? task.usage?.video_duration ?? task.usage?.duration;
    const usage = seconds !== undefined ? { videoSeconds: seconds } : {};
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
    const { http, baseUrl } = await dashscopeHttp(this.settings);
    await cancelTask(http, baseUrl, operation.id);
  }
}
