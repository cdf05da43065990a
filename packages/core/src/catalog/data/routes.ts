import type { z } from 'zod';
import type { Provider, Route, Source } from '../schema.ts';

/** A route as data files write it (defaults not yet applied). */
export type RouteInput = z.input<typeof Route>;

/** What one provider's copy of a shared route says differently: its own dates, note or price note. */
export interface RouteDifference extends Partial<Omit<RouteInput, 'provider' | 'price'>> {
  /** Where this provider's copy of the price was read, or its own note on it; the rates stay shared. */
  price?: { source?: Source; note?: string };
}

/** The Gemini Developer API and Vertex AI serve the same Google models under the same ids. */
export const GEMINI_API_AND_VERTEX = ['google', 'vertex'] as const satisfies readonly Provider[];

/**
 * One route served identically by several providers (Gemini API ≡ Vertex): the id, status and
 * rates are written once and each provider gets its own copy, so a price change cannot reach one
 * and miss the other. `differences` holds what a provider's copy says on its own.
 */
export function sameRoute<P extends Provider>(
  providers: readonly P[],
  route: Omit<RouteInput, 'provider'>,
  differences: Partial<Record<P, RouteDifference>> = {},
): RouteInput[] {
  return providers.map((provider) => {
    const { price, ...own } = differences[provider] ?? {};
    return {
      provider,
      ...route,
      ...own,
      price: { ...route.price, ...price } as RouteInput['price'],
    };
  });
}
