import { formatUsd, type Micros } from '@atelier/core/money';
import type { RunEvent } from '@atelier/core/providers';
import picocolors from 'picocolors';
import { wantsColor } from '../output/colors.ts';

/**
 * What a side-by-side run shows while it works, on stderr: a live line per model on a terminal
 * (spinner, elapsed time, state, queue position, partial images), one plain line per change
 * otherwise, and nothing under --json, whose stdout is the final document alone.
 */

export interface Progress {
  event(event: RunEvent<unknown>): void;
  /** The model's files are on disk. */
  written(index: number, paths: readonly string[]): void;
  finish(): void;
}

export type ProgressMode = 'live' | 'lines' | 'silent';

export function progressMode(
  json: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressMode {
  if (json) return 'silent';
  // A terminal that reports no size (some CI pseudo-terminals) cannot be redrawn in place.
  const sized = (stream.columns ?? 0) > 0 && (stream.rows ?? 0) > 0;
  return stream.isTTY && sized && process.env.TERM !== 'dumb' ? 'live' : 'lines';
}

type State = 'waiting' | 'working' | 'done' | 'failed';

interface Line {
  state: State;
  text: string;
  startedAt: number;
  endedAt?: number;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The words for one event, shared by both modes; `estimates` are the plan's, per model. */
function describe(
  event: RunEvent<unknown>,
  estimates: readonly Micros[],
): { state: State; text: string } {
  switch (event.type) {
    case 'queued':
      return { state: 'waiting', text: 'waiting to start' };
    case 'started':
      return {
        state: 'working',
        text: `calling ${event.provider} ${event.providerModelId} (estimated ${formatUsd(estimates[event.index] ?? event.estimatedCost.expected)})`,
      };
    case 'progress': {
      const p = event.progress;
      if (p.type === 'queued')
        return {
          state: 'working',
          text:
            p.position === undefined
              ? 'in the provider’s queue'
              : `in the provider’s queue, position ${p.position}`,
        };
      if (p.type === 'partial-image')
        return { state: 'working', text: `partial image ${p.index + 1}` };
      const pct = p.fraction === undefined ? '' : ` ${Math.round(p.fraction * 100)}%`;
      return { state: 'working', text: `rendering${pct}${p.message ? `: ${p.message}` : ''}` };
    }
    case 'succeeded':
      return {
        state: 'working',
        text: `received in ${seconds(event.run.elapsedMs)}, cost ${formatUsd(event.run.actualCost ?? 0)}; writing`,
      };
    case 'failed':
      return { state: 'failed', text: `failed: ${event.error.message}` };
  }
}

export async function createProgress(
  mode: ProgressMode,
  models: readonly { modelId: string; estimate: { expected: Micros } }[],
): Promise<Progress> {
  const labels = models.map((m) => m.modelId);
  const estimates = models.map((m) => m.estimate.expected);
  if (mode === 'silent') return { event() {}, written() {}, finish() {} };
  const width = Math.max(...labels.map((l) => l.length));
  const c = picocolors.createColors(wantsColor(process.stderr));
  const lines: Line[] = labels.map(() => ({
    state: 'waiting',
    text: 'waiting to start',
    startedAt: Date.now(),
  }));
  const set = (index: number, state: State, text: string) => {
    const line = lines[index];
    if (!line) return false;
    if (line.state === state && line.text === text) return false;
    line.state = state;
    line.text = text;
    if (state === 'done' || state === 'failed') line.endedAt = Date.now();
    return true;
  };
  const label = (index: number) => (labels[index] ?? '').padEnd(width);

  if (mode === 'lines') {
    const print = (index: number) => {
      const line = lines[index];
      if (line) process.stderr.write(`${label(index)}  ${line.text}\n`);
    };
    return {
      event(event) {
        const { state, text } = describe(event, estimates);
        if (set(event.index, state, text)) print(event.index);
      },
      written(index, paths) {
        if (set(index, 'done', `wrote ${paths.join(', ')}`)) print(index);
      },
      finish() {},
    };
  }

  const { createLogUpdate } = await import('log-update');
  const update = createLogUpdate(process.stderr, { showCursor: false });
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let tick = 0;
  const render = () => {
    const now = Date.now();
    const frame = frames[tick++ % frames.length] ?? ' ';
    update(
      lines
        .map((line, i) => {
          const mark =
            line.state === 'done'
              ? c.green('✔')
              : line.state === 'failed'
                ? c.red('✖')
                : c.cyan(frame);
          const elapsed = c.dim(seconds((line.endedAt ?? now) - line.startedAt).padStart(7));
          const text = line.state === 'failed' ? c.red(line.text) : line.text;
          return `${mark} ${c.bold(label(i))} ${elapsed}  ${text}`;
        })
        .join('\n'),
    );
  };
  const timer = setInterval(render, 80);
  timer.unref();
  render();
  return {
    event(event) {
      const { state, text } = describe(event, estimates);
      set(event.index, state, text);
    },
    written(index, paths) {
      set(index, 'done', `wrote ${paths.join(', ')}`);
    },
    finish() {
      clearInterval(timer);
      // The summary that follows says it all; the live lines were only for the wait.
      update.clear();
      update.done();
    },
  };
}
