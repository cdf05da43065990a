import {
  AtelierError,
  BflImageOptions,
  checkImageRequest,
  checkVideoRequest,
  GoogleImageOptions,
  ImageRequest,
  OpenAIImageOptions,
  parseInput,
  VertexVideoOptions,
  VideoRequest,
  type EstimateRequest,
  type ImageModelEntry,
  type ImageRequestInput,
  type ModelEntry,
  type Route,
  type VideoModelEntry,
  type VideoRequestInput,
  type Warning,
} from '@atelier/core';
import type { z } from 'zod';
import { inputFields, type ResolvedInput } from './job-inputs.ts';

/**
 * What a job runs with. The API takes the provider spec's request minus the prompt and the
 * binary inputs (reference images, masks, frames), so every field is plain JSON and can be
 * stored with the generation and replayed after a restart.
 */

export const ImageParams = ImageRequest.omit({ prompt: true, referenceImages: true, mask: true });
export type ImageParams = z.input<typeof ImageParams>;
export const VideoParams = VideoRequest.omit({ prompt: true, firstFrame: true, lastFrame: true });
export type VideoParams = z.input<typeof VideoParams>;

export type JobKind = 'image' | 'video';

export interface PlannedJob {
  /** Stored with the generation; the request is rebuilt from it and the prompt. */
  params: Record<string, unknown>;
  priceRequest: EstimateRequest;
  warnings: Warning[];
}

/** Provider namespaces of `providerOptions` checked at submit, so a typo fails before any spend. */
function checkProviderOptions(
  kind: JobKind,
  route: Route,
  options: Record<string, Record<string, unknown>>,
): void {
  const schema =
    kind === 'video'
      ? { vertex: VertexVideoOptions }[route.provider as 'vertex']
      : {
          openai: OpenAIImageOptions,
          google: GoogleImageOptions,
          vertex: GoogleImageOptions,
          bfl: BflImageOptions,
        }[route.provider as 'openai' | 'google' | 'vertex' | 'bfl'];
  const given = options[route.provider];
  if (!schema || given === undefined) return;
  parseInput(schema, given, `providerOptions.${route.provider}`);
}

/**
 * Checks one model's request against its capabilities (throws 'invalid_request' for what it
 * cannot do at all, warns for what it will adjust) and prices what will actually run.
 */
export function assertKind(kind: JobKind, entry: ModelEntry): void {
  if (entry.modality === kind) return;
  throw new AtelierError(
    'invalid_request',
    `${entry.name} makes ${entry.modality === 'image' ? 'images' : 'video'}, not ${kind === 'image' ? 'images' : 'video'}.`,
    {
      hint: `Send it with kind "${entry.modality}".`,
      details: { model: entry.id, kind },
    },
  );
}

export function planJob(
  kind: JobKind,
  entry: ModelEntry,
  route: Route,
  prompt: string,
  rawParams: unknown,
  inputs: readonly ResolvedInput[] = [],
): PlannedJob {
  assertKind(kind, entry);
  // Stand-ins for the input bytes: a model is checked against which inputs there are.
  const given = inputFields(kind, inputs);
  if (kind === 'image') {
    const params = parseInput(ImageParams, rawParams ?? {}, 'image parameters');
    const request = parseInput(ImageRequest, { ...params, ...given, prompt }, 'image request');
    const image = entry as ImageModelEntry;
    // generateImages splits n across calls a model caps, so each call is checked at its own size.
    const plan = checkImageRequest(image, {
      ...request,
      n: Math.min(request.n, image.image.maxImagesPerCall),
    });
    checkProviderOptions(kind, route, request.providerOptions);
    return {
      params,
      warnings: plan.warnings,
      priceRequest: {
        model: entry.id,
        provider: route.provider,
        prompt,
        count: request.n,
        quality: request.quality,
        size: request.size,
        resolution: request.resolution,
        aspectRatio: request.aspectRatio,
        // Token-priced models bill the images they are given.
        ...(request.referenceImages.length > 0
          ? { inputImages: request.referenceImages.length }
          : {}),
      },
    };
  }
  const params = parseInput(VideoParams, rawParams ?? {}, 'video parameters');
  const request = parseInput(VideoRequest, { ...params, ...given, prompt }, 'video request');
  const plan = checkVideoRequest(entry as VideoModelEntry, request);
  checkProviderOptions(kind, route, request.providerOptions);
  return {
    params,
    warnings: plan.warnings,
    // The plan's explicit defaults are what the adapter sends, so they are what gets billed.
    priceRequest: {
      model: entry.id,
      provider: route.provider,
      prompt,
      count: 1,
      seconds: plan.duration,
      resolution: plan.resolution,
      aspectRatio: plan.aspectRatio,
      audio: plan.audio,
      ...(request.firstFrame ? { inputImages: 1 } : {}),
    },
  };
}

/** The request a stored generation runs with: its params, the prompt and its inputs' bytes. */
export function imageRequestOf(
  prompt: string,
  params: Record<string, unknown>,
  inputs: Pick<ImageRequestInput, 'referenceImages' | 'mask'> = {},
): ImageRequestInput {
  return { ...(params as Omit<ImageRequestInput, 'prompt'>), ...inputs, prompt };
}

export function videoRequestOf(
  prompt: string,
  params: Record<string, unknown>,
  inputs: Pick<VideoRequestInput, 'firstFrame' | 'lastFrame'> = {},
): VideoRequestInput {
  return { ...(params as Omit<VideoRequestInput, 'prompt'>), ...inputs, prompt };
}
