import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import {
  DashscopeOptions,
  dashscopeRules,
  textLimitWarning,
  wanImageSize,
} from '../rules/dashscope.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import {
  acceptedError,
  cancelledError,
  malformedError,
  providerError,
  timeoutError,
  withDetail,
} from './errors.ts';
import { download, requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { dataUri, imageInfo } from './media.ts';
import { abortableSleep, acceptedRetry, noRetry } from './retry.ts';
import { resolveBaseUrl, resolveSettings, keySources, type ProviderSettings } from './settings.ts';
import type { Asset, CallOptions, ImageRequestInput, ImageResult, Warning } from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';

/**
 * Alibaba Cloud Model Studio (DashScope), international endpoint: Bearer $DASHSCOPE_API_KEY, an
 * async task per call (POST with `X-DashScope-Async: enable`, which these models require) → `{
 * output: { task_id, task_status } }`; GET /api/v1/tasks/{id} → PENDING | RUNNING | SUCCEEDED |
 * FAILED | CANCELED | UNKNOWN with the result links (24 hours, on Alibaba's object storage) and
 * `usage`; POST /api/v1/tasks/{id}/cancel stops a task still PENDING. Wan images:
 * /services/aigc/text2image/image-synthesis (edits: image2image with wan2.5-i2i-preview).
 */

export { DashscopeOptions };

export const DASHSCOPE_DEFAULT_BASE_URL = 'https://dashscope-intl.aliyuncs.com';

/** DashScope's error body: `{ request_id, code, message }` (a task's failure: output.code/message). */
export function describeDashscopeError(body: unknown): { message?: string; code?: string } {
  const b = body as { code?: string; message?: string } | undefined;
  return { message: b?.message, code: b?.code };
}

/** Key, base URL and HTTP settings shared by the image and video adapters. */
export async function dashscopeHttp(
  settings: ProviderSettings,
): Promise<{ http: HttpConfig; baseUrl: string }> {
  const key = (await resolveKey('dashscope', keySources(settings))).value;
  const baseUrl = resolveBaseUrl('dashscope', settings) ?? DASHSCOPE_DEFAULT_BASE_URL;
  const { retry, pollTimeoutMs } = resolveSettings(settings);
  return {
    baseUrl,
    http: {
      provider: 'dashscope',
      authHeaders: { authorization: `Bearer ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs: pollTimeoutMs,
      retry,
      fetch: settings.fetch,
      describeError: describeDashscopeError,
    },
  };
}

const Created = z.object({
  output: z.object({ task_id: z.string().min(1), task_status: z.string().optional() }),
  request_id: z.string().optional(),
});

/** Submits a task: the one call that needs the async header (a synchronous call is refused). */
export async function createTask(
  http: HttpConfig,
  url: string,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ taskId: string; requestId?: string }> {
  const submit: HttpConfig = {
    ...http,
    authHeaders: { ...http.authHeaders, 'x-dashscope-async': 'enable' },
  };
  const { json } = await requestJson(submit, {
    method: 'POST',
    url,
    body,
    idempotent: false,
    signal,
  });
  const created = Created.safeParse(json);
  if (!created.success)
    throw malformedError('dashscope', 'task creation response', { retryable: false });
  return {
    taskId: created.data.output.task_id,
    ...(created.data.request_id ? { requestId: created.data.request_id } : {}),
  };
}

export const Task = z.object({
  request_id: z.string().optional(),
  output: z
    .object({
      task_id: z.string(),
      task_status: z.string(),
      code: z.string().optional(),
      message: z.string().optional(),
      video_url: z.string().url().optional(),
      results: z
        .array(
          z
            .object({
              url: z.string().url().optional(),
              code: z.string().optional(),
              message: z.string().optional(),
            })
            .passthrough(),
        )
        .optional(),
    })
    .passthrough(),
  usage: z
    .object({
      image_count: z.number().int().nonnegative(),
      video_count: z.number().int().nonnegative(),
      video_duration: z.number().nonnegative(),
      duration: z.number().nonnegative(),
      output_video_duration: z.number().nonnegative(),
    })
    .partial()
    .nullish(),
});
export type Task = z.infer<typeof Task>;

export const PENDING = new Set(['PENDING', 'RUNNING']);

export function taskUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/api/v1/tasks/${encodeURIComponent(id)}`;
}

export async function readTask(
  http: HttpConfig,
  baseUrl: string,
  id: string,
  signal?: AbortSignal,
): Promise<Task> {
  const { json } = await requestJson(http, {
    method: 'GET',
    url: taskUrl(baseUrl, id),
    idempotent: true,
    signal,
  });
  const parsed = Task.safeParse(json);
  if (!parsed.success) throw malformedError('dashscope', 'task status', { retryable: false });
  return parsed.data;
}

/** Best effort: DashScope cancels a PENDING task only; a running one goes on either way. */
export async function cancelTask(http: HttpConfig, baseUrl: string, id: string): Promise<void> {
  await requestJson(
    { ...http, retry: noRetry(http.retry) },
    { method: 'POST', url: `${taskUrl(baseUrl, id)}/cancel`, idempotent: true },
  ).catch(() => undefined);
}

/** A task's verdict as an error: DashScope ran it (and says it bills successes only), an accepted failure. */
export function taskFailure(task: Task): AtelierError {
  const { output } = task;
  const message = output.message ?? `the task ended as ${output.task_status}`;
  const code = output.code ?? output.task_status;
  const error = /DataInspection|IPInfringement|sensitive|inspection/i.test(`${code} ${message}`)
    ? providerError(
        'content_policy',
        withDetail('DashScope refused the request', message),
        { provider: 'dashscope', retryable: false, reason: code },
        { hint: 'Rephrase the prompt or change the input images.' },
      )
    : providerError(
        'provider_unavailable',
        withDetail('DashScope could not make the output', message),
        { provider: 'dashscope', retryable: false, reason: code },
      );
  return acceptedError('dashscope', output.task_id, error, { jobFailed: true });
}

/** The warnings of a prompt or negative prompt DashScope would cut. */
export function textWarnings(
  model: string,
  prompt: string,
  negativePrompt: string | undefined,
  rules: { promptChars: number; negativePromptChars: number },
): Warning[] {
  return [
    textLimitWarning('prompt', prompt, rules.promptChars, model),
    textLimitWarning('negativePrompt', negativePrompt, rules.negativePromptChars, model),
  ].flatMap((w): Warning[] => (w ? [w] : []));
}

export class DashscopeImageModel extends RoutedImageModel {
  readonly provider = 'dashscope' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const options = DashscopeOptions.parse(checked.options);
    const rules = dashscopeRules('image', this.route.providerModelId);
    const edit = req.referenceImages.length > 0;
    const model = edit && rules.imageModel ? rules.imageModel : this.route.providerModelId;
    const size = plan.size ?? wanImageSize(plan.aspectRatio ?? '1:1');
    const warnings: Warning[] = [
      ...plan.warnings,
      ...checked.warnings,
      ...textWarnings(model, req.prompt, plan.negativePrompt, rules),
    ];
    const body = {
      model,
      input: {
        prompt: req.prompt,
        ...(plan.negativePrompt ? { negative_prompt: plan.negativePrompt } : {}),
        ...(edit
          ? { images: req.referenceImages.map((img) => dataUri(img.data, img.mediaType)) }
          : {}),
      },
      parameters: {
        size: `${size.width}*${size.height}`,
        n: req.n,
        prompt_extend: options.promptExtend ?? false,
        watermark: options.watermark ?? false,
        ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
      },
    };
    const { http, baseUrl } = await dashscopeHttp(this.settings);
    const { timeoutMs, acceptedRetryMs, retry } = resolveSettings(this.settings);
    const path = edit ? 'image2image' : 'text2image';
    const submittedAt = Date.now();
    const { taskId } = await createTask(
      http,
      `${baseUrl}/api/v1/services/aigc/${path}/image-synthesis`,
      body,
      opts.signal,
    );

    // Accepted: reads keep trying for the accepted-job window, and a failure says DashScope had the task.
    const reads: HttpConfig = { ...http, retry: acceptedRetry(retry, acceptedRetryMs) };
    const interval = this.settings.pollIntervalMs ?? 2_000;
    let startedAt: number | undefined;
    let task: Task;
    try {
      for (;;) {
        task = await readTask(reads, baseUrl, taskId, opts.signal);
        const status = task.output.task_status;
        if (!PENDING.has(status)) break;
        if (status === 'RUNNING') {
          startedAt ??= Date.now();
          opts.onProgress?.({ type: 'progress' });
        } else opts.onProgress?.({ type: 'queued' });
        if (Date.now() - submittedAt > timeoutMs) throw timeoutError('dashscope', timeoutMs);
        await abortableSleep(interval, opts.signal).catch(() => {
          throw cancelledError('dashscope');
        });
      }
    } catch (error) {
      if (!(error instanceof AtelierError && error.details?.['jobFailed'] === true))
        await cancelTask(http, baseUrl, taskId);
      throw acceptedError('dashscope', taskId, error);
    }
    if (task.output.task_status !== 'SUCCEEDED') throw taskFailure(task);
    const doneAt = Date.now();
    const urls = (task.output.results ?? []).flatMap((r) => (r.url ? [r.url] : []));
    if (urls.length === 0)
      throw acceptedError(
        'dashscope',
        taskId,
        malformedError('dashscope', 'task without image URLs', { retryable: false }),
      );
    let downloadMs = 0;
    const assets: Asset[] = [];
    try {
      for (const url of urls) {
        // The images live on Alibaba's object storage, a host that never sees the key.
        const got = await download(reads, url, opts.signal);
        downloadMs += got.ms;
        const info = imageInfo(got.data);
        assets.push({
          data: got.data,
          mediaType: info?.mediaType ?? 'image/png',
          width: info?.width ?? size.width,
          height: info?.height ?? size.height,
        });
      }
    } catch (error) {
      throw acceptedError('dashscope', taskId, error);
    }
    if (assets.length < req.n)
      warnings.push({
        type: 'other',
        setting: 'n',
        message: `DashScope made ${assets.length} of the ${req.n} images asked for; only those are billed.`,
      });
    const began = startedAt ?? submittedAt;
    return {
      assets,
      usage: { images: task.usage?.image_count ?? assets.length },
      warnings,
      providerRequestId: taskId,
      latency: { queueMs: began - submittedAt, generationMs: doneAt - began, downloadMs },
    };
  }
}
