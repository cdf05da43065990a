import { z } from 'zod';
import { modelRunnability, today } from '../providers/runnable.ts';
import { effectiveStatus } from './lifecycle.ts';
import type { Catalog } from './index.ts';
import { normalizeName } from './names.ts';
import { LifecycleStatus, Modality, Task, type ModelEntry } from './schema.ts';

/** The one model filter behind `atelier models`, catalog.list and the web catalog. */
export const ModelFilterSchema = z
  .object({
    modality: Modality.optional(),
    task: Task.optional(),
    vendor: z.string().min(1).optional(),
    status: z.array(LifecycleStatus).min(1).optional(),
    /** Free text over id, name, aliases, vendor and description. */
    query: z.string().optional(),
    /** Retired models are hidden unless asked for by status or this flag. */
    includeRetired: z.boolean().optional(),
    /**
     * Only models Atelier can run here (an adapter for a route, a sourced price, not past
     * shutdown). Retired ones stay with the lifecycle filter: asked for, they are listed.
     */
    runnableOnly: z.boolean().optional(),
  })
  .strict();
export type ModelFilter = z.infer<typeof ModelFilterSchema>;

/** `date`: the day lifecycles and runnability are read on. */
export function filterModels(
  catalog: Catalog,
  filter: ModelFilter = {},
  date: string = today(),
): ModelEntry[] {
  const query = filter.query ? normalizeName(filter.query) : '';
  return catalog.models.filter((m) => {
    const status = effectiveStatus(m.lifecycle, date);
    if (filter.modality && m.modality !== filter.modality) return false;
    if (filter.task && !m.tasks.includes(filter.task)) return false;
    if (filter.vendor && normalizeName(m.vendor) !== normalizeName(filter.vendor)) return false;
    if (filter.status) {
      if (!filter.status.includes(status)) return false;
    } else if (!filter.includeRetired && status === 'retired') {
      return false;
    }
    if (filter.runnableOnly && status !== 'retired' && !modelRunnability(m, date).runnable) {
      return false;
    }
    if (query) {
      const haystack = [m.id, m.name, m.vendor, m.description, ...m.aliases]
        .map(normalizeName)
        .join(' ');
      if (!haystack.includes(query)) return false;
    }
    return true;
  });
}

export {
  briefReason,
  modelRunnability,
  routeRunnability,
  withRunnability,
  type RunnableFlags,
  type WithRunnability,
} from '../providers/runnable.ts';
