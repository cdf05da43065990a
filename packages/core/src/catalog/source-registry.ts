import { z } from 'zod';
import { SOURCE_TITLES } from './data/source-titles.ts';
import type { Source } from './schema.ts';

/**
 * What people see of a source: a title, a publisher and a link where there is one. Catalog data
 * cites sources by key (`Source.ref`: a URL, a seed article, a section of the research report);
 * the registry turns every key into words, so no file name reaches a page, a table or an error.
 */

export const SourceInfoKind = z.enum([
  'provider', // the provider's own docs, model page or pricing page
  'sdk', // the provider's official SDK
  'price-map', // a maintained machine-readable price list (LiteLLM)
  'reseller', // a reseller's or gateway's pages
  'seed', // one of the articles the product grew from
  'research', // Atelier's research notes (provider facts, extracts of specs and price maps)
  'third-party', // blogs, community threads, catalogs
]);
export type SourceInfoKind = z.infer<typeof SourceInfoKind>;

export const SourceInfo = z
  .object({
    title: z.string().min(1),
    publisher: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }).optional(),
    kind: SourceInfoKind,
  })
  .strict();
export type SourceInfo = z.infer<typeof SourceInfo>;

/** Source keys to what they are; a catalog file may add entries for the sources it cites. */
export const SourceRegistry = z.record(z.string().min(1), SourceInfo);
export type SourceRegistry = Record<string, SourceInfo>;

/** The built-in registry: every source the built-in catalog cites. */
export const BUILT_IN_SOURCES: SourceRegistry = SOURCE_TITLES;

/**
 * What a file path of Atelier's looks like in text (a seed file, a research note, a Markdown
 * section): tests grep rendered output for it. Public documents named in notes (fal's llms.txt,
 * OpenAI's openapi.yaml) are pages, not our files, and URLs are links: neither matches.
 */
export const FILE_PATH_PATTERN =
  /\b(?:seeds|research)\/|\.md#|\b\d{3}_[0-9a-f]{6,}\.txt\b|\b(?!llms\.txt\b)[\w-]+\.txt\b/;

/** A source as shown: its key and dates plus the registry's words. */
export type DescribedSource = Source & { title: string; publisher: string; url?: string };

/**
 * The registry entry of a key, or a stand-in that still names no file: a URL's host for an
 * unregistered link, "unlisted source" otherwise (validateCatalog refuses both in data).
 */
export function sourceInfo(ref: string, registry: SourceRegistry = BUILT_IN_SOURCES): SourceInfo {
  const known = registry[ref];
  if (known) return known;
  if (/^https?:\/\//.test(ref)) {
    const host = hostOf(ref);
    return { title: host, publisher: host, url: ref, kind: 'third-party' };
  }
  return { title: 'unlisted source', publisher: 'unknown', kind: 'third-party' };
}

export function describeSource<S extends Source>(
  source: S,
  registry?: SourceRegistry,
): S & DescribedSource {
  const info = sourceInfo(source.ref, registry);
  return {
    ...source,
    title: info.title,
    publisher: info.publisher,
    ...(info.url ? { url: info.url } : {}),
  };
}

/** One line for text output: "Title (publisher, kind, as of)". */
export function sourceLine(source: Source, registry?: SourceRegistry): string {
  const info = sourceInfo(source.ref, registry);
  const by = info.title.toLowerCase().includes(info.publisher.toLowerCase())
    ? ''
    : `${info.publisher}, `;
  return `${info.title} (${by}${source.kind}, ${source.asOf})`;
}

/**
 * A copy of a value in which every Source object carries its title, publisher and link: what
 * frontends and API answers hand on, so nothing downstream shows a bare key. Values with no
 * Source inside come back as they are.
 */
export function withSourceLabels<T>(value: T, registry: SourceRegistry = BUILT_IN_SOURCES): T {
  const walk = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      v.forEach((x, i) => {
        const y = walk(x);
        if (y !== x) (copy ??= [...v])[i] = y;
      });
      return copy ?? v;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null)
      return v;
    const o = v as Record<string, unknown>;
    if (typeof o.ref === 'string' && typeof o.asOf === 'string' && typeof o.kind === 'string') {
      const { url: _url, ...rest } = o;
      const info = sourceInfo(o.ref, registry);
      return {
        ...rest,
        title: info.title,
        publisher: info.publisher,
        ...(info.url ? { url: info.url } : {}),
      };
    }
    let copy: Record<string, unknown> | undefined;
    for (const [k, x] of Object.entries(o)) {
      const y = walk(x);
      if (y !== x) (copy ??= { ...o })[k] = y;
    }
    return copy ?? v;
  };
  return walk(value) as T;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'a web page';
  }
}
