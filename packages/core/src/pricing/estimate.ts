import { loadCatalog, type Catalog } from '../catalog/index.ts';
import type {
  Claim,
  Modality,
  ModelEntry,
  PriceUnit,
  Provider,
  Route,
  Source,
} from '../catalog/schema.ts';
import { AtelierError, isAtelierError } from '../errors.ts';
import { divRound, formatUsd, type Micros } from '../money.ts';
import { parseInput } from '../validate.ts';
import {
  EstimateRequestSchema,
  parseSize,
  promptTokensFromText,
  type EstimateRequest,
  type PriceParams,
} from './params.ts';
import { videoDefaults } from './defaults.ts';
import { checkFit } from './fit.ts';
import { routeRunnability, today } from '../providers/runnable.ts';
import { isRetired, isRouteLive, isRouteRetired } from '../catalog/lifecycle.ts';
import { needsPixels, priceOf, type PriceResult } from './price-of.ts';
import { TEXT_INPUT_LINE } from './units.ts';
import type { PriceContext } from './units.ts';

export interface Estimate extends PriceResult {
  model: string;
  modelName: string;
  modality: Modality;
  route: { provider: Provider; providerModelId: string };
  unit: PriceUnit;
  count: number;
  perAsset: { low: Micros; expected: Micros; high: Micros };
  /** The distinct sources behind the cost lines. */
  sources: Source[];
}

/** Routes that serve requests on `date`: preview routes count, deprecated ones only as a fallback. */
function servingRoutes(model: ModelEntry, date: string): { routes: Route[]; deprecated: boolean } {
  const live = model.routes.filter((r) => isRouteLive(model, r, date));
  if (live.length) return { routes: live, deprecated: false };
  return { routes: model.routes.filter((r) => !isRouteRetired(model, r, date)), deprecated: true };
}

function preferred<T extends string>(names: readonly T[], usual: string): T | undefined {
  return names.find((n) => n.toLowerCase() === usual.toLowerCase()) ?? names[0];
}

/**
 * What the model's capabilities add to a bare Price: the options to range over and the usual
 * provider defaults (Gemini images default to 1K, Veo and most video APIs to 720p, with audio).
 */
export function contextFor(model: ModelEntry, count: number): PriceContext {
  if (model.modality === 'image') {
    const caps = model.image;
    const sizes =
      caps.sizes.kind === 'list'
        ? caps.sizes.values
        : caps.sizes.kind === 'range'
          ? caps.sizes.presets
          : [];
    return {
      options: {
        quality: caps.qualities,
        size: sizes,
        resolution: caps.resolutions.map((r) => r.name),
      },
      resolutions: caps.resolutions,
      assetsPerRequest: Math.min(count, caps.maxImagesPerCall),
      defaults: {
        size: sizes.length ? (preferred(sizes, '1024x1024') ?? sizes[0]) : undefined,
        resolution: preferred(
          caps.resolutions.map((r) => r.name),
          '1K',
        ),
      },
    };
  }
  const caps = model.video;
  const usual = videoDefaults(caps);
  return {
    durations: caps.durations,
    options: {
      resolution: caps.resolutions,
      audio: caps.audio === 'optional' ? [true, false] : [caps.audio === 'always'],
    },
    assetsPerRequest: Math.min(count, caps.maxVideosPerCall),
    // What the adapters send for a setting left out, so the expected case is the clip made.
    defaults: { resolution: usual.resolution, audio: usual.audio, seconds: usual.seconds },
  };
}

/**
 * Fills in what the request implies for this model: a size maps to the smallest resolution tier
 * that holds it (Gemini prices by tier, callers often think in pixels).
 */
function paramsFor(model: ModelEntry, params: PriceParams, notes: string[]): PriceParams {
  if (
    model.modality !== 'image' ||
    params.resolution !== undefined ||
    !params.size ||
    params.size === 'auto'
  )
    return params;
  const tiers = model.image.resolutions;
  if (!tiers.length) return params;
  const { width, height } = parseSize(params.size);
  const long = Math.max(width, height);
  const tier =
    [...tiers].sort((a, b) => a.longEdge - b.longEdge).find((t) => t.longEdge >= long) ??
    tiers.at(-1);
  if (!tier) return params;
  notes.push(`Size ${params.size} maps to the ${tier.name} resolution tier.`);
  return { ...params, resolution: tier.name };
}

function retiredError(model: ModelEntry, catalog: Catalog): AtelierError {
  const names = model.lifecycle.replacements.map((id) => catalog.get(id)?.name ?? id);
  const when = model.lifecycle.shutdown ? ` on ${model.lifecycle.shutdown}` : '';
  return new AtelierError(
    'model_retired',
    `${model.name} was retired${when} and can no longer be called.`,
    {
      hint: names.length
        ? `Use ${names.join(' or ')} instead.`
        : 'Run `atelier models` to pick a current model.',
      details: { model: model.id, replacements: model.lifecycle.replacements },
    },
  );
}

function uniqueSources(sources: readonly Source[]): Source[] {
  const seen = new Map<string, Source>();
  for (const s of sources) seen.set(`${s.ref}|${s.asOf}|${s.kind}`, s);
  return [...seen.values()];
}

/** A request's settings made concrete for one model: what every route is priced with. */
interface Prepared {
  model: ModelEntry;
  params: PriceParams;
  context: PriceContext;
  /** A size picked the resolution tier: only pixel-counting prices still need the size. */
  sizeMapped: boolean;
  /** Prompt tokens were counted from the prompt's words, not told. */
  promptEstimated: boolean;
  notes: string[];
}

function prepare(model: ModelEntry, req: RouteRequest): Prepared {
  const { prompt, ...rest } = req;
  const fit = checkFit(model, rest);
  const notes: string[] = [...fit.notes];
  let params: PriceParams = paramsFor(model, fit.params, notes);
  if (model.modality === 'video' && params.aspectRatio === undefined) {
    // The frame a token-priced clip is counted on; the adapters send the same default.
    params = { ...params, aspectRatio: videoDefaults(model.video).aspectRatio };
  }
  const sizeMapped = params.resolution !== undefined && rest.resolution === undefined;
  const promptEstimated = params.promptTokens === undefined && prompt !== undefined;
  if (promptEstimated) {
    params = { ...params, promptTokens: promptTokensFromText(prompt) };
    notes.push(`Prompt tokens estimated from its words: about ${params.promptTokens} tokens.`);
  }
  return {
    model,
    params,
    context: contextFor(model, params.count ?? 1),
    sizeMapped,
    promptEstimated,
    notes,
  };
}

function priceOn(prep: Prepared, route: Route): PriceResult {
  const params =
    prep.sizeMapped && !needsPixels(route.price)
      ? { ...prep.params, size: undefined }
      : prep.params;
  const result = priceOf(route.price, params, prep.context);
  return prep.promptEstimated ? widenForPrompt(result) : result;
}

/**
 * Prompt tokens counted from words are a guess (tokenizers differ by language and model): the
 * range allows half to twice as many text tokens as counted.
 */
function widenForPrompt(result: PriceResult): PriceResult {
  const text = result.lines.find((l) => l.label === TEXT_INPUT_LINE)?.micros ?? 0;
  if (text === 0) return result;
  return {
    ...result,
    low: Math.max(0, result.low - Math.floor(text / 2)),
    high: result.high + text,
    assumptions: [
      ...result.assumptions,
      'Prompt tokens are counted from words: the range allows half to twice as many.',
    ],
  };
}

/** The settings routes are ranked by: price parameters and, optionally, the prompt. */
export type RouteRequest = PriceParams & { prompt?: string };

export interface RouteChoiceOptions {
  /** Only this provider's routes. */
  provider?: Provider;
  /** Exactly this route (as `selectRoute` or an earlier estimate named it). */
  providerModelId?: string;
  /**
   * Routes that can be called right now (an adapter and credentials). Others are chosen only when
   * none can; without it every route counts as callable.
   */
  callable?: (route: Route) => boolean;
  /** The day lifecycles are read on (a route past its shutdown is not a candidate); today by default. */
  date?: string;
}

export interface RouteChoice {
  route: Route;
  /** The price of the request on `route`; absent when no candidate could be priced. */
  result?: PriceResult;
  /** Why candidates could not be priced for these settings. */
  failures: AtelierError[];
  /** How many routes were weighed against each other. */
  weighed: number;
  /** Only deprecated routes were left to choose from. */
  deprecated: boolean;
  /** What the settings implied (size → tier, prompt → tokens). */
  notes: string[];
  /** Assets the request makes, as priced. */
  count: number;
}

/**
 * The one rule for which route serves a request; `estimate` prices the route it picks and
 * `selectRoute` calls it, so a run is always priced on the route it calls:
 * 1. the routes that are not retired, narrowed to a pinned provider or route;
 * 2. callable routes before the rest, and serving (active or preview) before deprecated ones —
 *    the first of these groups that is not empty;
 * 3. within it, the lowest expected price for these settings; ties keep catalog order, and a
 *    route that cannot be priced is taken only when none can (estimate then says why).
 */
export function chooseRoute(
  model: ModelEntry,
  req: RouteRequest = {},
  opts: RouteChoiceOptions = {},
): RouteChoice {
  const date = opts.date ?? today();
  const pinned = pinnedRoutes(model, opts, date);
  const callable = opts.callable ?? (() => true);
  const isLive = (r: Route) => isRouteLive(model, r, date);
  const groups = [
    pinned.filter((r) => callable(r) && isLive(r)),
    pinned.filter((r) => callable(r) && !isLive(r)),
    pinned.filter((r) => !callable(r) && isLive(r)),
    pinned.filter((r) => !callable(r) && !isLive(r)),
  ];
  const candidates = groups.find((g) => g.length > 0) ?? [];
  const first = candidates[0];
  if (!first) {
    throw new AtelierError('price_unavailable', `No price is known for ${model.name}.`, {
      hint: model.unpricedReason ?? 'The catalog lists no serving route for it.',
      details: { model: model.id, reasons: [] },
    });
  }
  const prep = prepare(model, req);
  let best: { route: Route; result: PriceResult } | undefined;
  const failures: AtelierError[] = [];
  for (const route of candidates) {
    try {
      const result = priceOn(prep, route);
      if (!best || result.expected < best.result.expected) best = { route, result };
    } catch (e) {
      if (!isAtelierError(e) || (e.code !== 'price_unavailable' && e.code !== 'invalid_input'))
        throw e;
      failures.push(e);
    }
  }
  return {
    route: best?.route ?? first,
    result: best?.result,
    failures,
    weighed: candidates.length,
    deprecated: candidates.every((r) => !isLive(r)),
    notes: prep.notes,
    count: prep.params.count ?? 1,
  };
}

/** Non-retired routes within the pin; a pin that names nothing callable is an error. */
function pinnedRoutes(model: ModelEntry, opts: RouteChoiceOptions, date: string): Route[] {
  const { provider, providerModelId } = opts;
  const available = [...new Set(model.routes.map((r) => r.provider))];
  let routes = model.routes;
  if (provider) {
    routes = routes.filter((r) => r.provider === provider);
    if (!routes.length) {
      throw new AtelierError('unsupported', `${model.name} is not offered through ${provider}.`, {
        hint: available.length ? `Providers for it: ${available.join(', ')}.` : undefined,
        details: { model: model.id, provider, available },
      });
    }
  }
  if (providerModelId) {
    routes = routes.filter((r) => r.providerModelId === providerModelId);
    if (!routes.length) {
      throw new AtelierError('unsupported', `${model.name} has no route ${providerModelId}.`, {
        hint: `Its routes: ${model.routes.map((r) => r.providerModelId).join(', ') || 'none'}.`,
        details: { model: model.id, providerModelId },
      });
    }
  }
  const serving = routes.filter((r) => !isRouteRetired(model, r, date));
  if (!serving.length && (provider || providerModelId)) {
    const others = available.filter((p) => p !== provider);
    throw new AtelierError(
      'model_retired',
      `${model.name} is no longer served through ${providerModelId ?? provider}.`,
      {
        hint: others.length ? `Try another provider: ${others.join(', ')}.` : undefined,
        details: { model: model.id, provider, providerModelId },
      },
    );
  }
  return serving;
}

/**
 * Prices a request against the catalog, on the route `chooseRoute` picks for it: the cheapest
 * serving route for these settings, within the requested provider or route when one is named.
 * A model without a usable price is an error, never $0.
 */
export function estimate(
  req: EstimateRequest,
  catalog: Catalog = loadCatalog(),
  date: string = today(),
): Estimate {
  const {
    model: name,
    provider,
    providerModelId,
    ...rest
  } = parseInput(EstimateRequestSchema, req, 'estimate request');
  const model = catalog.resolve(name);
  if (isRetired(model, date)) throw retiredError(model, catalog);

  const choice = chooseRoute(model, rest, { provider, providerModelId, date });
  if (!choice.result) {
    const { failures } = choice;
    const tierError =
      failures.find((f) => f.details && 'allowed' in f.details) ??
      failures.find((f) => f.code === 'invalid_input');
    if (tierError) throw tierError;
    throw new AtelierError(
      'price_unavailable',
      `No price is known for ${model.name}${provider ? ` on ${provider}` : ''}.`,
      {
        hint:
          model.unpricedReason ??
          failures[0]?.message ??
          'The catalog lists no priced route for it.',
        details: { model: model.id, reasons: failures.map((f) => f.message) },
      },
    );
  }

  const { route, result, count } = choice;
  const assumptions = [...choice.notes, ...result.assumptions];
  if (choice.deprecated) {
    assumptions.unshift(
      provider || providerModelId
        ? `The ${route.provider} route ${route.providerModelId} is deprecated.`
        : `Only deprecated routes remain for ${model.name}.`,
    );
  }
  if (choice.weighed > 1) {
    assumptions.unshift(
      `Cheapest of ${choice.weighed} routes for these settings: ${route.provider} ${route.providerModelId}.`,
    );
  }
  return {
    ...result,
    assumptions,
    model: model.id,
    modelName: model.name,
    modality: model.modality,
    route: { provider: route.provider, providerModelId: route.providerModelId },
    unit: route.price.unit,
    count,
    perAsset: {
      low: divRound(result.low, count),
      expected: divRound(result.expected, count),
      high: divRound(result.high, count),
    },
    sources: uniqueSources(result.lines.map((l) => l.source)),
  };
}

export interface StartingPrice {
  micros: Micros;
  per: 'image' | 'second' | 'video';
  label: string;
  route: Route;
}

/**
 * The cheapest price of one asset at the model's lowest settings across its serving routes, for
 * "from $0.039 / image" columns. Video priced by time is quoted per second; undefined when no
 * route can be priced or the model is retired (estimate() refuses it too).
 */
// Catalog entries are immutable once parsed, so a model's starting price is computed once a day.
const startingPrices = new WeakMap<ModelEntry, Map<string, StartingPrice | null>>();

export function startingPrice(
  model: ModelEntry,
  date: string = today(),
): StartingPrice | undefined {
  let byDate = startingPrices.get(model);
  if (!byDate) startingPrices.set(model, (byDate = new Map()));
  let cached = byDate.get(date);
  if (cached === undefined) {
    cached = computeStartingPrice(model, date) ?? null;
    byDate.set(date, cached);
  }
  return cached ?? undefined;
}

function computeStartingPrice(model: ModelEntry, date: string): StartingPrice | undefined {
  if (isRetired(model, date)) return undefined;
  let best: StartingPrice | undefined;
  const context = contextFor(model, 1);
  // Quoted on a route Atelier can run when there is one, so "from $x via …" names a way to run it.
  const serving = servingRoutes(model, date).routes;
  const runnable = serving.filter((r) => routeRunnability(model, r, date).runnable);
  for (const route of runnable.length ? runnable : serving) {
    const price = route.price;
    const timed =
      model.modality === 'video' &&
      (price.unit === 'second' ||
        price.unit === 'video_token' ||
        (price.unit === 'credits' && price.per === 'second'));
    const per: StartingPrice['per'] =
      model.modality === 'image' ? 'image' : timed ? 'second' : 'video';
    let micros: Micros;
    try {
      micros = priceOf(
        price,
        timed ? { count: 1, seconds: 1, promptTokens: 0 } : { count: 1, promptTokens: 0 },
        context,
        // A starting price is the cheapest list option, not the lower edge of an uncertainty band.
        { widenDerived: false },
      ).low;
    } catch (e) {
      if (isAtelierError(e)) continue;
      throw e;
    }
    if (!best || micros < best.micros)
      best = { micros, per, label: `from ${formatUsd(micros)} / ${per}`, route };
  }
  return best;
}

export interface ClaimPrice {
  claim: Claim;
  result?: PriceResult;
  /** Why the claim cannot be turned into dollars (e.g. credits without a rate). */
  error?: AtelierError;
}

/**
 * Prices the structured price claims of a model's sources (a reseller's "$0.08 per image", a
 * site's "22 credits"), so they can be shown beside the route prices with their own sources.
 */
export function priceClaims(model: ModelEntry, params: PriceParams = {}): ClaimPrice[] {
  const context = contextFor(model, params.count ?? 1);
  return model.claims.flatMap((claim): ClaimPrice[] => {
    if (!claim.price) return [];
    try {
      return [{ claim, result: priceOf(claim.price, params, context) }];
    } catch (e) {
      if (isAtelierError(e)) return [{ claim, error: e }];
      throw e;
    }
  });
}
