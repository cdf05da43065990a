import { generateImages, imageModel, isTerminal } from '@atelier/core';
import { claimGeneration, getGeneration, type ClaimedGeneration } from '@atelier/db';
import type { JobContext, Outcome, Running } from './context.ts';
import { loadInputFields } from './job-inputs.ts';
import { closeLeftover } from './ledger.ts';
import { fail, succeed } from './outcome.ts';
import { imageRequestOf } from './requests.ts';
import { resumeRunning } from './resume.ts';
import { progressEvents, track } from './running.ts';
import { runVideo } from './video.ts';

/** The queue's handler: claims a queued job and runs it, or takes up one left running. */
export async function handle(ctx: JobContext, id: string): Promise<Outcome> {
  if (ctx.running.has(id)) return 'done';
  const instance = ctx.instance;
  if (!instance) return run(ctx, id);
  // Shared queue: recorded as this instance's before anything is claimed or sent, so another
  // instance takes it over if this one dies (instances.ts).
  await instance.runs(id);
  if (ctx.running.has(id)) return 'done';
  try {
    return await run(ctx, id);
  } finally {
    await instance.ran(id);
  }
}

async function run(ctx: JobContext, id: string): Promise<Outcome> {
  // The common case in one statement: claim a queued job. Registered as running first, so a
  // cancel arriving meanwhile finds it.
  let claimed: ClaimedGeneration | undefined;
  let cancelAsked = false;
  const outcome = await track(ctx, id, async (state) => {
    claimed = await claimGeneration(ctx.db, id);
    if (!claimed) {
      cancelAsked = state.cancelRequested;
      return 'done';
    }
    await ctx.events.emit(id, { type: 'started', status: 'running' });
    const kind = ctx.kindOf(claimed);
    const signal = ctx.deadline(state, kind);
    return kind === 'video'
      ? runVideo(ctx, claimed, state, signal)
      : runImage(ctx, claimed, state, signal);
  });
  if (claimed || cancelAsked) return outcome; // a cancel that came meanwhile finishes on its own
  const row = await getGeneration(ctx.db, id);
  if (!row || row.status === 'queued') return 'done';
  if (isTerminal(row.status)) {
    await closeLeftover(ctx, row);
    return 'done';
  }
  return resumeRunning(ctx, row);
}

async function runImage(
  ctx: JobContext,
  row: ClaimedGeneration,
  state: Running,
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    const model = await imageModel(await ctx.selectionOf(row));
    const inputs = await loadInputFields(ctx.assets, row.inputs, 'image');
    signal.throwIfAborted();
    state.sent = true;
    const result = await generateImages(model, imageRequestOf(row.prompt, row.params, inputs), {
      signal,
      onProgress: progressEvents(ctx, row.id),
    });
    await succeed(ctx, row, result);
  } catch (error) {
    await fail(ctx, row, state, signal, error);
  }
  return 'done';
}
