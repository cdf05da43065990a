import { AtelierError, type ProgressEvent } from '@atelier/core';
import { generationIdsInStatus } from '@atelier/db';
import type { JobContext, Outcome, Running } from './context.ts';

/**
 * The jobs running in this process: each is registered while its body runs, so a cancel finds
 * it, and with a shared queue a cancel written by another process reaches it through the
 * database.
 */

/** Runs a job's body registered as running; a cancel meanwhile aborts its signal. */
export function track(
  ctx: JobContext,
  id: string,
  body: (state: Running) => Promise<Outcome>,
): Promise<Outcome> {
  const state: Running = {
    ac: new AbortController(),
    sent: false,
    cancelRequested: false,
    polling: false,
    handOver: false,
    takenOver: false,
    done: Promise.resolve('done'),
  };
  ctx.running.set(id, state);
  state.done = body(state).finally(() => {
    ctx.running.delete(id);
    if (ctx.running.size === 0) stopCancelWatch(ctx);
  });
  startCancelWatch(ctx);
  return state.done;
}

/** Aborts a running job on behalf of a cancel (whichever process asked). */
export function abortForCancel(state: Running): void {
  state.cancelRequested = true;
  state.ac.abort(new AtelierError('cancelled', 'Cancelled.'));
}

/** Stops a job another instance took over: quietly, its outcome is the taker's to write. */
export function abortTakenOver(state: Running): void {
  if (state.takenOver) return;
  state.takenOver = true;
  state.ac.abort(new AtelierError('cancelled', 'Taken over by another instance.'));
}

/** The adapter's progress as job events. */
export function progressEvents(ctx: JobContext, id: string): (event: ProgressEvent) => void {
  return (event) => {
    if (event.type === 'queued')
      void ctx.events.emit(id, {
        type: 'progress',
        status: 'running',
        progress: { queuePosition: event.position },
      });
    else if (event.type === 'progress') {
      void ctx.events.emit(id, {
        type: 'progress',
        status: 'running',
        progress: { fraction: event.fraction, message: event.message },
      });
    }
  };
}

/** With a shared queue, a cancel may be written by another process: look for it. */
function startCancelWatch(ctx: JobContext): void {
  if (!ctx.queue.shared || ctx.cancelWatch) return;
  ctx.cancelWatch = setInterval(() => {
    const ids = [...ctx.running.keys()];
    if (ids.length === 0) return;
    generationIdsInStatus(ctx.db, ids, ['cancelled'])
      .then((cancelled) => {
        for (const id of cancelled) {
          const state = ctx.running.get(id);
          if (state && !state.cancelRequested) abortForCancel(state);
        }
      })
      .catch((error: unknown) => console.error('[jobs] cancel check:', error));
  }, ctx.cancelCheckMs);
  ctx.cancelWatch.unref();
}

export function stopCancelWatch(ctx: JobContext): void {
  if (ctx.cancelWatch) clearInterval(ctx.cancelWatch);
  ctx.cancelWatch = undefined;
}
