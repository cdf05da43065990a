/**
 * The pricing engine: what a request costs on a model's routes (low / expected / high with
 * sourced cost lines), what a finished call cost, and the monthly planning arithmetic.
 */
export {
  PriceParamsSchema,
  EstimateRequestSchema,
  type PriceParams,
  type EstimateRequest,
} from './params.ts';
export { priceOf, DERIVED_MARGIN_PERCENT, type PriceResult } from './price-of.ts';
export type { CostLine, PriceContext } from './units.ts';
export { videoTokens } from './units.ts';
export {
  gptImage2OutputTokens,
  GPT_IMAGE_2_QUALITY_FACTORS,
  OUTPUT_TOKEN_FORMULAS,
} from './formulas.ts';
export {
  estimate,
  chooseRoute,
  startingPrice,
  priceClaims,
  contextFor,
  type Estimate,
  type RouteChoice,
  type RouteChoiceOptions,
  type RouteRequest,
  type StartingPrice,
  type ClaimPrice,
} from './estimate.ts';
export {
  CLIP_SECONDS,
  defaultClipSeconds,
  imageDefaults,
  videoDefaults,
  type ImageDefaults,
  type VideoDefaults,
} from './defaults.ts';
export { actualCost, UsageSchema, type Usage } from './actual.ts';
export {
  projectMonthly,
  costPerAccepted,
  splitBudget,
  breakEven,
  planCost,
  DEFAULT_MONTHLY_VOLUMES,
  BudgetShareSchema,
  SplitBudgetSchema,
  CostPlanSchema,
  type BudgetShare,
  type SplitBudgetInput,
  type BudgetAllocation,
  type BudgetSplit,
  type CostPlan,
  type BreakEven,
} from './planning.ts';
