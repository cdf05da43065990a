import { z } from 'zod';
import { ByteplusImageOptions, seedreamSize } from '../rules/byteplus.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import { malformedError, providerError } from './errors.ts';
import { requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { base64ToBytes, dataUri, imageInfo } from './media.ts';
import { resolveBaseUrl, resolveSettings, keySources, type ProviderSettings } from './settings.ts';
import type { Asset, CallOptions, ImageRequestInput, ImageResult, Warning } from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';

/**
 * BytePlus ModelArk (Ark) images: POST {base}/api/v3/images/generations with Bearer
 * $ARK_API_KEY, an OpenAI-like body (model, prompt, size "WxH", response_format, watermark,
 * image references as data URIs, sequential_image_generation "disabled" for one image). The
 * call is synchronous: no job to follow, so nothing to cancel. Asked for b64_json, so the image
 * comes in the answer and no download from the provider's object storage is needed.
 */

export { ByteplusImageOptions };

/** Ark's error body: `{ error: { code, message, param, type } }`. */
export function describeArkError(body: unknown): { message?: string; code?: string } {
  const e = (body as { error?: { code?: string; message?: string; param?: string } } | undefined)
    ?.error;
  if (!e) return {};
  return {
    message: `${e.param && !e.message?.includes(e.param) ? `${e.param}: ` : ''}${e.message ?? ''}`,
    code: e.code,
  };
}

/** Key, base URL and HTTP settings shared by the image and video adapters. */
export async function arkHttp(
  settings: ProviderSettings,
  timeoutMs?: number,
): Promise<{ http: HttpConfig; baseUrl: string }> {
  const key = (await resolveKey('byteplus', keySources(settings))).value;
  const baseUrl = resolveBaseUrl('byteplus', settings) ?? 'https://ark.ap-southeast.bytepluses.com';
  const { retry, pollTimeoutMs } = resolveSettings(settings);
  return {
    baseUrl,
    http: {
      provider: 'byteplus',
      authHeaders: { authorization: `Bearer ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs: timeoutMs ?? pollTimeoutMs,
      retry,
      fetch: settings.fetch,
      describeError: describeArkError,
    },
  };
}

const Generated = z.object({
  model: z.string().optional(),
  data: z.array(
    z
      .object({
        b64_json: z.string().optional(),
        url: z.string().optional(),
        size: z.string().optional(),
      })
      .passthrough(),
  ),
  usage: z
    .object({
      generated_images: z.number().int().nonnegative(),
      output_tokens: z.number().optional(),
      total_tokens: z.number().optional(),
    })
    .partial()
    .optional(),
});

export class ByteplusImageModel extends RoutedImageModel {
  readonly provider = 'byteplus' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const options = ByteplusImageOptions.parse(checked.options);
    const warnings: Warning[] = [...plan.warnings, ...checked.warnings];
    const size =
      plan.size ??
      seedreamSize(
        plan.aspectRatio ?? '1:1',
        plan.resolution ?? this.entry.image.resolutions[0]?.name,
      );
    const body: Record<string, unknown> = {
      model: this.route.providerModelId,
      prompt: req.prompt,
      ...(size ? { size: `${size.width}x${size.height}` } : {}),
      response_format: 'b64_json',
      sequential_image_generation: 'disabled',
      watermark: options.watermark ?? false,
      ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
    };
    if (req.referenceImages.length > 0) {
      const images = req.referenceImages.map((img) => dataUri(img.data, img.mediaType));
      body['image'] = images.length === 1 ? images[0] : images;
    }
    // The images endpoint answers once the image is made: the generation timeout, not a poll's.
    const { http, baseUrl } = await arkHttp(
      this.settings,
      resolveSettings(this.settings).timeoutMs,
    );
    const startedAt = Date.now();
    // One image per call ("disabled"): batch mode ("auto") lets the model choose how many it
    // makes, so n images are n calls, each its own seed when one is given.
    const calls = await Promise.all(
      Array.from({ length: req.n }, (_, i) => {
        const one = { ...body, ...(plan.seed !== undefined ? { seed: plan.seed + i } : {}) };
        return requestJson(http, {
          method: 'POST',
          url: `${baseUrl}/api/v3/images/generations`,
          body: one,
          idempotent: false,
          signal: opts.signal,
        });
      }),
    );
    const doneAt = Date.now();
    const assets: Asset[] = [];
    let images = 0;
    let outputTokens: number | undefined;
    for (const { json } of calls) {
      const parsed = Generated.safeParse(json);
      if (!parsed.success) throw malformedError('byteplus', 'image response', { retryable: false });
      const before = assets.length;
      for (const item of parsed.data.data) {
        if (!item.b64_json) continue;
        const data = base64ToBytes(item.b64_json);
        const info = imageInfo(data);
        assets.push({
          data,
          mediaType: info?.mediaType ?? 'image/jpeg',
          width: info?.width ?? size?.width ?? 0,
          height: info?.height ?? size?.height ?? 0,
        });
      }
      images += parsed.data.usage?.generated_images ?? assets.length - before;
      if (parsed.data.usage?.output_tokens !== undefined)
        outputTokens = (outputTokens ?? 0) + parsed.data.usage.output_tokens;
    }
    const requestId = calls[0]?.headers.get('x-request-id') ?? undefined;
    if (assets.length === 0)
      throw providerError('provider_unavailable', 'BytePlus returned no image.', {
        provider: 'byteplus',
        retryable: false,
        requestId,
      });
    return {
      assets,
      usage: {
        images,
        ...(outputTokens !== undefined ? { outputTokens, totalTokens: outputTokens } : {}),
      },
      warnings,
      ...(requestId ? { providerRequestId: requestId } : {}),
      latency: { queueMs: 0, generationMs: doneAt - startedAt, downloadMs: 0 },
    };
  }
}
