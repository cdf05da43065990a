import { format } from 'node:util';
import type { AppRouter } from '@atelier/api';
import { getProviderKey, ledgerForGeneration, schema } from '@atelier/db';
import { DEMO_KEYS } from '@atelier/testkit';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failure, startTestStudio, submit, waitForJob, type TestStudio } from './helpers.ts';

/**
 * Provider keys kept by the server: stored keys beat the environment's, and no key value ever
 * reaches a response, an error or a log line. Every response body and every console line of
 * this file is captured and scanned at the end.
 */

const WRONG_ENV_KEY = 'sk-wrong-environment-key-1111111111';
const REJECTED_VALUE = 'sk-has a space-2222222222';
const STORED_WRONG = 'sk-stored-but-wrong-3333333333333';

const responses: string[] = [];
const logged: string[] = [];
const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => {
  const original = console[level].bind(console);
  return vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(format(...args));
    original(...args);
  });
});

let t: TestStudio;
let client: ReturnType<typeof recordingClient>;

function recordingClient(url: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          responses.push(await res.clone().text());
          return res;
        },
      }),
    ],
  });
}

beforeAll(async () => {
  t = await startTestStudio({}, { providerEnv: { OPENAI_API_KEY: WRONG_ENV_KEY } });
  client = recordingClient(t.studio.url);
});

afterAll(async () => {
  await t.close();
  for (const spy of spies) spy.mockRestore();
  const secrets = [WRONG_ENV_KEY, REJECTED_VALUE, STORED_WRONG, DEMO_KEYS.openai];
  for (const text of [...responses, ...logged]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Not even the secret part of a key without its prefix.
    for (const secret of secrets) expect(text).not.toContain(secret.slice(3, -4));
  }
  expect(responses.length).toBeGreaterThan(10);
});

describe('provider keys', () => {
  it('lists every provider with where its key comes from, never the key', async () => {
    const keys = await client.keys.list.query();
    expect(keys.map((k) => k.provider)).toEqual([
      'openai',
      'google',
      'vertex',
      'fal',
      'bfl',
      'byteplus',
      'stability',
      'recraft',
      'replicate',
      'dashscope',
    ]);
    expect(keys.find((k) => k.provider === 'openai')).toEqual({
      provider: 'openai',
      set: true,
      source: 'env',
      variable: 'OPENAI_API_KEY',
    });
  });

  it('uses the environment key when nothing is stored: a wrong one is a clear job error', async () => {
    const id = await submit(client, {
      kind: 'image',
      prompt: 'a paper crane',
      models: ['gpt-image-2'],
    });
    const job = await waitForJob(client, id);
    expect(job.status).toBe('failed');
    expect(job.errorCode).toBe('auth');
    expect(job.errorMessage).toMatch(/OpenAI/);
    expect(t.emulators.openai.lastRequest()?.headers['authorization']).toBe(
      `Bearer ${WRONG_ENV_KEY}`,
    );
  });

  it('a stored key beats the environment, and the engine uses it', async () => {
    const status = await client.keys.set.mutate({ provider: 'openai', value: DEMO_KEYS.openai });
    expect(status).toMatchObject({ provider: 'openai', set: true, source: 'stored' });
    expect(status.last4).toBe(DEMO_KEYS.openai.slice(-4));
    expect(JSON.stringify(status)).not.toContain(DEMO_KEYS.openai);

    const id = await submit(client, {
      kind: 'image',
      prompt: 'a paper crane',
      models: ['gpt-image-2'],
    });
    expect((await waitForJob(client, id)).status).toBe('succeeded');
    expect(t.emulators.openai.lastRequest()?.headers['authorization']).toBe(
      `Bearer ${DEMO_KEYS.openai}`,
    );

    // At rest it is ciphertext, readable only with the server secret.
    const [row] = await t.studio.database.db.select().from(schema.providerKeys);
    expect(Buffer.from(row?.ciphertext ?? []).toString('latin1')).not.toContain(
      DEMO_KEYS.openai.slice(3),
    );
    await expect(
      getProviderKey(t.studio.database.db, 'openai', 'another-secret-of-at-least-32-characters'),
    ).rejects.toThrow(/cannot be decrypted/);
  });

  it('a wrong stored key fails the job without naming it, and removing it restores the environment key', async () => {
    await client.keys.set.mutate({ provider: 'openai', value: STORED_WRONG });
    const id = await submit(client, {
      kind: 'image',
      prompt: 'a paper boat',
      models: ['gpt-image-2'],
    });
    const job = await waitForJob(client, id);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'auth' });

    const removed = await client.keys.remove.mutate({ provider: 'openai' });
    expect(removed).toEqual({
      removed: true,
      status: { provider: 'openai', set: true, source: 'env', variable: 'OPENAI_API_KEY' },
    });
    expect((await client.keys.remove.mutate({ provider: 'openai' })).removed).toBe(false);
  });

  it('refuses bad input without echoing the value', async () => {
    const spaced = await failure(
      client.keys.set.mutate({ provider: 'openai', value: REJECTED_VALUE }),
    );
    expect(spaced.data?.httpStatus).toBe(400);
    expect(spaced.message).toMatch(/value/);
    const provider = await failure(
      client.keys.set.mutate({ provider: 'runway' as 'openai', value: 'key_abcdefghijklmnop' }),
    );
    expect(provider.data?.httpStatus).toBe(400);
    expect(provider.message).toMatch(/openai/);
  });
});

describe('provider faults surface as job errors with the right state', () => {
  it('rate limits that outlast the retries fail the job as rate_limited, and nothing is charged', async () => {
    await client.keys.set.mutate({ provider: 'openai', value: DEMO_KEYS.openai });
    const fault = t.emulators.openai.inject(429, { times: Infinity });
    const id = await submit(client, {
      kind: 'image',
      prompt: 'a teapot',
      models: ['gpt-image-2'],
    });
    const job = await waitForJob(client, id);
    fault.cancel();
    expect(job).toMatchObject({
      status: 'failed',
      errorCode: 'rate_limited',
      actualCostMicros: null,
    });
    const ledger = await ledgerForGeneration(t.studio.database.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release']);
  });

  it('a refused prompt fails as content_policy; a video the provider filters fails the same way', async () => {
    t.emulators.openai.inject('safety');
    const image = await submit(client, {
      kind: 'image',
      prompt: 'a teapot',
      models: ['gpt-image-2'],
    });
    expect(await waitForJob(client, image)).toMatchObject({
      status: 'failed',
      errorCode: 'content_policy',
    });

    t.emulators.vertex.inject('safety');
    const video = await submit(client, {
      kind: 'video',
      prompt: 'a teapot spinning',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4 },
    });
    const job = await waitForJob(client, video);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'content_policy' });
    expect(job.errorMessage).toBeTruthy();
  });
});
