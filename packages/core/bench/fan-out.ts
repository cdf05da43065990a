import { runImages, type ModelRun } from '../src/providers/index.ts';
import type { ImageResult } from '../src/providers/spec.ts';
import { startEmulatorProcess, type EmulatorProcess } from './emulators.ts';
import {
  flag,
  load,
  machine,
  markdownTable,
  median,
  ms,
  today,
  WRITE,
  writePart,
} from './report.ts';

/**
 * One prompt through four models on four emulated providers at once, through runImages (the path
 * `atelier generate` takes), with each provider made to take 2, 5, 8 or 12 s. Wall time runs from
 * the call to all four settled; run side by side it should be the slowest model plus a little.
 *
 * Synchronous APIs (OpenAI, Gemini) hold the answer back for the latency; queued ones (fal, BFL)
 * keep the job running that long and are polled at the adapters' default interval (1 s), so
 * where the slowest model sits matters: the first rotation is the realistic one (the GPT Image
 * call is the slow one), the others move the 12 s onto each provider in turn.
 */

const RUNS = flag('runs', 3);
const GOAL_MS = 12_200;
const PROMPT = 'a copper kettle on a windowsill, morning light';

type Slot = {
  model: string;
  provider: 'openai' | 'google' | 'fal' | 'bfl';
  emulator: 'openai' | 'gemini' | 'fal' | 'bfl';
};
const SLOTS: Slot[] = [
  { model: 'seedream-4-5', provider: 'fal', emulator: 'fal' },
  { model: 'flux-2-pro', provider: 'bfl', emulator: 'bfl' },
  { model: 'nano-banana-pro', provider: 'google', emulator: 'gemini' },
  { model: 'gpt-image-2', provider: 'openai', emulator: 'openai' },
];
const LATENCIES_S = [2, 5, 8, 12];

/** Rotation r gives slot i the latency LATENCIES_S[(i + r) % 4]; r = 0 is the realistic order. */
function latencies(rotation: number): number[] {
  return SLOTS.map((_, i) => LATENCIES_S[(i + rotation) % LATENCIES_S.length] ?? 0);
}

async function applyLatency(emulators: EmulatorProcess, rotation: number): Promise<void> {
  await emulators.reset();
  const seconds = latencies(rotation);
  await Promise.all(
    SLOTS.map((slot, i) => {
      const ms = (seconds[i] ?? 0) * 1000;
      const queued = slot.emulator === 'fal' || slot.emulator === 'bfl';
      return emulators.setLatency(slot.emulator, queued ? { runningMs: ms } : { requestMs: ms });
    }),
  );
}

async function fanOut(
  env: Record<string, string>,
): Promise<{ wall: number; runs: ModelRun<ImageResult>[] }> {
  const t0 = performance.now();
  const runs = await runImages({
    prompt: PROMPT,
    models: SLOTS.map((s) => s.model),
    providers: Object.fromEntries(SLOTS.map((s) => [s.model, s.provider])),
    params: { aspectRatio: '1:1', n: 1 },
    settings: { env, keys: { store: null } },
  });
  const wall = performance.now() - t0;
  const failed = runs.filter((r) => r.status !== 'succeeded');
  if (failed.length) {
    throw new Error(
      `fan-out failed: ${failed.map((r) => `${r.model}: ${r.error?.message}`).join('; ')}`,
    );
  }
  return { wall, runs };
}

const emulators = await startEmulatorProcess();
try {
  // Warm-up with no added latency: loads every adapter and SDK once.
  await fanOut(emulators.env);

  const rows: string[][] = [];
  const all: number[] = [];
  let realistic: number[] = [];
  for (let rotation = 0; rotation < SLOTS.length; rotation++) {
    await applyLatency(emulators, rotation);
    const walls: number[] = [];
    const elapsed: number[][] = SLOTS.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      const { wall, runs } = await fanOut(emulators.env);
      walls.push(wall);
      runs.forEach((r, j) => elapsed[j]?.push(r.elapsedMs));
    }
    all.push(...walls);
    if (rotation === 0) realistic = walls;
    const seconds = latencies(rotation);
    const assignment = SLOTS.map((s, i) => `${s.provider} ${seconds[i]} s`).join(', ');
    const slowest = SLOTS[seconds.indexOf(Math.max(...seconds))];
    const perModel = SLOTS.map(
      (s, i) => `${s.provider} ${(median(elapsed[i] ?? []) / 1000).toFixed(2)}`,
    ).join(', ');
    console.log(
      `${assignment}: walls ${walls.map((w) => ms(w, 0)).join(', ')}; per model (s) ${perModel}`,
    );
    rows.push([
      `${assignment}${rotation === 0 ? ' (realistic)' : ''}`,
      `${(median(walls) / 1000).toFixed(3)} s`,
      `${(Math.max(...walls) / 1000).toFixed(3)} s`,
      `${slowest?.provider ?? '?'} ${(median(elapsed[seconds.indexOf(12)] ?? []) / 1000).toFixed(3)} s`,
    ]);
  }
  const worst = Math.max(...all);
  const pass = worst <= GOAL_MS;
  console.log(
    `realistic median ${ms(median(realistic), 0)}; worst of all ${ms(worst, 0)} (goal ≤ ${GOAL_MS} ms: ${pass ? 'pass' : 'fail'})`,
  );

  if (WRITE) {
    writePart('fan-out', [
      '### Fan-out: four models at once, 2 / 5 / 8 / 12 s',
      '',
      '`runImages` (the path `atelier generate` takes) with one prompt, 1:1, n=1, through',
      '`seedream-4-5` on fal, `flux-2-pro` on BFL, `nano-banana-pro` on the Gemini API and',
      '`gpt-image-2` on OpenAI, default settings (fal and BFL polled every 1 s). Each emulator is',
      'made to take 2, 5, 8 or 12 s (OpenAI and Gemini hold the answer back; fal and BFL keep the',
      'job running that long). Wall time runs from the call to all four settled, every model',
      'succeeded. The first row is the realistic order; the others move the 12 s onto each',
      'provider in turn, since a polled provider can only notice completion at its next poll.',
      '',
      '- Command: `pnpm --filter @atelier/core bench fan-out` (`node packages/core/bench/run.mjs fan-out`)',
      `- Machine: ${machine()}`,
      `- Date: ${today()}; ${load()}`,
      `- Runs: ${RUNS} per order after one warm-up run with no latency`,
      '',
      ...markdownTable(['Latencies', 'Median wall', 'Worst wall', 'Slowest model (median)'], rows),
      '',
      `Baseline: the slowest model alone, 12 s. Realistic order: median **${(median(realistic) / 1000).toFixed(3)} s**`,
      `(${(median(realistic) / 12_000).toFixed(3)}× the baseline); worst of all ${all.length} runs **${(worst / 1000).toFixed(3)} s**.`,
      `Goal ≤ ${(GOAL_MS / 1000).toFixed(1)} s for every run: ${pass ? 'pass' : 'fail'}.`,
    ]);
  }
} finally {
  await emulators.close();
}
