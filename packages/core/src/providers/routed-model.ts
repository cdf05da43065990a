import type { ImageModelEntry, Provider, Route, VideoModelEntry } from '../catalog/schema.ts';
import { parseInput } from '../validate.ts';
import {
  checkImageRequest,
  checkVideoRequest,
  type ImagePlan,
  type VideoPlan,
} from './capabilities.ts';
import type { ProviderSettings } from './settings.ts';
import {
  ImageRequest,
  VideoRequest,
  type CallOptions,
  type ImageModel,
  type ImageRequestInput,
  type ImageResult,
  type VideoModel,
  type VideoOperation,
  type VideoRequestInput,
  type VideoStatus,
  type Warning,
} from './spec.ts';

/**
 * What every adapter holds (its catalog entry, the route it calls, the settings it calls with)
 * and the one way it reads a request: parsed, then checked against the model's capabilities,
 * which rejects what the model cannot do and warns about what it will adjust.
 */
export abstract class RoutedImageModel implements ImageModel {
  abstract readonly provider: Provider;
  readonly modelId: string;
  readonly providerModelId: string;
  readonly maxImagesPerCall: number;

  constructor(
    protected readonly entry: ImageModelEntry,
    protected readonly route: Route,
    protected readonly settings: ProviderSettings = {},
  ) {
    this.modelId = entry.id;
    this.providerModelId = route.providerModelId;
    this.maxImagesPerCall = entry.image.maxImagesPerCall;
  }

  abstract doGenerate(input: ImageRequestInput, opts?: CallOptions): Promise<ImageResult>;

  protected planRequest(input: ImageRequestInput): { req: ImageRequest; plan: ImagePlan } {
    const req = parseInput(ImageRequest, input, 'image request');
    return { req, plan: checkImageRequest(this.entry, req) };
  }
}

/** The same for video adapters (see RoutedImageModel). */
export abstract class RoutedVideoModel implements VideoModel {
  abstract readonly provider: Provider;
  readonly modelId: string;
  readonly providerModelId: string;

  constructor(
    protected readonly entry: VideoModelEntry,
    protected readonly route: Route,
    protected readonly settings: ProviderSettings = {},
  ) {
    this.modelId = entry.id;
    this.providerModelId = route.providerModelId;
  }

  abstract doStart(
    input: VideoRequestInput,
    opts?: CallOptions,
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }>;
  abstract doStatus(operation: VideoOperation, opts?: CallOptions): Promise<VideoStatus>;

  protected planRequest(input: VideoRequestInput): { req: VideoRequest; plan: VideoPlan } {
    const req = parseInput(VideoRequest, input, 'video request');
    return { req, plan: checkVideoRequest(this.entry, req) };
  }
}
