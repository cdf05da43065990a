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
import { checkFit } from './fit.ts';
import { needsPixels, priceOf, type PriceResult } from './price-of.ts';
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

/** Routes that serve requests today: preview routes count, deprecated ones only as a fallback. */
function servingRoutes(model: ModelEntry): { routes: Route[]; deprecated: boolean } {
  const live = model.routes.filter((r) => r.status === 'active' || r.status === 'preview');
  if (live.length) return { routes: live, deprecated: false };
  return { routes: model.routes.filter((r) => r.status === 'deprecated'), deprecated: true };
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
  return {
    durations: caps.durations,
    options: {
      resolution: caps.resolutions,
      audio: caps.audio === 'optional' ? [true, false] : [caps.audio === 'always'],
    },
    assetsPerRequest: Math.min(count, caps.maxVideosPerCall),
    defaults: {
      resolution: preferred(caps.resolutions, '720p'),
      // Where audio is optional, the video APIs in the catalog (Veo, Seedance 2, Kling 3) default it on.
      audio: caps.audio !== 'none',
    },
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

/**
 * Prices a request against the catalog: on the requested provider's route, else on the cheapest
 * serving route for these settings. A model without a usable price is an error, never $0.
 */
export function estimate(req: EstimateRequest, catalog: Catalog = loadCatalog()): Estimate {
  const {
    model: name,
    provider,
    prompt,
    ...rest
  } = parseInput(EstimateRequestSchema, req, 'estimate request');
  const model = catalog.resolve(name);
  if (model.lifecycle.status === 'retired') throw retiredError(model, catalog);

  const fit = checkFit(model, rest);
  const notes: string[] = [...fit.notes];
  let params: PriceParams = paramsFor(model, fit.params, notes);
  const sizeMapped = params.resolution !== undefined && rest.resolution === undefined;
  if (params.promptTokens === undefined && prompt !== undefined) {
    params = { ...params, promptTokens: promptTokensFromText(prompt) };
    notes.push(`Prompt tokens estimated from its words: about ${params.promptTokens} tokens.`);
  }
  const count = params.count ?? 1;
  const context = contextFor(model, count);

  let candidates: Route[];
  if (provider) {
    candidates = model.routes.filter((r) => r.provider === provider);
    const available = [...new Set(model.routes.map((r) => r.provider))];
    if (!candidates.length) {
      throw new AtelierError('unsupported', `${model.name} is not offered through ${provider}.`, {
        hint: available.length ? `Providers for it: ${available.join(', ')}.` : undefined,
        details: { model: model.id, provider, available },
      });
    }
    if (candidates.every((r) => r.status === 'retired')) {
      throw new AtelierError(
        'model_retired',
        `${model.name} is no longer served through ${provider}.`,
        {
          hint:
            available.length > 1
              ? `Try another provider: ${available.filter((p) => p !== provider).join(', ')}.`
              : undefined,
          details: { model: model.id, provider },
        },
      );
    }
    candidates = candidates.filter((r) => r.status !== 'retired');
  } else {
    const serving = servingRoutes(model);
    candidates = serving.routes;
    if (serving.deprecated && candidates.length)
      notes.push(`Only deprecated routes remain for ${model.name}.`);
  }

  let best: { route: Route; result: PriceResult } | undefined;
  const failures: AtelierError[] = [];
  for (const route of candidates) {
    try {
      // Once a size has picked the resolution tier, only pixel-counting prices still need it.
      const routeParams =
        sizeMapped && !needsPixels(route.price) ? { ...params, size: undefined } : params;
      const result = priceOf(route.price, routeParams, context);
      if (!best || result.expected < best.result.expected) best = { route, result };
    } catch (e) {
      if (!isAtelierError(e) || (e.code !== 'price_unavailable' && e.code !== 'invalid_input'))
        throw e;
      failures.push(e);
    }
  }
  if (!best) {
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

  const { route, result } = best;
  const assumptions = [...notes, ...result.assumptions];
  if (!provider && candidates.length > 1) {
    assumptions.unshift(
      `Cheapest of ${candidates.length} routes for these settings: ${route.provider}.`,
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
export function startingPrice(model: ModelEntry): StartingPrice | undefined {
  if (model.lifecycle.status === 'retired') return undefined;
  let best: StartingPrice | undefined;
  const context = contextFor(model, 1);
  for (const route of servingRoutes(model).routes) {
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
