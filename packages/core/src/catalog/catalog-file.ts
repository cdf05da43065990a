import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { describeIssues } from '../validate.ts';
import { Catalog, loadCatalog, type CatalogMeta } from './index.ts';
import { IsoDate, ModelEntry } from './schema.ts';
import { BUILT_IN_SOURCES, SourceRegistry } from './source-registry.ts';
import { sourcesOf, validateCatalog } from './validate.ts';

/**
 * Catalog files: the catalog as data, so prices and lifecycles can be corrected without a
 * release. `export` writes the catalog in use; an edited file is applied on top of the built-in
 * data (its entries replace the built-in ones of the same id, new ids are added), after the same
 * schema and integrity checks as the built-in data. A file is taken whole or refused whole.
 */

export const CATALOG_FILE_FORMAT = 'atelier-catalog/1';

export const CatalogFile = z
  .object({
    format: z.literal(CATALOG_FILE_FORMAT),
    /** The day the file's facts were checked; the catalog in use shows it. */
    asOf: IsoDate,
    /** Titles of the sources the entries cite, beyond the built-in ones (see source-registry.ts). */
    sources: SourceRegistry.default({}),
    /** Entries, each a full model in the catalog schema; checked one by one to name the failing one. */
    models: z.array(z.unknown()),
  })
  .strict();
export type CatalogFile = z.output<typeof CatalogFile>;

/** What is stored when a file is applied: only what differs from the built-in catalog. */
export interface CatalogOverlay {
  format: typeof CATALOG_FILE_FORMAT;
  asOf: string;
  sources: SourceRegistry;
  models: ModelEntry[];
}

export interface CatalogProblem {
  /** Where in the file: "models[3] gpt-image-2: routes.0.price.tiers.0.micros", "asOf". */
  at: string;
  problem: string;
}

/** The catalog in use, as a file: every entry, the sources it cites, its as-of date. */
export function exportCatalog(catalog: Catalog): CatalogFile {
  const models = catalog.models.map((m) => unlabeled(m));
  const cited = new Set(sourcesOf(models).map((s) => s.ref));
  const sources = Object.fromEntries(
    Object.entries(catalog.sources)
      .filter(([key]) => cited.has(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { format: CATALOG_FILE_FORMAT, asOf: catalog.asOf, sources, models };
}

/**
 * Checks a catalog file against the built-in catalog and returns what to store and the catalog
 * it makes. Refuses (AtelierError invalid_input, details.problems) when anything is wrong.
 */
export function prepareOverlay(
  input: unknown,
  base: Catalog = loadCatalog(),
): { overlay: CatalogOverlay; catalog: Catalog; changed: string[]; added: string[] } {
  const problems: CatalogProblem[] = [];
  const outer = CatalogFile.safeParse(input);
  if (!outer.success) {
    for (const issue of outer.error.issues) {
      problems.push({
        at: issue.path.map(String).join('.') || '(file)',
        problem: describeIssues([{ ...issue, path: [] }]).replace(/^\(root\): /, ''),
      });
    }
    throw refusal(problems);
  }
  const file = outer.data;
  if (file.asOf < base.asOf) {
    problems.push({
      at: 'asOf',
      problem: `${file.asOf} is before the built-in catalog's ${base.asOf}: applying it would undo newer data (export the catalog in use and edit that)`,
    });
  }

  const entries: ModelEntry[] = [];
  const seen = new Set<string>();
  file.models.forEach((raw, i) => {
    const id =
      raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : '?';
    const parsed = ModelEntry.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          at: `models[${i}] ${id}: ${issue.path.map(String).join('.') || '(entry)'}`,
          problem: describeIssues([{ ...issue, path: [] }]).replace(/^\(root\): /, ''),
        });
      }
      return;
    }
    if (seen.has(parsed.data.id))
      problems.push({ at: `models[${i}] ${id}: id`, problem: `"${id}" appears twice in the file` });
    seen.add(parsed.data.id);
    entries.push(unlabeled(parsed.data));
  });
  if (problems.length) throw refusal(problems);

  const sources = { ...base.sources, ...file.sources };
  const byId = new Map(base.models.map((m) => [m.id, m]));
  const changedEntries = entries.filter((m) => {
    const before = byId.get(m.id);
    return !before || JSON.stringify(unlabeled(before)) !== JSON.stringify(m);
  });
  const merged = mergeModels(
    base.models.map((m) => unlabeled(m)),
    changedEntries,
  );
  for (const issue of validateCatalog(merged, { asOf: file.asOf, sources })) {
    const i = fileIndex(file.models, issue.model);
    problems.push({
      at: i === undefined ? `built-in ${issue.model}` : `models[${i}] ${issue.model}`,
      problem: issue.problem,
    });
  }
  if (problems.length) throw refusal(problems);

  const addedSources = Object.fromEntries(
    Object.entries(file.sources).filter(
      ([key, info]) => JSON.stringify(BUILT_IN_SOURCES[key]) !== JSON.stringify(info),
    ),
  );
  const overlay: CatalogOverlay = {
    format: CATALOG_FILE_FORMAT,
    asOf: file.asOf,
    sources: addedSources,
    models: changedEntries,
  };
  return {
    overlay,
    catalog: new Catalog(merged, { asOf: file.asOf, sources }),
    changed: changedEntries.filter((m) => byId.has(m.id)).map((m) => m.id),
    added: changedEntries.filter((m) => !byId.has(m.id)).map((m) => m.id),
  };
}

/**
 * The catalog a stored overlay makes on top of the built-in one. An overlay that no longer
 * passes the checks (the built-in data moved under it) is not used: the result says why.
 */
export function catalogWithOverlay(
  overlay: CatalogOverlay,
  applied: NonNullable<CatalogMeta['applied']>,
  base: Catalog = loadCatalog(),
  /** false: skip the integrity checks, for a copy written only after they passed (the CLI's mirror). */
  check = true,
): { catalog: Catalog } | { catalog: Catalog; refused: string } {
  const sources = { ...base.sources, ...overlay.sources };
  const asOf = overlay.asOf > base.asOf ? overlay.asOf : base.asOf;
  const parsed = overlay.models.map((m) => ModelEntry.safeParse(m));
  const bad = parsed.find((p) => !p.success);
  if (bad && !bad.success) return { catalog: base, refused: describeIssues(bad.error.issues) };
  const merged = mergeModels(
    base.models.map((m) => unlabeled(m)),
    parsed.map((p) => p.data as ModelEntry),
  );
  const issues = check ? validateCatalog(merged, { asOf, sources }) : [];
  if (issues.length) {
    return {
      catalog: base,
      refused: issues
        .slice(0, 5)
        .map((i) => `${i.model}: ${i.problem}`)
        .join('; '),
    };
  }
  return { catalog: new Catalog(merged, { asOf, sources, applied }) };
}

/** A file's entries replace the built-in ones with the same id, in place; new ones go last. */
function mergeModels(base: readonly ModelEntry[], overlay: readonly ModelEntry[]): ModelEntry[] {
  const replace = new Map(overlay.map((m) => [m.id, m]));
  const out = base.map((m) => replace.get(m.id) ?? m);
  const known = new Set(base.map((m) => m.id));
  return [...out, ...overlay.filter((m) => !known.has(m.id))];
}

function fileIndex(models: readonly unknown[], id: string): number | undefined {
  const i = models.findIndex(
    (m) => m && typeof m === 'object' && (m as { id?: unknown }).id === id,
  );
  return i < 0 ? undefined : i;
}

/** A deep copy without the display fields the registry fills in (title, publisher, url). */
function unlabeled<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, function (this: unknown, _key, v: unknown) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (typeof o.ref === 'string' && typeof o.asOf === 'string' && typeof o.kind === 'string') {
          const { title: _t, publisher: _p, url: _u, ...rest } = o;
          return rest;
        }
      }
      return v;
    }),
  ) as T;
}

function refusal(problems: CatalogProblem[]): AtelierError {
  const shown = problems.slice(0, 20).map((p) => `${p.at}: ${p.problem}`);
  const more =
    problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return new AtelierError(
    'invalid_input',
    `Catalog file refused, nothing was changed. ${shown.join('; ')}${more}`,
    {
      hint: `A catalog file is {"format":"${CATALOG_FILE_FORMAT}","asOf":"YYYY-MM-DD","sources":{…},"models":[…]}, as \`atelier catalog export\` writes it.`,
      details: { problems },
    },
  );
}
