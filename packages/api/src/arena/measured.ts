import { schema, type Db } from '@atelier/db';
import { and, eq, inArray, sql } from 'drizzle-orm';

/**
 * What the studio measured for each model, from its own generations and the spend ledger: the
 * evidence shown beside a model's rating and next to the catalog's claims.
 */
export interface Measured {
  /** Generations that finished (succeeded or failed). */
  finished: number;
  /** Share of finished generations that failed (0–1); null before any finished. */
  failureRate: number | null;
  /** Provider time (generation_ms) of the succeeded ones, nearest-rank p50 / p95. */
  p50Ms: number | null;
  p95Ms: number | null;
  kept: number;
  /** Settled charges (micro-USD) over all of the model's generations… */
  spentMicros: number;
  /** …divided by the kept ones: retakes and failures raise it. Null while none is kept. */
  costPerKeptMicros: number | null;
}

/** Per model id; `ownerId` limits it to one person's generations (the "mine" board). */
export async function measureModels(
  db: Db,
  modelIds: readonly string[],
  ownerId?: string,
): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  if (modelIds.length === 0) return out;
  const g = schema.generations;
  const l = schema.spendLedger;
  const owner = ownerId === undefined ? undefined : eq(g.ownerId, ownerId);
  const ok = sql`${g.status} = 'succeeded'`;
  const rows = await db
    .select({
      modelId: g.modelId,
      finished: sql<number>`count(*) filter (where ${g.status} in ('succeeded', 'failed'))`.mapWith(
        Number,
      ),
      failed: sql<number>`count(*) filter (where ${g.status} = 'failed')`.mapWith(Number),
      kept: sql<number>`count(*) filter (where ${g.kept})`.mapWith(Number),
      p50: sql<
        number | null
      >`percentile_disc(0.5) within group (order by ${g.generationMs}) filter (where ${ok})`,
      p95: sql<
        number | null
      >`percentile_disc(0.95) within group (order by ${g.generationMs}) filter (where ${ok})`,
    })
    .from(g)
    .where(and(inArray(g.modelId, [...modelIds]), owner))
    .groupBy(g.modelId);
  const spent = await db
    .select({
      modelId: g.modelId,
      micros: sql<number>`coalesce(sum(${l.micros}), 0)::bigint`.mapWith(Number),
    })
    .from(l)
    .innerJoin(g, eq(g.id, l.generationId))
    .where(and(eq(l.kind, 'settle'), inArray(g.modelId, [...modelIds]), owner))
    .groupBy(g.modelId);
  const spentBy = new Map(spent.map((s) => [s.modelId, s.micros]));
  for (const r of rows) {
    const spentMicros = spentBy.get(r.modelId) ?? 0;
    out.set(r.modelId, {
      finished: r.finished,
      failureRate: r.finished > 0 ? r.failed / r.finished : null,
      p50Ms: r.p50 === null ? null : Number(r.p50),
      p95Ms: r.p95 === null ? null : Number(r.p95),
      kept: r.kept,
      spentMicros,
      costPerKeptMicros: r.kept > 0 ? Math.round(spentMicros / r.kept) : null,
    });
  }
  return out;
}
