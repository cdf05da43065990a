import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';
import { expect, test } from 'vitest';
import { appRouter, type AppRouter } from '../src/index.ts';
import { catalog, settled, startStudio } from '../test/studio.ts';
import { appendResult, machine, median, percentile } from './report.ts';

/**
 * Progress latency: from the moment the engine records a job's state change to the moment an
 * SSE client (tRPC httpSubscriptionLink over a real HTTP connection) has the event.
 * Goal: p95 < 50 ms.
 */

const ROUNDS = 10;
const JOBS_PER_ROUND = 20;

test('progress latency, job state change → SSE client', async () => {
  const studio = await startStudio({ concurrency: { openai: 4 } });
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
  // Slow enough that every job starts and ends after the subscriber is connected.
  studio.emulators.openai.setLatency({ requestMs: 50 });

  const samples: number[] = [];
  try {
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
      const stop = studio.engine.events.listen(ids, (event) =>
        emitted.set(event.id, performance.now()),
      );
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
  }

  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = median(sorted);
  const p95 = percentile(sorted, 95);
  const line = `progress latency over ${samples.length} events: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
  console.log(line);
  await appendResult([
    `### Progress latency, job state change → SSE client (${new Date().toISOString().slice(0, 10)})`,
    '',
    '- Command: `pnpm --filter @atelier/api bench -- progress-latency`',
    `- Machine: ${machine()}`,
    `- Setup: PGlite in memory, OpenAI emulator at 50 ms, ${ROUNDS} rounds of 16 jobs, tRPC httpSubscriptionLink over HTTP on localhost`,
    `- Result: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${samples.length} events (max ${(sorted.at(-1) ?? 0).toFixed(2)} ms)`,
    `- Goal: p95 < 50 ms → p95 is ${(p95 / 50).toFixed(2)}× the goal (${p95 < 50 ? 'met' : 'not met'})`,
  ]);
  expect(samples.length).toBeGreaterThan(ROUNDS * 16);
});
