import { closest, distance } from 'fastest-levenshtein';
import { AtelierError } from '../errors.ts';
import { describeIssues } from '../validate.ts';
import { CATALOG_DATA } from './data/index.ts';
import { namesOf, normalizeName } from './names.ts';
import { ModelEntry, type ModelEntryInput } from './schema.ts';

export * from './schema.ts';
export { namesOf, normalizeName } from './names.ts';
export { validateCatalog, type CatalogIssue } from './validate.ts';
export { effectiveRouteStatus, effectiveStatus, shutdownWarning, SHUTDOWN_WARNING_DAYS } from './lifecycle.ts';
export { today } from '../providers/runnable.ts';

export class Catalog {
  readonly models: readonly ModelEntry[];
  private readonly byName = new Map<string, ModelEntry>();

  constructor(models: readonly ModelEntry[]) {
    this.models = models;
    for (const model of models) {
      for (const name of namesOf(model)) {
        const key = normalizeName(name);
        const existing = this.byName.get(key);
        if (existing && existing.id !== model.id) {
          throw new AtelierError('internal', `catalog name "${name}" is claimed by both ${existing.id} and ${model.id}`);
        }
        this.byName.set(key, model);
      }
    }
  }

  get(idOrAlias: string): ModelEntry | undefined {
    return this.byName.get(normalizeName(idOrAlias));
  }

  /** Like get(), but an unknown name is an error that suggests the nearest ids. */
  resolve(idOrAlias: string): ModelEntry {
    const model = this.get(idOrAlias);
    if (model) return model;
    const suggestions = this.suggest(idOrAlias);
    throw new AtelierError('unknown_model', `Unknown model "${idOrAlias}".`, {
      hint: suggestions.length
        ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? Run \`atelier models\` to list them all.`
        : 'Run `atelier models` to list them all.',
      details: { input: idOrAlias, suggestions },
    });
  }

  /** The catalog ids nearest to a mistyped name, best first. */
  suggest(input: string, max = 3): string[] {
    const key = normalizeName(input);
    if (!key) return [];
    const scored = new Map<string, number>();
    for (const [name, model] of this.byName) {
      let d = distance(key, name);
      if (name.startsWith(key) || name.includes(key)) d = Math.min(d, 1);
      const prev = scored.get(model.id);
      if (prev === undefined || d < prev) scored.set(model.id, d);
    }
    const limit = Math.max(2, Math.ceil(key.length / 3));
    const ranked = [...scored.entries()].filter(([, d]) => d <= limit).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    if (ranked.length) return ranked.slice(0, max).map(([id]) => id);
    const nearest = closest(key, [...this.byName.keys()]);
    const model = this.byName.get(nearest);
    return model && distance(key, nearest) <= key.length / 2 ? [model.id] : [];
  }
}

let cached: Catalog | undefined;

/** The built-in catalog, parsed once per process. */
export function loadCatalog(): Catalog {
  if (!cached) cached = new Catalog(parseEntries(CATALOG_DATA));
  return cached;
}

export function parseEntries(entries: readonly ModelEntryInput[]): ModelEntry[] {
  return entries.map((entry) => {
    const result = ModelEntry.safeParse(entry);
    if (!result.success) {
      throw new AtelierError('internal', `catalog entry ${entry.id}: ${describeIssues(result.error.issues)}`);
    }
    return result.data;
  });
}
export {
  filterModels,
  ModelFilterSchema,
  type ModelFilter,
  briefReason,
  modelRunnability,
  routeRunnability,
  withRunnability,
  type RunnableFlags,
  type WithRunnability,
} from './filter.ts';
