import { createUser } from '@atelier/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { arenaRouter } from '../src/router/arena.ts';
import type { SessionUser } from '../src/index.ts';
import { catalog, settled, startStudio, type Caller, type Studio } from './studio.ts';

let studio: Studio;
let admin: Caller;
let member: Caller;
let memberUser: SessionUser;

beforeAll(async () => {
  studio = await startStudio();
  admin = studio.caller();
  const m = await createUser(studio.database.db, { name: 'member' });
  memberUser = { id: m.id, role: 'member' };
  member = studio.caller(memberUser);
});
afterAll(() => studio.close());

const code = (e: unknown) => (e as TRPCError).code;
const MODELS = ['gpt-image-2', 'flux-2-pro'];

async function round(caller: Caller, models = MODELS, prompt = 'a copper kettle on a windowsill') {
  const started = await caller.arena.start({ prompt, models, params: { quality: 'low' } });
  await settled(
    studio.engine,
    started.slots.map((s) => s.generationId),
  );
  return started;
}

describe('arena', () => {
  test('a blind round: nameless shuffled positions, a vote, the reveal, the board', async () => {
    const started = await round(admin);
    expect(started.slots.map((s) => s.position)).toEqual(['A', 'B']);
    expect(JSON.stringify(started)).not.toMatch(/gpt-image-2|flux-2-pro/);
    expect(started.expectedMicros).toBeGreaterThan(0);

    const ids = started.slots.map((s) => s.generationId);
    const voted = await admin.arena.vote({ generations: ids, choice: 'B' });
    expect(voted.reveal.map((r) => r.model).sort()).toEqual([...MODELS].sort());
    const winner = voted.reveal.find((r) => r.won);
    expect(winner?.position).toBe('B');
    for (const r of voted.reveal) {
      expect(r.costMicros).toBeGreaterThan(0);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }

    const board = await admin.arena.leaderboard({});
    expect(board.votes).toBe(1);
    expect(board.standings.map((s) => s.model)).toEqual([
      winner?.model,
      voted.reveal.find((r) => !r.won)?.model,
    ]);
    const top = board.standings[0];
    expect(top).toMatchObject({ rank: 1, votes: 1, wins: 1, preliminary: true });
    expect(top?.lower).toBeLessThanOrEqual(top?.rating ?? 0);
    expect(top?.measured).toMatchObject({ finished: 1, failureRate: 0 });
    expect(top?.claimedPrice?.micros).toBeGreaterThan(0);
    expect(top?.name).toBeTruthy();
  });

  test('refuses a position that was not shown, mixed rounds, and someone else’s outputs', async () => {
    const one = await round(admin);
    const two = await round(admin);
    const ids = one.slots.map((s) => s.generationId);
    const unshown = await admin.arena
      .vote({ generations: ids, choice: 'C' })
      .catch((e: unknown) => e);
    expect(code(unshown)).toBe('BAD_REQUEST');
    expect(String(unshown)).toMatch(/names a position that was not shown/);
    await expect(
      admin.arena.vote({
        generations: [ids[0] ?? '', two.slots[1]?.generationId ?? ''],
        choice: 'A',
      }),
    ).rejects.toThrow(/one round/);
    // A member cannot read (so cannot vote on) the admin's unshared generations.
    const refused = await member.arena
      .vote({ generations: ids, choice: 'A' })
      .catch((e: unknown) => e);
    expect(code(refused)).toBe('NOT_FOUND');
  });

  test('a named model the plan refuses fails the round before anything is spent', async () => {
    const e = await admin.arena
      .start({ prompt: 'a fox', models: ['gpt-image-2', 'no-such-model'] })
      .catch((x: unknown) => x);
    expect(code(e)).toBe('BAD_REQUEST');
    expect(String(e)).toMatch(/no-such-model/);
  });

  test('samples runnable models when none are named', async () => {
    const started = await admin.arena.start({
      prompt: 'a lighthouse at dusk',
      count: 2,
      params: { quality: 'low' },
    });
    expect(started.slots).toHaveLength(2);
    await settled(
      studio.engine,
      started.slots.map((s) => s.generationId),
    );
  });

  test('samples only models that honour every setting as given (a warning would name them)', async () => {
    for (let round = 0; round < 3; round++) {
      const started = await admin.arena.start({
        prompt: 'a wide harbour at dawn',
        count: 3,
        params: { aspectRatio: '21:9' },
      });
      const ids = started.slots.map((s) => s.generationId);
      await settled(studio.engine, ids);
      for (const id of ids) {
        const row = await admin.jobs.get({ id });
        expect(
          row.warnings.filter((w) => w.setting !== undefined),
          row.modelId,
        ).toEqual([]);
      }
    }
  });

  test('a round runs each model with its own settings, as generate.create would', async () => {
    const started = await admin.arena.start({
      prompt: 'a tin robot',
      models: MODELS,
      params: { quality: 'low' },
      modelParams: { 'flux-2-pro': { aspectRatio: '16:9' } },
    });
    expect(started.kind).toBe('image');
    await settled(
      studio.engine,
      started.slots.map((s) => s.generationId),
    );
    const rows = await Promise.all(
      started.slots.map((s) => admin.jobs.get({ id: s.generationId })),
    );
    const flux = rows.find((r) => r.modelId === 'flux-2-pro');
    const gpt = rows.find((r) => r.modelId === 'gpt-image-2');
    // The planned request is stored: flux's own 16:9 as its size, without the shared quality.
    const [w, h] = String(flux?.params.size).split('x').map(Number);
    expect((w ?? 0) / (h ?? 1)).toBeCloseTo(16 / 9, 1);
    expect(flux?.params.quality).toBeUndefined();
    expect(gpt?.params).toMatchObject({ quality: 'low' });
    // A setting for a model that is not in the round is named, as in generate.create.
    const stray = await admin.arena
      .start({ prompt: 'a fox', models: MODELS, modelParams: { 'imagen-4': { quality: 'low' } } })
      .catch((x: unknown) => x);
    expect(code(stray)).toBe('BAD_REQUEST');
    expect(String(stray)).toMatch(/imagen-4.*not one of the models/);
  });

  test('a video round: nameless positions, the clips, the vote and the reveal', async () => {
    const models = ['veo-3-1', 'kling-v3'];
    const started = await admin.arena.start({
      kind: 'video',
      prompt: 'a paper boat drifting down a rainy street',
      models,
      params: { duration: 4 },
    });
    expect(started.kind).toBe('video');
    expect(JSON.stringify(started)).not.toMatch(/veo|kling/);
    const ids = started.slots.map((s) => s.generationId);
    await settled(studio.engine, ids);
    for (const id of ids) {
      const row = await admin.jobs.get({ id });
      expect(row.status).toBe('succeeded');
      expect(row.assets[0]?.mediaType).toMatch(/^video\//);
    }
    const voted = await admin.arena.vote({ generations: ids, choice: 'tie' });
    expect(voted.reveal.map((r) => r.model).sort()).toEqual([...models].sort());
    for (const r of voted.reveal) {
      expect(r.costMicros).toBeGreaterThan(0);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const board = await admin.arena.leaderboard({ modality: 'video' });
    expect(board.standings.map((s) => s.model).sort()).toEqual([...models].sort());

    // Named video models make a video round without saying so; their settings need the kind.
    const inferred = await admin.arena.start({ prompt: 'a kite over dunes', models });
    expect(inferred.kind).toBe('video');
    await settled(
      studio.engine,
      inferred.slots.map((s) => s.generationId),
    );
    const unsaid = await admin.arena
      .start({ prompt: 'a kite', models, params: { quality: 'low' } })
      .catch((x: unknown) => x);
    expect(String(unsaid)).toMatch(/kind/);
    // An image model in a video round is refused by the plan before anything is spent.
    const mixed = await admin.arena
      .start({ kind: 'video', prompt: 'a kite', models: ['veo-3-1', 'gpt-image-2'] })
      .catch((x: unknown) => x);
    expect(code(mixed)).toBe('BAD_REQUEST');
    expect(String(mixed)).toMatch(/gpt-image-2/);
  });

  test('samples runnable video models when none are named', async () => {
    const started = await admin.arena.start({
      kind: 'video',
      prompt: 'a lighthouse beam sweeping fog',
      count: 2,
    });
    expect(started.slots).toHaveLength(2);
    const ids = started.slots.map((s) => s.generationId);
    await settled(studio.engine, ids);
    for (const id of ids) expect((await admin.jobs.get({ id })).modelId).toBeTruthy();
    const voted = await admin.arena.vote({ generations: ids, choice: 'A' });
    for (const r of voted.reveal) expect(catalog.get(r.model)?.modality).toBe('video');
  });

  test('a kept winner of a side-by-side run is a vote that was not blind; votes have no edit or delete', async () => {
    const { batches } = await member.generate.create({
      kind: 'image',
      prompt: 'a green apple on slate',
      models: MODELS,
      params: { quality: 'low' },
    });
    const ids = (batches[0]?.jobs ?? []).flatMap((j) =>
      j.status === 'queued' ? [j.generationId] : [],
    );
    await settled(studio.engine, ids);
    await member.history.keep({ id: ids[0] ?? '' });
    await member.history.keep({ id: ids[0] ?? '' });

    const all = await member.arena.leaderboard({ minVotes: 1 });
    expect(all.votes).toBe(1);
    expect(all.standings.find((s) => s.wins === 1)).toBeTruthy();
    expect(all.standings.every((s) => !s.preliminary)).toBe(true);
    expect((await member.arena.leaderboard({ blindOnly: true })).votes).toBe(0);
    // The team's board holds the admin's votes too; the member's own holds only theirs.
    expect((await member.arena.leaderboard({ voter: 'team' })).votes).toBeGreaterThan(1);
    expect(Object.keys(arenaRouter).sort()).toEqual(['evidence', 'leaderboard', 'start', 'vote']);
  });
});
