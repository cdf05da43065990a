import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getGeneration, ledgerForGeneration, listAssets } from '@atelier/db';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { settled, startStudio, type Studio } from './studio.ts';

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
    expect(events.filter((e) => e.jobId === ids[0]).map((e) => e.id)).toEqual([1, 2, 3].map((n) => `${ids[0]}:${n}`));
  });
});
