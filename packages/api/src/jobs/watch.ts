import { isTerminal } from '@atelier/core';
import { finishedGenerationIds, getGeneration, listAssets, type StoredJobEvent } from '@atelier/db';
import { notFound, type JobContext } from './context.ts';
import { toJobEvent, type JobEvent, type JobEventInit } from './events.ts';

/**
 * The event streams of jobs, read from the database (events.ts): a subscriber on any process
 * gets every event of the jobs it watches, in order and once, and resumes after the last event
 * it saw. Jobs with no stored events (queued before events were stored) start from their row.
 */

export interface WatchOptions {
  lastEventId?: string;
  signal?: AbortSignal;
}

/** Events of the given jobs, resuming after `lastEventId`; ends when every job has finished. */
export async function* watch(
  ctx: JobContext,
  ids: readonly string[],
  opts: WatchOptions = {},
): AsyncGenerator<JobEvent> {
  const wanted = [...new Set(ids)];
  let dirty = false;
  let wake: (() => void) | undefined;
  const stop = await ctx.events.listen(wanted, () => {
    dirty = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    const finished = new Set<string>();
    /** Per job, the number and position of the last event seen. */
    const seen = new Map<string, { seq: number; id: number }>();
    const fresh = (row: StoredJobEvent): boolean => {
      if (finished.has(row.generationId)) return false;
      if (row.seq <= (seen.get(row.generationId)?.seq ?? 0)) return false;
      seen.set(row.generationId, { seq: row.seq, id: row.id });
      if (isTerminal(toJobEvent(row).status)) finished.add(row.generationId);
      return true;
    };
    const { rows, from } = await ctx.events.load(wanted, opts.lastEventId);
    const pending: JobEvent[] = [];
    for (const row of rows) if (fresh(row) && row.id > from) pending.push(toJobEvent(row));
    for (const id of wanted) {
      if (seen.has(id)) continue;
      const event = await snapshot(ctx, id);
      if (isTerminal(event.status)) finished.add(id);
      pending.push(event);
    }
    yield* pending;
    while (finished.size < wanted.length && !opts.signal?.aborted) {
      if (!dirty) {
        // Notifications wake it; the timeout is a safety net for one that never came.
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, ctx.cancelCheckMs).unref();
        });
        wake = undefined;
        if (opts.signal?.aborted) break;
      }
      dirty = false;
      const open = wanted.filter((id) => !finished.has(id));
      const after = Math.min(...open.map((id) => seen.get(id)?.id ?? 0));
      for (const row of await ctx.events.rowsAfter(open, after))
        if (fresh(row)) yield toJobEvent(row);
      // Jobs without stored events end without any: their row says when.
      const silent = open.filter((id) => !seen.has(id) && !finished.has(id));
      if (silent.length > 0) {
        for (const event of await remoteChanges(ctx, silent)) {
          finished.add(event.jobId);
          yield event;
        }
      }
    }
  } finally {
    stop();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** Terminal states of jobs that have no stored events. */
async function remoteChanges(ctx: JobContext, ids: readonly string[]): Promise<JobEvent[]> {
  const ended = await finishedGenerationIds(ctx.db, ids);
  return Promise.all(ended.map((id) => snapshot(ctx, id)));
}

/** The current state of a job as one event (seq 0), read from the database. */
async function snapshot(ctx: JobContext, id: string): Promise<JobEvent> {
  const row = await getGeneration(ctx.db, id);
  if (!row) throw notFound(id);
  const init: JobEventInit = {
    type: row.status === 'running' ? 'started' : row.status,
    status: row.status,
    warnings: row.warnings,
    actualCostMicros: row.actualCostMicros,
  };
  if (row.errorCode)
    init.error = { code: row.errorCode, message: row.errorMessage ?? row.errorCode };
  if (row.status === 'succeeded') {
    init.assets = (await listAssets(ctx.db, id)).map((a) => ({
      sha256: a.sha256,
      url: ctx.assetUrl(a.sha256),
      mediaType: a.mediaType,
      width: a.width,
      height: a.height,
      durationMs: a.durationMs,
    }));
  }
  return {
    id: `${id}:0`,
    jobId: id,
    seq: 0,
    at: (row.finishedAt ?? row.startedAt ?? row.queuedAt).toISOString(),
    ...init,
  };
}
