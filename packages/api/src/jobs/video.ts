import { setTimeout as sleep } from 'node:timers/promises';
import {
  isRetryable,
  Provider,
  videoModel,
  Warning,
  type VideoModel,
  type VideoOperation,
} from '@atelier/core';
import {
  getOperation,
  recordPoll,
  upsertOperation,
  type ClaimedGeneration,
  type Generation,
} from '@atelier/db';
import { z } from 'zod';
import type { JobContext, Outcome, Running } from './context.ts';
import { loadInputFields } from './job-inputs.ts';
import { fail, succeed } from './outcome.ts';
import { videoRequestOf } from './requests.ts';

/**
 * Video jobs: one start request, then polls of the provider's operation, each recorded with the
 * operation so that another process (after a restart, or a hand-over) continues from it and the
 * clip is fetched and charged once.
 */

const StoredOperation = z
  .object({
    provider: Provider,
    modelId: z.string(),
    providerModelId: z.string(),
    id: z.string(),
    submittedAt: z.number(),
    params: z.object({
      duration: z.number(),
      resolution: z.string(),
      aspectRatio: z.string(),
      audio: z.boolean(),
    }),
    warnings: z.array(Warning),
    data: z.record(z.string(), z.json()),
  })
  .loose();

/**
 * The generation's provider operation while it is pending: undefined when none is; `operation`
 * undefined when what was stored cannot be read back.
 */
export async function pendingOperation(
  ctx: JobContext,
  generationId: string,
): Promise<{ operation: VideoOperation | undefined } | undefined> {
  const stored = await getOperation(ctx.db, generationId);
  if (stored?.status !== 'pending') return undefined;
  const parsed = StoredOperation.safeParse(stored.operation);
  return { operation: parsed.success ? (parsed.data as unknown as VideoOperation) : undefined };
}

export async function runVideo(
  ctx: JobContext,
  row: ClaimedGeneration,
  state: Running,
  signal: AbortSignal,
): Promise<Outcome> {
  let model: VideoModel;
  let operation: VideoOperation;
  try {
    model = await videoModel(await ctx.selectionOf(row));
    const frames = await loadInputFields(ctx.assets, row.inputs, 'video');
    signal.throwIfAborted();
    state.sent = true;
    ({ operation } = await model.doStart(videoRequestOf(row.prompt, row.params, frames), {
      signal,
    }));
    await upsertOperation(ctx.db, {
      generationId: row.id,
      provider: operation.provider,
      operation: asJson(operation),
      nextPollAt: new Date(Date.now() + ctx.pollIntervalMs),
    });
  } catch (error) {
    await fail(ctx, row, state, signal, error);
    return 'done';
  }
  return pollVideo(ctx, row, model, operation, state, signal);
}

/** Polls a stored operation to the end, recording every poll so another process can take over. */
export async function pollVideo(
  ctx: JobContext,
  row: Generation,
  model: VideoModel,
  start: VideoOperation,
  state: Running,
  signal: AbortSignal,
): Promise<Outcome> {
  let operation = start;
  state.polling = true;
  try {
    for (;;) {
      if (state.takenOver) return 'taken-over';
      if (ctx.draining && !state.cancelRequested) state.handOver = true;
      if (state.handOver) return 'handed-over';
      signal.throwIfAborted();
      let status;
      try {
        status = await model.doStatus(operation, { signal });
      } catch (error) {
        if (signal.aborted || !isRetryable(error)) throw error;
        status = undefined; // a status read that keeps failing is tried again next tick
      }
      if (status?.status === 'completed') {
        await succeed(ctx, row, status.result);
        await recordPoll(ctx.db, row.id, { nextPollAt: new Date(), status: 'succeeded' });
        return 'done';
      }
      if (status?.status === 'failed') {
        await recordPoll(ctx.db, row.id, { nextPollAt: new Date(), status: 'failed' });
        await fail(ctx, row, state, signal, status.error, { jobFailed: true });
        return 'done';
      }
      const next = new Date(Date.now() + ctx.pollIntervalMs);
      if (status?.status === 'pending') {
        operation = status.operation;
        await recordPoll(ctx.db, row.id, { nextPollAt: next, operation: asJson(operation) });
        // One progress event per poll: clients see the job is alive even when the provider
        // reports neither a fraction nor a queue position.
        await ctx.events.emit(row.id, {
          type: 'progress',
          status: 'running',
          progress: {
            ...(status.progress === undefined ? {} : { fraction: status.progress }),
            ...(status.queuePosition === undefined ? {} : { queuePosition: status.queuePosition }),
          },
        });
      } else {
        await recordPoll(ctx.db, row.id, { nextPollAt: next });
      }
      await sleep(ctx.pollIntervalMs, undefined, { signal });
    }
  } catch (error) {
    if (state.takenOver) return 'taken-over';
    if (state.handOver && !state.cancelRequested) return 'handed-over';
    if (state.cancelRequested) {
      await model.doCancel?.(operation).catch(() => undefined);
      await recordPoll(ctx.db, row.id, { nextPollAt: new Date(), status: 'cancelled' }).catch(
        () => undefined,
      );
    }
    await fail(ctx, row, state, signal, error);
    return 'done';
  }
}

function asJson(value: unknown): z.core.util.JSONType {
  return value as z.core.util.JSONType;
}
