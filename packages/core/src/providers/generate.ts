import type { Provider } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { cancelledError, isRetryable, timeoutError } from './errors.ts';
import { abortableSleep } from './retry.ts';
import type {
  CallOptions,
  ImageModel,
  ImageRequestInput,
  ImageResult,
  ReportedUsage,
  VideoModel,
  VideoOperation,
  VideoRequestInput,
  VideoResult,
  Warning,
} from './spec.ts';

/**
 * Orchestration above one adapter call: splitting n across calls a model caps, and driving a
 * video job from start to a finished clip with cancellable polling.
 */

/** n images in ceil(n / maxImagesPerCall) parallel calls, merged into one result. */
export async function generateImages(
  model: ImageModel,
  request: ImageRequestInput,
  opts: CallOptions = {},
): Promise<ImageResult> {
  const n = request.n ?? 1;
  const per = Math.max(1, model.maxImagesPerCall);
  if (n <= per) return model.doGenerate(request, opts);
  const counts = Array.from({ length: Math.ceil(n / per) }, (_, i) => Math.min(per, n - i * per));
  const results = await Promise.all(
    counts.map((count) => model.doGenerate({ ...request, n: count }, opts)),
  );
  return mergeImageResults(results);
}

export function mergeImageResults(results: ImageResult[]): ImageResult {
  const usage: ReportedUsage = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r.usage) as [keyof ReportedUsage, number | undefined][]) {
      if (v !== undefined) usage[k] = (usage[k] ?? 0) + v;
    }
  }
  const seen = new Set<string>();
  const warnings: Warning[] = [];
  for (const w of results.flatMap((r) => r.warnings)) {
    const key = `${w.type}|${w.setting ?? ''}|${w.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      warnings.push(w);
    }
  }
  const ids = results.map((r) => r.providerRequestId).filter((id): id is string => Boolean(id));
  return {
    assets: results.flatMap((r) => r.assets),
    usage,
    warnings,
    providerRequestId: ids.length ? ids.join(',') : undefined,
    latency: {
      queueMs: Math.max(...results.map((r) => r.latency.queueMs)),
      generationMs: Math.max(...results.map((r) => r.latency.generationMs)),
      downloadMs: Math.max(...results.map((r) => r.latency.downloadMs)),
    },
    revisedPrompt: results.find((r) => r.revisedPrompt)?.revisedPrompt,
  };
}

export interface PollOptions extends CallOptions {
  intervalMs?: number;
  /** Give up (and cancel the job) after this long. */
  timeoutMs?: number;
  /** Called after start and after each status read, so a caller can persist the operation. */
  onOperation?: (operation: VideoOperation) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Polls a started (or stored) operation until it completes, fails, times out or is cancelled. */
export async function pollVideo(
  model: VideoModel,
  operation: VideoOperation,
  opts: PollOptions = {},
): Promise<VideoResult> {
  const provider: Provider = model.provider;
  const interval = opts.intervalMs ?? 5_000;
  const timeout = opts.timeoutMs ?? 20 * 60_000;
  const sleep = opts.sleep ?? abortableSleep;
  let current = operation;
  const stop = async (error: AtelierError): Promise<never> => {
    await model.doCancel?.(current).catch(() => undefined);
    throw error;
  };
  for (;;) {
    if (opts.signal?.aborted) return stop(cancelledError(provider));
    if (Date.now() - current.submittedAt > timeout) return stop(timeoutError(provider, timeout));
    let status;
    try {
      status = await model.doStatus(current, { signal: opts.signal, onProgress: opts.onProgress });
    } catch (error) {
      if (opts.signal?.aborted || (error instanceof AtelierError && error.code === 'cancelled'))
        return stop(cancelledError(provider));
      // A status read that still fails after its own retries is tried again on the next tick.
      if (!isRetryable(error)) throw error;
      status = undefined;
    }
    if (status?.status === 'completed') return status.result;
    if (status?.status === 'failed') throw status.error;
    if (status?.status === 'pending') {
      current = status.operation;
      opts.onOperation?.(current);
      if (status.progress !== undefined)
        opts.onProgress?.({ type: 'progress', fraction: status.progress });
    }
    try {
      await sleep(interval, opts.signal);
    } catch {
      return stop(cancelledError(provider));
    }
  }
}

export async function generateVideo(
  model: VideoModel,
  request: VideoRequestInput,
  opts: PollOptions = {},
): Promise<VideoResult> {
  const { operation } = await model.doStart(request, opts);
  opts.onOperation?.(operation);
  return pollVideo(model, operation, opts);
}
