import { z } from 'zod';
import type { AtelierError } from '../errors.ts';
import { AspectRatio, SizeString, VideoResolution, type Provider } from '../catalog/schema.ts';
import type { Micros } from '../money.ts';
import type { Warning } from '../job-schemas.ts';

/**
 * The provider spec: what every adapter implements, whatever API sits behind it. Requests are
 * normalized (one vocabulary for all providers); each adapter maps them to its wire format and
 * reports every setting it could not honour as a warning, never dropping it silently.
 */

/** Image bytes given as input (reference image, mask, first/last video frame). */
export const MediaInput = z
  .object({
    data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes (a Uint8Array)'),
    mediaType: z.string().regex(/^image\/[\w.+-]+$/, 'an image media type such as image/png'),
  })
  .strict();
export type MediaInput = z.infer<typeof MediaInput>;

/** Options namespaced by provider ("openai", "google", "fal"…); each adapter validates its own. */
export const ProviderOptions = z.record(z.string(), z.record(z.string(), z.unknown()));
export type ProviderOptions = z.infer<typeof ProviderOptions>;

/** svg: the vector models' documents (Recraft), priced as their "vector" variant (cost.ts priceVariant). */
export const ImageOutputFormat = z.enum(['png', 'jpeg', 'webp', 'svg']);
export type ImageOutputFormat = z.infer<typeof ImageOutputFormat>;

export const ImageRequest = z
  .object({
    prompt: z.string().trim().min(1, 'must not be empty').max(32_000),
    n: z.number().int().min(1).max(10).default(1),
    size: SizeString.optional(),
    aspectRatio: AspectRatio.optional(),
    /** The provider's quality word ("low", "medium", "high"…), checked against the catalog. */
    quality: z.string().min(1).optional(),
    /** A resolution tier name ("1K", "2K", "4K"), checked against the catalog. */
    resolution: z.string().min(1).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    referenceImages: z.array(MediaInput).max(16).default([]),
    mask: MediaInput.optional(),
    outputFormat: ImageOutputFormat.optional(),
    background: z.enum(['transparent', 'opaque', 'auto']).optional(),
    negativePrompt: z.string().min(1).optional(),
    providerOptions: ProviderOptions.default({}),
  })
  .strict();
export type ImageRequest = z.output<typeof ImageRequest>;
export type ImageRequestInput = z.input<typeof ImageRequest>;

export const VideoRequest = z
  .object({
    prompt: z.string().trim().min(1, 'must not be empty').max(32_000),
    /** Whole seconds. */
    duration: z.number().int().positive().optional(),
    resolution: VideoResolution.optional(),
    aspectRatio: AspectRatio.optional(),
    audio: z.boolean().optional(),
    firstFrame: MediaInput.optional(),
    lastFrame: MediaInput.optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    negativePrompt: z.string().min(1).optional(),
    providerOptions: ProviderOptions.default({}),
  })
  .strict();
export type VideoRequest = z.output<typeof VideoRequest>;
export type VideoRequestInput = z.input<typeof VideoRequest>;

/** A setting the adapter could not honour as given (one definition for every layer: jobs.ts). */
export { Warning } from '../job-schemas.ts';

export interface Asset {
  data: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
  durationSeconds?: number;
}

/** ReportedUsage exactly as the provider reported it (absent fields were not reported). */
export interface ReportedUsage {
  inputTextTokens?: number;
  inputImageTokens?: number;
  /** Input tokens the provider did not split by modality. */
  inputTokens?: number;
  outputImageTokens?: number;
  outputTextTokens?: number;
  /** Output tokens the provider did not split by modality. */
  outputTokens?: number;
  totalTokens?: number;
  images?: number;
  videoSeconds?: number;
  /** Billing units some providers return with the job (BFL credits, megapixels). */
  credits?: number;
  inputMegapixels?: number;
  outputMegapixels?: number;
}

export interface Cost {
  micros: Micros;
  /** 'usage': computed from reported tokens; 'price': from the route's list price and the request. */
  basis: 'usage' | 'price';
  /** How the total was reached, for people. */
  lines: { label: string; quantity: string; unitPrice: string; micros: Micros }[];
  assumptions: string[];
}

export interface Latency {
  /** Waiting in the provider's queue before work started (0 for synchronous APIs). */
  queueMs: number;
  generationMs: number;
  /** Fetching result bytes from a URL (0 when bytes came inline). */
  downloadMs: number;
}

interface ResultBase {
  assets: Asset[];
  /** What the provider reported and what was made; the caller prices it (priceOutcome). */
  usage: ReportedUsage;
  warnings: Warning[];
  providerRequestId?: string;
  latency: Latency;
}

export interface ImageResult extends ResultBase {
  revisedPrompt?: string;
}

export type VideoResult = ResultBase;

export type ProgressEvent =
  | { type: 'queued'; position?: number }
  | { type: 'progress'; fraction?: number; message?: string }
  | { type: 'partial-image'; index: number; data: Uint8Array; mediaType: string };

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ImageModel {
  readonly provider: Provider;
  /** Catalog id. */
  readonly modelId: string;
  readonly providerModelId: string;
  readonly maxImagesPerCall: number;
  doGenerate(request: ImageRequestInput, opts?: CallOptions): Promise<ImageResult>;
}

/** JSON-serializable handle of a started video job; enough to resume polling in another process. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface VideoOperation {
  provider: Provider;
  modelId: string;
  providerModelId: string;
  /** The provider's job id (fal request_id, Vertex operation name…). */
  id: string;
  /** Epoch ms when the job was submitted. */
  submittedAt: number;
  /** The normalized request parameters pricing needs once the job completes. */
  params: { duration: number; resolution: string; aspectRatio: string; audio: boolean };
  warnings: Warning[];
  /** Provider-specific fields (URLs to follow, timings seen so far). */
  data: { [key: string]: JsonValue };
}

export type VideoStatus =
  | { status: 'pending'; progress?: number; queuePosition?: number; operation: VideoOperation }
  | { status: 'completed'; result: VideoResult }
  | { status: 'failed'; error: AtelierError };

export interface VideoModel {
  readonly provider: Provider;
  readonly modelId: string;
  readonly providerModelId: string;
  doStart(
    request: VideoRequestInput,
    opts?: CallOptions,
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }>;
  /** One status check; `pending` returns the (possibly updated) operation to store. */
  doStatus(operation: VideoOperation, opts?: CallOptions): Promise<VideoStatus>;
  doCancel?(operation: VideoOperation, opts?: CallOptions): Promise<void>;
}
