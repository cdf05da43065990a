import { TERMINAL_STATUSES, type GenerationStatus } from '@atelier/core/jobs';
import { and, eq, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { generations, instances, jobRunners } from '../schema.ts';

/**
 * Server instances sharing the job queue, their heartbeats, and which of them runs which job
 * (see `instances` and `jobRunners` in schema.ts). Times are the database's, so instances on
 * machines with skewed clocks judge each other by one clock.
 */

export interface InstanceInfo {
  id: string;
  host: string;
  pid: number;
}

/** Registers the instance or records that it is alive (the database's now()). */
export async function heartbeat(db: Db, instance: InstanceInfo): Promise<void> {
  await db
    .insert(instances)
    .values(instance)
    .onConflictDoUpdate({ target: instances.id, set: { heartbeatAt: sql`now()` } });
}

/** Removes an instance that stops gracefully (its jobs have ended or been handed back). */
export async function forgetInstance(db: Db, id: string): Promise<void> {
  await db.delete(instances).where(eq(instances.id, id));
}

/** Records that this instance runs the job (taking it from whoever had it). */
export async function recordRunner(
  db: Db,
  generationId: string,
  instanceId: string,
): Promise<void> {
  await db
    .insert(jobRunners)
    .values({ generationId, instanceId })
    .onConflictDoUpdate({
      target: jobRunners.generationId,
      set: { instanceId, since: sql`now()` },
    });
}

/** The job no longer runs here; a row already taken by another instance is left alone. */
export async function releaseRunner(
  db: Db,
  generationId: string,
  instanceId: string,
): Promise<void> {
  await db
    .delete(jobRunners)
    .where(and(eq(jobRunners.generationId, generationId), eq(jobRunners.instanceId, instanceId)));
}

/** Which instance runs each of these jobs, as recorded. */
export async function runnersOf(
  db: Db,
  generationIds: readonly string[],
): Promise<Map<string, string>> {
  if (generationIds.length === 0) return new Map();
  const rows = await db
    .select({ generationId: jobRunners.generationId, instanceId: jobRunners.instanceId })
    .from(jobRunners)
    .where(inArray(jobRunners.generationId, [...generationIds]));
  return new Map(rows.map((r) => [r.generationId, r.instanceId]));
}

export interface TakenJob {
  generationId: string;
  status: GenerationStatus;
  /** The route's provider (the queue lane). */
  provider: string;
}

/** Instances whose last heartbeat is older than `staleSeconds` (by the database's clock). */
function stale(staleSeconds: number) {
  return lt(instances.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`);
}

/**
 * Moves the unfinished jobs of instances silent for over `staleSeconds` to `takerId`, returning
 * them. One UPDATE: when several instances sweep at once, each row goes to exactly one of them
 * (the others wait on its lock, then see a runner that is no longer the dead instance).
 */
export async function takeOverJobs(
  db: Db,
  takerId: string,
  staleSeconds: number,
): Promise<TakenJob[]> {
  const dead = db
    .select({ id: instances.id })
    .from(instances)
    .where(and(stale(staleSeconds), sql`${instances.id} <> ${takerId}`));
  const unfinished = db
    .select({ id: generations.id })
    .from(generations)
    .where(notInArray(generations.status, [...TERMINAL_STATUSES]));
  const moved = await db
    .update(jobRunners)
    .set({ instanceId: takerId, since: sql`now()` })
    .where(and(inArray(jobRunners.instanceId, dead), inArray(jobRunners.generationId, unfinished)))
    .returning({ generationId: jobRunners.generationId });
  if (moved.length === 0) return [];
  return jobsWhere(
    db,
    inArray(
      generations.id,
      moved.map((m) => m.generationId),
    ),
  );
}

/** The jobs matching `where`, as a takeover hands them on, in id order. */
function jobsWhere(db: Db, where: SQL | undefined): Promise<TakenJob[]> {
  return db
    .select({
      generationId: generations.id,
      status: generations.status,
      provider: generations.routeProvider,
    })
    .from(generations)
    .where(where)
    .orderBy(generations.id);
}

/**
 * Claims for `takerId` the jobs among `generationIds` that are unfinished and have no runner:
 * jobs the queue handed to a process that died before it recorded itself (see instances.ts).
 * One INSERT … ON CONFLICT DO NOTHING: a job someone runs, or another sweeper claimed first, is
 * skipped, so each orphan goes to exactly one instance.
 */
export async function claimOrphans(
  db: Db,
  takerId: string,
  generationIds: readonly string[],
): Promise<TakenJob[]> {
  if (generationIds.length === 0) return [];
  const unfinished = await jobsWhere(
    db,
    and(
      inArray(generations.id, [...generationIds]),
      notInArray(generations.status, [...TERMINAL_STATUSES]),
    ),
  );
  if (unfinished.length === 0) return [];
  const claimed = await db
    .insert(jobRunners)
    .values(unfinished.map((r) => ({ generationId: r.generationId, instanceId: takerId })))
    .onConflictDoNothing({ target: jobRunners.generationId })
    .returning({ generationId: jobRunners.generationId });
  const ids = new Set(claimed.map((c) => c.generationId));
  return unfinished.filter((r) => ids.has(r.generationId));
}

/**
 * Drops what dead instances leave once nothing is left to take over: runner rows of finished
 * jobs, then the instances that run nothing. An instance that was only stalled registers again
 * with its next heartbeat.
 */
export async function forgetDeadInstances(db: Db, staleSeconds: number): Promise<void> {
  const dead = db.select({ id: instances.id }).from(instances).where(stale(staleSeconds));
  const finished = db
    .select({ id: generations.id })
    .from(generations)
    .where(inArray(generations.status, [...TERMINAL_STATUSES]));
  await db
    .delete(jobRunners)
    .where(and(inArray(jobRunners.instanceId, dead), inArray(jobRunners.generationId, finished)));
  await db
    .delete(instances)
    .where(
      and(
        stale(staleSeconds),
        sql`not exists (select 1 from ${jobRunners} where ${jobRunners.instanceId} = ${instances.id})`,
      ),
    );
}
