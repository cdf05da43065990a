import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { scale, type Micros } from '../money.ts';
import { parseInput } from '../validate.ts';

/** The seeds' monthly usage levels: light, medium, heavy, enterprise. */
export const DEFAULT_MONTHLY_VOLUMES = [50, 200, 1000, 5000] as const;

const MicrosSchema = z.number().int().nonnegative();
const Volume = z.number().int().nonnegative();

/** The cost of `volume` assets a month at one per-asset price, per volume. */
export function projectMonthly(
  perAsset: Micros,
  volumes: readonly number[] = DEFAULT_MONTHLY_VOLUMES,
): { volume: number; micros: Micros }[] {
  const p = parseInput(MicrosSchema, perAsset, 'per-asset price');
  const vs = parseInput(z.array(Volume), volumes, 'volumes');
  return vs.map((volume) => ({ volume, micros: scale(p, volume, 1) }));
}

/**
 * The expected cost of one kept asset when only `acceptRatePercent` of generations are kept:
 * retakes multiply the spend by 100 / rate (the seeds' "hidden cost of iteration").
 */
export function costPerAccepted(perAsset: Micros, acceptRatePercent: number): Micros {
  const p = parseInput(MicrosSchema, perAsset, 'per-asset price');
  const rate = parseInput(
    z.number().gt(0).max(100),
    acceptRatePercent,
    'acceptance rate (percent, above 0 up to 100)',
  );
  // Basis points keep fractional percentages (62.5 %) exact in integer arithmetic.
  return scale(p, 10_000, Math.round(rate * 100));
}

// ---------------------------------------------------------------------------------------------
// Budget split

/** Percent shares are held as parts per million so 33.3 % stays exact. */
const PPM = 1_000_000;

export const BudgetShareSchema = z
  .object({
    /** Model id or any label. */
    model: z.string().min(1),
    /** Price of one asset on this model, µUSD. */
    perAsset: MicrosSchema,
    /** Share in percent: of the assets (splitBy 'volume') or of the money (splitBy 'spend'). */
    percent: z.number().gt(0).max(100),
  })
  .strict();
export type BudgetShare = z.infer<typeof BudgetShareSchema>;

export const SplitBudgetSchema = z
  .object({
    shares: z.array(BudgetShareSchema).min(1),
    /** Monthly budget in µUSD: how much volume it buys. Give this or `volume`. */
    budget: MicrosSchema.optional(),
    /** Monthly volume of assets: what it costs. Give this or `budget`. */
    volume: Volume.optional(),
    /** 'volume' (default): percents are shares of the assets, as the seeds' "80% of work". */
    splitBy: z.enum(['volume', 'spend']).default('volume'),
  })
  .strict()
  .refine((s) => (s.budget === undefined) !== (s.volume === undefined), {
    message: 'give exactly one of budget or volume',
    path: ['budget'],
  })
  .refine((s) => Math.abs(s.shares.reduce((sum, x) => sum + x.percent, 0) - 100) < 1e-6, {
    message: 'shares must add up to 100 percent',
    path: ['shares'],
  })
  .refine((s) => !(s.splitBy === 'spend' && s.volume !== undefined), {
    message: "splitBy 'spend' needs a budget, not a volume",
    path: ['splitBy'],
  });
export type SplitBudgetInput = z.input<typeof SplitBudgetSchema>;

export interface BudgetAllocation {
  model: string;
  percent: number;
  volume: number;
  micros: Micros;
}

export interface BudgetSplit {
  allocations: BudgetAllocation[];
  volume: number;
  micros: Micros;
  /** Budget left over after buying whole assets; 0 when a volume was given. */
  remaining: Micros;
}

/** Splits a whole number by weights, largest remainder first, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)) / BigInt(sum));
  const rest = weights.map((w) => (BigInt(total) * BigInt(w)) % BigInt(sum));
  const parts = exact.map(Number);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = rest
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/**
 * Splits monthly work across models, as the seeds' budget strategy (one model for 80 % of the
 * work, a premium one for the rest). Given a volume: what each part costs. Given a budget: the
 * largest whole volume it buys at those shares (splitBy 'volume'), or each model's share of the
 * money turned into whole assets (splitBy 'spend').
 */
export function splitBudget(input: SplitBudgetInput): BudgetSplit {
  const s = parseInput(SplitBudgetSchema, input, 'budget split');
  const weights = s.shares.map((x) => Math.round((x.percent / 100) * PPM));
  const cost = (volumes: number[]): Micros =>
    volumes.reduce((sum, v, i) => sum + scale(s.shares[i]?.perAsset ?? 0, v, 1), 0);
  const result = (volumes: number[], budget?: Micros): BudgetSplit => {
    const allocations = s.shares.map((x, i) => {
      const volume = volumes[i] ?? 0;
      return { model: x.model, percent: x.percent, volume, micros: scale(x.perAsset, volume, 1) };
    });
    const micros = allocations.reduce((sum, a) => sum + a.micros, 0);
    return {
      allocations,
      volume: volumes.reduce((a, b) => a + b, 0),
      micros,
      remaining: budget === undefined ? 0 : budget - micros,
    };
  };

  if (s.volume !== undefined) return result(apportion(s.volume, weights));
  const budget = s.budget ?? 0;

  if (s.splitBy === 'spend') {
    const money = apportion(budget, weights);
    const volumes = s.shares.map((x, i) => {
      if (x.perAsset === 0) throw freeModel(x.model);
      return Math.floor((money[i] ?? 0) / x.perAsset);
    });
    return result(volumes, budget);
  }

  // The blended price per asset sets a first guess; apportionment rounding is then corrected
  // by walking one asset at a time.
  const blendedPpm = s.shares.reduce((sum, x, i) => sum + x.perAsset * (weights[i] ?? 0), 0);
  if (blendedPpm === 0) throw freeModel(s.shares.map((x) => x.model).join(', '));
  let volume = Number((BigInt(budget) * BigInt(PPM)) / BigInt(blendedPpm));
  while (volume > 0 && cost(apportion(volume, weights)) > budget) volume -= 1;
  while (cost(apportion(volume + 1, weights)) <= budget) volume += 1;
  return result(apportion(volume, weights), budget);
}

function freeModel(model: string): AtelierError {
  return new AtelierError(
    'invalid_input',
    `A budget cannot be split onto a price of $0 (${model}).`,
    {
      hint: 'Give a volume instead, or check the per-asset price.',
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Break-even

export const CostPlanSchema = z
  .object({
    label: z.string().min(1),
    /** µUSD per asset beyond what the fixed fee covers (0 for an unlimited subscription). */
    perAsset: MicrosSchema,
    /** Fixed fee per month: a subscription or a credit pack. */
    fixed: MicrosSchema.default(0),
    /** Assets the fixed fee covers before `perAsset` applies. */
    included: Volume.default(0),
  })
  .strict();
export type CostPlan = z.input<typeof CostPlanSchema>;
type Plan = z.output<typeof CostPlanSchema>;

/** Monthly cost of `volume` assets under a plan. */
export function planCost(plan: CostPlan, volume: number): Micros {
  const p = parseInput(CostPlanSchema, plan, 'cost plan');
  const v = parseInput(Volume, volume, 'volume');
  return p.fixed + scale(p.perAsset, Math.max(0, v - p.included), 1);
}

export interface BreakEven {
  /**
   * The first volume at which the plan that is cheaper at low volume stops being cheaper (costs
   * equal or reverse); null when that never happens.
   */
  volume: number | null;
  /** Label of the plan that is cheaper below `volume` (null when both cost the same there). */
  cheaperBelow: string | null;
  /** Label of the plan that is strictly cheaper from some volume at or after `volume`, if any. */
  cheaperAbove: string | null;
  /** Every change of the cheaper plan, in volume order. */
  crossings: { volume: number; cheaper: string | null }[];
}

/** Cost of a plan as α + β·v on one stretch of volumes (integers, µUSD). */
function linearOn(plan: Plan, from: number): [bigint, bigint] {
  if (from >= plan.included)
    return [
      BigInt(plan.fixed) - BigInt(plan.included) * BigInt(plan.perAsset),
      BigInt(plan.perAsset),
    ];
  return [BigInt(plan.fixed), 0n];
}

/** Smallest integer v in [lo, hi] with A + B·v ≥ 0 (strict: > 0), or undefined. */
function firstAtLeast(
  a: bigint,
  b: bigint,
  lo: number,
  hi: number,
  strict: boolean,
): number | undefined {
  const ok = (v: number): boolean => (strict ? a + b * BigInt(v) > 0n : a + b * BigInt(v) >= 0n);
  if (ok(lo)) return lo;
  if (b <= 0n) return undefined;
  // ceil(-a / b) for ≥, floor(-a / b) + 1 for >; a + b·lo < 0 here, so -a > b·lo ≥ 0.
  const n = -a;
  const v = strict ? n / b + 1n : (n + b - 1n) / b;
  return v <= BigInt(hi) ? Number(v) : undefined;
}

/**
 * Where two monthly cost plans cross, e.g. a per-asset API price against a subscription or a
 * credit pack with a fixed fee and an included volume.
 */
export function breakEven(first: CostPlan, second: CostPlan): BreakEven {
  const a = parseInput(CostPlanSchema, first, 'first plan');
  const b = parseInput(CostPlanSchema, second, 'second plan');
  const starts = [...new Set([0, a.included, b.included])].sort((x, y) => x - y);
  const segments = starts.map((lo, i) => {
    const next = starts[i + 1];
    const [aa, ab] = linearOn(a, lo);
    const [ba, bb] = linearOn(b, lo);
    // d(v) = cost(a) − cost(b): negative while the first plan is cheaper.
    return {
      lo,
      hi: next === undefined ? Number.MAX_SAFE_INTEGER : next - 1,
      da: aa - ba,
      db: ab - bb,
    };
  });
  const d = (v: number): bigint => {
    const seg = [...segments].reverse().find((s) => v >= s.lo) ?? segments[0];
    return seg ? seg.da + seg.db * BigInt(v) : 0n;
  };
  const leaderAt = (v: number): string | null => (d(v) < 0n ? a.label : d(v) > 0n ? b.label : null);

  /** First volume ≥ from where sign·d(v) ≥ 0 (strict: > 0). */
  const find = (from: number, sign: 1n | -1n, strict: boolean): number | undefined => {
    for (const seg of segments) {
      if (seg.hi < from) continue;
      const v = firstAtLeast(sign * seg.da, sign * seg.db, Math.max(seg.lo, from), seg.hi, strict);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  const crossings: BreakEven['crossings'] = [];
  let from = 0;
  let leader = leaderAt(0);
  if (leader === null) {
    // Equal at zero: whoever is strictly cheaper first sets the starting leader.
    const aFirst = find(0, -1n, true);
    const bFirst = find(0, 1n, true);
    if (aFirst === undefined && bFirst === undefined)
      return { volume: null, cheaperBelow: null, cheaperAbove: null, crossings };
    from = Math.min(aFirst ?? Infinity, bFirst ?? Infinity);
    leader = leaderAt(from);
  }
  const cheaperBelow = leader;
  for (let i = 0; i < 8 && leader !== null; i += 1) {
    const sign: 1n | -1n = d(from) < 0n ? 1n : -1n;
    const even = find(from, sign, false);
    if (even === undefined) break;
    const strict = find(even, sign, true);
    const next = strict === undefined ? null : leaderAt(strict);
    crossings.push({ volume: even, cheaper: next });
    if (strict === undefined) break;
    from = strict;
    leader = next;
  }
  const firstCrossing = crossings[0];
  return {
    volume: firstCrossing ? firstCrossing.volume : null,
    cheaperBelow,
    cheaperAbove: firstCrossing ? firstCrossing.cheaper : null,
    crossings,
  };
}
