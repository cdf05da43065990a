import { loadCatalog, type Catalog } from '../catalog/index.ts';
import type { Route } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { actualCost, type PriceParams, type Usage as PricedUsage } from '../pricing/index.ts';
import { needsPixels } from '../pricing/price-of.ts';
import type { Asset, Cost, ReportedUsage } from './spec.ts';

/**
 * What a finished run cost: adapters report usage and what they made (as vercel/ai's providers
 * do), and the caller prices it here, on the same engine and with the same request settings the
 * estimate used — one pricing path for estimates and actuals.
 */
export interface Outcome {
  kind: 'image' | 'video';
  route: Route;
  /** The request as planned and sent (a generation's stored params). */
  params: Record<string, unknown>;
  usage: ReportedUsage;
  assets: readonly Pick<Asset, 'width' | 'height'>[];
  /** Input images sent with the request (reference images, a first frame). */
  inputImages: number;
}

/** The priced variant an output format selects: an SVG comes from a route's "vector" variant. */
export function priceVariant(outputFormat: unknown): { variant?: string } {
  return outputFormat === 'svg' ? { variant: 'vector' } : {};
}

export function priceOutcome(o: Outcome): Cost {
  const str = (k: string) =>
    typeof o.params[k] === 'string' ? (o.params[k] as string) : undefined;
  const first = o.assets[0];
  if (o.kind === 'video') {
    const seconds = typeof o.params['duration'] === 'number' ? o.params['duration'] : undefined;
    return priceResult(o.route, o.usage, {
      count: Math.max(1, o.assets.length),
      ...(seconds !== undefined ? { seconds } : {}),
      resolution: str('resolution'),
      aspectRatio: str('aspectRatio'),
      ...(typeof o.params['audio'] === 'boolean' ? { audio: o.params['audio'] } : {}),
      ...(o.inputImages ? { inputImages: o.inputImages } : {}),
    });
  }
  // Pixel-priced routes bill what came back; the others the size that was asked for.
  const produced = first ? `${first.width}x${first.height}` : undefined;
  const size = needsPixels(o.route.price) ? (produced ?? str('size')) : str('size');
  return priceResult(
    o.route,
    { images: o.assets.length, ...o.usage },
    {
      count: Math.max(1, o.assets.length),
      quality: str('quality'),
      ...(size ? { size } : {}),
      resolution: str('resolution'),
      aspectRatio: str('aspectRatio'),
      ...priceVariant(o.params['outputFormat']),
      ...(o.inputImages ? { inputImages: o.inputImages } : {}),
    },
  );
}

/**
 * The actual cost of one result, by the pricing engine: from reported tokens where the route is
 * token-priced and the provider reported them, else from the route's list price applied to what
 * was produced. A missing price is an error, never $0.
 */
export function priceResult(route: Route, usage: ReportedUsage, params: PriceParams): Cost {
  const priced: PricedUsage = {};
  if (usage.inputTextTokens !== undefined) priced.inputTextTokens = usage.inputTextTokens;
  if (usage.inputImageTokens !== undefined) priced.inputImageTokens = usage.inputImageTokens;
  if (usage.outputImageTokens !== undefined) priced.outputImageTokens = usage.outputImageTokens;
  if (usage.outputTextTokens !== undefined) priced.outputTextTokens = usage.outputTextTokens;
  if (usage.videoSeconds !== undefined) priced.videoSeconds = usage.videoSeconds;
  // Seedance on BytePlus reports its video tokens as completion tokens: billed from those.
  if (route.price.unit === 'video_token' && usage.outputTokens !== undefined)
    priced.outputVideoTokens = usage.outputTokens;
  if (usage.images !== undefined) priced.images = usage.images;
  const result = actualCost(route, priced, params);
  const tokens = [
    priced.inputTextTokens,
    priced.inputImageTokens,
    priced.outputImageTokens,
    priced.outputTextTokens,
    priced.outputVideoTokens,
  ].some((t) => t !== undefined);
  if (result.expected <= 0) {
    throw new AtelierError(
      'price_unavailable',
      `The price of ${route.provider}:${route.providerModelId} came out as $0, which no route costs.`,
      {
        details: { provider: route.provider, model: route.providerModelId },
      },
    );
  }
  return {
    micros: result.expected,
    basis:
      (route.price.unit === 'token' || route.price.unit === 'video_token') && tokens
        ? 'usage'
        : 'price',
    lines: result.lines.map((l) => ({
      label: l.label,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      micros: l.micros,
    })),
    assumptions: result.assumptions,
  };
}

/** The catalog route a model ran on (as a generation records it). */
export function routeOf(
  catalog: Catalog,
  ran: { modelId: string; provider: string; providerModelId: string },
): Route {
  const entry = catalog.resolve(ran.modelId);
  const route = entry.routes.find(
    (r) => r.provider === ran.provider && r.providerModelId === ran.providerModelId,
  );
  if (!route) {
    throw new AtelierError(
      'price_unavailable',
      `${entry.name} has no ${ran.provider} route ${ran.providerModelId} to price.`,
      {
        details: { model: entry.id, provider: ran.provider, providerModelId: ran.providerModelId },
      },
    );
  }
  return route;
}

/** Prices what a model reported: its route from the catalog, then `priceOutcome`. */
export function priceRun(
  ran: { modelId: string; provider: string; providerModelId: string },
  kind: 'image' | 'video',
  params: Record<string, unknown>,
  result: { usage: ReportedUsage; assets: readonly Pick<Asset, 'width' | 'height'>[] },
  opts: { inputImages?: number; catalog?: Catalog } = {},
): Cost {
  const route = routeOf(opts.catalog ?? loadCatalog(), ran);
  return priceOutcome({
    kind,
    route,
    params,
    usage: result.usage,
    assets: result.assets,
    inputImages: opts.inputImages ?? 0,
  });
}
