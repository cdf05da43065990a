import { filterModels, loadCatalog, ModelFilterSchema } from '@atelier/core/catalog';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';

const ModelsFlags = ModelFilterSchema.omit({ includeRetired: true }).extend({ all: ModelFilterSchema.shape.includeRetired });

export function run({ args, options }: Invocation): Output {
  const flags = parseFlags(ModelsFlags, {
    query: args[0],
    modality: options.modality,
    task: options.task,
    vendor: options.vendor,
    status: options.status,
    all: options.all,
  });
  const { all, ...filter } = flags;
  const models = filterModels(loadCatalog(), { ...filter, includeRetired: all });
  const rows = models.map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, modality: m.modality, status: m.lifecycle.status }));
  return {
    data: rows,
    text: (s) => s.table(['ID', 'Name', 'Vendor', 'Modality', 'Status'], rows.map((r) => [r.id, r.name, r.vendor, r.modality, r.status])),
  };
}
