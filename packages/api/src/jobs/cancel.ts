import { AtelierError, isTerminal, videoModelFor } from '@atelier/core';
import { cancelGenerationFrom, getGeneration, recordPoll, type Generation } from '@atelier/db';
import { notFound, type JobContext } from './context.ts';
import { chargeEstimate, close } from './ledger.ts';
import { abortForCancel } from './running.ts';
import { pendingOperation } from './video.ts';

/**
 * Cancelling a generation: a queued one is released (nothing was sent); a running one in this
 * process is aborted and its run records the outcome; a running one nobody runs (waiting for
 * resume) stops its provider job if it can and is charged its estimate.
 */

/** Cancels a queued or running generation; returns the row as it ends up. */
export async function cancel(ctx: JobContext, id: string): Promise<Generation> {
  for (;;) {
    const running = ctx.running.get(id);
    if (running) {
      abortForCancel(running);
      await running.done;
      continue; // see how it ended: cancelled, or finished before the cancel took effect
    }
    const row = await getGeneration(ctx.db, id);
    if (!row) throw notFound(id);
    if (row.status === 'cancelled') return row;
    if (isTerminal(row.status)) {
      throw new AtelierError(
        'invalid_request',
        `Generation ${id} already ${row.status === 'interrupted' ? 'was interrupted' : row.status}; there is nothing to cancel.`,
        {
          details: { id, status: row.status },
        },
      );
    }
    const queued = row.status === 'queued';
    // Only from the status just read: if it moved on (say queued → running), look again.
    const message = queued ? 'Cancelled before it started.' : 'Cancelled while running.';
    if (!(await cancelGenerationFrom(ctx.db, id, row.status, message))) continue;
    let charge: number | undefined;
    if (queued) {
      await close(ctx, id, { release: true });
    } else if (!ctx.queue.shared) {
      // Running but not in this process, with a process-local queue: nobody runs it (it is
      // waiting for resume()). The provider may have charged; stop the provider job if any.
      await cancelStoredOperation(ctx, row);
      await chargeEstimate(ctx, row);
      charge = row.estimatedCostMicros;
    }
    // With a shared queue, the process running it sees the cancel and closes the reservation.
    await ctx.events.emit(id, {
      type: 'cancelled',
      status: 'cancelled',
      ...(charge === undefined ? {} : { actualCostMicros: charge }),
      error: { code: 'cancelled', message: 'Cancelled.' },
    });
    const final = await getGeneration(ctx.db, id);
    if (!final) throw notFound(id);
    return final;
  }
}

async function cancelStoredOperation(ctx: JobContext, row: Generation): Promise<void> {
  const pending = await pendingOperation(ctx, row.id);
  if (!pending) return;
  if (pending.operation) {
    const operation = pending.operation;
    const model = await videoModelFor(operation, {
      catalog: ctx.catalog,
      settings: await ctx.settings(row.ownerId),
    }).catch(() => undefined);
    await model?.doCancel?.(operation).catch(() => undefined);
  }
  await recordPoll(ctx.db, row.id, { nextPollAt: new Date(), status: 'cancelled' });
}
