import { performance } from 'node:perf_hooks';
import { generateImages, imageModel } from '@atelier/core';
import { startAllEmulators } from '@atelier/testkit';
import { expect, test } from 'vitest';
import { emulatorSettings, settled, startStudio } from '../test/studio.ts';
import { appendResult, machine, median } from './report.ts';

/**
 * Engine overhead per job: 1000 image jobs queued at once against the zero-latency OpenAI
 * emulator, 16 at a time, on embedded PGlite. The same 1000 adapter calls made directly, 16 at a
 * time, are the baseline; the difference is what the engine adds (pricing, reservation, rows,
 * queueing, asset storage, settlement, events), per job. Goal: < 5 ms.
 */

const JOBS = 1000;
const CONCURRENCY = 16;
const ROUNDS = 3;
const PARAMS = { quality: 'low', size: '1024x1024' } as const;

test('engine overhead per job on PGlite', async () => {
  // Flat images: the emulator's rendering and the bytes stay small next to the engine's work.
  const emulators = await startAllEmulators({ imageNoise: 0 });
  const studio = await startStudio({ concurrency: { openai: CONCURRENCY } }, emulators);
  try {
    const settings = emulatorSettings(studio.emulators);
    const model = await imageModel({ model: 'gpt-image-2', settings });
    // Warm both paths (JIT, emulator, database caches).
    await generateImages(model, { prompt: 'warm-up', ...PARAMS });
    await settled(studio.engine, (await studio.engine.submit({ ownerId: studio.user.id, kind: 'image', prompt: 'warm-up', models: ['gpt-image-2'], params: PARAMS })).jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])));

    const runs: { baselineMs: number; engineMs: number; queuedMs: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Baseline: the adapter alone, 16 calls in flight.
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < JOBS) {
            const i = next++;
            await generateImages(model, { prompt: `baseline ${round} ${i}`, ...PARAMS });
          }
        }),
      );
      const baselineMs = performance.now() - t0;

      // The engine: queue all 1000 (16 models per submit), then wait for every one to finish.
      const t1 = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < JOBS; i += 16) {
        const n = Math.min(16, JOBS - i);
        const r = await studio.engine.submit({ ownerId: studio.user.id, kind: 'image', prompt: `engine ${round} ${i}`, models: Array(n).fill('gpt-image-2') as string[], params: PARAMS });
        for (const j of r.jobs) if (j.status === 'queued') ids.push(j.generationId);
      }
      const queuedMs = performance.now() - t1;
      const events = await settled(studio.engine, ids);
      const engineMs = performance.now() - t1;
      expect(ids).toHaveLength(JOBS);
      expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(JOBS);
      runs.push({ baselineMs, engineMs, queuedMs });
      console.log(`round ${round + 1}: baseline ${(baselineMs / JOBS).toFixed(2)} ms/job, engine ${(engineMs / JOBS).toFixed(2)} ms/job`);
    }

    const perJob = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick)) / JOBS;
    const baseline = perJob((r) => r.baselineMs);
    const engine = perJob((r) => r.engineMs);
    const queued = perJob((r) => r.queuedMs);
    const overhead = perJob((r) => r.engineMs - r.baselineMs);
    await appendResult([
      `### Engine overhead per job: ${JOBS} queued jobs, concurrency ${CONCURRENCY}, PGlite (${new Date().toISOString().slice(0, 10)})`,
      '',
      '- Command: `pnpm --filter @atelier/api bench -- queue-overhead`',
      `- Machine: ${machine()}`,
      '- Setup: PGlite in memory, OpenAI emulator with no added latency and flat images (`imageNoise: 0`), local asset folder, all in one process; baseline = the same adapter calls made directly, 16 at a time',
      `- Result (median of ${ROUNDS} rounds): engine ${engine.toFixed(2)} ms/job wall (submitting ${queued.toFixed(2)} ms/job of it), baseline ${baseline.toFixed(2)} ms/job → overhead ${overhead.toFixed(2)} ms/job (rounds: ${runs.map((r) => ((r.engineMs - r.baselineMs) / JOBS).toFixed(2)).join(', ')})`,
      `- Goal: < 5 ms/job → ${(overhead / 5).toFixed(2)}× the goal (${overhead < 5 ? 'met' : 'not met'})`,
    ]);
  } finally {
    await studio.close();
    await emulators.close();
  }
});
