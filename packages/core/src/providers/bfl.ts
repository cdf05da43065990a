import { z } from 'zod';
import { bflImageRules, BflImageOptions } from '../rules/bfl.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import { AtelierError } from '../errors.ts';
import type { ImagePlan } from './capabilities.ts';
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
import { bytesToBase64, imageInfo } from './media.ts';
import { abortableSleep, acceptedRetry } from './retry.ts';
import { DEFAULT_BASE_URLS, resolveBaseUrl, resolveSettings, keySources } from './settings.ts';
import type {
  CallOptions,
  ImageRequestInput,
  ImageRequest as Req,
  ImageResult,
  Warning,
} from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';

/**
 * Black Forest Labs' own API: POST /v1/<model> with the x-key header, poll the returned
 * polling_url, then fetch result.sample at once (it is a signed URL that lives ten minutes, on a
 * delivery host that never sees the key).
 */

/** The options any BFL endpoint takes; each endpoint's own subset is in rules/bfl.ts. */
export { BflImageOptions };

const Submitted = z.object({
  id: z.string().min(1),
  polling_url: z.string().url(),
  cost: z.number().nullish(),
  input_mp: z.number().nullish(),
  output_mp: z.number().nullish(),
});

const Polled = z.object({
  status: z.string(),
  result: z.object({ sample: z.string().url() }).passthrough().nullish(),
  progress: z.number().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});

function describeBflError(body: unknown): { message?: string; code?: string } {
  const b = body as { detail?: unknown; message?: string } | undefined;
  if (Array.isArray(b?.detail)) {
    const first = b.detail[0] as { msg?: string; loc?: unknown[]; type?: string } | undefined;
    const field = Array.isArray(first?.loc) ? first.loc.filter((x) => x !== 'body').join('.') : '';
    return { message: `${field ? `${field}: ` : ''}${first?.msg ?? ''}`, code: first?.type };
  }
  if (typeof b?.detail === 'string') return { message: b.detail };
  return { message: b?.message };
}

function reduced(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}

/**
 * The submission body, as the endpoint's rules name its fields: width/height or aspect_ratio,
 * and the input images as `input_image`, `input_image_2`… (FLUX.2, Kontext), `image_prompt`
 * (FLUX1.1 [pro] and Ultra) or `image` with `mask` (Fill).
 */
export function bflBody(
  endpoint: string,
  req: Req,
  plan: ImagePlan,
  options: BflImageOptions,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const rules = bflImageRules(endpoint);
  const body: Record<string, unknown> = { prompt: req.prompt };
  const warnings: Warning[] = [];
  if (rules.sizing === 'aspect') {
    const ratio =
      plan.aspectRatio ?? (plan.size ? reduced(plan.size.width, plan.size.height) : undefined);
    if (ratio) body['aspect_ratio'] = ratio;
  } else if (plan.size) {
    body['width'] = plan.size.width;
    body['height'] = plan.size.height;
  }
  if (plan.seed !== undefined) body['seed'] = plan.seed;
  if (plan.outputFormat) body['output_format'] = plan.outputFormat;
  const wire: Record<keyof BflImageOptions, string> = {
    safetyTolerance: 'safety_tolerance',
    promptUpsampling: 'prompt_upsampling',
    raw: 'raw',
    imagePromptStrength: 'image_prompt_strength',
    steps: 'steps',
    guidance: 'guidance',
  };
  for (const [key, field] of Object.entries(wire) as [keyof BflImageOptions, string][]) {
    if (options[key] !== undefined) body[field] = options[key];
  }

  const limit = rules.images?.max ?? 1;
  req.referenceImages.slice(0, limit).forEach((img, i) => {
    body[i === 0 ? rules.imageField : `${rules.imageField}_${i + 1}`] = bytesToBase64(img.data);
  });
  if (req.referenceImages.length > limit) {
    warnings.push({
      type: 'unsupported',
      setting: 'referenceImages',
      message: `${endpoint} takes ${limit} input image(s); the rest were not sent.`,
    });
  }
  if (req.mask) {
    if (rules.mask) body['mask'] = bytesToBase64(req.mask.data);
    else
      warnings.push({
        type: 'unsupported',
        setting: 'mask',
        message: `${endpoint} takes no mask; it was not sent.`,
      });
  }
  return { body, warnings };
}

export class BflImageModel extends RoutedImageModel {
  readonly provider = 'bfl' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const { body, warnings: mapWarnings } = bflBody(
      this.route.providerModelId,
      req,
      plan,
      BflImageOptions.parse(checked.options),
    );
    const key = (await resolveKey('bfl', keySources(this.settings))).value;
    const baseUrl = resolveBaseUrl('bfl', this.settings) ?? 'https://api.bfl.ai';
    const { retry, pollTimeoutMs, timeoutMs, acceptedRetryMs } = resolveSettings(this.settings);
    const http: HttpConfig = {
      provider: 'bfl',
      authHeaders: { 'x-key': key },
      // BFL answers on regional hosts (api.us1.bfl.ai…); those are trusted only with the default base.
      isTrusted: (url) =>
        sameOrigin(url, baseUrl) ||
        (baseUrl === DEFAULT_BASE_URLS.bfl &&
          url.protocol === 'https:' &&
          url.hostname.endsWith('.bfl.ai')),
      timeoutMs: pollTimeoutMs,
      retry,
      fetch: this.settings.fetch,
      describeError: describeBflError,
    };
    const interval = this.settings.pollIntervalMs ?? 1_000;

    const submittedAt = Date.now();
    const { json } = await requestJson(http, {
      method: 'POST',
      url: `${baseUrl}/v1/${this.route.providerModelId}`,
      body,
      idempotent: false,
      signal: opts.signal,
    });
    const job = Submitted.safeParse(json);
    if (!job.success) throw malformedError('bfl', 'submission response', { retryable: false });

    // Accepted: from here reads keep trying for the accepted-job window (the sample link lives ten
    // minutes), and a failure says BFL had the job, which it may bill. BFL has no cancel call.
    const reads: HttpConfig = { ...http, retry: acceptedRetry(retry, acceptedRetryMs) };
    let followed: Awaited<ReturnType<typeof followTask>>;
    try {
      followed = await followTask(reads, job.data, submittedAt, { timeoutMs, interval }, opts);
    } catch (error) {
      throw acceptedError('bfl', job.data.id, error);
    }
    const { got, startedAt, doneAt } = followed;
    const info = imageInfo(got.data);
    const asset = {
      data: got.data,
      mediaType: info?.mediaType ?? got.mediaType,
      width: info?.width ?? plan.size?.width ?? 0,
      height: info?.height ?? plan.size?.height ?? 0,
    };
    const usage = {
      images: 1,
      ...(job.data.cost != null ? { credits: job.data.cost } : {}),
      ...(job.data.input_mp != null ? { inputMegapixels: job.data.input_mp } : {}),
      ...(job.data.output_mp != null ? { outputMegapixels: job.data.output_mp } : {}),
    };
    return {
      assets: [asset],
      usage,
      warnings: [...plan.warnings, ...checked.warnings, ...mapWarnings],
      providerRequestId: job.data.id,
      latency: {
        queueMs: startedAt - submittedAt,
        generationMs: doneAt - startedAt,
        downloadMs: got.ms,
      },
    };
  }
}

/**
 * Polls an accepted task until BFL reports it done, then fetches result.sample at once. Work
 * started when progress was first reported; before that the task waited in the queue.
 */
async function followTask(
  http: HttpConfig,
  job: z.infer<typeof Submitted>,
  submittedAt: number,
  limits: { timeoutMs: number; interval: number },
  opts: CallOptions,
) {
  let startedAt: number | undefined;
  let lastQueuedAt = submittedAt;
  let sample: string;
  for (;;) {
    const { json: polledJson } = await requestJson(http, {
      method: 'GET',
      url: job.polling_url,
      idempotent: true,
      signal: opts.signal,
    });
    const polled = Polled.safeParse(polledJson);
    if (!polled.success) throw malformedError('bfl', 'status response', { retryable: false });
    const { status, result, progress, details } = polled.data;
    if (status === 'Ready') {
      if (!result?.sample)
        throw malformedError('bfl', 'result without a sample URL', { retryable: false });
      sample = result.sample;
      break;
    }
    if (status === 'Request Moderated' || status === 'Content Moderated') {
      const reasons = moderationReasons(details);
      const error = providerError(
        'content_policy',
        withDetail(
          `Black Forest Labs moderated the ${status === 'Request Moderated' ? 'request' : 'generated image'}`,
          reasons,
        ),
        {
          provider: 'bfl',
          retryable: false,
          reason: reasons || status,
        },
        {
          hint: 'Rephrase the prompt or change the input images; providerOptions.bfl.safetyTolerance loosens moderation.',
        },
      );
      throw acceptedError('bfl', job.id, error, { jobFailed: true });
    }
    if (status === 'Error' || status === 'Failed' || status === 'Task not found') {
      const error = providerError(
        'provider_unavailable',
        `Black Forest Labs could not make the image (${status}).`,
        { provider: 'bfl', retryable: false, reason: status },
      );
      throw acceptedError('bfl', job.id, error, { jobFailed: true });
    }
    if (progress !== null && progress !== undefined) {
      startedAt ??= Date.now();
      opts.onProgress?.({ type: 'progress', fraction: progress > 1 ? progress / 100 : progress });
    } else {
      lastQueuedAt = Date.now();
      opts.onProgress?.({ type: 'queued' });
    }
    if (Date.now() - submittedAt > limits.timeoutMs) throw timeoutError('bfl', limits.timeoutMs);
    await abortableSleep(limits.interval, opts.signal).catch(() => {
      throw cancelledError('bfl');
    });
  }
  const doneAt = Date.now();
  const got = await download(http, sample, opts.signal).catch((error: unknown) => {
    throw error instanceof AtelierError
      ? error
      : providerError(
          'provider_unavailable',
          'The BFL result could not be fetched.',
          { provider: 'bfl', retryable: false },
          { cause: error },
        );
  });
  return { got, startedAt: startedAt ?? lastQueuedAt, doneAt };
}

function moderationReasons(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  const values = Object.values(details).flatMap((v) => (Array.isArray(v) ? v : [v]));
  return values.filter((v) => typeof v === 'string').join('; ');
}
