import { TERMINAL_STATUSES, type GenerationStatus } from '@atelier/core/jobs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { generations, spendLedger } from '../schema.ts';
import { generationColumns, type Generation } from './generations.ts';
import { inputRefs, type InputRef } from './inputs.ts';

/**
 * The job engine's queries: claiming a queued job, cancelling one from the status it was seen
 * in, and finding jobs by status for the cancel checks, event streams and start-up resume.
 */

/** A generation as its claim returns it: the row and what its run needs of its inputs. */
export type ClaimedGeneration = Generation & { inputs: InputRef[] };

/** queued → running for one generation, returning the row with its inputs. */
function prepareClaim(db: Db) {
  const g = generations;
  return db
    .update(g)
    .set({ status: 'running', startedAt: sql`now()` })
    .where(and(eq(g.id, sql.placeholder('id')), eq(g.status, 'queued')))
    .returning({ ...generationColumns, inputs: inputRefs() })
    .prepare('atelier_claim_job');
}

/** Prepared once per database: the claim runs for every job. */
const claims = new WeakMap<Db, ReturnType<typeof prepareClaim>>();

/**
 * queued → running, only from queued, in one statement that also brings the inputs: the row,
 * or undefined when the generation was not queued (cancelled, claimed elsewhere, unknown).
 */
export async function claimGeneration(db: Db, id: string): Promise<ClaimedGeneration | undefined> {
  let claim = claims.get(db);
  if (!claim) claims.set(db, (claim = prepareClaim(db)));
  const [row] = await claim.execute({ id });
  return row;
}

/**
 * Marks a generation cancelled, only if it is still in the status it was read in (a job that
 * moved on meanwhile, say queued → running, is left for the caller to look at again).
 * Whether it was cancelled by this call.
 */
export async function cancelGenerationFrom(
  db: Db,
  id: string,
  from: GenerationStatus,
  errorMessage: string,
): Promise<boolean> {
  const [updated] = await db
    .update(generations)
    .set({ status: 'cancelled', finishedAt: new Date(), errorCode: 'cancelled', errorMessage })
    .where(and(eq(generations.id, id), eq(generations.status, from)))
    .returning({ id: generations.id });
  return updated !== undefined;
}

/** Which of these generations are in one of these statuses. */
export async function generationIdsInStatus(
  db: Db,
  ids: readonly string[],
  statuses: readonly GenerationStatus[],
): Promise<string[]> {
  if (ids.length === 0 || statuses.length === 0) return [];
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(inArray(generations.id, [...ids]), inArray(generations.status, [...statuses])));
  return rows.map((r) => r.id);
}

/** Which of these generations have finished (succeeded, failed, cancelled or interrupted). */
export function finishedGenerationIds(db: Db, ids: readonly string[]): Promise<string[]> {
  return generationIdsInStatus(db, ids, [...TERMINAL_STATUSES]);
}

/** Every queued or running generation, oldest first, with the provider its queue lane needs. */
export async function unfinishedGenerations(
  db: Db,
): Promise<{ id: string; status: GenerationStatus; provider: string }[]> {
  const g = generations;
  return db
    .select({ id: g.id, status: g.status, provider: g.routeProvider })
    .from(g)
    .where(inArray(g.status, ['queued', 'running']))
    .orderBy(g.id);
}

/** Removes generations that never ran (a submit whose reservation was refused). */
export async function deleteGenerations(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(generations).where(inArray(generations.id, [...ids]));
}

/** The reservations of a generation that are neither settled nor released, oldest first. */
export async function openReservationIds(db: Db, generationId: string): Promise<string[]> {
  const l = spendLedger;
  const rows = await db
    .select({ id: l.id })
    .from(l)
    .where(and(eq(l.generationId, generationId), eq(l.kind, 'reserve'), notClosed()))
    .orderBy(l.id);
  return rows.map((r) => r.id);
}

/** Finished generations that still hold an open reservation (the process died in between). */
export async function finishedWithOpenReservation(db: Db): Promise<string[]> {
  const l = spendLedger;
  const rows = await db
    .selectDistinct({ id: l.generationId })
    .from(l)
    .innerJoin(generations, eq(generations.id, l.generationId))
    .where(
      and(eq(l.kind, 'reserve'), inArray(generations.status, [...TERMINAL_STATUSES]), notClosed()),
    );
  return rows.map((r) => r.id);
}

/** The reserve row in the outer query has no settle or release yet. */
function notClosed() {
  const l = spendLedger;
  return sql`not exists (select 1 from ${l} c where c.reservation_id = ${l.id} and c.kind <> 'reserve')`;
}
