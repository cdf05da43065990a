import { CATALOG_AS_OF } from './data/sources.ts';
import { effectiveRouteStatus, effectiveStatus } from './lifecycle.ts';
import { namesOf, normalizeName } from './names.ts';
import {
  IMAGE_CRITERIA,
  ModelEntry,
  VIDEO_CRITERIA,
  type ModelEntryInput,
  type Source,
} from './schema.ts';
import { BUILT_IN_SOURCES, type SourceRegistry } from './source-registry.ts';
import { describeIssues } from '../validate.ts';

export interface CatalogIssue {
  model: string;
  problem: string;
}

export interface ValidateOptions {
  /** The day the catalog says it was checked (the built-in CATALOG_AS_OF unless a file says). */
  asOf?: string;
  /** Every source key the entries may cite (the built-in registry unless a file adds some). */
  sources?: SourceRegistry;
}

/**
 * Checks what the schema alone cannot: unique names, replacements that exist, complete scores,
 * a priced route for every model that is offered, sources that the registry names.
 */
export function validateCatalog(
  entries: readonly ModelEntryInput[],
  opts: ValidateOptions = {},
): CatalogIssue[] {
  const asOf = opts.asOf ?? CATALOG_AS_OF;
  const registry = opts.sources ?? BUILT_IN_SOURCES;
  const issues: CatalogIssue[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const owner = new Map<string, string>();

  for (const input of entries) {
    const parsed = ModelEntry.safeParse(input);
    if (!parsed.success) {
      issues.push({ model: input.id, problem: describeIssues(parsed.error.issues) });
      continue;
    }
    const m = parsed.data;
    const problem = (p: string) => issues.push({ model: m.id, problem: p });

    for (const name of namesOf(m)) {
      const key = normalizeName(name);
      const other = owner.get(key);
      if (other && other !== m.id) problem(`name "${name}" collides with ${other}`);
      owner.set(key, m.id);
    }

    for (const r of m.lifecycle.replacements) {
      if (!ids.has(r)) problem(`replacement "${r}" is not in the catalog`);
      if (r === m.id) problem('lists itself as its replacement');
    }
    if (m.lifecycle.status === 'retired' && !m.lifecycle.shutdown)
      problem('retired without a shutdown date');
    for (const p of historyProblems(m, asOf)) problem(p);

    const required = m.modality === 'video' ? VIDEO_CRITERIA : IMAGE_CRITERIA;
    for (const c of required) if (!m.scores[c]) problem(`missing score for ${c}`);

    const offered = m.lifecycle.status === 'active' || m.lifecycle.status === 'preview';
    const liveRoutes = m.routes.filter((r) => r.status === 'active' || r.status === 'preview');
    if (offered && liveRoutes.length === 0 && !m.unpricedReason) {
      problem('is offered but has no priced active route and no unpricedReason');
    }
    if (m.routes.length > 0 && m.unpricedReason) problem('has routes and an unpricedReason');

    const seen = new Set<string>();
    for (const r of m.routes) {
      const key = `${r.provider}:${r.providerModelId}`;
      if (seen.has(key)) problem(`route ${key} listed twice`);
      seen.add(key);
    }

    const unlisted = new Set<string>();
    for (const [s, path] of sourcesWithPaths(m)) {
      if (!Object.hasOwn(registry, s.ref) && !unlisted.has(s.ref)) {
        unlisted.add(s.ref);
        problem(
          `${path}.ref: "${s.ref}" is not in the source registry (give it a title and publisher in catalog/data/source-titles.ts, or in a catalog file's sources)`,
        );
      }
      if (s.asOf > asOf)
        problem(`${path}.asOf: ${s.asOf} is after the catalog's as-of date ${asOf}`);
    }
  }
  issues.push(...replacementProblems(entries, asOf));
  return issues;
}

/**
 * Impossible or stale histories: a shutdown before the release, a deprecation after the
 * shutdown, a declared status the dates contradict on the catalog's as-of date (a "deprecated"
 * model whose shutdown has passed), a route's own dates without a source.
 */
function historyProblems(m: ModelEntry, asOf: string): string[] {
  const out: string[] = [];
  const { released, deprecated, shutdown, status } = m.lifecycle;
  if (released && shutdown && shutdown < released)
    out.push(`lifecycle.shutdown ${shutdown} is before lifecycle.released ${released}`);
  if (released && deprecated && deprecated < released)
    out.push(`lifecycle.deprecated ${deprecated} is before lifecycle.released ${released}`);
  if (deprecated && shutdown && deprecated > shutdown)
    out.push(`lifecycle.deprecated ${deprecated} is after lifecycle.shutdown ${shutdown}`);
  const onAsOf = effectiveStatus(m.lifecycle, asOf);
  if (onAsOf !== status && !(onAsOf === 'active' && status === 'preview')) {
    out.push(`lifecycle.status is "${status}" but its dates make it "${onAsOf}" on ${asOf}`);
  }
  // A route's declared status is bounded by its model's: no "active" route on a retired model.
  for (const r of m.routes) {
    const at = `route ${r.provider}:${r.providerModelId}`;
    if ((r.shutdown || r.deprecated) && !r.lifecycleSource)
      out.push(`${at} has lifecycle dates without a lifecycleSource`);
    if (r.deprecated && r.shutdown && r.deprecated > r.shutdown)
      out.push(`${at}: deprecated ${r.deprecated} is after shutdown ${r.shutdown}`);
    if (released && r.shutdown && r.shutdown < released)
      out.push(`${at}: shutdown ${r.shutdown} is before lifecycle.released ${released}`);
    const routeOnAsOf = effectiveRouteStatus(m, r, asOf);
    if (routeOnAsOf !== r.status && !(routeOnAsOf === 'active' && r.status === 'preview')) {
      out.push(`${at}: status is "${r.status}" but its dates make it "${routeOnAsOf}" on ${asOf}`);
    }
  }
  return out;
}

/** A replacement must still be callable on the catalog's as-of date: nobody is sent to a dead model. */
function replacementProblems(entries: readonly ModelEntryInput[], asOf: string): CatalogIssue[] {
  const parsed = new Map<string, ModelEntry>();
  for (const e of entries) {
    const p = ModelEntry.safeParse(e);
    if (p.success) parsed.set(p.data.id, p.data);
  }
  const out: CatalogIssue[] = [];
  for (const m of parsed.values()) {
    for (const id of m.lifecycle.replacements) {
      const r = parsed.get(id);
      if (r && effectiveStatus(r.lifecycle, asOf) === 'retired') {
        out.push({
          model: m.id,
          problem: `replacement "${id}" is itself retired on ${asOf}${r.lifecycle.shutdown ? ` (shut down ${r.lifecycle.shutdown})` : ''}`,
        });
      }
    }
  }
  return out;
}

/** Every Source object anywhere inside a value. */
export function sourcesOf(value: unknown): Source[] {
  return sourcesWithPaths(value).map(([s]) => s);
}

/** Every Source object inside a value with its path ("routes.0.price.source"). */
export function sourcesWithPaths(value: unknown): [Source, string][] {
  const out: [Source, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.ref === 'string' && typeof o.asOf === 'string' && typeof o.kind === 'string') {
        out.push([o as unknown as Source, path]);
        return;
      }
      for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(value, '');
  return out;
}
