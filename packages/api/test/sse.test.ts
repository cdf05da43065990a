import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStudioHttpClient } from '../src/client.ts';
import { appRouter, type JobEvent } from '../src/index.ts';
import { catalog, settled, startStudio, type Studio } from './studio.ts';

let studio: Studio;
let server: http.Server;
let url: string;

beforeAll(async () => {
  studio = await startStudio();
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
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await studio.close();
});

// The client the CLI and the VS Code extension use (`@atelier/api/client`).
function client() {
  return createStudioHttpClient(url, undefined);
}

/** Subscribes and collects events until `stopWhen` says so or the server ends the stream. */
function collect(
  ids: string[],
  lastEventId: string | undefined,
  stopWhen: (events: { id: string; data: JobEvent }[]) => boolean,
) {
  const trpc = client();
  const events: { id: string; data: JobEvent }[] = [];
  return new Promise<{ events: typeof events; completed: boolean }>((resolve, reject) => {
    const sub = trpc.jobs.onProgress.subscribe(
      { ids, ...(lastEventId ? { lastEventId } : {}) },
      {
        onData(event) {
          events.push({ id: event.id, data: event.data as unknown as JobEvent });
          if (stopWhen(events)) {
            sub.unsubscribe();
            resolve({ events, completed: false });
          }
        },
        onComplete: () => resolve({ events, completed: true }),
        onError: reject,
      },
    );
  });
}

test('progress over SSE resumes after the last event id the client saw', async () => {
  studio.emulators.openai.setLatency({ requestMs: 300 });
  const trpc = client();
  const { batches } = await trpc.generate.create.mutate({
    kind: 'image',
    prompt: 'a glass of water on a table',
    models: ['gpt-image-2', 'nano-banana-pro'],
    providers: { 'nano-banana-pro': 'google' },
  });
  const ids =
    batches[0]?.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])) ?? [];
  expect(ids).toHaveLength(2);

  // First connection: drop it after the first three events.
  const first = await collect(ids, undefined, (events) => events.length === 3);
  expect(first.events.map((e) => e.id)).toEqual(
    first.events.map((e) => `${e.data.jobId}:${e.data.seq}`),
  );
  const last = first.events.at(-1)?.id;

  await settled(studio.engine, ids);
  const all = await studio.engine.events.after(ids);

  // Reconnect with the last id: exactly what came after it, then the stream ends.
  const second = await collect(ids, last, () => false);
  expect(second.completed).toBe(true);
  expect(second.events.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));
  expect([...first.events, ...second.events].map((e) => e.id)).toEqual(all.map((e) => e.id));
  expect(second.events.filter((e) => e.data.type === 'succeeded')).toHaveLength(2);

  // An unknown id resyncs: every stored event.
  const resync = await collect(ids, `${ids[0]}:999`, () => false);
  expect(resync.events.map((e) => e.id)).toEqual(all.map((e) => e.id));
  studio.emulators.openai.setLatency({ requestMs: 0 });
});

test('subscribing to a job one cannot see is NOT_FOUND', async () => {
  const error = await collect(['01ARZ3NDEKTSV4RRFFQ69G5FAV'], undefined, () => false).catch(
    (e: unknown) => e,
  );
  expect((error as { data?: { code?: string } }).data?.code).toBe('NOT_FOUND');
});
