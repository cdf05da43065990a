import type { Warning } from '../jobs.ts';
import type { LifecycleStatus, ModelEntry, Route } from './schema.ts';

/**
 * A model's and a route's status on a given day, computed from their dates, so a model is
 * retired the day its shutdown comes without a change to the catalog. The declared `status` is
 * what was true on the catalog's as-of date; the dates decide every other day.
 */

/** The dated part of a model's lifecycle or of a route. */
export interface Dated {
  status: LifecycleStatus;
  released?: string;
  deprecated?: string;
  shutdown?: string;
}

/** Worst first: a route is never better off than its model. */
const RANK: Record<LifecycleStatus, number> = { preview: 0, active: 0, deprecated: 1, retired: 2 };

/** How many days ahead of a shutdown the warning is given. */
export const SHUTDOWN_WARNING_DAYS = 30;

/**
 * The status on `date` (YYYY-MM-DD): retired from the shutdown day on; deprecated from the day the
 * deprecation was announced (or as declared, when no such date is known); before an announced
 * deprecation, the status it had (active or preview).
 */
export function effectiveStatus(dated: Dated, date: string): LifecycleStatus {
  if (dated.shutdown !== undefined && dated.shutdown <= date) return 'retired';
  if (dated.deprecated !== undefined && dated.deprecated <= date) return 'deprecated';
  const declared = dated.status;
  if (declared === 'retired' && dated.shutdown === undefined) return 'retired';
  if (declared === 'retired' || declared === 'deprecated') {
    // Declared so on the as-of date; a known announcement day later than `date` means not yet.
    return dated.deprecated !== undefined ? 'active' : 'deprecated';
  }
  return declared;
}

/**
 * A route's status on `date`: its own dates where it has them, else its model's (a route declared
 * retired with its model reads the model's shutdown), and never better than its model's status.
 */
export function effectiveRouteStatus(
  entry: ModelEntry,
  route: Route,
  date: string,
): LifecycleStatus {
  const own = effectiveStatus(
    {
      status: route.status,
      deprecated: route.deprecated ?? entry.lifecycle.deprecated,
      shutdown: route.shutdown ?? entry.lifecycle.shutdown,
    },
    date,
  );
  const model = effectiveStatus(entry.lifecycle, date);
  return RANK[model] > RANK[own] ? model : own;
}

export const isRetired = (entry: ModelEntry, date: string): boolean =>
  effectiveStatus(entry.lifecycle, date) === 'retired';

export const isRouteRetired = (entry: ModelEntry, route: Route, date: string): boolean =>
  effectiveRouteStatus(entry, route, date) === 'retired';

/** Serving on `date`: active or preview (deprecated routes are a fallback only). */
export const isRouteLive = (entry: ModelEntry, route: Route, date: string): boolean => {
  const s = effectiveRouteStatus(entry, route, date);
  return s === 'active' || s === 'preview';
};

/** The day a route stops: the earlier of its own shutdown and its model's. */
export function routeShutdown(entry: ModelEntry, route?: Route): string | undefined {
  const dates = [entry.lifecycle.shutdown, route?.shutdown].filter(
    (d): d is string => d !== undefined,
  );
  return dates.sort()[0];
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The warning ahead of a shutdown, for a model (and the route it would run on): "shuts down in
 * 12 days — move to …". Every frontend shows it through the plan's warnings. `nameOf` turns a
 * replacement's id into its name.
 */
export function shutdownWarning(
  entry: ModelEntry,
  date: string,
  opts: { route?: Route; nameOf?: (id: string) => string | undefined; withinDays?: number } = {},
): Warning | undefined {
  const shutdown = routeShutdown(entry, opts.route);
  if (shutdown === undefined || shutdown <= date) return undefined;
  const days = daysBetween(date, shutdown);
  if (days > (opts.withinDays ?? SHUTDOWN_WARNING_DAYS)) return undefined;
  const routeOnly =
    opts.route?.shutdown !== undefined &&
    opts.route.shutdown === shutdown &&
    entry.lifecycle.shutdown !== shutdown;
  const what = routeOnly
    ? `${entry.name} on this route (${opts.route?.providerModelId})`
    : entry.name;
  const when = days === 1 ? 'tomorrow' : `in ${days} days`;
  const names = entry.lifecycle.replacements.map((id) => opts.nameOf?.(id) ?? id);
  const move = names.length
    ? ` — move to ${names.join(' or ')}`
    : routeOnly
      ? ' — pin another provider'
      : '';
  return {
    type: 'other',
    setting: 'models',
    message: `${what} shuts down ${when} (${shutdown})${move}.`,
  };
}

/**
 * The entry as it stands on `date`: its lifecycle's and routes' statuses computed from their
 * dates, so code that reads `status` (compare, recommend) reads the day's. Idempotent.
 */
export function entryOn<E extends ModelEntry>(entry: E, date: string): E {
  return {
    ...entry,
    lifecycle: { ...entry.lifecycle, status: effectiveStatus(entry.lifecycle, date) },
    routes: entry.routes.map((r) => ({ ...r, status: effectiveRouteStatus(entry, r, date) })),
  };
}
