import { z } from 'zod';
import { enforceImageRules } from '../rules/enforce.ts';
import { AtelierError } from '../errors.ts';
import { RECRAFT_STYLES, RECRAFT_VECTOR_STYLES, RecraftImageOptions } from '../rules/recraft.ts';
import type { ImagePlan } from './capabilities.ts';
import { malformedError } from './errors.ts';
import { requestJson, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { base64ToBytes, extensionOf, imageInfo } from './media.ts';
import { RoutedImageModel } from './routed-model.ts';
import { keySources, resolveBaseUrl, resolveSettings } from './settings.ts';
import type { CallOptions, ImageRequestInput, ImageRequest as Req, ImageResult } from './spec.ts';

/**
 * Recraft's API: POST /v1/images/generations (OpenAI-like JSON), and for V3 edits
 * /v1/images/imageToImage and /v1/images/inpaint (multipart), with `Authorization: Bearer`,
 * answered synchronously with `{ created, credits, data: [{ image_id, b64_json | url }] }`.
 * The images are asked for as base64 so the answer is the whole result: no second, expiring
 * download after Recraft has billed the call.
 */

export { RecraftImageOptions };

const Generated = z.object({
  created: z.number().nullish(),
  credits: z.number().nullish(),
  data: z.array(z.object({ image_id: z.string().nullish(), b64_json: z.string().min(1) })).min(1),
});

/** Vectorize answers one image: `{ created, credits, image: { image_id, b64_json | url } }`. */
const Vectorized = z.object({
  created: z.number().nullish(),
  credits: z.number().nullish(),
  image: z.object({ image_id: z.string().nullish(), b64_json: z.string().min(1) }),
});

/** Recraft's errors: `{ code, message }` (some proxies wrap them OpenAI-style in `error`). */
function describeRecraftError(body: unknown): { message?: string; code?: string } {
  const b = body as
    { code?: string; message?: string; error?: { code?: string; message?: string } } | undefined;
  return { message: b?.message ?? b?.error?.message, code: b?.code ?? b?.error?.code };
}

/** The model to call: an SVG comes from the model's `_vector` sibling. */
export function recraftModel(
  providerModelId: string,
  plan: Pick<ImagePlan, 'outputFormat'>,
): string {
  return plan.outputFormat === 'svg' ? `${providerModelId}_vector` : providerModelId;
}

export function recraftBody(
  providerModelId: string,
  req: Req,
  plan: ImagePlan,
  options: RecraftImageOptions,
): Record<string, unknown> {
  if (
    options.style &&
    RECRAFT_VECTOR_STYLES.includes(options.style) &&
    plan.outputFormat !== 'svg'
  ) {
    const raster = RECRAFT_STYLES.filter((s) => !RECRAFT_VECTOR_STYLES.includes(s));
    throw new AtelierError(
      'invalid_request',
      `Recraft's ${options.style} style draws SVG: ask for outputFormat "svg", or a raster style.`,
      {
        details: { field: 'providerOptions.recraft.style', allowed: raster },
      },
    );
  }
  const body: Record<string, unknown> = {
    prompt: req.prompt,
    model: recraftModel(providerModelId, plan),
  };
  if (plan.size) body['size'] = `${plan.size.width}x${plan.size.height}`;
  if (options.style) body['style'] = options.style;
  if (options.substyle) body['substyle'] = options.substyle;
  // strength is a form field of imageToImage only (recraftCall).
  body['response_format'] = 'b64_json';
  return body;
}

/**
 * Where the request goes: a generation as JSON; with an input image, imageToImage (with its
 * strength) or, with a mask too, inpaint, both as multipart with the image files and the same
 * fields (size is the input's own, so it is not sent).
 */
export function recraftCall(
  body: Record<string, unknown>,
  req: Req,
  options: RecraftImageOptions,
): { path: string; body: Record<string, unknown> | FormData } {
  const image = req.referenceImages[0];
  if (!image) return { path: 'generations', body };
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) if (k !== 'size') form.append(k, String(v));
  // Copies on their own ArrayBuffers: Blob takes no view of a possibly shared one.
  form.append(
    'image',
    new Blob([new Uint8Array(image.data)], { type: image.mediaType }),
    `image.${extensionOf(image.mediaType)}`,
  );
  if (req.mask) {
    form.append(
      'mask',
      new Blob([new Uint8Array(req.mask.data)], { type: req.mask.mediaType }),
      `mask.${extensionOf(req.mask.mediaType)}`,
    );
    return { path: 'inpaint', body: form };
  }
  if (options.strength !== undefined) form.append('strength', String(options.strength));
  return { path: 'imageToImage', body: form };
}

/**
 * Vectorize: the input image as the multipart `file`, the SVG asked for as base64 (like the
 * generations, so nothing is fetched again after billing). It takes no prompt (rules/recraft.ts).
 */
export function recraftVectorizeForm(req: Req): FormData {
  const image = req.referenceImages[0];
  if (!image) {
    throw new AtelierError('invalid_request', 'Recraft Vectorize needs an input image to trace.', {
      details: { field: 'inputs.images[0]' },
    });
  }
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(image.data)], { type: image.mediaType }),
    `image.${extensionOf(image.mediaType)}`,
  );
  form.append('response_format', 'b64_json');
  return form;
}

export class RecraftImageModel extends RoutedImageModel {
  readonly provider = 'recraft' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const options = RecraftImageOptions.parse(checked.options);
    const vectorize = this.route.providerModelId === 'vectorize';
    const call = vectorize
      ? { path: 'vectorize', body: recraftVectorizeForm(req) }
      : recraftCall(recraftBody(this.route.providerModelId, req, plan, options), req, options);
    const key = (await resolveKey('recraft', keySources(this.settings))).value;
    const baseUrl = resolveBaseUrl('recraft', this.settings) ?? 'https://external.api.recraft.ai';
    const { retry, timeoutMs } = resolveSettings(this.settings);
    const http: HttpConfig = {
      provider: 'recraft',
      authHeaders: { authorization: `Bearer ${key}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs,
      retry,
      fetch: this.settings.fetch,
      describeError: describeRecraftError,
    };
    const started = Date.now();
    const { json, headers } = await requestJson(http, {
      method: 'POST',
      url: `${baseUrl}/v1/images/${call.path}`,
      body: call.body,
      idempotent: false,
      signal: opts.signal,
    });
    const generationMs = Date.now() - started;
    const parsed = (
      vectorize ? Vectorized.transform((v) => ({ credits: v.credits, data: [v.image] })) : Generated
    ).safeParse(json);
    if (!parsed.success)
      throw malformedError('recraft', vectorize ? 'vectorize response' : 'generation response', {
        retryable: false,
      });
    // A vectorized SVG has the input's proportions; a generated one the size asked for.
    const source =
      vectorize && req.referenceImages[0] ? imageInfo(req.referenceImages[0].data) : undefined;
    const size = source ?? plan.size;
    const assets = parsed.data.data.map((d) => {
      const data = base64ToBytes(d.b64_json);
      const info = imageInfo(data);
      if (!info && isSvg(data))
        return {
          data,
          mediaType: 'image/svg+xml',
          width: size?.width ?? 0,
          height: size?.height ?? 0,
        };
      if (vectorize && info?.mediaType !== 'image/svg+xml')
        throw malformedError('recraft', 'vectorize response (not an SVG document)', {
          retryable: false,
        });
      return {
        data,
        mediaType: info?.mediaType ?? 'image/png',
        width: info?.width ?? size?.width ?? 0,
        height: info?.height ?? size?.height ?? 0,
      };
    });
    const requestId = parsed.data.data[0]?.image_id ?? headers.get('x-request-id') ?? undefined;
    return {
      assets,
      usage: {
        images: assets.length,
        ...(parsed.data.credits != null ? { credits: parsed.data.credits } : {}),
      },
      warnings: [...plan.warnings, ...checked.warnings],
      ...(requestId ? { providerRequestId: requestId } : {}),
      latency: { queueMs: 0, generationMs, downloadMs: 0 },
    };
  }
}

/** An SVG document (possibly after an XML declaration or a comment): the vector models' output. */
function isSvg(data: Uint8Array): boolean {
  const head = new TextDecoder().decode(data.subarray(0, 1024));
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(
    head,
  );
}
