import type { GenerateContentConfig, GenerateContentResponse, Part } from '@google/genai';
import type { ImageModelEntry, Route } from '../catalog/schema.ts';
import { providerError, withDetail } from './errors.ts';
import { genaiClient, mapGoogleError } from './google-client.ts';
import { resolveKey, resolveVertex } from './keys.ts';
import { base64ToBytes, bytesToBase64, imageInfo } from './media.ts';
import { attemptSignal, withRetry } from './retry.ts';
import { resolveBaseUrl, resolveSettings, keySources, type ProviderSettings } from './settings.ts';
import type { CallOptions, ImageRequestInput, ImageResult, ReportedUsage } from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import { geminiImageRules, GoogleImageOptions } from '../rules/google.ts';

/**
 * Nano Banana (Gemini image models) through @google/genai in Gemini API key mode:
 * generateContent with responseModalities IMAGE and imageConfig {aspectRatio, imageSize};
 * reference images travel as inlineData parts before the prompt.
 */

/** The options any Gemini image model takes; each model's own subset is in rules/google.ts. */
export { GoogleImageOptions };

/** Finish reasons that mean the output was withheld by a safety or policy filter. */
const BLOCKED = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
]);

export class GeminiImageModel extends RoutedImageModel {
  /** 'google': Gemini API key; 'vertex': the same models on Vertex AI. */
  readonly provider: 'google' | 'vertex';

  constructor(entry: ImageModelEntry, route: Route, settings: ProviderSettings = {}) {
    super(entry, route, settings);
    this.provider = route.provider === 'vertex' ? 'vertex' : 'google';
  }

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    const options = GoogleImageOptions.parse(checked.options);
    const provider = this.provider;
    const creds =
      provider === 'vertex'
        ? await resolveVertex(this.settings.vertex, keySources(this.settings))
        : { apiKey: (await resolveKey('google', keySources(this.settings))).value };
    const { retry, timeoutMs } = resolveSettings(this.settings);
    const baseUrl = resolveBaseUrl(provider, this.settings);

    const parts: Part[] = [
      ...req.referenceImages.map((img) => ({
        inlineData: { mimeType: img.mediaType, data: bytesToBase64(img.data) },
      })),
      { text: req.prompt },
    ];
    const config: GenerateContentConfig = { responseModalities: ['IMAGE'] };
    const imageConfig: NonNullable<GenerateContentConfig['imageConfig']> = {};
    if (plan.aspectRatio) imageConfig.aspectRatio = plan.aspectRatio;
    // imageSize as the model's rules name the tier; a model without tiers (2.5 Flash Image) gets none.
    const tiers = geminiImageRules(this.route.providerModelId, provider).resolutions;
    const imageSize =
      plan.resolution &&
      (tiers ? tiers[plan.resolution] : plan.resolution === '0.5K' ? '512' : plan.resolution);
    if (imageSize) imageConfig.imageSize = imageSize;
    if (Object.keys(imageConfig).length) config.imageConfig = imageConfig;
    if (plan.seed !== undefined) config.seed = plan.seed;
    if (options.googleSearch) config.tools = [{ googleSearch: {} }];

    const started = Date.now();
    const response = await withRetry(provider, retry, opts.signal, async () => {
      const attempt = attemptSignal(opts.signal, timeoutMs);
      const { client, lastHeaders } = genaiClient({
        vertex: provider === 'vertex',
        ...creds,
        baseUrl,
        signal: attempt.signal,
        fetch: this.settings.fetch,
      });
      try {
        return await client.models.generateContent({
          model: this.route.providerModelId,
          contents: [{ role: 'user', parts }],
          config: { ...config, abortSignal: attempt.signal },
        });
      } catch (error) {
        throw mapGoogleError(provider, error, {
          signal: opts.signal,
          timedOut: attempt.timedOut(),
          timeoutMs,
          headers: lastHeaders(),
          idempotent: false,
        });
      } finally {
        attempt.dispose();
      }
    });
    const generationMs = Date.now() - started;
    const requestId = response.responseId;

    const block = response.promptFeedback?.blockReason;
    if (block) {
      throw providerError(
        'content_policy',
        withDetail(
          `Gemini blocked the prompt (${block})`,
          response.promptFeedback?.blockReasonMessage,
        ),
        {
          provider,
          retryable: false,
          reason: block,
          requestId,
        },
        { hint: 'Rephrase the prompt or change the input images.' },
      );
    }
    const candidate = response.candidates?.[0];
    const outParts = candidate?.content?.parts ?? [];
    const images = outParts.flatMap((p) =>
      p.inlineData?.data && p.inlineData.mimeType?.startsWith('image/') ? [p.inlineData] : [],
    );
    const finish = candidate?.finishReason;
    if (images.length === 0) {
      if (finish && BLOCKED.has(finish)) {
        throw providerError(
          'content_policy',
          withDetail(`Gemini withheld the image (${finish})`, candidate?.finishMessage),
          {
            provider,
            retryable: false,
            reason: finish,
            requestId,
          },
          { hint: 'Rephrase the prompt or change the input images.' },
        );
      }
      const text = outParts
        .map((p) => p.text ?? '')
        .join(' ')
        .trim();
      throw providerError(
        'provider_unavailable',
        withDetail(`Gemini returned no image${finish ? ` (${finish})` : ''}`, text.slice(0, 300)),
        {
          provider,
          retryable: false,
          reason: finish ?? 'no_image',
          requestId,
        },
      );
    }

    const warnings = [...plan.warnings, ...checked.warnings];
    const text = outParts
      .filter((p) => p.text && !p.thought)
      .map((p) => p.text)
      .join(' ')
      .trim();
    if (text)
      warnings.push({
        type: 'other',
        message: `Gemini also answered in text: ${text.slice(0, 500)}`,
      });
    const assets = images.map((img) => {
      const data = base64ToBytes(img.data ?? '');
      const info = imageInfo(data);
      return {
        data,
        mediaType: info?.mediaType ?? img.mimeType ?? 'image/png',
        width: info?.width ?? 0,
        height: info?.height ?? 0,
      };
    });
    const usage = { ...usageOf(response), images: assets.length };
    return {
      assets,
      usage,
      warnings,
      providerRequestId: requestId,
      latency: { queueMs: 0, generationMs, downloadMs: 0 },
    };
  }
}

function usageOf(response: GenerateContentResponse): ReportedUsage {
  const m = response.usageMetadata;
  if (!m) return {};
  const byModality = (
    list: { modality?: string; tokenCount?: number }[] | undefined,
    modality: string,
  ) =>
    list?.filter((d) => d.modality === modality).reduce((sum, d) => sum + (d.tokenCount ?? 0), 0);
  const usage: ReportedUsage = {
    inputTokens: m.promptTokenCount,
    outputTokens: m.candidatesTokenCount,
    totalTokens: m.totalTokenCount,
  };
  if (m.promptTokensDetails?.length) {
    usage.inputTextTokens = byModality(m.promptTokensDetails, 'TEXT');
    usage.inputImageTokens = byModality(m.promptTokensDetails, 'IMAGE');
  }
  if (m.candidatesTokensDetails?.length) {
    usage.outputImageTokens = byModality(m.candidatesTokensDetails, 'IMAGE');
    // Thinking is billed as text output.
    usage.outputTextTokens =
      (byModality(m.candidatesTokensDetails, 'TEXT') ?? 0) + (m.thoughtsTokenCount ?? 0);
  } else if (m.thoughtsTokenCount) {
    usage.outputTextTokens = m.thoughtsTokenCount;
  }
  for (const k of Object.keys(usage) as (keyof ReportedUsage)[])
    if (usage[k] === undefined) delete usage[k];
  return usage;
}
