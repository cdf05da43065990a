/**
 * Provider adapters: one spec (spec.ts) over OpenAI, Gemini / Vertex, fal and BFL, with one
 * error vocabulary, one retry policy, a key store, and a side-by-side runner.
 */
export * from './spec.ts';
export {
  checkImageRequest,
  checkVideoRequest,
  type ImagePlan,
  type VideoPlan,
} from './capabilities.ts';
export { isRetryable, redactSecrets, parseRetryAfter, PROVIDER_NAMES } from './errors.ts';
export { DEFAULT_RETRY_POLICY, retryPolicy, type RetryPolicy } from './retry.ts';
export {
  KeyStore,
  KeyName,
  KEY_ENV,
  ProviderKeyValue,
  configDir,
  maskKey,
  findKey,
  resolveKey,
  resolveVertex,
  missingKeyError,
  type KeySources,
  type ResolvedKey,
  type StoredKeyInfo,
  type VertexCredentials,
} from './keys.ts';
export { resolveBaseUrl, BASE_URL_ENV, type ProviderSettings } from './settings.ts';
export { OpenAIImageModel, OpenAIImageOptions } from './openai.ts';
export { GeminiImageModel, GoogleImageOptions } from './google.ts';
export { VertexVideoModel, VertexVideoOptions } from './vertex-video.ts';
export { FalImageModel, FalVideoModel } from './fal.ts';
export {
  providerOptionsSchema,
  describeProviderOptions,
  type ProviderOptionField,
} from './options-schema.ts';
export { BflImageModel, BflImageOptions } from './bfl.ts';
export { ByteplusImageModel, ByteplusImageOptions } from './byteplus.ts';
export { ByteplusVideoModel, ByteplusVideoOptions } from './byteplus-video.ts';
export { DashscopeImageModel, DashscopeOptions } from './dashscope.ts';
export { DashscopeVideoModel } from './dashscope-video.ts';
export { RecraftImageModel, RecraftImageOptions } from './recraft.ts';
export { ReplicateImageModel, ReplicateImageOptions } from './replicate.ts';
export { StabilityImageModel, StabilityImageOptions } from './stability.ts';
export {
  imageModel,
  videoModel,
  videoModelFor,
  selectRoute,
  configuredProviders,
  hasAdapter,
  hasCredentials,
  type ModelSelection,
} from './models.ts';
export {
  routeRunnability,
  modelRunnability,
  isRetiredOn,
  today,
  TODAY_ENV,
  type Runnability,
} from './runnable.ts';
export { priceOutcome, priceRun, routeOf, type Outcome } from './cost.ts';
export {
  generateImages,
  generateVideo,
  pollVideo,
  mergeImageResults,
  type PollOptions,
} from './generate.ts';
export { withPngText, readPngText, isPng } from './png-text.ts';
export { inputImageInfo, INPUT_IMAGE_TYPES, type InputImageType } from './media.ts';
// The whole-file check of an input, for frontends that read files themselves (the CLI's -i).
export { inspectImage, type InspectedImage } from '../rules/inspect.ts';
