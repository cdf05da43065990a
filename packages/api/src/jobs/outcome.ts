import {
  AtelierError,
  isAtelierError,
  priceRun,
  type ImageResult,
  type VideoResult,
  type Warning,
} from '@atelier/core';
import {
  getGeneration,
  outputStatements,
  updateGeneration,
  type Generation,
  type OutputInput,
  type UpdateGenerationInput,
} from '@atelier/db';
import { providerMayHaveCharged } from './charges.ts';
import { clampMs, queueWait, type JobContext, type Running } from './context.ts';
import type { JobEventAsset } from './events.ts';
import { finish } from './ledger.ts';

/** How a run ends: its result stored and charged, or its failure recorded with what it may cost. */

export async function succeed(
  ctx: JobContext,
  row: Generation,
  result: ImageResult | VideoResult,
): Promise<void> {
  const storeStarted = Date.now();
  const assets: JobEventAsset[] = [];
  const outputs: OutputInput[] = [];
  for (const [index, asset] of result.assets.entries()) {
    const stored = await ctx.assets.put(asset.data, asset.mediaType);
    const durationMs =
      asset.durationSeconds === undefined ? undefined : Math.round(asset.durationSeconds * 1000);
    outputs.push({
      sha256: stored.sha256,
      index,
      mediaType: asset.mediaType,
      width: Math.max(1, asset.width),
      height: Math.max(1, asset.height),
      ...(durationMs ? { durationMs } : {}),
      byteSize: stored.size,
      storageKey: stored.key,
    });
    assets.push({
      sha256: stored.sha256,
      url: ctx.assetUrl(stored.sha256),
      mediaType: asset.mediaType,
      width: asset.width,
      height: asset.height,
      durationMs: durationMs ?? null,
    });
  }
  const storeMs = Date.now() - storeStarted;
  const warnings = dedupeWarnings([...row.warnings, ...result.warnings]);
  // The adapter reported usage; the price is the engine's, on the route and request it planned.
  const charged = priceRun(
    { modelId: row.modelId, provider: row.routeProvider, providerModelId: row.providerModelId },
    ctx.kindOf(row),
    row.params,
    result,
    { catalog: ctx.catalog, inputImages: referenceCount(row) },
  ).micros;
  const outcome: UpdateGenerationInput = {
    finishedAt: new Date(),
    queueMs: clampMs(queueWait(row) + result.latency.queueMs),
    generationMs: clampMs(result.latency.generationMs),
    downloadMs: clampMs(result.latency.downloadMs + storeMs),
    actualCostMicros: charged,
    warnings,
    providerRequestId: result.providerRequestId?.slice(0, 500) || null,
    revisedPrompt: 'revisedPrompt' in result ? (result.revisedPrompt ?? null) : null,
  };
  // Cancelled elsewhere while the result was on its way: the work is paid for, so the row
  // keeps its status but records the cost and the assets.
  const final =
    (await finish(
      ctx,
      row.id,
      { settle: charged },
      { ...outcome, status: 'succeeded' },
      outputStatements(row.id, outputs),
    )) ?? (await updateGeneration(ctx.db, row.id, outcome));
  await ctx.events.emit(row.id, {
    type: final.status === 'succeeded' ? 'succeeded' : 'cancelled',
    status: final.status,
    actualCostMicros: charged,
    assets,
    warnings,
  });
}

/**
 * Records a run that failed, was cancelled or timed out. When the provider may have billed it
 * (charges.ts), the job is charged its estimate: the reservation is settled to it, the row and the
 * final event carry it as `actualCostMicros`.
 */
export async function fail(
  ctx: JobContext,
  row: Generation,
  state: Running,
  signal: AbortSignal,
  error: unknown,
  how: { jobFailed?: boolean } = {},
): Promise<void> {
  // Another instance took it over while this one was silent: the outcome is theirs to record.
  if (state.takenOver) return;
  const cancelled = state.cancelRequested;
  let e = isAtelierError(error)
    ? error
    : new AtelierError('internal', 'The generation failed unexpectedly.', { cause: error });
  if (!cancelled && signal.aborted && !state.ac.signal.aborted) {
    e = new AtelierError(
      'timeout',
      'The generation took longer than the server allows and was stopped.',
      { details: { retryable: false } },
    );
  }
  if (e.code === 'internal') console.error(`[jobs] ${row.id}:`, error);
  const charged = providerMayHaveCharged(e, { sent: state.sent, jobFailed: how.jobFailed });
  const charge = row.estimatedCostMicros;
  const status = cancelled ? 'cancelled' : 'failed';
  const errorCode = cancelled ? 'cancelled' : e.code;
  const errorMessage = cancelled ? 'Cancelled while running.' : e.message;
  let final = await finish(ctx, row.id, charged ? { settle: charge } : { release: true }, {
    status,
    finishedAt: new Date(),
    ...(row.startedAt ? { queueMs: clampMs(queueWait(row)) } : {}),
    errorCode,
    errorMessage: errorMessage.slice(0, 2000),
  });
  if (!final) {
    // Already cancelled elsewhere: that row keeps its status and message, and gets the charge.
    final = await getGeneration(ctx.db, row.id);
    if (charged && final?.actualCostMicros === null)
      final = await updateGeneration(ctx.db, row.id, { actualCostMicros: charge });
  }
  const finalStatus = final?.status ?? status;
  await ctx.events.emit(row.id, {
    type: finalStatus === 'cancelled' ? 'cancelled' : 'failed',
    status: finalStatus,
    ...(charged ? { actualCostMicros: charge } : {}),
    error: {
      code: finalStatus === 'cancelled' ? 'cancelled' : errorCode,
      message: finalStatus === 'cancelled' ? 'Cancelled.' : errorMessage,
      ...(e.hint && !cancelled ? { hint: e.hint } : {}),
    },
  });
}

function dedupeWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  const out: Warning[] = [];
  for (const w of warnings) {
    const key = `${w.type}|${w.setting ?? ''}|${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: w.type, message: w.message, ...(w.setting ? { setting: w.setting } : {}) });
  }
  return out;
}

/** Reference images (edits, a first frame) a claimed row was run with; 0 when not loaded. */
function referenceCount(row: Generation): number {
  const inputs = (row as Generation & { inputs?: { role: string }[] }).inputs;
  return inputs?.filter((i) => i.role === 'reference').length ?? 0;
}
