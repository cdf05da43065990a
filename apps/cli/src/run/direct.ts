import type { ImageResult, ModelRun, RunEvent, VideoResult } from '@atelier/core/providers';
import { errorOf, type ModelOutcome, type Runner } from './execute.ts';
import type { Update } from './progress.ts';

/**
 * Runs the models from this process with core's side-by-side runner, calling the providers
 * with this machine's keys. Used for what the studio's jobs cannot carry yet (input images:
 * edits, references, masks, first and last frames); such runs are not in history or spend.
 */

type Result = ImageResult | VideoResult;

export function directRunner<R extends Result>(
  start: (signal: AbortSignal, onEvent: (event: RunEvent<R>) => void) => Promise<ModelRun<R>[]>,
): Runner {
  return {
    recorded: false,
    async run(hooks) {
      const done = new Set<number>();
      const finish = (index: number, run: ModelRun<R>) => {
        if (done.has(index)) return;
        done.add(index);
        hooks.finished(index, outcomeOf(run));
      };
      const runs = await start(hooks.signal, (event) => {
        const update = updateOf(event);
        if (update) hooks.update(update);
        if (event.type === 'succeeded') finish(event.index, event.run);
      });
      runs.forEach((run, index) => finish(index, run));
    },
  };
}

function updateOf(event: RunEvent<unknown>): Update | undefined {
  const index = event.index;
  switch (event.type) {
    case 'queued':
      return { index, type: 'waiting' };
    case 'started':
      return { index, type: 'started' };
    case 'progress': {
      const p = event.progress;
      if (p.type === 'queued') return { index, type: 'queue', position: p.position };
      if (p.type === 'partial-image') return { index, type: 'partial-image', image: p.index + 1 };
      return { index, type: 'rendering', fraction: p.fraction, message: p.message };
    }
    case 'succeeded':
      return {
        index,
        type: 'received',
        elapsedMs: event.run.elapsedMs,
        cost: event.run.actualCost ?? 0,
      };
    case 'failed':
      return undefined; // reported with the model's outcome
  }
}

function outcomeOf<R extends Result>(run: ModelRun<R>): ModelOutcome {
  const result = run.result;
  if (run.status !== 'succeeded' || !result) {
    return {
      status: 'failed',
      elapsedMs: run.elapsedMs,
      warnings: [],
      assets: [],
      error: errorOf(run.error),
    };
  }
  return {
    status: 'succeeded',
    elapsedMs: run.elapsedMs,
    actualCost: run.actualCost,
    warnings: result.warnings,
    latency: result.latency,
    providerRequestId: result.providerRequestId,
    ...('revisedPrompt' in result && result.revisedPrompt
      ? { revisedPrompt: result.revisedPrompt }
      : {}),
    cost: {
      basis: result.cost.basis,
      lines: result.cost.lines,
      assumptions: result.cost.assumptions,
    },
    assets: result.assets.map((asset) => ({
      mediaType: asset.mediaType,
      width: asset.width,
      height: asset.height,
      ...(asset.durationSeconds === undefined ? {} : { durationSeconds: asset.durationSeconds }),
      read: () => {
        // Written once: let the bytes go rather than hold every model's results until the end.
        const data = asset.data;
        asset.data = new Uint8Array(0);
        return Promise.resolve(data);
      },
    })),
  };
}
