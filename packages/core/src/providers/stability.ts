import { z } from 'zod';
import { enforceImageRules } from '../rules/enforce.ts';
import {
  stabilityImageRules,
  StabilityImageOptions,
  type StabilityRouteRules,
} from '../rules/stability.ts';
import type { ImagePlan } from './capabilities.ts';
import { AtelierError } from '../errors.ts';
import { malformedError, providerError, withDetail } from './errors.ts';
import { requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { base64ToBytes, extensionOf, imageInfo } from './media.ts';
import { RoutedImageModel } from './routed-model.ts';
import { keySources, resolveBaseUrl, resolveSettings } from './settings.ts';
import type {
  CallOptions,
  ImageRequestInput,
  ImageRequest as Req,
  ImageResult,
  Warning,
} from './spec.ts';

/**
 * Stability AI's Stable Image API: POST /v2beta/stable-image/generate/{ultra|core|sd3}, for
 * Stable Image Inpaint /v2beta/stable-image/edit/inpaint (an image and its mask) and for Remove
 * Background /v2beta/stable-image/edit/remove-background (an image, no prompt), as
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
  const errors = Array.isArray(b?.errors)
    ? b.errors.filter((e) => typeof e === 'string').join('; ')
    : undefined;
  return { message: errors || b?.message, code: b?.name };
}

/** Stability answers a flagged prompt with 403 content_moderation, which is not a key problem. */
function moderated(error: unknown): AtelierError | undefined {
  if (
    !(error instanceof AtelierError) ||
    error.details?.['status'] !== 403 ||
    error.details['reason'] !== 'content_moderation'
  )
    return undefined;
  const detail = error.message.split(': ').slice(1).join(': ');
  return providerError(
    'content_policy',
    withDetail('Stability AI refused the request on content policy grounds', detail),
    {
      provider: 'stability',
      status: 403,
      retryable: false,
      reason: 'content_moderation',
    },
    { hint: 'Rephrase the prompt or change the input image.' },
  );
}

const fileOf = (name: string, input: { data: Uint8Array; mediaType: string }) =>
  // A copy on its own ArrayBuffer: Blob takes no view of a possibly shared one.
  [
    new Blob([new Uint8Array(input.data)], { type: input.mediaType }),
    `${name}.${extensionOf(input.mediaType)}`,
  ] as const;

/** The input image within the bounds the edit service states, or a refusal naming it. */
function checkInputPixels(
  rules: StabilityRouteRules,
  image: { data: Uint8Array } | undefined,
): void {
  const bounds = rules.inputPixels;
  const info = image && bounds ? imageInfo(image.data) : undefined;
  if (!bounds || !info) return;
  const { width, height } = info;
  const problem =
    Math.min(width, height) < bounds.minSide
      ? `every side must be at least ${bounds.minSide} px`
      : width * height < bounds.minPixels || width * height > bounds.maxPixels
        ? `it must have ${bounds.minPixels.toLocaleString('en')} to ${bounds.maxPixels.toLocaleString('en')} pixels`
        : Math.max(width / height, height / width) > bounds.maxAspect
          ? `its aspect ratio must be between 1:${bounds.maxAspect} and ${bounds.maxAspect}:1`
          : undefined;
  if (problem) {
    throw new AtelierError(
      'invalid_request',
      `Stability AI cannot edit a ${width}x${height} image: ${problem}.`,
      { details: { field: 'inputs.images[0]' } },
    );
  }
}

export function stabilityForm(
  providerModelId: string,
  req: Req,
  plan: ImagePlan,
  options: StabilityImageOptions,
): { form: FormData; fields: Record<string, string>; warnings: Warning[] } {
  const rules = stabilityImageRules(providerModelId);
  const inpaint = rules.endpoint === 'edit/inpaint';
  // A tool without a prompt (Remove Background) is sent the image and the output format only.
  const fields: Record<string, string> = rules.noPrompt ? {} : { prompt: req.prompt };
  const warnings: Warning[] = [];
  if (rules.model) fields['model'] = rules.model;
  const image = req.referenceImages[0];
  if (image && rules.endpoint === 'generate/sd3') fields['mode'] = 'image-to-image';
  // The API sizes by aspect ratio, and image-to-image takes the input image's own.
  if (plan.aspectRatio && !image) fields['aspect_ratio'] = plan.aspectRatio;
  if (plan.negativePrompt) fields['negative_prompt'] = plan.negativePrompt;
  if (plan.seed !== undefined) fields['seed'] = String(plan.seed);
  fields['output_format'] = plan.outputFormat ?? rules.defaultOutputFormat ?? 'png';
  if (options.stylePreset) fields['style_preset'] = options.stylePreset;
  if (options.cfgScale !== undefined) fields['cfg_scale'] = String(options.cfgScale);
  if (image && options.strength !== undefined) fields['strength'] = String(options.strength);
  if (inpaint && options.growMask !== undefined) fields['grow_mask'] = String(options.growMask);
  if (req.referenceImages.length > 1) {
    warnings.push({
      type: 'unsupported',
      setting: 'referenceImages',
      message: `${providerModelId} takes one input image; the rest were not sent.`,
    });
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (image) form.append('image', ...fileOf('image', image));
  // Without a mask the service repaints where the image is transparent.
  if (inpaint && req.mask) form.append('mask', ...fileOf('mask', req.mask));
  return { form, fields, warnings };
}

export class StabilityImageModel extends RoutedImageModel {
  readonly provider = 'stability' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const rules = stabilityImageRules(this.route.providerModelId);
    checkInputPixels(rules, req.referenceImages[0]);
    const { form, warnings: mapWarnings } = stabilityForm(
      this.route.providerModelId,
      req,
      plan,
      StabilityImageOptions.parse(checked.options),
    );
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
      url: `${baseUrl}/v2beta/stable-image/${rules.endpoint}`,
      body: form,
      idempotent: false,
      signal: opts.signal,
    }).catch((error: unknown) => {
      throw moderated(error) ?? error;
    });
    const generationMs = Date.now() - started;
    const parsed = Generated.safeParse(json);
    if (!parsed.success)
      throw malformedError('stability', 'generation response', { retryable: false });
    const { image, finish_reason: finish } = parsed.data;
    const requestId = headers.get('x-request-id') ?? undefined;
    if (finish === 'CONTENT_FILTERED') {
      throw providerError(
        'content_policy',
        'Stability AI filtered the generated image.',
        {
          provider: 'stability',
          retryable: false,
          reason: finish,
          ...(requestId ? { requestId } : {}),
        },
        {
          hint: 'Rephrase the prompt or change the input image.',
        },
      );
    }
    if (finish !== 'SUCCESS' || !image)
      throw malformedError('stability', `result (finish_reason ${finish})`, { retryable: false });
    const data = base64ToBytes(image);
    const info = imageInfo(data);
    return {
      assets: [
        {
          data,
          mediaType: info?.mediaType ?? `image/${plan.outputFormat ?? 'png'}`,
          width: info?.width ?? 0,
          height: info?.height ?? 0,
        },
      ],
      usage: { images: 1 },
      warnings: [...plan.warnings, ...checked.warnings, ...mapWarnings],
      ...(requestId ? { providerRequestId: requestId } : {}),
      latency: { queueMs: 0, generationMs, downloadMs: 0 },
    };
  }
}
