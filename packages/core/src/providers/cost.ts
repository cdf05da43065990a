import type { Route } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import type { PriceParams } from '../pricing/params.ts';
import type { Cost, Usage } from './spec.ts';

/**
 * The actual cost of one result: from reported tokens where the provider reports them, else from
 * the route's list price and what was produced. A missing price is an error, never $0.
 */
export function priceResult(route: Route, usage: Usage, params: PriceParams): Cost {
  void usage;
  void params;
  throw new AtelierError('price_unavailable', `No pricing engine is wired for ${route.provider}:${route.providerModelId} yet.`);
}
