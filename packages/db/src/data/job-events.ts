import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { generations, jobEvents } from '../schema.ts';

/**
 * Job events in the database (see `jobEvents` in schema.ts): appended by whichever process
 * emits them, numbered per job, read by every process's subscribers.
 */

/** The channel a trigger announces each new event on, as "<id> <generation id> <seq>". */
export const JOB_EVENTS_CHANNEL = 'atelier_job_events';

export interface StoredJobEvent {
  /** Position in the database-wide order of events. */
  id: number;
  generationId: string;
  seq: number;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface JobEventNote {
  id: number;
  generationId: string;
  seq: number;
}

/** Reads a notification of JOB_EVENTS_CHANNEL; undefined for anything else. */
export function parseJobEventNote(payload: string): JobEventNote | undefined {
  const [id, generationId, seq] = payload.split(' ');
  const n = Number(id);
  const s = Number(seq);
  if (!generationId || !Number.isSafeInteger(n) || !Number.isSafeInteger(s)) return undefined;
  return { id: n, generationId, seq: s };
}

const columns = {
  id: jobEvents.id,
  generationId: jobEvents.generationId,
  seq: jobEvents.seq,
  payload: jobEvents.payload,
  createdAt: jobEvents.createdAt,
};

/**
 * Appends an event with the job's next number. Two processes appending to one job at once
 * compute the same number; the unique index refuses the second, which then takes the next one
 * (so within a job, numbers and ids grow together).
 */
export async function appendJobEvent(
  db: Db,
  generationId: string,
  payload: Record<string, unknown>,
): Promise<StoredJobEvent> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db
        .insert(jobEvents)
        .values({
          generationId,
          seq: sql`(select coalesce(max(${jobEvents.seq}), 0) + 1 from ${jobEvents} where ${jobEvents.generationId} = ${generationId})`,
          payload,
        })
        .returning(columns);
      if (!row) throw new Error('Appending a job event returned no row.');
      return row;
    } catch (e) {
      if (pgErrorCode(e) !== PG_UNIQUE_VIOLATION || attempt >= 20) throw e;
    }
  }
}

/** Events of the jobs after position `afterId` (0: all), oldest first. */
export async function jobEventsAfter(
  db: Db,
  generationIds: readonly string[],
  afterId = 0,
): Promise<StoredJobEvent[]> {
  if (generationIds.length === 0) return [];
  return db
    .select(columns)
    .from(jobEvents)
    .where(and(inArray(jobEvents.generationId, [...generationIds]), gt(jobEvents.id, afterId)))
    .orderBy(asc(jobEvents.id));
}

/** The position of a job's event number `seq`, if it is stored. */
export async function jobEventPosition(
  db: Db,
  generationId: string,
  seq: number,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: jobEvents.id })
    .from(jobEvents)
    .where(and(eq(jobEvents.generationId, generationId), eq(jobEvents.seq, seq)));
  return row?.id;
}

/**
 * Drops the progress events of jobs that finished before `finishedBefore`: what a late
 * subscriber needs of a finished job is its state changes, and progress is most of the rows.
 * Returns how many were dropped.
 */
export async function pruneJobProgress(db: Db, finishedBefore: Date): Promise<number> {
  const finished = db
    .select({ id: generations.id })
    .from(generations)
    .where(lt(generations.finishedAt, finishedBefore));
  const dropped = await db
    .delete(jobEvents)
    .where(
      and(
        sql`${jobEvents.payload}->>'type' = 'progress'`,
        inArray(jobEvents.generationId, finished),
      ),
    )
    .returning({ id: jobEvents.id });
  return dropped.length;
}
