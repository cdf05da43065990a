import { z } from 'zod';

import { RATING_FULL_AT, RATING_WEIGHT } from './evidence-defaults.ts';

/**
 * Your own arena ratings, blended into a recommendation's catalog score. A rating is an Elo-like
 * number (the board's mean is 1000, core/arena); it becomes a 0–5 score as five times the chance
 * of beating an average model, so it sits on the catalog score's scale whatever the board's
 * spread. How much it counts grows with its votes, up to `weight` at `fullAt` votes: a few votes
 * nudge the ranking, many can reorder it.
 */

export const RatingEvidenceSchema = z
  .object({
    ratings: z
      .array(
        z
          .object({
            model: z.string().min(1).max(200),
            rating: z.number().finite(),
            votes: z.number().int().min(0),
          })
          .strict(),
      )
      .max(2000),
    /** The rating's share of the blended score at `fullAt` votes (0–1, default 0.5). */
    weight: z.number().min(0).max(1).default(RATING_WEIGHT),
    fullAt: z.number().int().min(1).max(10_000).default(RATING_FULL_AT),
  })
  .strict();
export type RatingEvidence = z.input<typeof RatingEvidenceSchema>;

export interface YourRating {
  rating: number;
  votes: number;
  /** The rating as a 0–5 score. */
  score: number;
  /** Its share of the blended score. */
  weight: number;
  /** The catalog's score before blending. */
  catalogScore: number;
}

/** Five times the chance of beating a model rated at the board's mean (1000). */
export function ratingScore(rating: number): number {
  return 5 / (1 + 10 ** ((1000 - rating) / 400));
}

/** The blended score and what went into it; undefined for a model without votes. */
export function blendRating(
  model: string,
  catalogScore: number,
  evidence: z.output<typeof RatingEvidenceSchema>,
): { score: number; yours: YourRating } | undefined {
  const r = evidence.ratings.find((x) => x.model === model);
  if (!r || r.votes === 0) return undefined;
  const weight = evidence.weight * Math.min(1, r.votes / evidence.fullAt);
  const score = ratingScore(r.rating);
  return {
    score: Math.round(((1 - weight) * catalogScore + weight * score) * 1000) / 1000,
    yours: { rating: r.rating, votes: r.votes, score, weight, catalogScore },
  };
}
