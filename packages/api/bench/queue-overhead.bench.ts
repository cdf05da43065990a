import { performance } from 'node:perf_hooks';
import { generateImages, imageModel } from '@atelier/core';
import { expect, test } from 'vitest';
import { settled } from '../test/studio.ts';
import { benchStudio, settingsFor, spawnEmulators } from './emulators.ts';
import { appendResult, machine, median } from './report.ts';

/**
 * Engine overhead per job: 1000 image jobs queued at once against the zero-latency OpenAI
 * emulator, 16 at a time, on embedded PGlite. The same 1000 adapter calls made directly, 16 at a
 * time, are the baseline; the difference is what the engine adds (pricing, reservation, rows,
 * queueing, asset storage, settlement, events), per job. Goal: < 5 ms.
 *
 * The emulator runs in a process of its own, as a provider does: this process's CPU time is then
 * the adapter's (baseline) or the adapter's plus the engine's, and the difference is the engine.
 */

const JOBS = 1000;
const CONCURRENCY = 16;
const ROUNDS = 5;
const PARAMS = { quality: 'low', size: '1024x1024' } as const;

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

test('engine overhead per job on PGlite', async () => {
  // Flat images keep the bytes to store small, so the difference is the engine's bookkeeping.
  const emulators = await spawnEmulators(['--image-noise', '0']);
  const studio = await benchStudio(emulators.env, { concurrency: { openai: CONCURRENCY } });
  try {
    const settings = settingsFor(emulators.env);
    const model = await imageModel({ model: 'gpt-image-2', settings });
    // Warm both paths (JIT, emulator, database caches).
    await generateImages(model, { prompt: 'warm-up', ...PARAMS });
    await settled(
      studio.engine,
      (
        await studio.engine.submit({
          ownerId: studio.user.id,
          kind: 'image',
          prompt: 'warm-up',
          models: ['gpt-image-2'],
          params: PARAMS,
        })
      ).jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
    );

    const runs: {
      baselineMs: number;
      engineMs: number;
      queuedMs: number;
      baselineCpuMs: number;
      engineCpuMs: number;
    }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Baseline: the adapter alone, 16 calls in flight.
      let next = 0;
      const c0 = process.cpuUsage();
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
      const baselineCpuMs = cpuMs(process.cpuUsage(c0));

      // The engine: queue all 1000 (16 models per submit), then wait for every one to finish.
      const c1 = process.cpuUsage();
      const t1 = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < JOBS; i += 16) {
        const n = Math.min(16, JOBS - i);
        const r = await studio.engine.submit({
          ownerId: studio.user.id,
          kind: 'image',
          prompt: `engine ${round} ${i}`,
          models: Array(n).fill('gpt-image-2') as string[],
          params: PARAMS,
        });
        for (const j of r.jobs) if (j.status === 'queued') ids.push(j.generationId);
      }
      const queuedMs = performance.now() - t1;
      const events = await settled(studio.engine, ids);
      const engineMs = performance.now() - t1;
      const engineCpuMs = cpuMs(process.cpuUsage(c1));
      expect(ids).toHaveLength(JOBS);
      expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(JOBS);
      runs.push({ baselineMs, engineMs, queuedMs, baselineCpuMs, engineCpuMs });
      console.log(
        `round ${round + 1}: wall ${(baselineMs / JOBS).toFixed(2)} → ${(engineMs / JOBS).toFixed(2)} ms/job, cpu ${(baselineCpuMs / JOBS).toFixed(2)} → ${(engineCpuMs / JOBS).toFixed(2)} ms/job`,
      );
    }

    const perJob = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick)) / JOBS;
    const baseline = perJob((r) => r.baselineMs);
    const engine = perJob((r) => r.engineMs);
    const queued = perJob((r) => r.queuedMs);
    const overhead = perJob((r) => r.engineMs - r.baselineMs);
    const cpuOverhead = perJob((r) => r.engineCpuMs - r.baselineCpuMs);
    await appendResult([
      `### Engine overhead per job: ${JOBS} queued jobs, concurrency ${CONCURRENCY}, PGlite (${new Date().toISOString().slice(0, 10)})`,
      '',
      '- Command: `pnpm --filter @atelier/api bench -- queue-overhead`',
      `- Machine: ${machine()}`,
      "- Setup: PGlite in memory (on its own thread), local asset folder, the OpenAI emulator in its own process with no added latency and flat images (`--image-noise 0`, about 0.3 MB each); baseline = the same adapter calls made directly, 16 at a time. CPU time is this process's: the adapter's in the baseline, the adapter's and the engine's in the engine run",
      `- Wall time (median of ${ROUNDS} rounds): engine ${engine.toFixed(2)} ms/job (submitting ${queued.toFixed(2)} ms/job of it), baseline ${baseline.toFixed(2)} ms/job → overhead ${overhead.toFixed(2)} ms/job (rounds: ${runs.map((r) => ((r.engineMs - r.baselineMs) / JOBS).toFixed(2)).join(', ')})`,
      `- CPU time of the process (median of ${ROUNDS} rounds): engine ${perJob((r) => r.engineCpuMs).toFixed(2)} ms/job, baseline ${perJob((r) => r.baselineCpuMs).toFixed(2)} ms/job → overhead ${cpuOverhead.toFixed(2)} ms/job (rounds: ${runs.map((r) => ((r.engineCpuMs - r.baselineCpuMs) / JOBS).toFixed(2)).join(', ')})`,
      `- Goal: < 5 ms/job → wall ${(overhead / 5).toFixed(2)}×, CPU ${(cpuOverhead / 5).toFixed(2)}× the goal (${overhead < 5 ? 'met' : 'not met'} on wall time, ${cpuOverhead < 5 ? 'met' : 'not met'} on CPU time)`,
      '- Where the time goes: a job is three database statements (its share of the batch insert of rows and reservations at submit; the claim, which also brings its inputs; one statement that writes its outcome, its assets and its charge together), on PGlite running on its own thread so the main thread only posts SQL. The rest is pricing at submit, hashing and storing the image, and events. CPU time includes the database thread. Wall time on this shared two-core box swings between identical rounds.',
    ]);
  } finally {
    await studio.close();
    await emulators.close();
  }
});
