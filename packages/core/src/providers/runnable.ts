import type { Modality, ModelEntry, Provider, Route } from '../catalog/schema.ts';
import {
  effectiveRouteStatus,
  effectiveStatus,
  isRetired,
  isRouteRetired,
  routeShutdown,
} from '../catalog/lifecycle.ts';
import { AtelierError } from '../errors.ts';
import { PROVIDER_NAMES } from './errors.ts';

/**
 * Whether Atelier can run a model or one of its routes here: an adapter for the provider and a
 * price to reserve. Every frontend shows this, and the planner refuses with the same reason.
 * This module stays free of the adapters themselves, so listing the catalog (`atelier models`,
 * catalog.list) never loads a provider SDK.
 */

export type Runnability = { runnable: true } | { runnable: false; reason: string };

/**
 * The providers Atelier has an adapter for, per modality. models.ts holds the adapters;
 * runnable.test.ts checks that its hasAdapter agrees with this table.
 */
const ADAPTED: Record<Modality, readonly Provider[]> = {
  image: [
    'openai',
    'google',
    'vertex',
    'fal',
    'bfl',
    'byteplus',
    'stability',
    'recraft',
    'replicate',
    'dashscope',
  ],
  video: ['vertex', 'fal', 'byteplus', 'dashscope'],
};

/** The day a model stops being served: its shutdown date once that date has come (lifecycle.ts). */
export function isRetiredOn(entry: ModelEntry, date: string): boolean {
  return isRetired(entry, date);
}

export function routeRunnability(
  entry: ModelEntry,
  route: Route,
  date: string = today(),
): Runnability {
  if (isRouteRetired(entry, route, date)) {
    const when = routeShutdown(entry, route);
    return {
      runnable: false,
      reason: `the ${PROVIDER_NAMES[route.provider]} route is retired${when ? ` (shut down ${when})` : ''}`,
    };
  }
  if (!ADAPTED[entry.modality].includes(route.provider)) {
    return {
      runnable: false,
      reason: `Atelier cannot call ${PROVIDER_NAMES[route.provider]} for ${entry.modality === 'image' ? 'images' : 'video'} yet`,
    };
  }
  return { runnable: true };
}

/** Runnable when at least one route is; else the first reason, or why it has no price. */
export function modelRunnability(entry: ModelEntry, date: string = today()): Runnability {
  if (isRetiredOn(entry, date))
    return {
      runnable: false,
      reason: `retired${entry.lifecycle.shutdown ? ` on ${entry.lifecycle.shutdown}` : ''}`,
    };
  if (entry.routes.length === 0)
    return {
      runnable: false,
      reason: entry.unpricedReason
        ? `no sourced price: ${entry.unpricedReason}`
        : 'no sourced price',
    };
  let first: Runnability | undefined;
  for (const route of entry.routes) {
    const r = routeRunnability(entry, route, date);
    if (r.runnable) return r;
    first ??= r;
  }
  return first ?? { runnable: false, reason: 'no route' };
}

/** A reason's first clause ("no sourced price"), for a table cell; the whole one says why. */
export function briefReason(reason: string): string {
  return reason.split(': ')[0] ?? reason;
}

/** How a model or route says it: `runnable`, and why not when it cannot run. */
export interface RunnableFlags {
  runnable: boolean;
  notRunnableReason?: string;
}

function flags(r: Runnability): RunnableFlags {
  return r.runnable ? { runnable: true } : { runnable: false, notRunnableReason: r.reason };
}

/** A catalog entry with its flags and its routes' (per modality, so `m.image` still narrows). */
export type WithRunnability<E extends ModelEntry = ModelEntry> = E extends ModelEntry
  ? Omit<E, 'routes'> & RunnableFlags & { routes: (Route & RunnableFlags)[] }
  : never;

/**
 * The entry as the frontends list it on `date`: its lifecycle and routes with the day's status
 * (computed from their dates), whether it can run here, and each of its routes.
 */
export function withRunnability(entry: ModelEntry, date: string = today()): WithRunnability {
  const routes = entry.routes.map((route) => ({
    ...route,
    status: effectiveRouteStatus(entry, route, date),
    ...flags(routeRunnability(entry, route, date)),
  }));
  const lifecycle = { ...entry.lifecycle, status: effectiveStatus(entry.lifecycle, date) };
  return {
    ...entry,
    lifecycle,
    ...flags(modelRunnability(entry, date)),
    routes,
  } as WithRunnability;
}

/**
 * The variable that pins "today" (YYYY-MM-DD) for every frontend reading lifecycles: to see the
 * catalog as it stands on a chosen day (a shutdown ahead or passed) and to test it.
 */
export const TODAY_ENV = 'ATELIER_TODAY';

/** Today as YYYY-MM-DD (UTC), the date lifecycles are read on; ATELIER_TODAY overrides it. */
export function today(now?: Date): string {
  if (now) return now.toISOString().slice(0, 10);
  const env = typeof process === 'undefined' ? undefined : process.env[TODAY_ENV]?.trim();
  if (env) {
    const parsed = new Date(`${env}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(env) ||
      Number.isNaN(parsed.getTime()) ||
      parsed.toISOString().slice(0, 10) !== env
    ) {
      throw new AtelierError(
        'invalid_input',
        `${TODAY_ENV}: "${env}" is not a date; expected YYYY-MM-DD (e.g. 2026-12-01).`,
        {
          details: { field: TODAY_ENV },
        },
      );
    }
    return env;
  }
  return new Date().toISOString().slice(0, 10);
}
