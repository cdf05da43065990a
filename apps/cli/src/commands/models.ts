import {
  filterModels,
  ModelFilterSchema,
  type ModelEntry,
  type Source,
} from '@atelier/core/catalog';
import { usd } from '@atelier/core/money';
import { startingPrice } from '@atelier/core/pricing';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import type { Style } from '../output/style.ts';

const ModelsFlags = ModelFilterSchema.omit({ includeRetired: true }).extend({
  all: z.boolean().optional(),
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
}

/** `atelier models`: the catalog, filtered, with starting prices. */
export function run({ args, options }: Invocation): Output {
  const { all, maxPrice, ...filter } = parseFlags(ModelsFlags, {
    query: args[0],
    modality: options.modality,
    task: options.task,
    vendor: options.vendor,
    status: options.status,
    all: options.all,
    maxPrice: options.maxPrice,
  });
  const limit = maxPrice === undefined ? undefined : usd(maxPrice);
  const rows = filterModels(cliCatalog(), { ...filter, includeRetired: all })
    .map(toRow)
    .filter(
      (row) =>
        limit === undefined || (row.startingPrice !== null && row.startingPrice.micros <= limit),
    );
  return { data: rows, text: (style) => table(rows, style) };
}

function toRow(m: ModelEntry): ModelRow {
  const start = startingPrice(m);
  return {
    id: m.id,
    name: m.name,
    vendor: m.vendor,
    modality: m.modality,
    tasks: m.tasks,
    status: m.lifecycle.status,
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
  };
}

function table(rows: readonly ModelRow[], s: Style): string {
  if (rows.length === 0) return s.c.yellow('No models match these filters.');
  const statusColor = (st: ModelRow['status']) =>
    st === 'active'
      ? s.c.green(st)
      : st === 'preview'
        ? s.c.cyan(st)
        : st === 'deprecated'
          ? s.c.yellow(st)
          : s.c.red(st);
  const body = s.table(
    ['ID', 'Name', 'Vendor', 'Type', 'Status', 'Starting price', 'Via', 'As of'],
    rows.map((r) => [
      r.id,
      r.name,
      r.vendor,
      r.modality,
      statusColor(r.status),
      r.startingPrice ? r.startingPrice.label.replace(/^from /, '') : s.c.dim('unpriced'),
      r.startingPrice ? r.startingPrice.provider : '',
      r.startingPrice ? r.startingPrice.source.asOf : '',
    ]),
  );
  return `${body}\n${s.c.dim(`${rows.length} model${rows.length === 1 ? '' : 's'}. \`atelier model <id>\` shows prices with sources.`)}`;
}
