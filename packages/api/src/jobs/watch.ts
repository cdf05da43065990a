import { isTerminal } from '@atelier/core';
import { finishedGenerationIds, getGeneration, listAssets } from '@atelier/db';
import { notFound, type JobContext } from './context.ts';
import type { JobEvent, JobEventInit } from './events.ts';

/**
 * The event streams of jobs: what this process emitted (replayed after the last event a client
 * saw), and for jobs it has no events of, their state in the database; with a shared queue, the
 * ends of jobs that other processes ran are read from the database too.
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
  const buffer: { event: JobEvent; order: number }[] = [];
  let wake: (() => void) | undefined;
  const stop = ctx.events.listen(wanted, (event, order) => {
    buffer.push({ event, order });
    wake?.();
  });
  const onAbort = () => wake?.();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    const finished = new Set<string>();
    const replay = ctx.events.after(wanted, opts.lastEventId);
    let seen = replay.order;
    const pending: JobEvent[] = [...replay.events];
    // Jobs this process has no events for (another process ran them, or it restarted): start
    // from their state in the database.
    for (const id of wanted) {
      const latest = ctx.events.latest(id);
      if (!latest) pending.push(await snapshot(ctx, id));
      else if (isTerminal(latest.status)) finished.add(id); // finished before lastEventId
    }
    for (const event of pending) {
      if (isTerminal(event.status)) finished.add(event.jobId);
      yield event;
    }
    let lastDbCheck = Date.now();
    while (finished.size < wanted.length && !opts.signal?.aborted) {
      const next = buffer.shift();
      if (next) {
        if (next.order <= seen) continue;
        seen = next.order;
        if (isTerminal(next.event.status)) finished.add(next.event.jobId);
        yield next.event;
        continue;
      }
      const checkMs = ctx.cancelCheckMs;
      await new Promise<void>((resolve) => {
        wake = resolve;
        const timer = setTimeout(resolve, checkMs);
        timer.unref();
      });
      wake = undefined;
      if (ctx.queue.shared && Date.now() - lastDbCheck >= checkMs) {
        // Jobs running in another process reach this one through the database.
        lastDbCheck = Date.now();
        for (const event of await remoteChanges(ctx, wanted, finished)) {
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

/** Terminal states written by other processes for jobs this process did not see finish. */
async function remoteChanges(
  ctx: JobContext,
  ids: readonly string[],
  finished: ReadonlySet<string>,
): Promise<JobEvent[]> {
  const open = ids.filter((id) => !finished.has(id));
  const ended = await finishedGenerationIds(ctx.db, open);
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
