import {
  briefReason,
  catalogAge,
  effectiveStatus,
  filterModels,
  modelRunnability,
  ModelFilterSchema,
  today,
  type ModelEntry,
  type Source,
} from '@atelier/core/catalog';
import { formatUsd, usd } from '@atelier/core/money';
import { startingPrice } from '@atelier/core/pricing';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import type { Style } from '../output/style.ts';

const ModelsFlags = ModelFilterSchema.omit({ includeRetired: true, runnableOnly: true }).extend({
  all: z.boolean().optional(),
  includeUnrunnable: z.boolean().optional(),
  maxPrice: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/, 'a USD amount with at most 6 decimals')
    .optional(),
});

export interface ModelRow {
  id: string;
  name: string;
  vendor: string;
  modality: ModelEntry['modality'];
  tasks: ModelEntry['tasks'];
  status: ModelEntry['lifecycle']['status'];
  /** The cheapest single asset (or second, for video priced by time) on a serving route; null when unpriced. */
  startingPrice: {
    micros: number;
    per: 'image' | 'second' | 'video';
    label: string;
    provider: string;
    providerModelId: string;
    source: Source;
  } | null;
  unpricedReason?: string;
  /** Whether Atelier can run it here (an adapter for a route, a sourced price, not retired). */
  runnable: boolean;
  notRunnableReason?: string;
}

/**
 * `atelier models`: the catalog, filtered, with starting prices. Models Atelier can't run here
 * are left out unless --include-unrunnable or --all (which adds retired ones too) asks for them;
 * retired ones asked for by --status are listed. Listed, they are marked with the reason.
 */
export function run({ args, options }: Invocation): Output {
  const { all, includeUnrunnable, maxPrice, ...filter } = parseFlags(ModelsFlags, {
    query: args[0],
    modality: options.modality,
    task: options.task,
    vendor: options.vendor,
    status: options.status,
    all: options.all,
    includeUnrunnable: options.includeUnrunnable,
    maxPrice: options.maxPrice,
  });
  const limit = maxPrice === undefined ? undefined : usd(maxPrice);
  const list = (runnableOnly: boolean) =>
    filterModels(cliCatalog(), { ...filter, includeRetired: all, runnableOnly })
      .map(toRow)
      .filter(
        (row) =>
          limit === undefined || (row.startingPrice !== null && row.startingPrice.micros <= limit),
      );
  const runnableOnly = !all && !includeUnrunnable;
  const rows = list(runnableOnly);
  const hidden = runnableOnly ? list(false).length - rows.length : 0;
  const age = catalogAge(cliCatalog().asOf, today());
  return {
    data: rows,
    text: (style) => {
      // Prices and lifecycles move within weeks: say how old the facts are, loudly when stale.
      const asOf = age.stale ? style.c.yellow(`Warning: ${age.text}`) : style.c.dim(age.text);
      return `${table(rows, hidden, style)}\n${asOf}`;
    },
  };
}

function toRow(m: ModelEntry): ModelRow {
  const start = startingPrice(m);
  const runs = modelRunnability(m);
  return {
    id: m.id,
    name: m.name,
    vendor: m.vendor,
    modality: m.modality,
    tasks: m.tasks,
    // The status on the day it is listed, from the model's dates.
    status: effectiveStatus(m.lifecycle, today()),
    startingPrice: start
      ? {
          micros: start.micros,
          per: start.per,
          label: start.label,
          provider: start.route.provider,
          providerModelId: start.route.providerModelId,
          source: start.route.price.source,
        }
      : null,
    ...(start ? {} : { unpricedReason: m.unpricedReason ?? 'no priced route' }),
    ...(runs.runnable ? { runnable: true } : { runnable: false, notRunnableReason: runs.reason }),
  };
}

function table(rows: readonly ModelRow[], hidden: number, s: Style): string {
  const more = hidden
    ? s.c.dim(
        `${hidden} more that Atelier can't run here ${hidden === 1 ? 'is' : 'are'} hidden; --include-unrunnable shows ${hidden === 1 ? 'it' : 'them'}.`,
      )
    : '';
  if (rows.length === 0)
    return [s.c.yellow('No models match these filters.'), more].filter(Boolean).join('\n');
  const statusColor = (st: ModelRow['status']) =>
    st === 'active'
      ? s.c.green(st)
      : st === 'preview'
        ? s.c.cyan(st)
        : st === 'deprecated'
          ? s.c.yellow(st)
          : s.c.red(st);
  // The column shows only when a listed model cannot run; its first clause is the reason in
  // short (--json and `atelier model <id>` give it whole).
  const marked = rows.some((r) => !r.runnable);
  const body = s.table(
    [
      'ID',
      'Name',
      'Vendor',
      'Type',
      'Status',
      'Starting price',
      '',
      'Via',
      'As of',
      ...(marked ? ["Can't run here"] : []),
    ],
    rows.map((r) => [
      r.id,
      r.name,
      r.vendor,
      r.modality,
      statusColor(r.status),
      // The amount right-aligned in its column (one formatter: core's money), its unit beside it.
      r.startingPrice ? formatUsd(r.startingPrice.micros) : s.c.dim('unpriced'),
      r.startingPrice ? `/ ${r.startingPrice.per}` : '',
      r.startingPrice ? r.startingPrice.provider : '',
      r.startingPrice ? r.startingPrice.source.asOf : '',
      ...(marked ? [s.c.yellow(briefReason(r.notRunnableReason ?? ''))] : []),
    ]),
    { align: ['left', 'left', 'left', 'left', 'left', 'right'] },
  );
  const count = s.c.dim(
    `${rows.length} model${rows.length === 1 ? '' : 's'}. \`atelier model <id>\` shows prices with sources.`,
  );
  return [body, count, more].filter(Boolean).join('\n');
}
