import type { Price, When } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { scale, type Micros } from '../money.ts';
import { parseInput } from '../validate.ts';
import { OUTPUT_TOKEN_FORMULAS } from './formulas.ts';
import { PriceParamsSchema, type PriceParams } from './params.ts';
import { sameValue, TIER_DIMS, tierValues, type Scenario, type TierDim } from './tiers.ts';
import {
  creditRate,
  evaluate,
  type CostLine,
  type Evaluation,
  type Fixed,
  type PriceContext,
} from './units.ts';

export interface PriceResult {
  low: Micros;
  expected: Micros;
  high: Micros;
  /** The cost lines of the expected case; they add up to `expected`. */
  lines: CostLine[];
  /** Everything assumed to reach these numbers, in words. */
  assumptions: string[];
}

/**
 * How far an unofficial, community-derived quantity (the gpt-image-2 token formula) may be off:
 * it matched three calculator values but nothing more, so the range is widened either way.
 */
export const DERIVED_MARGIN_PERCENT = 20;

type DimValue = string | boolean;

function tiersOf(price: Price): readonly { when: When }[] {
  switch (price.unit) {
    case 'image':
    case 'second':
    case 'video_token':
    case 'credits':
      return price.tiers;
    case 'token':
      return price.outputImageTokens.kind === 'table' ? price.outputImageTokens.tiers : [];
    case 'megapixel':
      return [];
  }
}

/** The values each dimension can take under this price (from its tiers or formula). */
function priceDims(price: Price): Map<TierDim, DimValue[]> {
  const dims = tierValues(tiersOf(price));
  if (price.unit === 'token' && price.outputImageTokens.kind === 'formula') {
    dims.set('quality', [...OUTPUT_TOKEN_FORMULAS[price.outputImageTokens.formula].qualities]);
  }
  return dims;
}

/** Whether the price counts pixels (megapixels, the gpt-image-2 formula, video tokens). */
export function needsPixels(price: Price): boolean {
  return (
    price.unit === 'megapixel' ||
    price.unit === 'video_token' ||
    (price.unit === 'token' && price.outputImageTokens.kind === 'formula')
  );
}

function needsSeconds(price: Price): boolean {
  return (
    price.unit === 'second' ||
    price.unit === 'video_token' ||
    (price.unit === 'credits' && price.per === 'second')
  );
}

/** "auto" quality or size means the provider chooses: treat it as not chosen. */
function chosen(params: PriceParams, dim: TierDim): DimValue | undefined {
  const value = params[dim];
  if (
    typeof value === 'string' &&
    (dim === 'quality' || dim === 'size') &&
    value.toLowerCase() === 'auto'
  )
    return undefined;
  return value;
}

function show(value: DimValue | number | undefined): string {
  return value === undefined
    ? 'the provider default'
    : typeof value === 'boolean'
      ? value
        ? 'on'
        : 'off'
      : String(value);
}

function median<T>(sorted: readonly T[]): T | undefined {
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

interface Scored {
  scenario: Scenario;
  evaluation: Evaluation;
}

/**
 * Prices `params` under one Price. Dimensions the caller leaves open (or sets to "auto") become
 * a range: low = cheapest option, high = dearest, expected = the provider default (from
 * `context.defaults`) or, when that is unknown, the middle option. Throws
 * AtelierError('price_unavailable') when no tier applies (naming the allowed values) or when
 * the price cannot be turned into dollars.
 */
export function priceOf(
  price: Price,
  params: PriceParams,
  context: PriceContext = {},
  /** false: report the cheapest and dearest options at face value (e.g. for "starting price"). */
  opts: { widenDerived?: boolean } = {},
): PriceResult {
  const p = parseInput(PriceParamsSchema, params, 'price parameters');
  if (price.unit === 'credits') creditRate(price);
  const fixed: Fixed = {
    count: p.count ?? 1,
    aspectRatio: p.aspectRatio,
    inputImages: p.inputImages ?? 0,
    inputPixels: p.inputPixels,
    promptTokens: p.promptTokens,
  };
  const dims = priceDims(price);
  // A variant names a product line ("pro", "vector"); one this price does not list is a mistake,
  // not a setting a catch-all tier may absorb.
  if (
    p.variant !== undefined &&
    !(dims.get('variant') ?? []).some((v) => sameValue(v, p.variant ?? ''))
  ) {
    throw noTier(price, p, dims);
  }
  const pixels = needsPixels(price);
  const assumptions: string[] = [];

  // Candidate values per dimension: what the caller chose; else, for a dimension the price
  // depends on, what the model offers or, failing that, every value the price names.
  const candidates = new Map<TierDim, (DimValue | undefined)[]>();
  const open: TierDim[] = [];
  for (const dim of TIER_DIMS) {
    const value = chosen(p, dim);
    const relevant = dims.has(dim) || (pixels && (dim === 'size' || dim === 'resolution'));
    if (value !== undefined) {
      candidates.set(dim, [value]);
      if (!relevant) assumptions.push(`${dim} ${show(value)} does not change this price.`);
      continue;
    }
    const offered: DimValue[] = [...(context.options?.[dim] ?? [])].filter(
      (v) => !(typeof v === 'string' && v.toLowerCase() === 'auto'),
    );
    if (!relevant) {
      candidates.set(dim, [undefined]);
    } else if (dim === 'variant' && tiersOf(price).some((t) => t.when.variant === undefined)) {
      // A variant ("video-input", "voice-control", "vector") is priced only when asked for: a
      // request that names none pays the plain tiers, so a cheaper variant is not its low end.
      candidates.set(dim, [undefined]);
    } else if (offered.length) {
      // The model's own options; "not set" is not one of them, the provider default is.
      open.push(dim);
      candidates.set(dim, offered);
    } else {
      const named = dims.get(dim) ?? [];
      if (named.length) open.push(dim);
      candidates.set(dim, [undefined, ...named]);
    }
  }
  let secondsOptions: (number | undefined)[] = [undefined];
  if (needsSeconds(price)) {
    if (p.seconds !== undefined) secondsOptions = [p.seconds];
    else if (context.durations?.length) secondsOptions = [...context.durations];
    else {
      throw new AtelierError(
        'invalid_input',
        'seconds: the clip length is needed to price per-second video.',
        {
          hint: 'Pass seconds (e.g. 8).',
        },
      );
    }
  }

  const scenarios: Scenario[] = [{}];
  for (const dim of TIER_DIMS) {
    const values = candidates.get(dim) ?? [undefined];
    const next: Scenario[] = [];
    for (const s of scenarios) for (const v of values) next.push({ ...s, [dim]: v });
    scenarios.splice(0, scenarios.length, ...next);
  }
  const withSeconds = scenarios.flatMap((s) =>
    secondsOptions.map((seconds) => ({ ...s, seconds })),
  );

  const defaults = context.defaults ?? {};
  const expectedScenario: Scenario = { seconds: p.seconds ?? defaults.seconds };
  for (const dim of TIER_DIMS) {
    const value = chosen(p, dim) ?? defaults[dim];
    if (value !== undefined) Object.assign(expectedScenario, { [dim]: value });
  }
  if (expectedScenario.seconds === undefined && secondsOptions.length > 1) {
    const sorted = (secondsOptions as number[]).slice().sort((a, b) => a - b);
    expectedScenario.seconds = median(sorted);
  }

  const valid: Scored[] = [];
  for (const scenario of withSeconds) {
    const evaluation = evaluate(price, scenario, fixed, context);
    if (evaluation) valid.push({ scenario, evaluation });
  }
  let expected: Scored | undefined;
  const expectedEval = evaluate(price, expectedScenario, fixed, context);
  if (expectedEval) {
    expected = { scenario: expectedScenario, evaluation: expectedEval };
    valid.push(expected);
  }
  if (!valid.length) throw noTier(price, p, dims);

  valid.sort((a, b) => a.evaluation.micros - b.evaluation.micros);
  if (!expected) {
    // Keep what is known of the expected case (the defaults that do apply); pick the middle of the rest.
    const agreeing = valid.filter((v) => agrees(v.scenario, expectedScenario));
    expected = median(agreeing.length ? agreeing : valid);
    if (!expected) throw noTier(price, p, dims);
    assumptions.push(
      'The provider default for the open settings is not known: expected is the middle option.',
    );
  }
  assumptions.push(
    ...rangeNotes(open, candidates, secondsOptions, p.seconds, valid, expected.scenario),
  );
  assumptions.push(...expected.evaluation.notes);

  let low = valid[0]?.evaluation.micros ?? expected.evaluation.micros;
  let high = valid.at(-1)?.evaluation.micros ?? expected.evaluation.micros;
  if (opts.widenDerived !== false && valid.some((v) => v.evaluation.derived)) {
    low = scale(low, 100 - DERIVED_MARGIN_PERCENT, 100);
    high = scale(high, 100 + DERIVED_MARGIN_PERCENT, 100);
    assumptions.push(
      `Output tokens come from an unofficial community formula, not a published table: the range is widened by ±${DERIVED_MARGIN_PERCENT}%.`,
    );
  }
  return {
    low,
    expected: expected.evaluation.micros,
    high,
    lines: expected.evaluation.lines,
    assumptions,
  };
}

function agrees(scenario: Scenario, target: Scenario): boolean {
  if (target.seconds !== undefined && scenario.seconds !== target.seconds) return false;
  return TIER_DIMS.every((dim) => {
    const want = target[dim];
    const have = scenario[dim];
    return want === undefined || (have !== undefined && sameValue(want, have));
  });
}

function rangeNotes(
  open: readonly TierDim[],
  candidates: ReadonlyMap<TierDim, readonly (DimValue | undefined)[]>,
  secondsOptions: readonly (number | undefined)[],
  givenSeconds: number | undefined,
  valid: readonly Scored[],
  expected: Scenario,
): string[] {
  const notes: string[] = [];
  for (const dim of open) {
    // In the order the price or model lists them, plus a default that none of those name.
    const options = [...(candidates.get(dim) ?? []), expected[dim]];
    const seen: DimValue[] = [];
    for (const value of options) {
      if (value === undefined || seen.some((s) => sameValue(s, value))) continue;
      if (
        valid.some(
          (v) => v.scenario[dim] !== undefined && sameValue(v.scenario[dim] as DimValue, value),
        )
      )
        seen.push(value);
    }
    if (seen.length < 2 && expected[dim] === undefined) continue;
    notes.push(
      `${dim} not set: the range covers ${seen.map(show).join(', ')}; expected assumes ${show(expected[dim])}.`,
    );
  }
  if (givenSeconds === undefined && secondsOptions.length > 1) {
    notes.push(
      `seconds not set: the range covers ${secondsOptions.join(', ')} s; expected assumes ${show(expected.seconds)} s.`,
    );
  }
  return notes;
}

function noTier(price: Price, p: PriceParams, dims: Map<TierDim, DimValue[]>): AtelierError {
  const problems: string[] = [];
  const allowed: Record<string, string[]> = {};
  for (const dim of TIER_DIMS) {
    const values = dims.get(dim);
    if (!values) {
      if (dim === 'variant' && p.variant !== undefined)
        problems.push(`variant "${p.variant}" is not offered by this route`);
      continue;
    }
    allowed[dim] = values.map(show);
    const value = chosen(p, dim);
    if (value !== undefined && !values.some((v) => sameValue(v, value))) {
      problems.push(
        `${dim} "${show(value)}" is not priced; allowed: ${values.map(show).join(', ')}`,
      );
    }
  }
  const combos = Object.entries(allowed)
    .map(([dim, values]) => `${dim} ${values.join(' | ')}`)
    .join('; ');
  const message = problems.length
    ? `No price for these settings: ${problems.join('; ')}.`
    : `No price tier matches these settings${combos ? ` (priced: ${combos})` : ''}.`;
  return new AtelierError('price_unavailable', message, {
    hint: combos ? `Choose from: ${combos}.` : undefined,
    details: { unit: price.unit, allowed, source: price.source.ref },
  });
}
