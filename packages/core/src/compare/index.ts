export {
  compare,
  listNames,
  CompareInputSchema,
  type CompareOptions,
  type Comparison,
  type ComparedModel,
  type CellScore,
  type CriterionRow,
  type LensResult,
  type ChooseRow,
  type Verdict,
} from './compare.ts';
export {
  featureRows,
  startingPriceCell,
  supports4k,
  type FeatureKey,
  type FeatureCell,
  type FeatureRow,
} from './features.ts';
export { UseCase, LENSES, CRITERION_LABELS, type Lens, type SuggestedSettings } from './lenses.ts';
export {
  weightedScore,
  balancedWeights,
  UNSCORED_VALUE,
  type Weights,
  type WeightedScore,
  type CriterionContribution,
} from './scoring.ts';
