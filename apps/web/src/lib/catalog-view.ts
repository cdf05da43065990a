import type { RouterOutputs } from '../trpc.ts';
import type { CatalogState } from './catalog-state.ts';
import { usd } from './format.ts';

export type ListedModel = RouterOutputs['catalog']['list'][number];
/** One model whole, as catalog.get gives it (routes, parameters, runnability); no starting price. */
export type WholeModel = RouterOutputs['catalog']['get'];
/** A model as the catalog page gets it (catalog.browse): only what its table and cards show. */
export type CatalogRow = RouterOutputs['catalog']['browse']['models'][number];
/** The cheapest serving price of one asset, computed by the API; null when no price is sourced. */
export type StartingPrice = NonNullable<CatalogRow['startingPrice']>;

/**
 * A reason's first clause ("no sourced price") for a cell; the whole one goes in its title. As
 * core's briefReason, which the web does not import (it would bring the catalog data along).
 */
export function briefReason(reason: string): string {
  return reason.split(': ')[0] ?? reason;
}

export function priceOf(model: Pick<CatalogRow, 'startingPrice'>): StartingPrice | undefined {
  return model.startingPrice ?? undefined;
}

/** Filters the API does not take: a minimum score on one criterion, a starting-price range. */
export function filterLocally<M extends CatalogRow>(
  models: readonly M[],
  state: CatalogState,
): M[] {
  const min = state.priceMin ? usd(state.priceMin) : undefined;
  const max = state.priceMax ? usd(state.priceMax) : undefined;
  return models.filter((m) => {
    if (state.criterion && state.minScore > 0) {
      const score = m.scores[state.criterion]?.value;
      if (score === undefined || score < state.minScore) return false;
    }
    if (min !== undefined || max !== undefined) {
      const price = priceOf(m);
      if (!price) return false;
      if (min !== undefined && price.micros < min) return false;
      if (max !== undefined && price.micros > max) return false;
    }
    return true;
  });
}

/** Sorts by the chosen column; models without a value (no price, no score) go last either way. */
export function sortModels<M extends CatalogRow>(models: readonly M[], state: CatalogState): M[] {
  const sign = state.dir === 'desc' ? -1 : 1;
  const key = (m: M): string | number | undefined => {
    switch (state.sort) {
      case 'name':
        return m.name.toLowerCase();
      case 'vendor':
        return m.vendor.toLowerCase();
      case 'released':
        return m.lifecycle.released;
      case 'price':
        return priceOf(m)?.micros;
      case 'score':
        return state.criterion ? m.scores[state.criterion]?.value : undefined;
    }
  };
  return [...models].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) {
      if (ka === kb) return a.name.localeCompare(b.name);
      return ka === undefined ? 1 : -1;
    }
    const order =
      typeof ka === 'number' && typeof kb === 'number'
        ? ka - kb
        : String(ka).localeCompare(String(kb));
    return order * sign || a.name.localeCompare(b.name);
  });
}
