/**
 * Per-route rules the catalog's capabilities cannot express, kept as data next to each
 * provider's options (openai.ts, bfl.ts, google.ts, fal.ts, video.ts) and read by one
 * interpreter (check.ts); and the one reading of an input image's bytes (inspect.ts).
 */
export { checkRouteRules, refusalError } from './check.ts';
export { inspectImage, type InspectedImage } from './inspect.ts';
export { routeRules } from './routes.ts';
export { OpenAIImageOptions, openaiImageRules } from './openai.ts';
export { BflImageOptions, bflImageRules, type BflRouteRules } from './bfl.ts';
export { GoogleImageOptions, geminiImageRules } from './google.ts';
export type {
  CallKind,
  InputImageInfo,
  InputRole,
  Refusal,
  RouteRules,
  RuleInput,
  RuleOutcome,
} from './types.ts';
