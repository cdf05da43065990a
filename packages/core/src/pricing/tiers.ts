import type { When } from '../catalog/schema.ts';

/** The price dimensions a tier's `when` can name. */
export const TIER_DIMS = ['quality', 'size', 'resolution', 'audio', 'variant'] as const;
export type TierDim = (typeof TIER_DIMS)[number];

/** One concrete choice of every price dimension; `undefined` = not chosen (provider default). */
export interface Scenario {
  quality?: string;
  size?: string;
  resolution?: string;
  audio?: boolean;
  variant?: string;
  seconds?: number;
}

type DimValue = string | boolean;

/** Provider words compare case-insensitively ("1k" = "1K", "High" = "high"). */
export function sameValue(a: DimValue, b: DimValue): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function matches(when: When, scenario: Scenario): boolean {
  for (const dim of TIER_DIMS) {
    const want = when[dim];
    if (want === undefined) continue;
    const have = scenario[dim];
    if (have === undefined || !sameValue(want, have)) return false;
  }
  return true;
}

function specificity(when: When): number {
  return TIER_DIMS.filter((d) => when[d] !== undefined).length;
}

/**
 * The tier for a scenario: among tiers whose every condition holds, the most specific wins; an
 * empty `when` matches everything. Ties go to the tier listed first.
 */
export function matchTier<T extends { when: When }>(
  tiers: readonly T[],
  scenario: Scenario,
): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const tier of tiers) {
    if (!matches(tier.when, scenario)) continue;
    const score = specificity(tier.when);
    if (score > bestScore) {
      best = tier;
      bestScore = score;
    }
  }
  return best;
}

/** The distinct values the tiers name for each dimension, in first-seen order. */
export function tierValues(tiers: readonly { when: When }[]): Map<TierDim, DimValue[]> {
  const out = new Map<TierDim, DimValue[]>();
  for (const tier of tiers) {
    for (const dim of TIER_DIMS) {
      const value = tier.when[dim];
      if (value === undefined) continue;
      const list = out.get(dim) ?? [];
      if (!list.some((v) => sameValue(v, value))) list.push(value);
      out.set(dim, list);
    }
  }
  return out;
}

/** "quality high, 1024x1024" — the conditions of a tier, for labels. */
export function describeWhen(when: When): string {
  const parts: string[] = [];
  if (when.quality !== undefined) parts.push(`quality ${when.quality}`);
  if (when.size !== undefined) parts.push(when.size);
  if (when.resolution !== undefined) parts.push(when.resolution);
  if (when.audio !== undefined) parts.push(when.audio ? 'with audio' : 'no audio');
  if (when.variant !== undefined) parts.push(when.variant);
  return parts.join(', ');
}
