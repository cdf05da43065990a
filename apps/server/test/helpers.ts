import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@atelier/api';
import { isTerminal } from '@atelier/core/jobs';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { startStudio, type Studio, type StudioOptions } from '../src/index.ts';

/**
 * A studio for tests: the real server on port 0 with an in-memory database, a temp data folder,
 * and every provider emulator, reached through the same variables a user would set.
 */

export interface TestStudio {
  studio: Studio;
  emulators: AllEmulators;
  dataDir: string;
  client(token?: string): Client;
  close(): Promise<void>;
}

export type Client = ReturnType<typeof makeClient>;

export interface TestStudioExtras {
  emulators?: AllEmulators;
  /** Changes to the emulators' environment the adapters read (undefined removes a variable). */
  providerEnv?: Record<string, string | undefined>;
  /** The studio's own environment (ATELIER_ASSETS_URL, AWS_*); default empty. */
  env?: Record<string, string | undefined>;
}

export async function startTestStudio(
  options: StudioOptions = {},
  extras: TestStudioExtras = {},
): Promise<TestStudio> {
  const emulatorsIn = extras.emulators;
  const emulators = emulatorsIn ?? (await startAllEmulators());
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-server-'));
  const studio = await startStudio(
    { port: 0, inMemoryDatabase: true, dataDir, pollIntervalMs: 5, ...options },
    {
      env: extras.env ?? {},
      providerEnv: { ...emulators.env, ...extras.providerEnv },
      // No waiting between retries: tests assert behaviour, not time.
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );
  return {
    studio,
    emulators,
    dataDir,
    client: (token) => makeClient(studio.url, token),
    async close() {
      await studio.close();
      if (!emulatorsIn) await emulators.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function makeClient(baseUrl: string, token?: string) {
  const url = `${baseUrl}/trpc`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url, headers }),
      }),
    ],
  });
}

/** Polls a job over the API until it has finished. */
export async function waitForJob(client: Client, id: string) {
  for (;;) {
    const job = await client.jobs.get.query({ id });
    if (isTerminal(job.status)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Queues one generation and returns its id. */
export async function submit(
  client: Client,
  input: Parameters<Client['generate']['create']['mutate']>[0],
): Promise<string> {
  const { batches } = await client.generate.create.mutate(input);
  const job = batches[0]?.jobs[0];
  if (job?.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(job)}`);
  return job.generationId;
}

/** A raw progress stream (jobs.onProgress over SSE), read as text. */
export async function openProgressStream(
  baseUrl: string,
  ids: readonly string[],
  headers: Record<string, string> = {},
) {
  const input = encodeURIComponent(JSON.stringify({ ids }));
  const res = await fetch(`${baseUrl}/trpc/jobs.onProgress?input=${input}`, {
    headers: { ...headers, accept: 'text/event-stream' },
  });
  if (res.status !== 200 || !res.body) throw new Error(`progress stream: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const stream = {
    text: '',
    /** Reads until the text so far includes `needle`. */
    async until(needle: string): Promise<void> {
      while (!stream.text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before "${needle}": ${stream.text}`);
        stream.text += decoder.decode(value, { stream: true });
      }
    },
    /** Reads to the end; rejects ("terminated") when the connection is cut instead. */
    async toEnd(): Promise<string> {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return stream.text;
        stream.text += decoder.decode(value, { stream: true });
      }
    },
  };
  return stream;
}
