import type { Runner } from '../run/execute.ts';
import type { Update } from '../run/progress.ts';

/**
 * Job progress as MCP progress notifications: `progress` counts models done, with the one in
 * flight as a fraction of it, out of `total` models; it only ever grows, as the spec requires.
 */

export interface ProgressNote {
  progress: number;
  total: number;
  message: string;
}

export function progressReporter(
  models: readonly string[],
  send: (note: ProgressNote) => void,
): (update: Update) => void {
  const done = models.map(() => 0);
  let last = -1;
  return (u) => {
    const name = models[u.index] ?? `model ${u.index + 1}`;
    let fraction: number;
    let message: string;
    switch (u.type) {
      case 'waiting':
        fraction = 0;
        message = `${name}: queued`;
        break;
      case 'queue':
        fraction = 0.05;
        message = `${name}: in the provider's queue${u.position === undefined ? '' : ` at ${u.position}`}`;
        break;
      case 'started':
        fraction = 0.1;
        message = `${name}: started`;
        break;
      case 'rendering':
        fraction = 0.1 + 0.8 * Math.min(1, Math.max(0, u.fraction ?? 0));
        message = `${name}: ${u.message ?? 'rendering'}${u.fraction === undefined ? '' : ` ${Math.round(u.fraction * 100)}%`}`;
        break;
      case 'partial-image':
        fraction = 0.5;
        message = `${name}: partial image ${u.image}`;
        break;
      case 'received':
        fraction = 1;
        message = `${name}: done`;
        break;
      case 'failed':
        fraction = 1;
        message = `${name}: failed: ${u.message}`;
        break;
    }
    done[u.index] = Math.max(done[u.index] ?? 0, fraction);
    const progress = done.reduce((s, f) => s + f, 0);
    if (progress <= last) return;
    last = progress;
    send({ progress, total: models.length, message });
  };
}

/** The runner with its updates observed and its jobs also cancelled when `signal` aborts. */
export function observedRunner(
  inner: Runner,
  signal: AbortSignal | undefined,
  observe: (update: Update) => void,
): Runner {
  return {
    run: (hooks) =>
      inner.run({
        ...hooks,
        signal: signal ? AbortSignal.any([hooks.signal, signal]) : hooks.signal,
        update(u) {
          observe(u);
          hooks.update(u);
        },
        finished(index, outcome) {
          if (outcome.status === 'failed')
            observe({ index, type: 'failed', message: outcome.error?.message ?? 'failed' });
          hooks.finished(index, outcome);
        },
      }),
  };
}
