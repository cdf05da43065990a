import type { JobEvent, RouterInputs, RouterOutputs } from '@atelier/api';
import { AtelierError } from '@atelier/core/errors';
import { isTerminal, type CostRange, type Warning } from '@atelier/core/jobs';
import type { StudioSession } from '../studio/session.ts';
import {
  errorOf,
  type ErrorInfo,
  type ModelOutcome,
  type RunHooks,
  type Runner,
} from './execute.ts';
import type { StudioRequest } from './plan.ts';

/**
 * Runs the models as jobs of the studio (`generate.create`), so the run lands in history and
 * spend like one started from the web studio. Input images are uploaded first (into the asset
 * store in process, to POST /assets over HTTP) and named by their sha256. Progress comes from
 * `jobs.onProgress`; when a job has finished its row is read for timing and its assets are
 * fetched (from the asset store in process, from /assets/<sha256> over HTTP). Ctrl-C cancels
 * the jobs that are still open.
 */

type Row = RouterOutputs['jobs']['get'];

interface StoredAsset {
  sha256: string;
  mediaType: string;
  width: number;
  height: number;
  durationMs: number | null;
}

/** How long the event stream may stay disconnected before the run is given up on. */
const LOST_AFTER_MS = 60_000;

export interface JobRun {
  /** The plan's request, as `generate.plan` was given it: `generate.create` queues that plan. */
  request: StudioRequest;
  /** Input images in order (a video's first frame, then its last) and an edit's mask. */
  images: readonly Uint8Array[];
  mask?: Uint8Array;
}

export function jobRunner(session: StudioSession, job: JobRun): Runner {
  return { run: (hooks) => runJobs(session, job, hooks) };
}

/** Uploads the inputs and returns `generate.create`'s `inputs`, or undefined when there are none. */
async function uploadInputs(
  session: StudioSession,
  job: JobRun,
): Promise<{ images: string[]; mask?: string } | undefined> {
  if (job.images.length === 0 && !job.mask) return undefined;
  const images: string[] = [];
  for (const data of job.images) images.push((await session.upload(data)).sha256);
  const mask = job.mask ? (await session.upload(job.mask)).sha256 : undefined;
  return { images, ...(mask ? { mask } : {}) };
}

async function runJobs(session: StudioSession, job: JobRun, hooks: RunHooks): Promise<void> {
  const { client } = session;
  const inputs = await uploadInputs(session, job);
  // The request the plan answered, with the uploads in place of their descriptions.
  const created = await client.generate.create.mutate({
    ...job.request,
    ...(inputs ? { inputs } : {}),
  } as RouterInputs['generate']['create']);
  // One prompt, so one batch; its jobs are in the order of `models`.
  const jobs = created.batches[0]?.jobs ?? [];
  const indexOf = new Map<string, number>();
  const estimates = new Map<number, CostRange>();
  jobs.forEach((j, index) => {
    if (j.status === 'refused') {
      hooks.finished(index, failed(0, j.error));
      return;
    }
    indexOf.set(j.generationId, index);
    estimates.set(index, j.estimate);
  });
  const open = new Set(indexOf.keys());
  if (open.size === 0) return;

  const cancelOpen = () => {
    for (const id of open) client.jobs.cancel.mutate({ id }).catch(() => undefined);
  };
  if (hooks.signal.aborted) cancelOpen();
  hooks.signal.addEventListener('abort', cancelOpen, { once: true });

  const settling: Promise<void>[] = [];
  const settle = (id: string, event?: JobEvent) => {
    if (!open.delete(id)) return;
    const index = indexOf.get(id) ?? -1;
    settling.push(
      finish(session, id, event, estimates.get(index)).then(
        (outcome) => {
          if (outcome.status === 'succeeded') {
            hooks.update({
              index,
              type: 'received',
              elapsedMs: outcome.elapsedMs,
              cost: outcome.actualCost ?? 0,
            });
          }
          hooks.finished(index, outcome);
        },
        (error: unknown) => hooks.finished(index, failed(0, errorOf(session.error(error)))),
      ),
    );
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let lost: NodeJS.Timeout | undefined;
      const stop = (error?: unknown) => {
        clearTimeout(lost);
        sub.unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const sub = client.jobs.onProgress.subscribe(
        { ids: [...open] },
        {
          onData({ data: event }) {
            const index = indexOf.get(event.jobId);
            if (index === undefined || !open.has(event.jobId)) return;
            if (isTerminal(event.status)) {
              settle(event.jobId, event);
              if (open.size === 0) stop();
              return;
            }
            if (event.type === 'queued') hooks.update({ index, type: 'waiting' });
            else if (event.type === 'started') hooks.update({ index, type: 'started' });
            else if (event.type === 'progress') {
              const p = event.progress ?? {};
              hooks.update(
                p.queuePosition !== undefined
                  ? { index, type: 'queue', position: p.queuePosition }
                  : { index, type: 'rendering', fraction: p.fraction, message: p.message },
              );
            }
          },
          onError: (error) => stop(error),
          onComplete: () => stop(),
          onConnectionStateChange(state) {
            if (state.state === 'connecting' && state.error) {
              lost ??= setTimeout(
                () =>
                  stop(
                    new AtelierError(
                      'provider_unavailable',
                      `Lost the connection to the studio${session.url ? ` at ${session.url}` : ''} for ${LOST_AFTER_MS / 1000} s while the run was in progress.`,
                      {
                        hint: 'The jobs go on in the studio: `atelier history` shows how they ended.',
                      },
                    ),
                  ),
                LOST_AFTER_MS,
              );
            } else if (state.state === 'pending') {
              clearTimeout(lost);
              lost = undefined;
            }
          },
        },
      );
    });
  } finally {
    hooks.signal.removeEventListener('abort', cancelOpen);
  }
  // A stream that ended before every job did: read how the rest ended.
  for (const id of [...open]) settle(id);
  await Promise.all(settling);
}

/** The outcome of a finished job, from its last event and its row. */
async function finish(
  session: StudioSession,
  id: string,
  event: JobEvent | undefined,
  estimate: CostRange | undefined,
): Promise<ModelOutcome> {
  const row: Row = await session.client.jobs.get.query({ id });
  const elapsedMs = Math.max(
    0,
    new Date(row.finishedAt ?? Date.now()).getTime() - new Date(row.queuedAt).getTime(),
  );
  const common = { generationId: id, ...(estimate ? { estimate } : {}) };
  if (row.status !== 'succeeded') {
    const error =
      event?.error ??
      (row.errorCode
        ? { code: row.errorCode, message: row.errorMessage ?? row.errorCode }
        : { code: row.status, message: `The job ended ${row.status}.` });
    // A job the provider may have billed is charged its estimate, failed or not (the studio's ledger).
    const charged = event?.actualCostMicros ?? row.actualCostMicros;
    return { ...failed(elapsedMs, error), ...common, ...(charged ? { actualCost: charged } : {}) };
  }
  // The event lists every asset of this job; the row only those whose bytes it stored first.
  const assets: readonly StoredAsset[] = event?.assets ?? row.assets;
  return {
    status: 'succeeded',
    elapsedMs,
    ...common,
    actualCost: event?.actualCostMicros ?? row.actualCostMicros ?? 0,
    // The job keeps the provider's warnings as they came (core's Warning shape).
    warnings: (event?.warnings ?? row.warnings) as Warning[],
    latency: {
      queueMs: row.queueMs ?? 0,
      generationMs: row.generationMs ?? 0,
      downloadMs: row.downloadMs ?? 0,
    },
    ...(row.providerRequestId ? { providerRequestId: row.providerRequestId } : {}),
    ...(row.revisedPrompt ? { revisedPrompt: row.revisedPrompt } : {}),
    assets: assets.map((a) => ({
      mediaType: a.mediaType,
      width: a.width,
      height: a.height,
      ...(a.durationMs === null ? {} : { durationSeconds: a.durationMs / 1000 }),
      read: () => session.asset(a.sha256, a.mediaType),
    })),
  };
}

function failed(elapsedMs: number, error: ErrorInfo): ModelOutcome {
  return {
    status: 'failed',
    elapsedMs,
    warnings: [],
    assets: [],
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    },
  };
}
