/**
 * How much your arena ratings count in a recommendation by default. Plain numbers, without the
 * schema that applies them (evidence.ts), so a browser page can say "on by default from 20 votes"
 * from the same figure without bundling zod.
 */

/** A rating's share of the blended score once it has `RATING_FULL_AT` votes. */
export const RATING_WEIGHT = 0.5;

/** Votes at which a rating counts fully; the web's "Weigh my ratings" switch is on from here. */
export const RATING_FULL_AT = 20;
