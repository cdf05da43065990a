import { z } from 'zod';
import { enforceImageRules } from '../rules/enforce.ts';
import { stabilityImageRules, StabilityImageOptions } from '../rules/stability.ts';
import type { ImagePlan } from './capabilities.ts';
import { AtelierError } from '../errors.ts';
import { malformedError, providerError, withDetail } from './errors.ts';
import { requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { base64ToBytes, extensionOf, imageInfo } from './media.ts';
import { RoutedImageModel } from './routed-model.ts';
import { keySources, resolveBaseUrl, resolveSettings } from './settings.ts';
import type { CallOptions, ImageRequestInput, ImageRequest as Req, ImageResult, Warning } from './spec.ts';

/**
 * Stability AI's Stable Image API: POST /v2beta/stable-image/generate/{ultra|core|sd3} as
 * multipart/form-data with `Authorization: Bearer`, answered synchronously. Asked with
 * `Accept: application/json`, it returns `{ image (base64), finish_reason, seed }`, so a
 * filtered result is told apart from a finished one. One image per call.
 */

export { StabilityImageOptions };

const Generated = z.object({
  image: z.string().min(1).optional(),
  finish_reason: z.string(),
  seed: z.number().nullish(),
});

/** Stability's errors: `{ id, name, errors: [...] }`. */
function describeStabilityError(body: unknown): { message?: string; code?: string } {
  const b = body as { name?: string; errors?: unknown; message?: string } | undefined;
  const errors = Array.isArray(b?.errors) ? b.errors.filter((e) => typeof e === 'string').join('; ') : undefined;
  return { message: errors || b?.message, code: b?.name };
}

/** The multipart fields, in the API's names; the input image as a file part. */
/** Stability answers a flagged prompt with 403 content_moderation, which is not a key problem. */
function moderated(error: unknown): AtelierError | undefined {
  if (!(error instanceof AtelierError) || error.details?.['status'] !== 403 || error.details['reason'] !== 'content_moderation') return undefined;
  const detail = error.message.split(': ').slice(1).join(': ');
  return providerError('content_policy', withDetail('Stability AI refused the request on content policy grounds', detail), {
    provider: 'stability',
    status: 403,
    retryable: false,
    reason: 'content_moderation',
  }, { hint: 'Rephrase the prompt or change the input image.' });
}

export function stabilityForm(providerModelId: string, req: Req, plan: ImagePlan, options: StabilityImageOptions): { form: FormData; fields: Record<string, string>; warnings: Warning[] } {
  const rules = stabilityImageRules(providerModelId);
  const fields: Record<string, string> = { prompt: req.prompt };
  const warnings: Warning[] = [];
  if (rules.model) fields['model'] = rules.model;
  const image = req.referenceImages[0];
  if (image && rules.endpoint === 'sd3') fields['mode'] = 'image-to-image';
  // The API sizes by aspect ratio, and image-to-image takes the input image's own.
  if (plan.aspectRatio && !image) fields['aspect_ratio'] = plan.aspectRatio;
  if (plan.negativePrompt) fields['negative_prompt'] = plan.negativePrompt;
  if (plan.seed !== undefined) fields['seed'] = String(plan.seed);
  fields['output_format'] = plan.outputFormat ?? rules.defaultOutputFormat ?? 'png';
  if (options.stylePreset) fields['style_preset'] = options.stylePreset;
  if (options.cfgScale !== undefined) fields['cfg_scale'] = String(options.cfgScale);
  if (image && options.strength !== undefined) fields['strength'] = String(options.strength);
  if (req.referenceImages.length > 1) {
    warnings.push({ type: 'unsupported', setting: 'referenceImages', message: `${providerModelId} takes one input image; the rest were not sent.` });
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (image) {
    const type = image.mediaType;
    // A copy on its own ArrayBuffer: Blob takes no view of a possibly shared one.
    form.append('image', new Blob([new Uint8Array(image.data)], { type }), `image.${extensionOf(type)}`);
  }
  return { form, fields, warnings };
}

export class StabilityImageModel extends RoutedImageModel {
  readonly provider = 'stability' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const rules = stabilityImageRules(this.route.providerModelId);
    const { form, warnings: mapWarnings } = stabilityForm(this.route.providerModelId, req, plan, StabilityImageOptions.parse(checked.options));
    const key = (await resolveKey('stability', keySources(this.settings))).value;
    const baseUrl = resolveBaseUrl('stability', this.settings) ?? 'https://api.stability.ai';
    const { retry, timeoutMs } = resolveSettings(this.settings);
    const http: HttpConfig = {
      provider: 'stability',
      authHeaders: { authorization: `Bearer ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs,
      retry,
      fetch: this.settings.fetch,
      describeError: describeStabilityError,
    };
    const started = Date.now();
    const { json, headers } = await requestJson(http, {
      method: 'POST',
      url: `${baseUrl}/v2beta/stable-image/generate/${rules.endpoint}`,
      body: form,
      idempotent: false,
      signal: opts.signal,
    }).catch((error: unknown) => {
      throw moderated(error) ?? error;
    });
    const generationMs = Date.now() - started;
    const parsed = Generated.safeParse(json);
    if (!parsed.success) throw malformedError('stability', 'generation response', { retryable: false });
    const { image, finish_reason: finish } = parsed.data;
    const requestId = headers.get('x-request-id') ?? undefined;
    if (finish === 'CONTENT_FILTERED') {
      throw providerError('content_policy', 'Stability AI filtered the generated image.', { provider: 'stability', retryable: false, reason: finish, ...(requestId ? { requestId } : {}) }, {
        hint: 'Rephrase the prompt or change the input image.',
      });
    }
    if (finish !== 'SUCCESS' || !image) throw malformedError('stability', `result (finish_reason ${finish})`, { retryable: false });
    const data = base64ToBytes(image);
    const info = imageInfo(data);
    return {
      assets: [{ data, mediaType: info?.mediaType ?? `image/${plan.outputFormat ?? 'png'}`, width: info?.width ?? 0, height: info?.height ?? 0 }],
      usage: { images: 1 },
      warnings: [...plan.warnings, ...checked.warnings, ...mapWarnings],
      ...(requestId ? { providerRequestId: requestId } : {}),
      latency: { queueMs: 0, generationMs, downloadMs: 0 },
    };
  }
}
