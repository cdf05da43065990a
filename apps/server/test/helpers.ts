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
      env: {},
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
