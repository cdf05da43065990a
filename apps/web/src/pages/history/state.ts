import { ALL_STATUSES, type GenerationStatus } from '../../lib/generations.ts';
import type { RouterInputs } from '../../trpc.ts';

/** Whose generations: your own, the ones shared with the team, or everyone's (admins). */
export type HistoryScope = NonNullable<RouterInputs['history']['search']['scope']>;
export const SCOPES: readonly HistoryScope[] = ['mine', 'shared', 'all'];

/** History's filters and selection, in the address so a search can be shared and reloaded. */
export interface HistoryState {
  scope: HistoryScope;
  query: string;
  model?: string;
  status?: GenerationStatus;
  keptOnly: boolean;
  /** Local calendar days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  /** One side-by-side run: its generations only. */
  batch?: string;
  /** The generation whose details are open. */
  selected?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string | null) =>
  v && DAY.test(v) && !Number.isNaN(new Date(`${v}T00:00`).getTime()) ? v : undefined;

export function readHistoryState(params: URLSearchParams): HistoryState {
  const status = params.get('status');
  const scope = params.get('scope');
  return {
    scope: SCOPES.includes(scope as HistoryScope) ? (scope as HistoryScope) : 'mine',
    query: params.get('q') ?? '',
    model: params.get('model') || undefined,
    status: ALL_STATUSES.includes(status as GenerationStatus)
      ? (status as GenerationStatus)
      : undefined,
    keptOnly: params.get('kept') === '1',
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
    batch: params.get('batch') || undefined,
    selected: params.get('id') || undefined,
  };
}

export function writeHistoryState(state: HistoryState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.scope !== 'mine') out.scope = state.scope;
  if (state.query) out.q = state.query;
  if (state.model) out.model = state.model;
  if (state.status) out.status = state.status;
  if (state.keptOnly) out.kept = '1';
  if (state.from) out.from = state.from;
  if (state.to) out.to = state.to;
  if (state.batch) out.batch = state.batch;
  if (state.selected) out.id = state.selected;
  return out;
}

/** The API's filters: days become instants at the viewer's midnights; `to` covers its whole day. */
export function historyFilters(state: HistoryState) {
  const midnight = (day: string, plusDays = 0) => {
    const d = new Date(`${day}T00:00`);
    d.setDate(d.getDate() + plusDays);
    return d.toISOString();
  };
  return {
    scope: state.scope,
    ...(state.model ? { models: [state.model] } : {}),
    ...(state.status ? { status: [state.status] } : {}),
    ...(state.keptOnly ? { kept: true } : {}),
    ...(state.from ? { from: midnight(state.from) } : {}),
    ...(state.to ? { to: midnight(state.to, 1) } : {}),
    ...(state.batch ? { batchId: state.batch } : {}),
  };
}

export function hasFilters(state: HistoryState): boolean {
  return !!(
    state.query ||
    state.model ||
    state.status ||
    state.keptOnly ||
    state.from ||
    state.to ||
    state.batch
  );
}
