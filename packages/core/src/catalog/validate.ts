import { CATALOG_AS_OF } from './data/sources.ts';
import { namesOf, normalizeName } from './names.ts';
import { IMAGE_CRITERIA, ModelEntry, VIDEO_CRITERIA, type ModelEntryInput, type Source } from './schema.ts';
import { describeIssues } from '../validate.ts';

/** The articles the catalog cites; a seed source must name one of them. */
export const SEED_FILES = [
  'seeds/000_62a5d1837332ffeb.txt',
  'seeds/001_fdfc1193b3276551.txt',
  'seeds/002_627cfec7abcec387.txt',
  'seeds/003_8fc4bf37682fe7e8.txt',
  'seeds/004_f2ba810a43c16345.txt',
] as const;

export interface CatalogIssue {
  model: string;
  problem: string;
}

/**
 * Checks what the schema alone cannot: unique names, replacements that exist, complete scores,
 * a priced route for every model that is offered, sources that point somewhere real.
 */
export function validateCatalog(entries: readonly ModelEntryInput[]): CatalogIssue[] {
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
    if (m.lifecycle.status === 'retired' && !m.lifecycle.shutdown) problem('retired without a shutdown date');

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

    for (const s of sourcesOf(m)) {
      if (s.ref.startsWith('seeds/') && !(SEED_FILES as readonly string[]).includes(s.ref)) {
        problem(`cites unknown seed file ${s.ref}`);
      }
      if (s.asOf > CATALOG_AS_OF) problem(`source ${s.ref} is dated in the future (${s.asOf})`);
    }
  }
  return issues;
}

/** Every Source object anywhere inside a value. */
export function sourcesOf(value: unknown): Source[] {
  const out: Source[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.ref === 'string' && typeof o.asOf === 'string' && typeof o.kind === 'string') {
        out.push(o as unknown as Source);
        return;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return out;
}
