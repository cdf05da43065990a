import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';
import { expect, test } from 'vitest';
import { createGeneration } from '@atelier/db';
import { appRouter, type AppRouter } from '../src/index.ts';
import { settled } from '../test/studio.ts';
import { benchStudio, spawnEmulators } from './emulators.ts';
import { appendResult, machine, median, percentile } from './report.ts';

/**
 * Progress latency: from the moment the engine records a job's state change to the moment an
 * SSE client (tRPC httpSubscriptionLink over a real HTTP connection) has the event.
 * Goal: p95 < 50 ms.
 */

const ROUNDS = 10;
const JOBS_PER_ROUND = 20;
const IDLE_EVENTS = 200;

test('progress latency, job state change → SSE client', async () => {
  // Slow enough that every job starts and ends after the subscriber is connected.
  const emulators = await spawnEmulators(['--latency', '50']);
  const studio = await benchStudio(emulators.env, { concurrency: { openai: 4 } });
  const { catalog } = studio;
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: () => ({
      catalog,
      db: studio.database.db,
      assets: studio.assets,
      jobs: studio.engine,
      user: studio.user,
    }),
  });
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  const trpc = createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url, EventSource })] });

  const samples: number[] = [];
  const idle: number[] = [];
  try {
    // The pipeline alone, with no jobs running: state changes of one job that never runs (its
    // row is queued but not on the queue), one every 5 ms.
    const probe = await createGeneration(studio.database.db, {
      ownerId: studio.user.id,
      prompt: 'pipeline probe',
      modelId: 'gpt-image-2',
      routeProvider: 'openai',
      providerModelId: 'gpt-image-2',
      estimatedCostMicros: 1,
    });
    const sent = new Map<string, number>();
    await new Promise<void>((resolve, reject) => {
      const sub = trpc.jobs.onProgress.subscribe(
        { ids: [probe.id] },
        {
          onData: ({ id }) => {
            const at = sent.get(id);
            if (at !== undefined) idle.push(performance.now() - at);
          },
          onStarted: () => {
            void (async () => {
              for (let i = 0; i < IDLE_EVENTS; i++) {
                await new Promise((r) => setTimeout(r, 5));
                const before = performance.now();
                const e = await studio.engine.events.emit(probe.id, {
                  type: 'progress',
                  status: 'running',
                  progress: { fraction: i / IDLE_EVENTS },
                });
                if (e) sent.set(e.id, before);
              }
              const end = await studio.engine.events.emit(probe.id, {
                type: 'cancelled',
                status: 'cancelled',
              });
              if (end) sent.set(end.id, performance.now());
            })();
          },
          onComplete: () => resolve(),
          onError: (e) => {
            sub.unsubscribe();
            reject(e);
          },
        },
      );
    });

    for (let round = 0; round < ROUNDS; round++) {
      const emitted = new Map<string, number>();
      let openedAt = Number.POSITIVE_INFINITY;
      const result = await studio.engine.submit({
        ownerId: studio.user.id,
        kind: 'image',
        prompt: `latency probe ${round}`,
        models: Array(Math.min(16, JOBS_PER_ROUND)).fill('gpt-image-2') as string[],
        params: { quality: 'low' },
      });
      const ids = result.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
      // Announced once stored: the latency measured is from there to the client.
      const stop = await studio.engine.events.listen(ids, (note) => {
        if (note) emitted.set(`${note.generationId}:${note.seq}`, performance.now());
      });
      await new Promise<void>((resolve, reject) => {
        const sub = trpc.jobs.onProgress.subscribe(
          { ids },
          {
            onStarted: () => (openedAt = performance.now()),
            onData: ({ id }) => {
              const at = emitted.get(id);
              if (at !== undefined && at >= openedAt) samples.push(performance.now() - at);
            },
            onComplete: () => resolve(),
            onError: (e) => {
              sub.unsubscribe();
              reject(e);
            },
          },
        );
      });
      stop();
      await settled(studio.engine, ids);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await studio.close();
    await emulators.close();
  }

  const idleSorted = [...idle].sort((a, b) => a - b);
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = median(sorted);
  const p95 = percentile(sorted, 95);
  const line = `progress latency over ${samples.length} events: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
  console.log(
    line,
    `; pipeline alone: median ${median(idleSorted).toFixed(2)} ms, p95 ${percentile(idleSorted, 95).toFixed(2)} ms`,
  );
  await appendResult([
    `### Progress latency, job state change → SSE client (${new Date().toISOString().slice(0, 10)})`,
    '',
    '- Command: `pnpm --filter @atelier/api bench -- progress-latency`',
    `- Machine: ${machine()}`,
    `- Setup: PGlite in memory, OpenAI emulator (own process) answering after 50 ms, ${ROUNDS} rounds of 16 jobs, tRPC httpSubscriptionLink over HTTP on localhost`,
    `- With jobs running: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${samples.length} events (max ${(sorted.at(-1) ?? 0).toFixed(2)} ms)`,
    `- Pipeline alone (no jobs running, ${idle.length} events): median ${median(idleSorted).toFixed(2)} ms, p95 ${percentile(idleSorted, 95).toFixed(2)} ms`,
    "- Why: an event leaves within a millisecond when the process is idle; with jobs running it waits its turn on the event loop behind the same process's synchronous work: parsing provider answers (a 1024² image arrives as about 3.4 MB of base64 JSON) and hashing the bytes into the asset store. The database runs on its own thread, so its statements are not in that queue (with PGlite on the main thread this p95 was 46 ms).",
    `- Goal: p95 < 50 ms → p95 with jobs running is ${(p95 / 50).toFixed(2)}× the goal (${p95 < 50 ? 'met' : 'not met'})`,
  ]);
  expect(samples.length).toBeGreaterThan(ROUNDS * 16);
});
