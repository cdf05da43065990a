import OpenAI, { toFile } from 'openai';
import type {
  ImageEditParamsBase,
  ImageEditParamsNonStreaming,
  ImageEditStreamEvent,
  ImageGenCompletedEvent,
  ImageGenerateParamsBase,
  ImageGenerateParamsNonStreaming,
  ImageGenStreamEvent,
  ImagesResponse,
} from 'openai/resources/images';
import { AtelierError } from '../errors.ts';
import type { ImagePlan } from './capabilities.ts';
import {
  cancelledError,
  errorFromHttpStatus,
  malformedError,
  providerError,
  timeoutError,
} from './errors.ts';
import { readImagesBody } from './images-body.ts';
import { resolveKey } from './keys.ts';
import { base64ToBytes, extensionOf, imageInfo } from './media.ts';
import { attemptSignal, withRetry } from './retry.ts';
import { resolveBaseUrl, resolveSettings, keySources } from './settings.ts';
import {
  type Asset,
  type CallOptions,
  type ImageRequestInput,
  type ImageResult,
  type ReportedUsage,
} from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import { OpenAIImageOptions } from '../rules/openai.ts';

/**
 * GPT Image models through the official `openai` SDK: images.generate for text-to-image,
 * images.edit (multipart, several input images, optional mask) when reference images are given.
 * The SDK's own retries are off; the shared policy in retry.ts decides.
 */

/** The options any GPT Image model takes; each model's own subset is in rules/openai.ts. */
export { OpenAIImageOptions };

type GenerateBody = ImageGenerateParamsBase;
type EditBody = ImageEditParamsBase;

export class OpenAIImageModel extends RoutedImageModel {
  readonly provider = 'openai' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    // The model's rules: options it cannot take are refused, those this call cannot take dropped with a warning.
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const options = OpenAIImageOptions.parse(checked.options);
    const warnings = [...plan.warnings, ...checked.warnings];
    const edit = req.referenceImages.length > 0;

    const key = await resolveKey('openai', keySources(this.settings));
    const { retry, timeoutMs } = resolveSettings(this.settings);
    const client = new OpenAI({
      apiKey: key.value,
      baseURL: resolveBaseUrl('openai', this.settings),
      maxRetries: 0,
      // Attempts are bounded by attemptSignal below, which also covers reading the body.
      timeout: timeoutMs + 60_000,
      fetch: this.settings.fetch,
    });

    const common = this.commonBody(req.prompt, req.n, plan, options);
    const stream = (options.partialImages ?? 0) > 0;
    const files = edit
      ? await Promise.all(
          req.referenceImages.map((img, i) =>
            toFile(img.data, `image-${i + 1}.${extensionOf(img.mediaType)}`, {
              type: img.mediaType,
            }),
          ),
        )
      : [];
    const mask = req.mask
      ? await toFile(req.mask.data, `mask.${extensionOf(req.mask.mediaType)}`, {
          type: req.mask.mediaType,
        })
      : undefined;

    const started = Date.now();
    const outcome = await withRetry('openai', retry, opts.signal, async () => {
      const attempt = attemptSignal(opts.signal, timeoutMs);
      try {
        if (edit) {
          const body: EditBody = {
            ...common,
            image: files.length === 1 && files[0] ? files[0] : files,
          };
          if (mask) body.mask = mask;
          if (options.inputFidelity) body.input_fidelity = options.inputFidelity;
          return stream
            ? await this.readStream(
                await client.images
                  .edit(
                    { ...body, stream: true, partial_images: options.partialImages },
                    { signal: attempt.signal },
                  )
                  .withResponse(),
                opts,
              )
            : await fromResponse(
                await client.images
                  .edit(body as ImageEditParamsNonStreaming, { signal: attempt.signal })
                  .asResponse(),
              );
        }
        const body: GenerateBody = { ...common };
        if (options.moderation) body.moderation = options.moderation;
        return stream
          ? await this.readStream(
              await client.images
                .generate(
                  { ...body, stream: true, partial_images: options.partialImages },
                  { signal: attempt.signal },
                )
                .withResponse(),
              opts,
            )
          : await fromResponse(
              await client.images
                .generate(body as ImageGenerateParamsNonStreaming, { signal: attempt.signal })
                .asResponse(),
            );
      } catch (error) {
        throw mapOpenAIError(error, opts.signal, attempt.timedOut(), timeoutMs);
      } finally {
        attempt.dispose();
      }
    });
    const generationMs = Date.now() - started;

    const assets: Asset[] = outcome.images.map((data) => {
      const info = imageInfo(data);
      return {
        data,
        mediaType: info?.mediaType ?? `image/${outcome.outputFormat ?? plan.outputFormat ?? 'png'}`,
        width: info?.width ?? plan.size?.width ?? 0,
        height: info?.height ?? plan.size?.height ?? 0,
      };
    });
    if (assets.length === 0)
      throw providerError('provider_unavailable', 'OpenAI returned no image.', {
        provider: 'openai',
        retryable: false,
        requestId: outcome.requestId,
      });

    return {
      assets,
      usage: { ...outcome.usage, images: assets.length },
      warnings,
      providerRequestId: outcome.requestId,
      latency: { queueMs: 0, generationMs, downloadMs: 0 },
      revisedPrompt: outcome.revisedPrompt,
    };
  }

  private commonBody(prompt: string, n: number, plan: ImagePlan, options: OpenAIImageOptions) {
    const body: Omit<GenerateBody, 'moderation'> & Omit<EditBody, 'image'> = {
      model: this.route.providerModelId,
      prompt,
      n,
    };
    if (plan.size) body.size = `${plan.size.width}x${plan.size.height}`;
    if (plan.quality) body.quality = plan.quality as GenerateBody['quality'] & EditBody['quality'];
    if (plan.background) body.background = plan.background;
    // svg is a vector model's format; the catalog lists none for OpenAI, so the plan never holds it here.
    if (plan.outputFormat && plan.outputFormat !== 'svg') body.output_format = plan.outputFormat;
    if (options.outputCompression !== undefined)
      body.output_compression = options.outputCompression;
    if (options.user) body.user = options.user;
    return body;
  }

  private async readStream(
    {
      data: stream,
      request_id,
    }: {
      data: AsyncIterable<ImageGenStreamEvent | ImageEditStreamEvent>;
      request_id: string | null;
    },
    opts: CallOptions,
  ): Promise<Outcome> {
    const out: Outcome = { images: [], usage: {}, requestId: request_id ?? undefined };
    for await (const event of stream) {
      if (
        event.type === 'image_generation.partial_image' ||
        event.type === 'image_edit.partial_image'
      ) {
        opts.onProgress?.({
          type: 'partial-image',
          index: event.partial_image_index,
          data: base64ToBytes(event.b64_json),
          mediaType: `image/${event.output_format}`,
        });
      } else {
        out.images.push(base64ToBytes(event.b64_json));
        out.outputFormat = event.output_format;
        out.quality = event.quality;
        if (event.size !== 'auto') out.size = event.size;
        addUsage(out.usage, usageOf(event.usage));
      }
    }
    return out;
  }
}

interface Outcome {
  images: Uint8Array[];
  usage: ReportedUsage;
  requestId?: string;
  outputFormat?: string;
  quality?: string;
  size?: string;
  revisedPrompt?: string;
}

/**
 * The body is read as it streams, each image decoded on the way (images-body.ts), rather than
 * through the SDK's response.json(): large images would otherwise sit in memory several times.
 * Error statuses never get here; the SDK raises them before handing over the response.
 */
async function fromResponse(response: Response): Promise<Outcome> {
  const length = Number(response.headers.get('content-length') ?? 0) || 0;
  const { json, images } = await readImagesBody(response.body, length);
  const data = json as ImagesResponse | null;
  if (!data || typeof data !== 'object' || !Array.isArray(data.data))
    throw malformedError('openai', 'image response', { retryable: false });
  const decoded = data.data.flatMap((d) => {
    const at = typeof d.b64_json === 'string' ? /^#(\d+)$/.exec(d.b64_json) : null;
    const bytes = at ? images[Number(at[1])] : undefined;
    return bytes ? [bytes] : [];
  });
  return {
    images: decoded,
    usage: usageOf(data.usage),
    requestId: response.headers.get('x-request-id') ?? undefined,
    outputFormat: data.output_format,
    quality: data.quality,
    size: data.size,
    revisedPrompt: data.data.find((d) => d.revised_prompt)?.revised_prompt,
  };
}

type OpenAIUsage = ImagesResponse.Usage | ImageGenCompletedEvent.Usage | undefined;

function usageOf(u: OpenAIUsage): ReportedUsage {
  if (!u) return {};
  const usage: ReportedUsage = {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    totalTokens: u.total_tokens,
  };
  if (u.input_tokens_details) {
    usage.inputTextTokens = u.input_tokens_details.text_tokens;
    usage.inputImageTokens = u.input_tokens_details.image_tokens;
  }
  const out = 'output_tokens_details' in u ? u.output_tokens_details : undefined;
  if (out) {
    usage.outputImageTokens = out.image_tokens;
    usage.outputTextTokens = out.text_tokens;
  } else {
    // The Images API documents output_tokens as the image tokens of the output.
    usage.outputImageTokens = u.output_tokens;
  }
  return usage;
}

function addUsage(into: ReportedUsage, add: ReportedUsage): void {
  for (const [k, v] of Object.entries(add) as [keyof ReportedUsage, number | undefined][]) {
    if (v !== undefined) into[k] = (into[k] ?? 0) + v;
  }
}

/** Every SDK failure becomes an AtelierError; messages pass through secret redaction. */
export function mapOpenAIError(
  error: unknown,
  signal: AbortSignal | undefined,
  timedOut: boolean,
  timeoutMs: number,
): AtelierError {
  if (error instanceof AtelierError) return error;
  if (signal?.aborted) return cancelledError('openai');
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    const e = timeoutError('openai', timeoutMs);
    // A generation that timed out may still finish and bill; asking again could pay twice.
    (e.details as Record<string, unknown>)['retryable'] = false;
    return e;
  }
  if (error instanceof OpenAI.APIUserAbortError) return cancelledError('openai');
  if (error instanceof OpenAI.APIConnectionError) {
    return providerError(
      'provider_unavailable',
      'Could not reach OpenAI.',
      { provider: 'openai', retryable: true, reason: 'connection_error' },
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const body = error.error as { message?: string; code?: string; type?: string } | undefined;
    return errorFromHttpStatus({
      provider: 'openai',
      status: error.status,
      message: body?.message ?? '',
      providerCode: error.code ?? body?.code ?? error.type ?? body?.type ?? undefined,
      headers: error.headers,
      requestId: error.requestID ?? undefined,
    });
  }
  if (error instanceof SyntaxError)
    return malformedError('openai', 'JSON response', { retryable: false, cause: error });
  return providerError(
    'provider_unavailable',
    'The OpenAI request failed unexpectedly.',
    { provider: 'openai', retryable: false },
    { cause: error },
  );
}
