import { createUser } from '@atelier/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionUser } from '../src/index.ts';
import { settled, startStudio, type Caller, type Studio } from './studio.ts';

let studio: Studio;
let admin: Caller;
let member: Caller;
let memberUser: SessionUser;
let adminIds: string[];

beforeAll(async () => {
  studio = await startStudio();
  admin = studio.caller();
  const m = await createUser(studio.database.db, { name: 'member' });
  memberUser = { id: m.id, role: 'member' };
  member = studio.caller(memberUser);
  const { batches } = await admin.generate.create({
    kind: 'image',
    prompts: ['a red fox in the snow', 'a blue whale at dawn'],
    models: ['gpt-image-2', 'nano-banana-pro'],
    providers: { 'nano-banana-pro': 'google' },
    params: { quality: 'low' },
  });
  adminIds = batches.flatMap((b) =>
    b.jobs.flatMap((j) => (j.status === 'queued' ? [j.generationId] : [])),
  );
  await settled(studio.engine, adminIds);
});
afterAll(() => studio.close());

const code = (e: unknown) => (e as TRPCError).code;

describe('generate.create', () => {
  test('a batch of prompts × models, each with its estimate', async () => {
    expect(adminIds).toHaveLength(4);
    const { batches } = await member.generate.create({
      kind: 'image',
      prompt: 'a green apple',
      models: ['gpt-image-2', 'imagen-4'],
    });
    expect(batches).toHaveLength(1);
    const [ok, retired] = batches[0]?.jobs ?? [];
    expect(ok).toMatchObject({ status: 'queued', modelId: 'gpt-image-2', provider: 'openai' });
    expect(
      ok?.status === 'queued' &&
        ok.estimate.low <= ok.estimate.expected &&
        ok.estimate.expected <= ok.estimate.high,
    ).toBe(true);
    expect(retired).toMatchObject({ status: 'refused', error: { code: 'model_retired' } });
    await settled(studio.engine, ok?.status === 'queued' ? [ok.generationId] : []);
  });

  test('prompt and prompts are exclusive; params follow the kind', async () => {
    await expect(
      admin.generate.create({
        kind: 'image',
        prompt: 'x',
        prompts: ['y'],
        models: ['gpt-image-2'],
      }),
    ).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
    await expect(
      admin.generate.create({ kind: 'image', models: ['gpt-image-2'] }),
    ).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
    await expect(
      admin.generate.create({
        kind: 'image',
        prompt: 'x',
        models: ['gpt-image-2'],
        // @ts-expect-error duration is a video parameter
        params: { duration: 4 },
      }),
    ).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
  });
});

describe('jobs', () => {
  test('get, list and cancel are scoped by owner', async () => {
    const id = adminIds[0] ?? '';
    const job = await admin.jobs.get({ id });
    expect(job.status).toBe('succeeded');
    expect(job.assets[0]?.url).toBe(`/assets/${job.assets[0]?.sha256}`);
    await expect(member.jobs.get({ id })).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND');
    await expect(member.jobs.cancel({ id })).rejects.toSatisfy((e) => code(e) === 'NOT_FOUND');
    const finished = await admin.jobs.list({ status: ['succeeded'] });
    expect(finished.items.map((i) => i.id)).toEqual(expect.arrayContaining(adminIds));
    const mine = await member.jobs.list({ status: ['succeeded', 'failed'] });
    expect(mine.items.every((i) => i.ownerId === memberUser.id)).toBe(true);
    await expect(admin.jobs.cancel({ id })).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
  });
});

describe('history', () => {
  test('full-text search, filters and cursor pages', async () => {
    const fox = await admin.history.search({ query: 'fox' });
    expect(fox.items).toHaveLength(2);
    expect(fox.items.every((i) => i.prompt.includes('fox'))).toBe(true);
    expect(fox.items.every((i) => i.assets.length === 1)).toBe(true);
    const byModel = await admin.history.search({
      query: 'fox OR whale',
      models: ['nano-banana-pro'],
    });
    expect(byModel.items.map((i) => i.modelId)).toEqual(['nano-banana-pro', 'nano-banana-pro']);
    const cheap = await admin.history.list({ maxCostMicros: 0 });
    expect(cheap.items).toHaveLength(0);
    const future = await admin.history.list({
      from: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.items).toHaveLength(0);

    const page1 = await admin.history.list({ limit: 3, status: ['succeeded'] });
    expect(page1.items).toHaveLength(3);
    const page2 = await admin.history.list({
      limit: 3,
      status: ['succeeded'],
      cursor: page1.nextCursor ?? '',
    });
    const seen = [...page1.items, ...page2.items].map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(adminIds));
  });

  test("members never see other people's history", async () => {
    const theirs = await member.history.search({ query: 'fox' });
    expect(theirs.items).toHaveLength(0);
    await expect(member.history.list({ ownerId: studio.user.id })).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
  });

  test('keep marks the winner of its batch', async () => {
    const [a, b] = (await admin.history.search({ query: 'fox' })).items;
    await admin.history.keep({ id: a?.id ?? '' });
    const kept = await admin.history.keep({ id: b?.id ?? '' });
    expect(kept?.kept).toBe(true);
    expect((await admin.jobs.get({ id: a?.id ?? '' })).kept).toBe(false);
    expect((await admin.history.list({ kept: true })).items.map((i) => i.id)).toEqual([b?.id]);
    await expect(member.history.keep({ id: a?.id ?? '' })).rejects.toSatisfy(
      (e) => code(e) === 'NOT_FOUND',
    );
  });
});

describe('spend and budgets', () => {
  test('spend by model and day, scoped by owner', async () => {
    const all = await admin.spend.summary();
    expect(all.totalMicros).toBeGreaterThan(0);
    expect(all.byModel.map((m) => m.modelId)).toEqual(
      expect.arrayContaining(['gpt-image-2', 'nano-banana-pro']),
    );
    expect(all.byDay.reduce((s, d) => s + d.micros, 0)).toBe(all.totalMicros);
    const adminOnly = await admin.spend.summary({ userId: studio.user.id });
    const memberOnly = await member.spend.summary();
    expect(adminOnly.totalMicros + memberOnly.totalMicros).toBe(all.totalMicros);
    await expect(member.spend.summary({ userId: studio.user.id })).rejects.toSatisfy(
      (e) => code(e) === 'FORBIDDEN',
    );
  });

  test('admins set and remove caps; members only read their own', async () => {
    const cap = await admin.budgets.set({
      scope: 'user',
      userId: memberUser.id,
      period: 'monthly',
      capMicros: 5_000_000,
    });
    const other = await admin.budgets.set({
      scope: 'user',
      userId: studio.user.id,
      period: 'daily',
      capMicros: 900_000_000,
    });
    expect((await member.budgets.list()).map((b) => b.id)).toEqual([cap.id]);
    const listed = await admin.budgets.list();
    expect(listed.map((b) => b.id)).toEqual([cap.id, other.id]);
    // Each cap with its current window and what the ledger holds in it, as spend counts it.
    for (const [b, userId] of [
      [listed[0], memberUser.id],
      [listed[1], studio.user.id],
    ] as const) {
      const window = b?.window ?? { start: '', end: '' };
      const spent = await admin.spend.summary({ from: window.start, to: window.end, userId });
      expect(spent.totalMicros).toBeGreaterThan(0);
      expect(b).toMatchObject({
        spentMicros: spent.totalMicros,
        reservedMicros: spent.pendingMicros,
        remainingMicros: Math.max(0, (b?.capMicros ?? 0) - spent.totalMicros - spent.pendingMicros),
      });
    }
    expect(
      Date.parse(listed[1]?.window.end ?? '') - Date.parse(listed[1]?.window.start ?? ''),
    ).toBe(86_400_000);
    expect(new Date(listed[0]?.window.start ?? '').getUTCDate()).toBe(1);
    await expect(
      member.budgets.set({ scope: 'user', userId: memberUser.id, period: 'monthly', capMicros: 1 }),
    ).rejects.toSatisfy((e) => code(e) === 'FORBIDDEN');
    await admin.budgets.remove({ id: other.id });
    await expect(admin.budgets.remove({ id: other.id })).rejects.toSatisfy(
      (e) => code(e) === 'NOT_FOUND',
    );
    await admin.budgets.remove({ id: cap.id });
  });
});

test('without a database the studio procedures say so', async () => {
  const { createCallerFactory, appRouter } = await import('../src/index.ts');
  const bare = createCallerFactory(appRouter)({
    catalog: (await import('./studio.ts')).catalog,
    user: studio.user,
  });
  await expect(bare.history.list()).rejects.toSatisfy((e) => code(e) === 'PRECONDITION_FAILED');
});
