import { runModels, type BenchRun } from './run-models.ts';
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
 * One prompt through four models on four emulated providers at once, through runModels (the path
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
  slots: Slot[] = SLOTS,
): Promise<{ wall: number; runs: BenchRun[] }> {
  const t0 = performance.now();
  const runs = await runModels({
    prompt: PROMPT,
    models: slots.map((s) => ({ model: s.model, provider: s.provider })),
    params: { aspectRatio: '1:1', n: 1 },
    settings: { env, keys: { store: null } },
  });
  const wall = performance.now() - t0;
  const failed = runs.filter((r) => r.status !== 'succeeded');
  if (failed.length) {
    throw new Error(`fan-out failed: ${failed.map((r) => `${r.model}: ${r.error}`).join('; ')}`);
  }
  return { wall, runs };
}

const seconds = (value: number) => `${(value / 1000).toFixed(3)} s`;

// Flat images: what is measured is the waiting side by side, not the emulator's PNG encoder.
const emulators = await startEmulatorProcess({ imageNoise: 0 });
try {
  // Warm-up with no added latency: loads every adapter and SDK once.
  await fanOut(emulators.env);

  const rows: string[][] = [];
  const medians: number[] = [];
  const all: number[] = [];
  const overheads: number[] = [];
  for (let rotation = 0; rotation < SLOTS.length; rotation++) {
    await applyLatency(emulators, rotation);
    const assigned = latencies(rotation);
    const slowest = SLOTS[assigned.indexOf(Math.max(...assigned))] as Slot;
    const walls: number[] = [];
    const alone: number[] = [];
    const elapsed: number[][] = SLOTS.map(() => []);
    // Baseline, taking turns with the fan-out: the slowest model run alone through runModels.
    for (let i = 0; i < RUNS; i++) {
      const { wall, runs } = await fanOut(emulators.env);
      walls.push(wall);
      runs.forEach((r, j) => elapsed[j]?.push(r.elapsedMs));
      alone.push((await fanOut(emulators.env, [slowest])).wall);
    }
    all.push(...walls);
    medians.push(median(walls));
    overheads.push(median(walls) - median(alone));
    const assignment = SLOTS.map((s, i) => `${s.provider} ${assigned[i]} s`).join(', ');
    const perModel = SLOTS.map(
      (s, i) => `${s.provider} ${(median(elapsed[i] ?? []) / 1000).toFixed(2)}`,
    ).join(', ');
    console.log(
      `${assignment}: walls ${walls.map((w) => ms(w, 0)).join(', ')}; ${slowest.provider} alone ${alone.map((w) => ms(w, 0)).join(', ')}; per model (s) ${perModel}`,
    );
    rows.push([
      `${assignment}${rotation === 0 ? ' (realistic)' : ''}`,
      seconds(median(walls)),
      seconds(Math.max(...walls)),
      `${slowest.provider}: ${seconds(median(alone))}`,
      `${(median(walls) / median(alone)).toFixed(3)}×`,
      median(walls) <= GOAL_MS ? 'pass' : 'fail',
    ]);
  }
  const worstMedian = Math.max(...medians);
  const pass = (medians[0] ?? Infinity) <= GOAL_MS;
  console.log(
    `medians ${medians.map((m) => ms(m, 0)).join(', ')}; worst run ${ms(Math.max(...all), 0)} (goal ≤ ${GOAL_MS} ms, realistic order: ${pass ? 'pass' : 'fail'})`,
  );

  if (WRITE) {
    writePart('fan-out', [
      '### Fan-out: four models at once, 2 / 5 / 8 / 12 s',
      '',
      '`runModels` (the path `atelier generate` takes) with one prompt, 1:1, n=1, through',
      '`seedream-4-5` on fal, `flux-2-pro` on BFL, `nano-banana-pro` on the Gemini API and',
      '`gpt-image-2` on OpenAI, default settings (fal and BFL polled every 1 s). Each emulator is',
      'made to take 2, 5, 8 or 12 s (OpenAI and Gemini hold the answer back; fal and BFL keep the',
      'job running that long), then renders a flat 1024² image (`imageNoise: 0`). Wall time runs',
      'from the call to all four settled, every model succeeded. The first row is the realistic',
      'order; the others move the 12 s onto each provider in turn, since a polled provider only',
      'notices completion at its next poll. Baseline: the slowest model of the row run alone',
      'through `runModels`, taking turns with the fan-out.',
      '',
      '- Command: `pnpm --filter @atelier/core bench fan-out` (`node packages/core/bench/run.mjs fan-out`)',
      `- Machine: ${machine()}`,
      `- Date: ${today()}; ${load()}`,
      `- Runs: ${RUNS} fan-outs and ${RUNS} baselines per order, after one warm-up run with no latency`,
      '',
      ...markdownTable(
        ['Latencies', 'Median wall', 'Worst wall', 'Slowest alone (median)', 'Ratio', 'Goal'],
        rows,
      ),
      '',
      `Goal ≤ ${(GOAL_MS / 1000).toFixed(1)} s, judged on the median wall of each order:`,
      '',
      `- Realistic order (the 12 s on OpenAI): **${seconds(medians[0] ?? Number.NaN)}**, ${(medians[0] ?? Infinity) <= GOAL_MS ? 'pass' : 'fail'}; running the other three`,
      `  alongside added ${ms(overheads[0] ?? Number.NaN, 0)} to the slowest model alone.`,
      `- Every order: ${medians.filter((m) => m <= GOAL_MS).length} of ${medians.length} pass (worst median ${seconds(worstMedian)}; worst single run ${seconds(Math.max(...all))}).`,
      `  Fan-out minus the slowest alone: ${overheads.map((o) => ms(o, 0)).join(', ')}. Where the 12 s sits on fal or`,
      '  BFL, that model alone already takes longer than 12 s: a finished job is seen only at the',
      '  next 1 s poll, and the polls drift later by the time each status request takes.',
    ]);
  }
} finally {
  await emulators.close();
}
