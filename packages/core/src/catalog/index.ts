import { closest, distance } from 'fastest-levenshtein';
import { AtelierError } from '../errors.ts';
import { describeIssues } from '../validate.ts';
import { CATALOG_DATA } from './data/index.ts';
import { CATALOG_AS_OF } from './data/sources.ts';
import { namesOf, normalizeName } from './names.ts';
import { ModelEntry, type ModelEntryInput } from './schema.ts';
import { BUILT_IN_SOURCES, type SourceRegistry } from './source-registry.ts';

export * from './schema.ts';
export { namesOf, normalizeName } from './names.ts';
export { validateCatalog, type CatalogIssue, type ValidateOptions } from './validate.ts';
export {
  BUILT_IN_SOURCES,
  describeSource,
  FILE_PATH_PATTERN,
  withSourceLabels,
  sourceInfo,
  sourceLine,
  SourceInfo,
  SourceInfoKind,
  SourceRegistry,
  type DescribedSource,
} from './source-registry.ts';
export { CATALOG_AS_OF } from './data/sources.ts';
export { catalogAge, STALE_AFTER_DAYS, type CatalogAge } from './staleness.ts';
export {
  CATALOG_FILE_FORMAT,
  CatalogFile,
  catalogWithOverlay,
  exportCatalog,
  prepareOverlay,
  type CatalogOverlay,
  type CatalogProblem,
} from './catalog-file.ts';
export {
  effectiveRouteStatus,
  effectiveStatus,
  shutdownWarning,
  SHUTDOWN_WARNING_DAYS,
} from './lifecycle.ts';
export { today } from '../providers/runnable.ts';

export interface CatalogMeta {
  /** The day the catalog was last checked (the built-in CATALOG_AS_OF, or an applied file's). */
  asOf?: string;
  /** Titles of the sources it cites (the built-in registry, plus an applied file's). */
  sources?: SourceRegistry;
  /** When the catalog in use is an applied file: who applied it and when. */
  applied?: { id: string; appliedAt: string; appliedBy: string | null; models: string[] };
}

export class Catalog {
  readonly models: readonly ModelEntry[];
  readonly asOf: string;
  readonly sources: SourceRegistry;
  readonly applied: CatalogMeta['applied'];
  private readonly byName = new Map<string, ModelEntry>();

  constructor(models: readonly ModelEntry[], meta: CatalogMeta = {}) {
    this.models = models;
    this.asOf = meta.asOf ?? CATALOG_AS_OF;
    this.sources = meta.sources ?? BUILT_IN_SOURCES;
    this.applied = meta.applied;
    for (const model of models) {
      for (const name of namesOf(model)) {
        const key = normalizeName(name);
        const existing = this.byName.get(key);
        if (existing && existing.id !== model.id) {
          throw new AtelierError(
            'internal',
            `catalog name "${name}" is claimed by both ${existing.id} and ${model.id}`,
          );
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
    const ranked = [...scored.entries()]
      .filter(([, d]) => d <= limit)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
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
      throw new AtelierError(
        'internal',
        `catalog entry ${entry.id}: ${describeIssues(result.error.issues)}`,
      );
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
