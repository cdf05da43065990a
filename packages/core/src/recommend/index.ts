export {
  recommend,
  CANNOT_RUN_HERE,
  RecommendQuerySchema,
  RecommendSettingsSchema,
  type RecommendQuery,
  type Recommendation,
  type RankedModel,
  type ExcludedModel,
  type CostEstimate,
} from './recommend.ts';
export { MustHave, MUST_HAVES, TEXT_IN_IMAGE_MIN } from './must-haves.ts';
export {
  blendRating,
  ratingScore,
  RatingEvidenceSchema,
  type RatingEvidence,
  type YourRating,
} from './evidence.ts';
export { RATING_FULL_AT, RATING_WEIGHT } from './evidence-defaults.ts';
