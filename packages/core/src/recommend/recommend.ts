import { z } from 'zod';
import { loadCatalog, type Catalog } from '../catalog/index.ts';
import {
  AspectRatio,
  Criterion,
  Modality,
  SizeString,
  type LifecycleStatus,
  type ModelEntry,
  type Route,
  type Source,
} from '../catalog/schema.ts';
import { listNames } from '../compare/compare.ts';
import { CRITERION_LABELS, LENSES, UseCase, type SuggestedSettings } from '../compare/lenses.ts';
import {
  balancedWeights,
  UNSCORED_VALUE,
  weightedScore,
  type CriterionContribution,
  type Weights,
} from '../compare/scoring.ts';
import { isAtelierError } from '../errors.ts';
import { formatUsd, type Micros } from '../money.ts';
import { chooseRoute, estimate, type EstimateRequest } from '../pricing/index.ts';
import { isRetiredOn, modelRunnability, routeRunnability, today } from '../providers/runnable.ts';
import { entryOn } from '../catalog/lifecycle.ts';
import { parseInput } from '../validate.ts';
import { blendRating, RatingEvidenceSchema, type YourRating } from './evidence.ts';
import { MUST_HAVES, MustHave } from './must-haves.ts';

const MicrosBudget = (what: string) =>
  z
    .number({ error: `${what} in micro-USD, e.g. 50000 for $0.05` })
    .int(`${what} in whole micro-USD, e.g. 50000 for $0.05`)
    .positive(`${what} must be above zero`);

export const RecommendSettingsSchema = z
  .object({
    quality: z.string().trim().min(1).optional(),
    resolution: z.string().trim().min(1).optional(),
    size: SizeString.optional(),
    aspectRatio: AspectRatio.optional(),
    seconds: z.number().positive().max(3600, 'seconds: at most 3600').optional(),
    audio: z.boolean().optional(),
  })
  .strict();

export const RecommendQuerySchema = z
  .object({
    /** A use-case lens (weights the criteria); balanced weights without one. */
    useCase: UseCase.optional(),
    /** Defaults to the lens's modality, else to what the must-haves imply, else both. */
    modality: Modality.optional(),
    mustHaves: z.array(MustHave).default([]),
    budgetPerAsset: MicrosBudget('budgetPerAsset').optional(),
    budgetPerMonth: MicrosBudget('budgetPerMonth').optional(),
    volumePerMonth: z
      .number({ error: 'volumePerMonth: assets per month, a whole number' })
      .int('volumePerMonth: a whole number of assets')
      .positive('volumePerMonth must be above zero')
      .max(10_000_000, 'volumePerMonth: at most 10,000,000')
      .optional(),
    /** Criteria to up-weight on top of the lens. */
    priorities: z.array(Criterion).default([]),
    /** Also rank deprecated and retired models (they are excluded by default). */
    includeRetired: z.boolean().default(false),
    /**
     * Also rank models Atelier cannot run here (no adapter for any route, no sourced price); they
     * are excluded by default. Retired ones follow includeRetired.
     */
    includeUnrunnable: z.boolean().default(false),
    /** Settings to price at (clip length, resolution…); a model that cannot run them is excluded. */
    settings: RecommendSettingsSchema.optional(),
    /** Your arena ratings, blended into the score (evidence.ts). */
    evidence: RatingEvidenceSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.budgetPerMonth !== undefined && q.volumePerMonth === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['volumePerMonth'],
        message: 'needed with budgetPerMonth: how many assets a month the budget covers',
      });
    }
    const modality = q.modality ?? (q.useCase ? LENSES[q.useCase].modality : undefined);
    for (const [i, m] of q.mustHaves.entries()) {
      const wants = MUST_HAVES[m].modality;
      if (modality && wants && wants !== modality) {
        ctx.addIssue({
          code: 'custom',
          path: ['mustHaves', i],
          message: `"${m}" needs ${wants} models, but the query asks for ${modality}`,
        });
      }
    }
    const implied = new Set(q.mustHaves.map((m) => MUST_HAVES[m].modality).filter(Boolean));
    if (implied.size > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['mustHaves'],
        message: 'mixes image-only and video-only features; no model has both',
      });
    }
  });
export type RecommendQuery = z.input<typeof RecommendQuerySchema>;

export interface CostEstimate {
  /** One asset (image or clip) at the priced settings. */
  perAsset: { low: Micros; expected: Micros; high: Micros };
  /** `volumePerMonth` assets, when a volume was given. */
  perMonth?: { low: Micros; expected: Micros; high: Micros; volume: number };
  per: 'image' | 'clip';
  route: { provider: string; providerModelId: string };
  label: string;
  assumptions: string[];
  sources: Source[];
}

export interface RankedModel {
  model: string;
  name: string;
  modality: Modality;
  status: LifecycleStatus;
  /** Weighted 0–5. */
  score: number;
  breakdown: CriterionContribution[];
  estimate?: CostEstimate;
  reasons: string[];
  /** Whether Atelier can run it here; ranked anyway with includeUnrunnable or includeRetired. */
  runnable: boolean;
  notRunnableReason?: string;
  /** Present when the query's evidence rated it: `score` is then the blend. */
  yours?: YourRating;
}

export interface ExcludedModel {
  model: string;
  name: string;
  reasons: string[];
}

export interface Recommendation {
  useCase?: UseCase;
  /** Settings the use case implies, for running the ranked models ("Run these"). */
  settings?: SuggestedSettings;
  modality?: Modality;
  /** The weights used, as shares of 1. */
  weights: Partial<Record<Criterion, number>>;
  ranked: RankedModel[];
  excluded: ExcludedModel[];
}

type Query = z.output<typeof RecommendQuerySchema>;

/** Lens (or equal) weights, with each priority raised by the heaviest weight so it counts fully. */
function weightsFor(query: Query): Weights {
  const base: Partial<Record<Criterion, number>> = {
    ...(query.useCase ? LENSES[query.useCase].weights : balancedWeights()),
  };
  const boost = Math.max(...Object.values(base).map((w) => w ?? 0));
  for (const c of new Set(query.priorities)) base[c] = (base[c] ?? 0) + boost;
  return base;
}

function shares(
  weights: Weights,
  modality: Modality | undefined,
): Partial<Record<Criterion, number>> {
  const used = Criterion.options.filter(
    (c) => (weights[c] ?? 0) > 0 && !(c === 'motion' && modality === 'image'),
  );
  const total = used.reduce((s, c) => s + (weights[c] ?? 0), 0);
  return Object.fromEntries(
    used.map((c) => [c, Math.round(((weights[c] ?? 0) / total) * 1000) / 1000]),
  );
}

function lifecycleReason(model: ModelEntry, catalog: Catalog): string | undefined {
  const { status, shutdown, replacements } = model.lifecycle;
  if (status !== 'retired' && status !== 'deprecated') return undefined;
  const instead = replacements.map((id) => catalog.get(id)?.name ?? id);
  const when = shutdown
    ? status === 'retired'
      ? ` on ${shutdown}`
      : `, shuts down ${shutdown}`
    : '';
  return `${status}${when}${instead.length ? `; replaced by ${listNames(instead)}` : ''}`;
}

/** How an exclusion (and a ranked model's reason) begins when Atelier cannot run the model here. */
export const CANNOT_RUN_HERE = 'Atelier cannot run it here: ';

/** The clip length video models are priced at when the query names none. */
export const CLIP_SECONDS = 8;

/** What a must-have means for the price: 4K output is priced at 4K, audio with audio. */
function requestFor(model: ModelEntry, query: Query): { req: EstimateRequest; notes: string[] } {
  const req: EstimateRequest = {
    model: model.id,
    count: query.volumePerMonth ?? 1,
    ...query.settings,
  };
  const notes: string[] = [];
  if (query.mustHaves.includes('4k') && req.resolution === undefined && req.size === undefined) {
    if (model.modality === 'video') req.resolution = '4k';
    else {
      const tier = [...model.image.resolutions]
        .sort((a, b) => a.longEdge - b.longEdge)
        .find((r) => r.longEdge >= 3840);
      const sizes = model.image.sizes;
      if (tier) req.resolution = tier.name;
      else if (sizes.kind === 'list') {
        const big = sizes.values.find((s) => Math.max(...s.split('x').map(Number)) >= 3840);
        if (big) req.size = big;
      } else if (
        sizes.kind === 'range' &&
        sizes.maxEdge >= 3840 &&
        sizes.maxPixels >= 3840 * 2160
      ) {
        req.size = '3840x2160';
      }
      if (req.resolution || req.size) notes.push(`Priced at 4K (${req.resolution ?? req.size}).`);
    }
  }
  if (query.mustHaves.includes('audio') && req.audio === undefined) req.audio = true;
  if (model.modality === 'video' && req.seconds === undefined) {
    // One clip length for every model, so per-clip prices compare like for like.
    const seconds = [...model.video.durations].sort(
      (a, b) => Math.abs(a - CLIP_SECONDS) - Math.abs(b - CLIP_SECONDS) || a - b,
    )[0];
    if (seconds !== undefined) {
      req.seconds = seconds;
      notes.push(
        `Priced at ${seconds} s per clip${seconds === CLIP_SECONDS ? '' : `, its nearest length to ${CLIP_SECONDS} s`}.`,
      );
    }
  }
  return { req, notes };
}

type Priced = { estimate: CostEstimate } | { unpriced: string } | { cannot: string };

/**
 * When only some of a model's routes can run here, the price is the one of the route a run
 * would take: the cheapest of those (undefined: price on any route, as estimate chooses).
 */
function runnableRoute(model: ModelEntry, req: EstimateRequest): Route | undefined {
  const callable = (r: Route) => routeRunnability(model, r).runnable;
  if (model.routes.every(callable) || !model.routes.some(callable)) return undefined;
  const { model: _id, provider: _p, providerModelId: _r, ...params } = req;
  const { route } = chooseRoute(model, params, { callable });
  return callable(route) ? route : undefined;
}

function price(model: ModelEntry, query: Query, catalog: Catalog): Priced {
  const { req, notes } = requestFor(model, query);
  try {
    const pin = runnableRoute(model, req);
    if (pin) notes.push(`Priced on ${pin.provider}, a route Atelier can run here.`);
    const e = estimate(
      pin ? { ...req, provider: pin.provider, providerModelId: pin.providerModelId } : req,
      catalog,
    );
    const per = model.modality === 'image' ? 'image' : 'clip';
    const volume = query.volumePerMonth;
    const unit = req.seconds !== undefined && per === 'clip' ? `${req.seconds} s clip` : per;
    const label = `about ${formatUsd(e.perAsset.expected)} per ${unit}${volume ? ` (${formatUsd(e.expected)} a month for ${volume.toLocaleString('en-US')})` : ''} on ${e.route.provider}`;
    return {
      estimate: {
        perAsset: e.perAsset,
        ...(volume ? { perMonth: { low: e.low, expected: e.expected, high: e.high, volume } } : {}),
        per,
        route: e.route,
        label,
        assumptions: [...notes, ...e.assumptions],
        sources: e.sources,
      },
    };
  } catch (e) {
    if (!isAtelierError(e)) throw e;
    if (e.code === 'price_unavailable') return { unpriced: model.unpricedReason ?? e.message };
    if (e.code === 'model_retired') return { unpriced: 'retired: no serving route to price' };
    if (e.code === 'invalid_input' || e.code === 'unsupported') return { cannot: e.message };
    throw e;
  }
}

function budgetReasons(cost: CostEstimate, query: Query): string[] {
  const reasons: string[] = [];
  const { budgetPerAsset, budgetPerMonth } = query;
  if (budgetPerAsset !== undefined && cost.perAsset.expected > budgetPerAsset) {
    const lower =
      cost.perAsset.low <= budgetPerAsset
        ? `; from ${formatUsd(cost.perAsset.low)} at its lowest settings`
        : '';
    reasons.push(
      `over budget: about ${formatUsd(cost.perAsset.expected)} per ${cost.per} against ${formatUsd(budgetPerAsset)}${lower}`,
    );
  }
  if (budgetPerMonth !== undefined && cost.perMonth && cost.perMonth.expected > budgetPerMonth) {
    reasons.push(
      `over the monthly budget: about ${formatUsd(cost.perMonth.expected)} for ${cost.perMonth.volume.toLocaleString('en-US')} against ${formatUsd(budgetPerMonth)}`,
    );
  }
  return reasons;
}

function rankedReasons(
  model: ModelEntry,
  breakdown: CriterionContribution[],
  query: Query,
  priced: Priced,
  catalog: Catalog,
  cannotRun: string | undefined,
): string[] {
  const reasons: string[] = [];
  const lens = query.useCase ? LENSES[query.useCase] : undefined;
  const heaviest = [...breakdown].sort(
    (a, b) =>
      b.weight - a.weight ||
      Criterion.options.indexOf(a.criterion) - Criterion.options.indexOf(b.criterion),
  )[0];
  if (lens && heaviest) {
    reasons.push(
      `${heaviest.score ? `Scores ${heaviest.score.value}/5` : 'Unscored'} on ${CRITERION_LABELS[heaviest.criterion].toLowerCase()}, the heaviest criterion for ${lens.label.toLowerCase()} (${Math.round(heaviest.weight * 100)}% of the weight).`,
    );
  }
  const best = [...breakdown]
    .filter((b) => b.score)
    .sort(
      (a, b) =>
        b.contribution - a.contribution ||
        Criterion.options.indexOf(a.criterion) - Criterion.options.indexOf(b.criterion),
    )
    .slice(0, 2)
    .map((b) => `${CRITERION_LABELS[b.criterion].toLowerCase()} ${b.score?.value}/5`);
  if (best.length) reasons.push(`Adds the most on ${listNames(best)}.`);
  for (const p of new Set(query.priorities)) {
    const s = model.scores[p];
    reasons.push(
      `Priority ${CRITERION_LABELS[p].toLowerCase()}: ${s ? `${s.value}/5` : 'unscored'}.`,
    );
  }
  if (query.mustHaves.length)
    reasons.push(
      `Has every must-have: ${listNames(query.mustHaves.map((m) => MUST_HAVES[m].label))}.`,
    );
  if ('estimate' in priced) {
    const within = [
      query.budgetPerAsset !== undefined ? `${formatUsd(query.budgetPerAsset)} per asset` : '',
      query.budgetPerMonth !== undefined ? `${formatUsd(query.budgetPerMonth)} a month` : '',
    ].filter(Boolean);
    reasons.push(
      `Costs ${priced.estimate.label}${within.length ? `, within ${listNames(within)}` : ''}.`,
    );
  } else if ('unpriced' in priced) {
    reasons.push(`No sourced price (${priced.unpriced}): cost unknown.`);
  }
  const unscored = breakdown
    .filter((b) => !b.score && b.counted === UNSCORED_VALUE)
    .map((b) => CRITERION_LABELS[b.criterion].toLowerCase());
  if (unscored.length)
    reasons.push(`No catalog score for ${listNames(unscored)}; counted as ${UNSCORED_VALUE} of 5.`);
  if (model.lifecycle.status === 'preview')
    reasons.push('In preview: its API and price may still change.');
  const lifecycle = lifecycleReason(model, catalog);
  if (lifecycle) reasons.push(`${lifecycle.charAt(0).toUpperCase()}${lifecycle.slice(1)}.`);
  if (cannotRun) reasons.push(`${CANNOT_RUN_HERE}${cannotRun}.`);
  if (model.bestFor[0]) reasons.push(`Best for: ${model.bestFor[0].text}.`);
  return reasons;
}

/**
 * Ranks the catalog for a job: exclusions first (modality, lifecycle, whether Atelier can run it
 * here, must-haves, price and budget, each with its reason), then a weighted score over the
 * lens's criteria. Ties break on the expected cost per asset, then the id, so the order is the
 * same on every run. `date`: the day lifecycles and runnability are read on.
 */
export function recommend(
  query: RecommendQuery,
  catalog: Catalog = loadCatalog(),
  date: string = today(),
): Recommendation {
  const q = parseInput(RecommendQuerySchema, query, 'recommendation query');
  const lens = q.useCase ? LENSES[q.useCase] : undefined;
  const implied = q.mustHaves.map((m) => MUST_HAVES[m].modality).find(Boolean);
  const modality = q.modality ?? lens?.modality ?? implied;
  const weights = weightsFor(q);
  const budgeted = q.budgetPerAsset !== undefined || q.budgetPerMonth !== undefined;

  const ranked: RankedModel[] = [];
  const excluded: ExcludedModel[] = [];
  for (const listed of catalog.models) {
    // Statuses as they stand on `date`, from the lifecycle dates.
    const model = entryOn(listed, date);
    const exclude = (reasons: string[]) =>
      excluded.push({ model: model.id, name: model.name, reasons });
    if (modality && model.modality !== modality) {
      exclude([
        `${model.modality === 'image' ? 'an image' : 'a video'} model (this query is for ${modality})`,
      ]);
      continue;
    }
    const reasons: string[] = [];
    const lifecycle = lifecycleReason(model, catalog);
    if (lifecycle && !q.includeRetired) reasons.push(lifecycle);
    const runnability = modelRunnability(model, date);
    // A model past its shutdown is the lifecycle's to exclude (or rank, with includeRetired).
    const cannotRun =
      runnability.runnable || isRetiredOn(model, date) ? undefined : runnability.reason;
    if (cannotRun && !q.includeUnrunnable) reasons.push(`${CANNOT_RUN_HERE}${cannotRun}`);
    for (const m of q.mustHaves) {
      const lacks = MUST_HAVES[m].lacks(model);
      if (lacks) reasons.push(`lacks ${MUST_HAVES[m].label}: ${lacks}`);
    }
    const priced = reasons.length ? undefined : price(model, q, catalog);
    if (priced && 'cannot' in priced)
      reasons.push(`cannot run the requested settings: ${priced.cannot}`);
    if (priced && 'unpriced' in priced && budgeted)
      reasons.push(`no sourced price, so the budget cannot be checked (${priced.unpriced})`);
    if (priced && 'estimate' in priced) reasons.push(...budgetReasons(priced.estimate, q));
    if (reasons.length || !priced) {
      exclude(reasons);
      continue;
    }
    const { score, breakdown } = weightedScore(
      model,
      weights,
      lens?.modality === 'video' ? 'zero' : 'skip',
    );
    const blended = q.evidence ? blendRating(model.id, score, q.evidence) : undefined;
    ranked.push({
      model: model.id,
      name: model.name,
      modality: model.modality,
      status: model.lifecycle.status,
      score: blended?.score ?? score,
      breakdown,
      ...('estimate' in priced ? { estimate: priced.estimate } : {}),
      reasons: [
        ...(blended
          ? [
              `Your rating ${Math.round(blended.yours.rating)} over ${blended.yours.votes} votes weighs ${Math.round(blended.yours.weight * 100)} % (catalog score ${score.toFixed(2)}).`,
            ]
          : []),
        ...rankedReasons(model, breakdown, q, priced, catalog, cannotRun),
      ],
      ...(runnability.runnable
        ? { runnable: true }
        : { runnable: false, notRunnableReason: runnability.reason }),
      ...(blended ? { yours: blended.yours } : {}),
    });
  }

  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      (a.estimate?.perAsset.expected ?? Number.MAX_SAFE_INTEGER) -
        (b.estimate?.perAsset.expected ?? Number.MAX_SAFE_INTEGER) ||
      a.model.localeCompare(b.model),
  );
  excluded.sort((a, b) => a.model.localeCompare(b.model));
  return {
    ...(q.useCase ? { useCase: q.useCase } : {}),
    ...(q.useCase && LENSES[q.useCase].settings ? { settings: LENSES[q.useCase].settings } : {}),
    ...(modality ? { modality } : {}),
    weights: shares(weights, modality),
    ranked,
    excluded,
  };
}
