import type { Provider } from '@atelier/core/catalog';
import { formatUsd, type Micros } from '@atelier/core/money';
import picocolors from 'picocolors';
import { wantsColor } from '../output/colors.ts';

/**
 * What a side-by-side run shows while it works, on stderr: a live line per model on a terminal
 * (spinner, elapsed time, state, queue position, partial images), one plain line per change
 * otherwise, and nothing under --json, whose stdout is the final document alone.
 */

/** What happened to one model of the run (the runner's events, in the CLI's words). */
export type Update = { index: number } & (
  | { type: 'waiting' }
  | { type: 'started' }
  | { type: 'queue'; position?: number }
  | { type: 'rendering'; fraction?: number; message?: string }
  | { type: 'partial-image'; image: number }
  | { type: 'received'; elapsedMs: number; cost: Micros }
  | { type: 'failed'; message: string }
);

export interface Progress {
  update(update: Update): void;
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

interface ModelLine {
  modelId: string;
  provider?: Provider;
  providerModelId?: string;
  estimate?: { expected: Micros };
}

/** The words for one update, shared by both modes. */
function describe(update: Update, model: ModelLine | undefined): { state: State; text: string } {
  switch (update.type) {
    case 'waiting':
      return { state: 'waiting', text: 'waiting to start' };
    case 'started':
      return {
        state: 'working',
        text: `calling ${model?.provider ?? ''} ${model?.providerModelId ?? ''} (estimated ${formatUsd(model?.estimate?.expected ?? 0)})`,
      };
    case 'queue':
      return {
        state: 'working',
        text:
          update.position === undefined
            ? 'in the provider’s queue'
            : `in the provider’s queue, position ${update.position}`,
      };
    case 'partial-image':
      return { state: 'working', text: `partial image ${update.image}` };
    case 'rendering': {
      const pct = update.fraction === undefined ? '' : ` ${Math.round(update.fraction * 100)}%`;
      return {
        state: 'working',
        text: `rendering${pct}${update.message ? `: ${update.message}` : ''}`,
      };
    }
    case 'received':
      return {
        state: 'working',
        text: `received in ${seconds(update.elapsedMs)}, cost ${formatUsd(update.cost)}; writing`,
      };
    case 'failed':
      return { state: 'failed', text: `failed: ${update.message}` };
  }
}

export async function createProgress(
  mode: ProgressMode,
  models: readonly ModelLine[],
): Promise<Progress> {
  const labels = models.map((m) => m.modelId);
  if (mode === 'silent') return { update() {}, written() {}, finish() {} };
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
      update(update) {
        const { state, text } = describe(update, models[update.index]);
        if (set(update.index, state, text)) print(update.index);
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
    update(update) {
      const { state, text } = describe(update, models[update.index]);
      set(update.index, state, text);
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
