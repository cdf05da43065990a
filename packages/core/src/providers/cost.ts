import type { Route } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { actualCost, type PriceParams, type Usage as PricedUsage } from '../pricing/index.ts';
import type { Cost, ReportedUsage } from './spec.ts';

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
  if (usage.images !== undefined) priced.images = usage.images;
  const result = actualCost(route, priced, params);
  const tokens = [priced.inputTextTokens, priced.inputImageTokens, priced.outputImageTokens, priced.outputTextTokens].some((t) => t !== undefined);
  if (result.expected <= 0) {
    throw new AtelierError('price_unavailable', `The price of ${route.provider}:${route.providerModelId} came out as $0, which no route costs.`, {
      details: { provider: route.provider, model: route.providerModelId },
    });
  }
  return {
    micros: result.expected,
    basis: route.price.unit === 'token' && tokens ? 'usage' : 'price',
    lines: result.lines.map((l) => ({ label: l.label, quantity: l.quantity, unitPrice: l.unitPrice, micros: l.micros })),
    assumptions: result.assumptions,
  };
}
