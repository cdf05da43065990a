import { createUser } from '@atelier/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionUser } from '../src/index.ts';
import { settled, startStudio, type Caller, type Studio } from './studio.ts';

let studio: Studio;
let admin: Caller;
let member: Caller;

beforeAll(async () => {
  studio = await startStudio();
  admin = studio.caller();
  const m = await createUser(studio.database.db, { name: 'member' });
  const memberUser: SessionUser = { id: m.id, role: 'member' };
  member = studio.caller(memberUser);
});
afterAll(() => studio.close());

const MODELS = ['gpt-image-2', 'flux-2-pro'];

async function round(prompt: string) {
  const started = await admin.arena.start({ prompt, models: MODELS, params: { quality: 'low' } });
  const ids = started.slots.map((s) => s.generationId);
  await settled(studio.engine, ids);
  return started;
}

describe('arena.evidence', () => {
  test('empty before any vote or generation; refuses bad input naming the field', async () => {
    const none = await admin.arena.evidence({ models: MODELS });
    expect(none).toMatchObject({ empty: true, models: [], headToHead: [], batches: [] });
    const bad = await admin.arena.evidence({ models: [] }).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect(String(bad)).toMatch(/models/);
    await expect(admin.arena.evidence({ models: ['flux-2-pro', 'flux-2-pro'] })).rejects.toThrow(
      /each model once/,
    );
  });

  test('rating, head-to-head, measured vs claimed and recent batches, mine and team', async () => {
    const votes: { batchId: string; reveal: { model: string; won: boolean }[] }[] = [];
    for (const [i, choice] of (['A', 'B', 'tie'] as const).entries()) {
      const r = await round(`a lighthouse at dusk, take ${i}`);
      const v = await admin.arena.vote({
        generations: r.slots.map((s) => s.generationId),
        choice,
      });
      votes.push({ batchId: r.batchId, reveal: v.reveal });
    }
    const ev = await admin.arena.evidence({ models: MODELS });
    expect(ev.empty).toBe(false);
    expect(ev.votes).toBe(3);
    expect(ev.models.map((m) => m.model)).toEqual(MODELS);
    for (const m of ev.models) {
      expect(m.rating?.votes).toBe(3);
      expect(m.rating?.lower).toBeLessThanOrEqual(m.rating?.upper ?? 0);
      expect(m.measured).toMatchObject({ finished: 3, failureRate: 0 });
      expect(m.measured?.p50Ms).not.toBeNull();
      expect(m.claimedPrice?.micros).toBeGreaterThan(0);
    }
    // Wins counted from the reveals: each model's wins plus half the tie.
    const winsOf = (model: string) =>
      votes.filter((v) => v.reveal.some((r) => r.won && r.model === model)).length;
    const [h2h] = ev.headToHead;
    expect(h2h).toMatchObject({ a: MODELS[0], b: MODELS[1], votes: 3, draws: 1 });
    expect(h2h?.aWins).toBe(winsOf(MODELS[0] ?? ''));
    expect(h2h?.aWinRate).toBeCloseTo(((h2h?.aWins ?? 0) + 0.5) / 3);
    // The three latest batches, newest first, each with both models' asset shas.
    expect(ev.batches.map((b) => b.batchId)).toEqual(votes.map((v) => v.batchId).reverse());
    for (const b of ev.batches) {
      expect(b.outputs.map((o) => o.model)).toEqual(MODELS);
      for (const o of b.outputs) expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    }

    // A fourth round pushes the oldest batch out of the three.
    const fourth = await round('a lighthouse at dawn');
    const later = await admin.arena.evidence({ models: MODELS });
    expect(later.batches).toHaveLength(3);
    expect(later.batches[0]?.batchId).toBe(fourth.batchId);

    // The member has no votes or outputs of their own; the team view shows the admin's votes
    // but not their unshared outputs.
    expect((await member.arena.evidence({ models: MODELS })).empty).toBe(true);
    const team = await member.arena.evidence({ models: MODELS, voter: 'team' });
    expect(team.empty).toBe(false);
    expect(team.headToHead[0]?.votes).toBe(3);
    expect(team.batches).toEqual([]);
    // A model without votes among them gets no rating and no head-to-head.
    const three = await admin.arena.evidence({ models: [...MODELS, 'imagen-4'] });
    expect(three.models.find((m) => m.model === 'imagen-4')?.rating).toBeNull();
    expect(three.headToHead).toHaveLength(1);
  });
});
