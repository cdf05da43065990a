import { AtelierError, type AtelierErrorCode, type Provider } from '@atelier/core';
import { getGeneration, ledgerForGeneration } from '@atelier/db';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { providerMayHaveCharged } from '../src/jobs/charges.ts';
import type { JobEngine } from '../src/index.ts';
import { emulatorSettings, settled, startStudio, type Studio } from './studio.ts';

/**
 * Who pays when a generation fails: once a provider has accepted a job, the charge it may have
 * made is recorded, whatever went wrong afterwards, unless it reported the job itself failed and
 * does not bill that.
 */

const accepted = (code: AtelierErrorCode, details: Record<string, unknown> = {}) =>
  new AtelierError(code, 'after acceptance', {
    details: { provider: 'fal', retryable: false, requestId: 'req-1', accepted: true, ...details },
  });

describe('providerMayHaveCharged', () => {
  test.each<AtelierErrorCode>([
    'provider_unavailable',
    'rate_limited',
    'timeout',
    'auth',
    'invalid_request',
    'not_found',
    'content_policy',
    'cancelled',
    'internal',
  ])('after acceptance, %s may have been charged', (code) => {
    // An HTTP status on the last failed read does not make it a refusal of the job.
    expect(providerMayHaveCharged(accepted(code, { status: 500 }), { sent: true })).toBe(true);
    // The engine says jobFailed for any failed status, including a clip lost on download.
    expect(providerMayHaveCharged(accepted(code), { sent: true, jobFailed: true })).toBe(true);
  });

  test('a failure the provider reported itself is free only where it does not bill those', () => {
    for (const provider of ['fal', 'vertex']) {
      const verdict = accepted('provider_unavailable', { provider, jobFailed: true });
      expect(providerMayHaveCharged(verdict, { sent: true, jobFailed: true })).toBe(false);
    }
    const moderated = accepted('content_policy', { provider: 'bfl', jobFailed: true });
    expect(providerMayHaveCharged(moderated, { sent: true })).toBe(true);
  });

  test('before acceptance the old rules hold', () => {
    const refused = new AtelierError('provider_unavailable', 'HTTP 500', {
      details: { provider: 'fal', status: 500, retryable: true },
    });
    expect(providerMayHaveCharged(refused, { sent: true })).toBe(false);
    expect(providerMayHaveCharged(new AtelierError('auth', 'no'), { sent: true })).toBe(false);
    expect(providerMayHaveCharged(new AtelierError('timeout', 'slow'), { sent: true })).toBe(true);
    expect(providerMayHaveCharged(accepted('timeout'), { sent: false })).toBe(false);
  });
});

describe('the engine records the charge of a job the provider accepted', () => {
  let studio: Studio;
  let engine: JobEngine;

  beforeAll(async () => {
    studio = await startStudio();
    // The sleeps are not spent, so the window is counted in waits asked for: 2 s of them is a
    // dozen attempts, and far more than three failures need however slow the machine is.
    const base = emulatorSettings(studio.emulators);
    engine = studio.openEngine({
      settings: {
        ...base,
        retry: { ...base.retry, initialDelayMs: 100, maxDelayMs: 400 },
        acceptedRetryMs: 2_000,
      },
    });
  });
  afterAll(async () => {
    await engine.drain();
    await studio.close();
  });
  beforeEach(() => studio.emulators.reset());

  async function run(kind: 'image' | 'video', model: string, provider: Provider) {
    const result = await engine.submit({
      ownerId: studio.user.id,
      kind,
      prompt: 'a paper boat on a rainy street',
      models: [model],
      providers: { [model]: provider },
      params:
        kind === 'video'
          ? { duration: 5, resolution: '1080p', aspectRatio: '16:9', audio: true }
          : { size: '1024x1024' },
    });
    const [job] = result.jobs;
    if (job?.status !== 'queued') throw new Error(`refused: ${JSON.stringify(job)}`);
    await settled(engine, [job.generationId]);
    const row = await getGeneration(studio.database.db, job.generationId);
    const ledger = await ledgerForGeneration(studio.database.db, job.generationId);
    return { row, ledger, estimate: job.estimate };
  }

  test('a Kling clip delivered after its download failed three times', async () => {
    studio.emulators.cdn.inject(503, { times: 3 });
    const { row, ledger } = await run('video', 'kling-v3', 'fal');
    expect([row?.status, row?.errorMessage]).toEqual(['succeeded', null]);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
  });

  test('a Kling clip whose download fails past the window: failed, cancelled at fal, and charged', async () => {
    studio.emulators.cdn.inject(500, { times: Infinity });
    const { row, ledger } = await run('video', 'kling-v3', 'fal');
    expect(row?.status).toBe('failed');
    expect(row?.errorCode).toBe('provider_unavailable');
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.estimatedCostMicros);
    const fal = studio.emulators.fal.requests;
    expect(fal.filter((r) => r.method === 'PUT' && r.path.endsWith('/cancel'))).toHaveLength(1);
  });

  test('a Kling job fal itself failed costs nothing', async () => {
    studio.emulators.fal.inject('safety', { stage: 'output' });
    const { row, ledger } = await run('video', 'kling-v3', 'fal');
    expect(row?.status).toBe('failed');
    expect(row?.errorCode).toBe('content_policy');
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release']);
  });

  test('a BFL task whose polls fail past the window: failed and charged', async () => {
    studio.emulators.bfl.inject(503, { times: Infinity, match: '/v1/get_result' });
    const { row, ledger } = await run('image', 'flux-2-pro', 'bfl');
    expect(row?.status).toBe('failed');
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.estimatedCostMicros);
  });
});
