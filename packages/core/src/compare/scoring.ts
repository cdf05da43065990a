import { Criterion, type ModelEntry, type Score } from '../catalog/schema.ts';

/**
 * Weighted scores over the seeds' criteria (0–5 each). A criterion the catalog has no score for
 * counts as the scale's midpoint, so missing data neither helps nor sinks a model; a still-image
 * model has no motion, which counts as 0 only where a lens asks for video.
 */
export const UNSCORED_VALUE = 2.5;

/** A contested score (see Score.contested) counts with this share of its criterion's weight. */
export const CONTESTED_WEIGHT = 0.5;

export type Weights = Readonly<Partial<Record<Criterion, number>>>;

export interface CriterionContribution {
  criterion: Criterion;
  /** This criterion's share of the total weight, 0–1. */
  weight: number;
  /** The catalog score with its source, when there is one. */
  score?: Score;
  /** The value counted: the score, UNSCORED_VALUE when unscored, 0 for motion on a still model. */
  counted: number;
  /** weight × counted: the points this criterion adds to the 0–5 total. */
  contribution: number;
  note?: string;
}

export interface WeightedScore {
  /** 0–5, rounded to 3 decimals so ordering is stable. */
  score: number;
  breakdown: CriterionContribution[];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * `stillMotion`: 'skip' leaves motion out for image models (their other criteria carry the
 * weight); 'zero' counts it as 0 (a video job a still-image model cannot do).
 */
export function weightedScore(
  model: ModelEntry,
  weights: Weights,
  stillMotion: 'skip' | 'zero' = 'skip',
): WeightedScore {
  const applicable = Criterion.options.filter(
    (c) =>
      (weights[c] ?? 0) > 0 &&
      !(c === 'motion' && model.modality === 'image' && stillMotion === 'skip'),
  );
  const raw = (c: Criterion) =>
    (weights[c] ?? 0) * (model.scores[c]?.contested ? CONTESTED_WEIGHT : 1);
  const total = applicable.reduce((sum, c) => sum + raw(c), 0);
  if (total === 0) return { score: 0, breakdown: [] };
  const breakdown = applicable.map((criterion): CriterionContribution => {
    const weight = raw(criterion) / total;
    const score = model.scores[criterion];
    let counted = score?.value ?? UNSCORED_VALUE;
    let note: string | undefined = score
      ? score.contested
        ? `contested (${score.contested.reason}); half weight`
        : score.note
      : `unscored; counted as ${UNSCORED_VALUE}`;
    if (criterion === 'motion' && model.modality === 'image') {
      counted = 0;
      note = 'still-image model: no motion';
    }
    return {
      criterion,
      weight: round3(weight),
      ...(score ? { score } : {}),
      counted,
      contribution: round3(weight * counted),
      ...(note ? { note } : {}),
    };
  });
  const score = applicable.reduce(
    (sum, c, i) => sum + (raw(c) / total) * (breakdown[i]?.counted ?? 0),
    0,
  );
  return { score: round3(score), breakdown };
}

/** Equal weight on every criterion that applies to the model's modality. */
export function balancedWeights(): Weights {
  return Object.fromEntries(Criterion.options.map((c) => [c, 1]));
}
