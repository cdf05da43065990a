import { readFile } from 'node:fs/promises';
import { estimate } from '@atelier/core';
import { join } from 'node:path';
import {
  createUser,
  getGeneration,
  ledgerForGeneration,
  listAssets,
  schema,
  setBudget,
  spendSummary,
} from '@atelier/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { catalog, emulatorSettings, settled, startStudio, type Studio } from './studio.ts';

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
});
afterAll(() => studio.close());
beforeEach(() => studio.emulators.reset());

function queuedIds(result: Awaited<ReturnType<Studio['engine']['submit']>>): string[] {
  return result.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : []));
}

describe('image jobs through three providers', () => {
  test('one provider failing fails only its job, with its code; the others succeed and are charged', async () => {
    const { engine, database, emulators, user } = studio;
    emulators.bfl.inject(500, { times: Infinity });
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'image',
      prompt: 'a lighthouse in a storm, oil painting',
      models: ['gpt-image-2', 'nano-banana-pro', 'flux-2-pro'],
      providers: { 'nano-banana-pro': 'google' },
      params: { size: '1024x1024' },
    });
    expect(result.jobs.map((j) => [j.model, j.status])).toEqual([
      ['gpt-image-2', 'queued'],
      ['nano-banana-pro', 'queued'],
      ['flux-2-pro', 'queued'],
    ]);
    const ids = queuedIds(result);
    const events = await settled(engine, ids);

    const rows = await Promise.all(ids.map((id) => getGeneration(database.db, id)));
    expect(rows.map((r) => [r?.modelId, r?.routeProvider, r?.status])).toEqual([
      ['gpt-image-2', 'openai', 'succeeded'],
      ['nano-banana-pro', 'google', 'succeeded'],
      ['flux-2-pro', 'bfl', 'failed'],
    ]);
    const failed = rows[2];
    expect(failed?.errorCode).toBe('provider_unavailable');
    expect(failed?.errorMessage).toMatch(/Black Forest Labs is unavailable \(HTTP 500\)/);
    // The provider answered with an error status: it cannot have charged, so nothing is spent.
    const failedLedger = await ledgerForGeneration(database.db, ids[2] ?? '');
    expect(failedLedger.map((l) => l.kind)).toEqual(['reserve', 'release']);
    expect(failedLedger.reduce((s, l) => s + l.micros, 0)).toBe(0);

    for (const row of rows.slice(0, 2)) {
      expect(row?.actualCostMicros).toBeGreaterThan(0);
      expect(row?.startedAt).toBeInstanceOf(Date);
      expect(row?.finishedAt).toBeInstanceOf(Date);
      expect(row?.queueMs).toBeGreaterThanOrEqual(0);
      expect(row?.generationMs).toBeGreaterThanOrEqual(0);
      expect(row?.downloadMs).toBeGreaterThanOrEqual(0);
      const ledger = await ledgerForGeneration(database.db, row?.id ?? '');
      expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
      expect(ledger.reduce((s, l) => s + l.micros, 0)).toBe(row?.actualCostMicros);
      const assets = await listAssets(database.db, row?.id ?? '');
      expect(assets).toHaveLength(1);
      const bytes = await readFile(join(studio.assetDir, assets[0]?.storageKey ?? ''));
      expect(bytes.byteLength).toBe(assets[0]?.byteSize);
      expect(assets[0]?.mediaType).toMatch(/^image\//);
    }
    expect(rows[0]?.providerRequestId).toBeTruthy();

    const byJob = (id: string) => events.filter((e) => e.jobId === id).map((e) => e.type);
    expect(byJob(ids[0] ?? '')).toEqual(['queued', 'started', 'succeeded']);
    expect(byJob(ids[2] ?? '')).toEqual(['queued', 'started', 'failed']);
    const failure = events.find((e) => e.jobId === ids[2] && e.type === 'failed');
    expect(failure?.error?.code).toBe('provider_unavailable');
    const success = events.find((e) => e.jobId === ids[0] && e.type === 'succeeded');
    expect(success?.assets?.[0]?.url).toMatch(/^\/assets\/[0-9a-f]{64}$/);
    // Per-job sequence numbers, and ids made of them.
    expect(events.filter((e) => e.jobId === ids[0]).map((e) => e.id)).toEqual(
      [1, 2, 3].map((n) => `${ids[0]}:${n}`),
    );
  });
});

describe('video jobs', () => {
  test('a model with two routes on one provider runs on the route its estimate priced', async () => {
    const { engine, database, emulators, user } = studio;
    const params = { duration: 5, resolution: '1080p', aspectRatio: '16:9', audio: true } as const;
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'video',
      prompt: 'a paper boat drifting down a rainy street',
      models: ['kling-v3'],
      providers: { 'kling-v3': 'fal' },
      params,
    });
    const [job] = result.jobs;
    if (job?.status !== 'queued') throw new Error(`refused: ${JSON.stringify(job)}`);
    // fal's standard Kling 3.0 route is the cheaper one but has no 1080p price: the job takes the
    // pro route, is priced on it, and calls it.
    expect(job.providerModelId).toBe('fal-ai/kling-video/v3/pro/text-to-video');
    const priced = estimate(
      {
        model: 'kling-v3',
        provider: 'fal',
        providerModelId: job.providerModelId,
        prompt: 'a paper boat drifting down a rainy street',
        count: 1,
        seconds: 5,
        resolution: '1080p',
        aspectRatio: '16:9',
        audio: true,
      },
      catalog,
    );
    expect(job.estimate.expected).toBe(priced.expected);
    await settled(engine, [job.generationId]);
    expect((await getGeneration(database.db, job.generationId))?.status).toBe('succeeded');
    const submitted = emulators.fal.requests.filter((r) => r.method === 'POST');
    expect(submitted.at(-1)?.path).toContain('fal-ai/kling-video/v3/pro/text-to-video');
  });

  test('Veo on Vertex: started once, polled until done, clip stored, charged the actual cost', async () => {
    const { engine, database, emulators, user } = studio;
    emulators.vertex.setLatency({ queuedPolls: 1, runningPolls: 2 });
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'video',
      prompt: 'waves rolling onto a beach at night',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4, resolution: '720p', audio: false },
    });
    const [id] = queuedIds(result);
    const events = await settled(engine, [id ?? '']);
    const row = await getGeneration(database.db, id ?? '');
    expect(row?.status).toBe('succeeded');
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
    ).toHaveLength(1);
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':fetchPredictOperation')).length,
    ).toBeGreaterThanOrEqual(4);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['queued', 'started', 'progress', 'succeeded']),
    );
    expect(events.at(-1)?.type).toBe('succeeded');

    const [clip] = await listAssets(database.db, id ?? '');
    expect(clip?.mediaType).toBe('video/mp4');
    expect(clip?.durationMs).toBeGreaterThan(3000);
    const ledger = await ledgerForGeneration(database.db, id ?? '');
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.actualCostMicros);
    // Veo 3.1 on Vertex, 4 s without audio, priced per second.
    expect(row?.actualCostMicros).toBe(
      result.jobs[0]?.status === 'queued' ? result.jobs[0].estimate.expected : -1,
    );
  });
});

describe('a job the provider accepted, then failed', () => {
  test('ends failed, charged its estimate: on the row, in its failed event, in the spend summary', async () => {
    const { database, emulators } = studio;
    // BFL accepts the task, then every poll fails past the window for accepted jobs.
    const base = emulatorSettings(emulators);
    const engine = studio.openEngine({
      settings: {
        ...base,
        retry: { ...base.retry, initialDelayMs: 100, maxDelayMs: 400 },
        acceptedRetryMs: 1_000,
      },
    });
    emulators.bfl.inject(503, { times: Infinity, match: '/v1/get_result' });
    const owner = await createUser(database.db, { name: 'accepted-then-failed' });
    const from = new Date();
    const result = await engine.submit({
      ownerId: owner.id,
      kind: 'image',
      prompt: 'a lantern on a pier at dusk',
      models: ['flux-2-pro'],
      providers: { 'flux-2-pro': 'bfl' },
      params: { size: '1024x1024' },
    });
    const [job] = result.jobs;
    if (job?.status !== 'queued') throw new Error(`refused: ${JSON.stringify(job)}`);
    const events = await settled(engine, [job.generationId]);

    const row = await getGeneration(database.db, job.generationId);
    expect(row?.status).toBe('failed');
    expect(row?.estimatedCostMicros).toBe(job.estimate.expected);
    expect(row?.actualCostMicros).toBe(job.estimate.expected);
    const failed = events.at(-1);
    expect(failed).toMatchObject({ type: 'failed', actualCostMicros: job.estimate.expected });
    const ledger = await ledgerForGeneration(database.db, job.generationId);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(job.estimate.expected);

    const spend = await spendSummary(database.db, {
      from,
      to: new Date(Date.now() + 60_000),
      userId: owner.id,
    });
    expect(spend.totalMicros).toBe(job.estimate.expected);
    expect(spend.pendingMicros).toBe(0);
    expect(spend.byModel).toEqual([
      { modelId: 'flux-2-pro', micros: job.estimate.expected, generations: 1 },
    ]);
    await engine.drain();
  });
});

describe('cancellation', () => {
  test('a queued job is cancelled and released; a running one is aborted and settled to its estimate', async () => {
    const { database, emulators, user } = studio;
    const engine = studio.openEngine({ concurrency: { openai: 1 } });
    emulators.openai.setLatency({ requestMs: 10_000 });
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'image',
      prompt: 'two paper cranes',
      models: ['gpt-image-2', 'gpt-image-2'],
    });
    const [running, queued] = queuedIds(result) as [string, string];

    // Wait until the first request is at the provider.
    for await (const e of engine.watch([running])) if (e.type === 'started') break;
    while (emulators.openai.requests.length === 0) await new Promise((r) => setTimeout(r, 5));

    const q = await engine.cancel(queued);
    expect(q.status).toBe('cancelled');
    expect(q.startedAt).toBeNull();
    expect(
      (await ledgerForGeneration(database.db, queued)).map((l) => [
        l.kind,
        l.micros < 0 ? 'neg' : 'pos',
      ]),
    ).toEqual([
      ['reserve', 'pos'],
      ['release', 'neg'],
    ]);

    const r = await engine.cancel(running);
    expect(r.status).toBe('cancelled');
    expect(r.errorCode).toBe('cancelled');
    const ledger = await ledgerForGeneration(database.db, running);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    // The request had reached OpenAI, which may bill it: the estimate stays spent.
    expect(ledger.at(-1)?.micros).toBe(r.estimatedCostMicros);
    expect(r.actualCostMicros).toBe(r.estimatedCostMicros);
    expect(q.actualCostMicros).toBeNull();
    expect(emulators.openai.requests).toHaveLength(1);
    expect(engine.runningCount).toBe(0);

    // Cancelling twice is harmless; a finished job cannot be cancelled.
    expect((await engine.cancel(queued)).status).toBe('cancelled');
    emulators.openai.setLatency({ requestMs: 0 });
    await engine.drain();
  });

  test('a finished job cannot be cancelled', async () => {
    const { engine, user } = studio;
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'image',
      prompt: 'a single pear',
      models: ['gpt-image-2'],
    });
    const ids = queuedIds(result);
    await settled(engine, ids);
    await expect(engine.cancel(ids[0] ?? '')).rejects.toMatchObject({ code: 'invalid_request' });
  });
});

describe('budgets', () => {
  test('a model over budget is refused without a row; the ones within budget still run', async () => {
    const { engine, database, user } = studio;
    const probe = await engine.submit({
      ownerId: user.id,
      kind: 'image',
      prompt: 'a cup of tea',
      models: ['gpt-image-2'],
      params: { quality: 'low' },
    });
    const reserved = probe.jobs[0]?.status === 'queued' ? probe.jobs[0].reservedMicros : 0;
    expect(reserved).toBeGreaterThan(0);
    await settled(engine, queuedIds(probe));

    const member = await createUser(database.db, { name: 'capped' });
    await setBudget(database.db, {
      scope: 'user',
      userId: member.id,
      period: 'daily',
      capMicros: Math.floor(reserved * 1.5),
    });
    const before = await countRows();
    const result = await engine.submit({
      ownerId: member.id,
      kind: 'image',
      prompt: 'a cup of tea',
      models: ['gpt-image-2', 'gpt-image-2'],
      params: { quality: 'low' },
    });
    expect(result.jobs.map((j) => j.status)).toEqual(['queued', 'refused']);
    const refused = result.jobs[1];
    expect(refused?.status === 'refused' && refused.error.code).toBe('budget_exceeded');
    expect(refused?.status === 'refused' && refused.error.message).toMatch(/daily budget/);
    const after = await countRows();
    expect(after.generations - before.generations).toBe(1);
    expect(after.ledger - before.ledger).toBe(1);
    await settled(engine, queuedIds(result));
  });

  test('invalid settings and unknown models are refused per model, before any spend', async () => {
    const { engine, user } = studio;
    const result = await engine.submit({
      ownerId: user.id,
      kind: 'image',
      prompt: 'a red kite',
      models: ['gpt-image-2', 'no-such-model', 'veo-3-1'],
      params: { n: 1, providerOptions: { openai: { moderation: 'strict' } } },
    });
    expect(result.jobs.map((j) => (j.status === 'refused' ? j.error.code : j.status))).toEqual([
      'invalid_request',
      'unknown_model',
      'invalid_request',
    ]);
    // The planner names the field at fault and what it allows.
    expect(result.jobs[0]).toMatchObject({
      status: 'refused',
      error: {
        field: 'providerOptions.openai.moderation',
        message: expect.stringMatching(/auto|low/),
      },
    });
  });
});

async function countRows() {
  const db = studio.database.db;
  const [g] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.generations);
  const [l] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.spendLedger);
  return { generations: g?.n ?? 0, ledger: l?.n ?? 0 };
}

describe('graceful shutdown', () => {
  test('drain hands video polling over instead of waiting; the next engine finishes it, charged once', async () => {
    const { database, emulators, user } = studio;
    const first = studio.openEngine();
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 1_500 });
    const result = await first.submit({
      ownerId: user.id,
      kind: 'video',
      prompt: 'fog lifting over a lake',
      models: ['veo-3-1'],
      providers: { 'veo-3-1': 'vertex' },
      params: { duration: 4 },
    });
    const [id = ''] = queuedIds(result);
    for await (const e of first.watch([id])) if (e.type === 'progress') break;

    await first.drain();
    expect(first.runningCount).toBe(0);
    expect((await getGeneration(database.db, id))?.status).toBe('running');
    await expect(
      first.submit({ ownerId: user.id, kind: 'image', prompt: 'x', models: ['gpt-image-2'] }),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
    });

    const next = studio.openEngine();
    await next.resume();
    await settled(next, [id]);
    expect((await getGeneration(database.db, id))?.status).toBe('succeeded');
    expect(
      emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
    ).toHaveLength(1);
    expect((await ledgerForGeneration(database.db, id)).map((l) => l.kind)).toEqual([
      'reserve',
      'release',
      'settle',
    ]);
    await next.drain();
  });
});
