import { startStudio, type Studio } from '@atelier/server';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { isTerminal, type JobEvent } from '@atelier/core/jobs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioHttpClient, type StudioHttpClient } from '@atelier/api/client';
import { downloadAsset, isHealthy, uploadAsset } from '../src/studio/client.ts';
import { describeError } from '../src/studio/errors.ts';

/**
 * The extension's studio client against a real studio on the provider emulators: plan, create,
 * progress as server-sent events, the asset fetched with the token's headers, an upload, and a
 * refusal carrying the studio's message.
 */

let emulators: AllEmulators;
let studio: Studio;
let client: StudioHttpClient;

beforeAll(async () => {
  emulators = await startAllEmulators({ imageNoise: 0 });
  studio = await startStudio(
    {
      port: 0,
      inMemoryDatabase: true,
      dataDir: join(await mkdtemp(join(tmpdir(), 'atelier-vscode-client-')), 'studio'),
      pollIntervalMs: 5,
    },
    {
      env: {},
      providerEnv: { ...emulators.env },
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );
  client = createStudioHttpClient(studio.url, undefined);
});

afterAll(async () => {
  await studio?.close();
  await emulators?.close();
});

function until(ids: string[]): Promise<Map<string, JobEvent>> {
  return new Promise((resolve, reject) => {
    const done = new Map<string, JobEvent>();
    const sub = client.jobs.onProgress.subscribe(
      { ids },
      {
        onData({ data }) {
          if (!isTerminal(data.status)) return;
          done.set(data.jobId, data);
          if (done.size === ids.length) {
            sub.unsubscribe();
            resolve(done);
          }
        },
        onError: reject,
      },
    );
  });
}

describe('studio client', () => {
  it('answers /healthz', async () => {
    expect(await isHealthy(studio.url)).toBe(true);
    expect(await isHealthy('http://127.0.0.1:9')).toBe(false);
  });

  it('plans, runs with progress over SSE and downloads the image', async () => {
    const request = { kind: 'image' as const, prompt: 'a copper kettle', models: ['gpt-image-2'] };
    const plan = await client.generate.plan.query(request);
    expect(plan.total.expected).toBeGreaterThan(0);
    const created = await client.generate.create.mutate(request);
    const job = created.batches[0]?.jobs[0];
    if (job?.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(job)}`);
    const events = await until([job.generationId]);
    expect(events.get(job.generationId)?.status).toBe('succeeded');
    const row = await client.jobs.get.query({ id: job.generationId });
    const asset = row.assets[0];
    if (!asset) throw new Error('no asset');
    const bytes = await downloadAsset(studio.url, undefined, asset.sha256);
    expect(Buffer.from(bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');

    const uploaded = await uploadAsset(studio.url, undefined, bytes);
    expect(uploaded).toMatchObject({
      sha256: asset.sha256,
      mediaType: 'image/png',
      width: asset.width,
    });
  });

  it("carries the studio's message for a refused request", async () => {
    const error = await client.compare.run.query({ ids: ['gpt-image-2'] }).catch((e: unknown) => e);
    expect(describeError(error).message).toMatch(/compare needs at least 2 models/);
    await expect(
      uploadAsset(studio.url, undefined, new TextEncoder().encode('not an image')),
    ).rejects.toThrow(/refused the image/);
  });
});
