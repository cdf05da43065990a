import { AtelierError, isAtelierError, videoModelFor, type VideoModel } from '@atelier/core';
import {
  finishedWithOpenReservation,
  getGeneration,
  pruneJobProgress,
  unfinishedGenerations,
  updateGeneration,
  type Generation,
} from '@atelier/db';
import type { JobContext, Outcome } from './context.ts';
import { close, closeLeftover } from './ledger.ts';
import { fail } from './outcome.ts';
import { stopCancelWatch, track } from './running.ts';
import { pendingOperation, pollVideo } from './video.ts';

/**
 * RESUME RULE (after a crash or restart, see `resume()`):
 * - a `queued` generation runs again from the start (nothing was sent);
 * - a video generation with a stored provider operation keeps polling that operation, so the
 *   clip is fetched, recorded and charged once, however many times the process restarts;
 * - any other generation that was `running` (an image, or a video whose start request may have
 *   gone out) becomes `interrupted` and is charged its estimate (its reservation settled to it,
 *   its row recording it): the provider may have done, and billed, the work, and there is no
 *   handle to fetch its result with;
 * - a finished generation whose reservation was left open is closed (actual cost when known).
 *
 * And a graceful stop (`drain()`) hands polling videos over to the next process rather than
 * waiting for their clips. With a shared queue the rule also applies, without a restart, to the
 * jobs of an instance that stopped heartbeating: another instance takes them over (TAKEOVER in
 * instances.ts).
 */

export interface ResumeReport {
  requeued: number;
  interruptedOrPolled: number;
  closedReservations: number;
}

/** How long the progress events of a finished job are kept (its state changes stay). */
const PROGRESS_KEPT_MS = 7 * 86_400_000;

export async function resume(ctx: JobContext): Promise<ResumeReport> {
  await ctx.start();
  await pruneJobProgress(ctx.db, new Date(Date.now() - PROGRESS_KEPT_MS)).catch((error: unknown) =>
    console.error('[jobs] pruning old progress events:', error),
  );
  const report: ResumeReport = { requeued: 0, interruptedOrPolled: 0, closedReservations: 0 };
  for (const row of await unfinishedGenerations(ctx.db)) {
    // A shared queue still holds its jobs (re-sending is a no-op), and the running ones of a
    // dead process are taken over once it stops heartbeating (instances.ts); a process-local
    // queue starts empty.
    if (row.status === 'running' && ctx.queue.shared) continue;
    await ctx.queue.enqueue({ generationId: row.id, provider: row.provider });
    if (row.status === 'queued') report.requeued += 1;
    else report.interruptedOrPolled += 1;
  }
  if (!ctx.queue.shared) {
    for (const id of await finishedWithOpenReservation(ctx.db)) {
      const row = await getGeneration(ctx.db, id);
      if (row) report.closedReservations += await closeLeftover(ctx, row);
    }
  }
  return report;
}

/** A generation found running that no process runs: poll its stored video, or interrupt it. */
export async function resumeRunning(ctx: JobContext, row: Generation): Promise<Outcome> {
  const operation = (await pendingOperation(ctx, row.id))?.operation;
  if (operation) {
    return track(ctx, row.id, async (state) => {
      state.sent = true;
      const signal = ctx.deadline(state, 'video');
      let model: VideoModel;
      try {
        model = await videoModelFor(operation, {
          catalog: ctx.catalog,
          settings: await ctx.settings(row.ownerId),
        });
      } catch (error) {
        await fail(ctx, row, state, signal, error);
        return 'done';
      }
      await ctx.events.emit(row.id, { type: 'started', status: 'running' });
      return pollVideo(ctx, row, model, operation, state, signal);
    });
  }
  // No handle to resume with: the provider may have done and billed the work. See RESUME RULE.
  const charge = row.estimatedCostMicros;
  try {
    await updateGeneration(ctx.db, row.id, {
      status: 'interrupted',
      finishedAt: new Date(),
      actualCostMicros: charge,
      errorCode: 'interrupted',
      errorMessage:
        'The server stopped while this generation was running. The provider may have charged for it; run it again to get a result.',
    });
  } catch (error) {
    if (isAtelierError(error) && error.code === 'invalid_request') return 'done';
    throw error;
  }
  await close(ctx, row.id, { settle: charge });
  await ctx.events.emit(row.id, {
    type: 'interrupted',
    status: 'interrupted',
    actualCostMicros: charge,
    error: {
      code: 'interrupted',
      message: 'The server stopped while this generation was running.',
    },
  });
  return 'done';
}

/** Stops taking work and waits for running jobs; video polling is handed over, not waited for. */
export async function drain(ctx: JobContext): Promise<void> {
  ctx.draining = true;
  // Video polling resumes from its stored operation in the next process: stop it rather than
  // wait for the clip. A video still starting hands over as soon as its operation is stored.
  for (const state of ctx.running.values()) {
    if (state.polling && !state.cancelRequested) {
      state.handOver = true;
      state.ac.abort(new AtelierError('cancelled', 'Handed over to the next process.'));
    }
  }
  await ctx.queue.drain();
  // Every job here has ended or been handed back to the queue: nothing left to take over.
  await ctx.instance
    ?.leave()
    .catch((error: unknown) => console.error('[jobs] leaving the instances:', error));
  stopCancelWatch(ctx);
  await ctx.events.flush();
}
