import {
  BUILT_IN_SOURCES,
  sourceLine,
  withSourceLabels,
  type SourceRegistry,
} from '@atelier/core/catalog/sources';
import type { Source } from '@atelier/core/catalog';

/**
 * The titles text output gives sources: the registry of the catalog in use (cliCatalog() sets
 * it when an applied catalog file adds sources), the built-in one until then.
 */
let registry: SourceRegistry = BUILT_IN_SOURCES;

export function useSourceRegistry(next: SourceRegistry): void {
  registry = next;
}

/**
 * "Title (publisher, kind, as of)", then its link where it has one (a terminal's way to link):
 * never the key, which may be a file name. `link: false` for table cells.
 */
export function sourceTitle(source: Source, link = true): string {
  const line = sourceLine(source, registry);
  const url = link
    ? (registry[source.ref]?.url ?? (/^https?:\/\//.test(source.ref) ? source.ref : undefined))
    : undefined;
  return url ? `${line} ${url}` : line;
}

/** A copy of a command's data in which every source carries its title, publisher and link. */
export function withTitles<T>(data: T): T {
  return withSourceLabels(data, registry);
}
