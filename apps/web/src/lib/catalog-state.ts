import {
  CRITERIA,
  STATUSES,
  TASKS,
  type Criterion,
  type LifecycleStatus,
  type Task,
} from './labels.ts';

export type SortKey = 'name' | 'vendor' | 'released' | 'price' | 'score';
export type SortDir = 'asc' | 'desc';

/** The catalog page's filters, sort and view: all of it lives in the address, so it can be shared. */
export interface CatalogState {
  query: string;
  modality?: 'image' | 'video';
  task?: Task;
  vendor?: string;
  status: LifecycleStatus[];
  criterion?: Criterion;
  minScore: number;
  /** Decimal USD as typed ("0.05"); parsed exactly when filtering. */
  priceMin?: string;
  priceMax?: string;
  sort: SortKey;
  dir: SortDir;
  /** undefined: the default for the screen (cards on a phone, a table otherwise). */
  view?: 'table' | 'cards';
  /** Also list the models Atelier can't run here (marked); off by default, as in the CLI. */
  unrunnable: boolean;
}

/** Retired models stay out unless asked for, as in the CLI. */
export const DEFAULT_STATUS: LifecycleStatus[] = ['active', 'preview', 'deprecated'];
const SORTS: readonly SortKey[] = ['name', 'vendor', 'released', 'price', 'score'];
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

export function readCatalogState(params: URLSearchParams): CatalogState {
  const statusParam = params.get('status');
  const status =
    statusParam === null
      ? DEFAULT_STATUS
      : statusParam
          .split(',')
          .map((s) => oneOf(s, Object.keys(STATUSES) as LifecycleStatus[]))
          .filter((s): s is LifecycleStatus => s !== undefined);
  const minScore = Number(params.get('min') ?? 0);
  const price = (key: string) => {
    const v = params.get(key);
    return v && /^\d+(\.\d{1,6})?$/.test(v) ? v : undefined;
  };
  return {
    query: params.get('q') ?? '',
    modality: oneOf(params.get('modality'), ['image', 'video'] as const),
    task: oneOf(params.get('task'), Object.keys(TASKS) as Task[]),
    vendor: params.get('vendor') || undefined,
    status,
    criterion: oneOf(params.get('score'), Object.keys(CRITERIA) as Criterion[]),
    minScore: Number.isFinite(minScore) && minScore >= 0 && minScore <= 5 ? minScore : 0,
    priceMin: price('from'),
    priceMax: price('to'),
    sort: oneOf(params.get('sort'), SORTS) ?? 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    view: oneOf(params.get('view'), ['table', 'cards'] as const),
    unrunnable: params.get('unrunnable') === '1',
  };
}

/** Only what differs from the defaults goes into the address. */
export function writeCatalogState(state: CatalogState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.query) out.q = state.query;
  if (state.modality) out.modality = state.modality;
  if (state.task) out.task = state.task;
  if (state.vendor) out.vendor = state.vendor;
  const sameStatus =
    state.status.length === DEFAULT_STATUS.length &&
    DEFAULT_STATUS.every((s) => state.status.includes(s));
  if (!sameStatus) out.status = state.status.join(',');
  if (state.criterion) out.score = state.criterion;
  if (state.criterion && state.minScore > 0) out.min = String(state.minScore);
  if (state.priceMin) out.from = state.priceMin;
  if (state.priceMax) out.to = state.priceMax;
  if (state.sort !== 'name') out.sort = state.sort;
  if (state.dir !== 'asc') out.dir = state.dir;
  if (state.view) out.view = state.view;
  if (state.unrunnable) out.unrunnable = '1';
  return out;
}
