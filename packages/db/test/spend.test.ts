import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { listBudgets, removeBudget, setBudget, withUsage } from '../src/data/budgets.ts';
import {
  ledgerForGeneration,
  periodWindow,
  closingStatement,
  release,
  reserve,
  reserveMany,
  settle,
  spendSummary,
  type Reservation,
} from '../src/data/spend.ts';
import { issueToken } from '../src/data/tokens.ts';
import { createUser } from '../src/data/users.ts';
import { getGeneration, updateGeneration } from '../src/data/generations.ts';
import { spendLedger } from '../src/schema.ts';
import { describeDb, seedGeneration, seedUser } from './harness.ts';

const PRICE = 40_000; // $0.04 per generation

describeDb('budgets and spend', (get) => {
  it('sets, replaces, lists and removes caps', async () => {
    const user = await seedUser(get());
    const { record: token } = await issueToken(get().db, { userId: user.id, name: 'ci' });
    const first = await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: 1_000_000,
    });
    const replaced = await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: 2_000_000,
    });
    expect(replaced.id).toBe(first.id);
    expect(replaced.capMicros).toBe(2_000_000);
    await setBudget(get().db, {
      scope: 'token',
      tokenId: token.id,
      period: 'daily',
      capMicros: 500_000,
    });
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'monthly',
      capMicros: 9_000_000,
    });
    expect(
      (await listBudgets(get().db, { userId: user.id })).map((b) => [b.period, b.capMicros]),
    ).toEqual([
      ['daily', 2_000_000],
      ['monthly', 9_000_000],
    ]);
    expect((await listBudgets(get().db, { tokenId: token.id })).map((b) => b.capMicros)).toEqual([
      500_000,
    ]);
    expect(await removeBudget(get().db, first.id)).toBe(true);
    expect(await removeBudget(get().db, first.id)).toBe(false);
    await expect(
      setBudget(get().db, {
        scope: 'user',
        userId: user.id,
        period: 'weekly' as never,
        capMicros: 1,
      }),
    ).rejects.toThrow(/period: must be one of "daily", "monthly"/);
    await expect(
      setBudget(get().db, { scope: 'user', userId: 'nobody', period: 'daily', capMicros: 1 }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lets exactly as many concurrent reservations through as the cap allows', async () => {
    const user = await seedUser(get());
    const cap = 10 * PRICE;
    await setBudget(get().db, { scope: 'user', userId: user.id, period: 'daily', capMicros: cap });
    const gens = await Promise.all(
      Array.from({ length: 50 }, () => seedGeneration(get(), user.id)),
    );

    const results = await Promise.allSettled(
      gens.map((g) => reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'budget_exceeded' });

    const [total] = await get()
      .db.select({ micros: sql<number>`sum(${spendLedger.micros})::bigint`.mapWith(Number) })
      .from(spendLedger)
      .where(eq(spendLedger.userId, user.id));
    expect(total?.micros).toBe(cap);
  });

  it('holds token and monthly caps under concurrency too', async () => {
    const user = await seedUser(get());
    const { record: token } = await issueToken(get().db, { userId: user.id, name: 'batch' });
    await setBudget(get().db, {
      scope: 'token',
      tokenId: token.id,
      period: 'daily',
      capMicros: 3 * PRICE,
    });
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'monthly',
      capMicros: 5 * PRICE,
    });
    const gens = await Promise.all(
      Array.from({ length: 20 }, () => seedGeneration(get(), user.id)),
    );

    // Half through the token (token cap 3), half directly as the user (monthly cap 5 overall).
    const results = await Promise.allSettled(
      gens.map((g, i) =>
        reserve(get().db, {
          userId: user.id,
          tokenId: i % 2 ? token.id : undefined,
          generationId: g.id,
          micros: PRICE,
        }),
      ),
    );
    const ok = results
      .filter((r): r is PromiseFulfilledResult<Reservation> => r.status === 'fulfilled')
      .map((r) => r.value);
    expect(ok).toHaveLength(5);
    expect(ok.filter((r) => r.tokenId === token.id).length).toBeLessThanOrEqual(3);
  });

  it('explains which cap was hit', async () => {
    const user = await seedUser(get());
    const { record: token } = await issueToken(get().db, { userId: user.id, name: 'small' });
    await setBudget(get().db, {
      scope: 'token',
      tokenId: token.id,
      period: 'daily',
      capMicros: 50_000,
    });
    const g = await seedGeneration(get(), user.id);
    await reserve(get().db, {
      userId: user.id,
      tokenId: token.id,
      generationId: g.id,
      micros: PRICE,
    });
    const error = await reserve(get().db, {
      userId: user.id,
      tokenId: token.id,
      generationId: g.id,
      micros: PRICE,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'budget_exceeded',
      message:
        'This generation needs $0.04, but the daily budget of the API token “small” is $0.05 and $0.04 is already spent or reserved today (UTC).',
      // Ada is a member: an admin raises caps.
      hint: expect.stringMatching(/ask an admin to raise the daily budget\.$/),
      details: {
        scope: 'token',
        period: 'daily',
        capMicros: 50_000,
        spentMicros: PRICE,
        requestedMicros: PRICE,
      },
    });
    // Without the token, only the user's caps apply (none here).
    await expect(
      reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE }),
    ).resolves.toBeDefined();
  });

  it('names whose budget refused, and says who can raise it', async () => {
    const refusal = async (name: string, role: 'admin' | 'member') => {
      const user = await createUser(get().db, { name, role });
      await setBudget(get().db, {
        scope: 'user',
        userId: user.id,
        period: 'monthly',
        capMicros: PRICE,
      });
      const g = await seedGeneration(get(), user.id);
      const outcome: unknown = await reserve(get().db, {
        userId: user.id,
        generationId: g.id,
        micros: 2 * PRICE,
      }).catch((e: unknown) => e);
      return outcome as { message: string; hint: string };
    };
    const member = await refusal('bob', 'member');
    expect(member.message).toBe(
      'This generation needs $0.08, but the monthly budget of bob is $0.04 and $0.00 is already spent or reserved this month (UTC).',
    );
    expect(member.hint).toMatch(/ask an admin to raise the monthly budget\.$/);
    const admin = await refusal('carol', 'admin');
    expect(admin.message).toContain('the monthly budget of carol is $0.04');
    expect(admin.hint).not.toMatch(/ask an admin/);
    // A local studio's one user: "your" budget, and nobody else to ask.
    const local = await refusal('local', 'admin');
    expect(local.message).toContain('but your monthly budget is $0.04');
    expect(local.hint).toBe(
      'Pick a cheaper model, wait until the budget resets (on the 1st, UTC), or raise the monthly budget (Budgets, on the Spend or Settings page of the web app).',
    );
  });

  it('reserves a batch in order, each counting the ones before it', async () => {
    const user = await seedUser(get());
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: 2 * PRICE + 1,
    });
    const gs = await Promise.all([1, 2, 3].map(() => seedGeneration(get(), user.id)));
    const outcomes = await reserveMany(get().db, {
      userId: user.id,
      items: gs.map((g) => ({ generationId: g.id, micros: PRICE })),
    });
    expect(outcomes.map((o) => ('error' in o ? o.error.code : 'reserved'))).toEqual([
      'reserved',
      'reserved',
      'budget_exceeded',
    ]);
    // The refused one took nothing; the others are in the ledger.
    expect(await ledgerForGeneration(get().db, gs[2]?.id ?? '')).toEqual([]);
    expect((await ledgerForGeneration(get().db, gs[1]?.id ?? '')).map((e) => e.micros)).toEqual([
      PRICE,
    ]);
    await expect(reserveMany(get().db, { userId: user.id, items: [] })).rejects.toThrow(
      /reserve for at least one generation/,
    );
  });

  it('closes a reservation in one write that copies its owner and accrual time', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const at = new Date('2026-03-31T23:59:00Z');
    const r = await reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE, at });
    await expect(settle(get().db, r.id, 12_345)).resolves.toEqual({
      reservationId: r.id,
      reservedMicros: PRICE,
      actualMicros: 12_345,
    });
    const rows = await ledgerForGeneration(get().db, g.id);
    expect(rows.map((e) => [e.kind, e.micros, e.userId, e.accruedAt.toISOString()])).toEqual([
      ['reserve', PRICE, user.id, at.toISOString()],
      ['release', -PRICE, user.id, at.toISOString()],
      ['settle', 12_345, user.id, at.toISOString()],
    ]);
    await expect(release(get().db, r.id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(settle(get().db, 'nope', 1)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('writes an outcome and closes its reservation in one statement, or neither', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const r = await reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE });
    await updateGeneration(get().db, g.id, { status: 'running' });
    const done = await updateGeneration(
      get().db,
      g.id,
      { status: 'succeeded', actualCostMicros: 30_000 },
      { alongside: [closingStatement(r.id, 30_000)] },
    );
    expect(done).toMatchObject({ status: 'succeeded', actualCostMicros: 30_000 });
    expect((await ledgerForGeneration(get().db, g.id)).map((e) => [e.kind, e.micros])).toEqual([
      ['reserve', PRICE],
      ['release', -PRICE],
      ['settle', 30_000],
    ]);
    // Closing twice fails as a whole: the row keeps its outcome.
    await expect(
      updateGeneration(
        get().db,
        g.id,
        { actualCostMicros: 1 },
        { alongside: [closingStatement(r.id, undefined)] },
      ),
    ).rejects.toMatchObject({ code: 'invalid_request', details: { reason: 'already_closed' } });
    expect((await getGeneration(get().db, g.id))?.actualCostMicros).toBe(30_000);
    // A refused status change still closes the reservation it carries.
    const h = await seedGeneration(get(), user.id);
    const s = await reserve(get().db, { userId: user.id, generationId: h.id, micros: PRICE });
    await expect(
      updateGeneration(
        get().db,
        h.id,
        { status: 'succeeded' },
        {
          alongside: [closingStatement(s.id, undefined)],
        },
      ),
    ).rejects.toMatchObject({ code: 'invalid_request', details: { status: 'queued' } });
    expect((await ledgerForGeneration(get().db, h.id)).map((e) => e.kind)).toEqual([
      'reserve',
      'release',
    ]);
  });

  it('refuses a token that belongs to someone else', async () => {
    const owner = await seedUser(get());
    const other = await seedUser(get());
    const { record: token } = await issueToken(get().db, { userId: owner.id, name: 'mine' });
    const g = await seedGeneration(get(), other.id);
    await expect(
      reserve(get().db, { userId: other.id, tokenId: token.id, generationId: g.id, micros: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      reserve(get().db, { userId: other.id, generationId: 'missing', micros: 1 }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('settles with the actual cost and frees the rest of the reservation', async () => {
    const user = await seedUser(get());
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: 100_000,
    });
    const g1 = await seedGeneration(get(), user.id);
    const g2 = await seedGeneration(get(), user.id);
    const r1 = await reserve(get().db, { userId: user.id, generationId: g1.id, micros: 80_000 });
    await expect(
      reserve(get().db, { userId: user.id, generationId: g2.id, micros: 30_000 }),
    ).rejects.toMatchObject({
      code: 'budget_exceeded',
    });
    expect(await settle(get().db, r1.id, 55_000)).toEqual({
      reservationId: r1.id,
      reservedMicros: 80_000,
      actualMicros: 55_000,
    });
    const r2 = await reserve(get().db, { userId: user.id, generationId: g2.id, micros: 30_000 });
    expect(await release(get().db, r2.id)).toEqual({
      reservationId: r2.id,
      reservedMicros: 30_000,
      actualMicros: 0,
    });

    expect((await ledgerForGeneration(get().db, g1.id)).map((e) => [e.kind, e.micros])).toEqual([
      ['reserve', 80_000],
      ['release', -80_000],
      ['settle', 55_000],
    ]);
    await expect(settle(get().db, r1.id, 1)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(release(get().db, r2.id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(settle(get().db, 'missing', 1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(settle(get().db, r1.id, -5)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('settles a reservation once even when settle and release race', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const r = await reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE });
    const results = await Promise.allSettled([
      settle(get().db, r.id, PRICE),
      release(get().db, r.id),
      settle(get().db, r.id, 1),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(
      (await ledgerForGeneration(get().db, g.id)).filter((e) => e.kind === 'release'),
    ).toHaveLength(1);
  });

  it('keeps the ledger append-only', async () => {
    const user = await seedUser(get());
    const g = await seedGeneration(get(), user.id);
    const r = await reserve(get().db, { userId: user.id, generationId: g.id, micros: PRICE });
    const db = get().db;
    await expect(
      db.update(spendLedger).set({ micros: 0 }).where(eq(spendLedger.id, r.id)),
    ).rejects.toThrow();
    await expect(db.delete(spendLedger).where(eq(spendLedger.id, r.id))).rejects.toThrow();
    await expect(db.execute(sql`truncate spend_ledger`)).rejects.toThrow();
    const rows = await ledgerForGeneration(db, g.id);
    expect(rows.map((e) => e.micros)).toEqual([PRICE]);
  });

  it('counts spend in the UTC day and month it was reserved', async () => {
    const user = await seedUser(get());
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: PRICE,
    });
    await setBudget(get().db, {
      scope: 'user',
      userId: user.id,
      period: 'monthly',
      capMicros: 2 * PRICE,
    });
    const g = await seedGeneration(get(), user.id);
    const lateNight = new Date('2026-03-31T23:59:59.000Z');
    const r = await reserve(get().db, {
      userId: user.id,
      generationId: g.id,
      micros: PRICE,
      at: lateNight,
    });
    await settle(get().db, r.id, PRICE);
    // Same day: the daily cap is used up. Next day (a new month): room again.
    await expect(
      reserve(get().db, {
        userId: user.id,
        generationId: g.id,
        micros: 1,
        at: new Date('2026-03-31T08:00:00Z'),
      }),
    ).rejects.toMatchObject({ details: { period: 'daily' } });
    await reserve(get().db, {
      userId: user.id,
      generationId: g.id,
      micros: PRICE,
      at: new Date('2026-04-01T00:00:00Z'),
    });
    await expect(
      reserve(get().db, {
        userId: user.id,
        generationId: g.id,
        micros: PRICE,
        at: new Date('2026-04-02T00:00:00Z'),
      }),
    ).resolves.toBeDefined();
    await expect(
      reserve(get().db, {
        userId: user.id,
        generationId: g.id,
        micros: 1,
        at: new Date('2026-04-03T00:00:00Z'),
      }),
    ).rejects.toMatchObject({ details: { period: 'monthly' } });
  });

  it('shows how much of each cap its current window has used', async () => {
    const user = await seedUser(get());
    const other = await seedUser(get());
    const idle = await seedUser(get());
    const { record: token } = await issueToken(get().db, { userId: user.id, name: 'ci' });
    const charge = async (
      ownerId: string,
      at: string,
      reserved: number,
      actual: number | null,
      tokenId?: string,
    ) => {
      const g = await seedGeneration(get(), ownerId);
      const r = await reserve(get().db, {
        userId: ownerId,
        ...(tokenId ? { tokenId } : {}),
        generationId: g.id,
        micros: reserved,
        at: new Date(at),
      });
      if (actual !== null) await settle(get().db, r.id, actual);
    };
    await charge(user.id, '2026-05-15T01:00:00Z', 100_000, 70_000, token.id);
    await charge(user.id, '2026-05-15T09:00:00Z', 50_000, null); // still running
    await charge(user.id, '2026-05-03T10:00:00Z', 200_000, 200_000);
    await charge(user.id, '2026-04-30T23:59:59Z', 300_000, 300_000); // last month
    await charge(other.id, '2026-05-15T10:00:00Z', 999_000, 999_000);

    const set = (input: Parameters<typeof setBudget>[1]) => setBudget(get().db, input);
    const daily = await set({
      scope: 'user',
      userId: user.id,
      period: 'daily',
      capMicros: 150_000,
    });
    const monthly = await set({
      scope: 'user',
      userId: user.id,
      period: 'monthly',
      capMicros: 1_000_000,
    });
    const ofToken = await set({
      scope: 'token',
      tokenId: token.id,
      period: 'daily',
      capMicros: 60_000,
    });
    const unused = await set({ scope: 'user', userId: idle.id, period: 'daily', capMicros: 5 });

    const at = new Date('2026-05-15T12:00:00Z');
    const usage = await withUsage(get().db, [daily, monthly, ofToken, unused], at);
    expect(usage.map((b) => b.id)).toEqual([daily.id, monthly.id, ofToken.id, unused.id]);
    expect(
      usage.map(({ window, spentMicros, reservedMicros, remainingMicros }) => ({
        window,
        spentMicros,
        reservedMicros,
        remainingMicros,
      })),
    ).toEqual([
      // The user's caps count the token's spend too; the open reservation counts as reserved.
      {
        window: periodWindow('daily', at),
        spentMicros: 70_000,
        reservedMicros: 50_000,
        remainingMicros: 30_000,
      },
      {
        window: periodWindow('monthly', at),
        spentMicros: 270_000,
        reservedMicros: 50_000,
        remainingMicros: 680_000,
      },
      // A settle above the cap is a fact; what is left is never negative.
      {
        window: periodWindow('daily', at),
        spentMicros: 70_000,
        reservedMicros: 0,
        remainingMicros: 0,
      },
      { window: periodWindow('daily', at), spentMicros: 0, reservedMicros: 0, remainingMicros: 5 },
    ]);
    // Remaining is what a reservation may still take: one micro-dollar more is refused.
    const g = await seedGeneration(get(), user.id);
    await expect(
      reserve(get().db, { userId: user.id, generationId: g.id, micros: 30_001, at }),
    ).rejects.toMatchObject({ details: { period: 'daily', spentMicros: 120_000 } });
    await expect(
      reserve(get().db, { userId: user.id, generationId: g.id, micros: 30_000, at }),
    ).resolves.toBeDefined();
    expect(await withUsage(get().db, [])).toEqual([]);
  });

  it('summarises actual spend by model, by day and by model per day', async () => {
    const user = await seedUser(get());
    const other = await seedUser(get());
    const spend = async (ownerId: string, modelId: string, at: string, actual: number | null) => {
      const g = await seedGeneration(get(), ownerId, { modelId });
      const r = await reserve(get().db, {
        userId: ownerId,
        generationId: g.id,
        micros: 100_000,
        at: new Date(at),
      });
      if (actual !== null) await settle(get().db, r.id, actual);
    };
    await spend(user.id, 'gpt-image-2', '2025-06-01T10:00:00Z', 40_000);
    await spend(user.id, 'gpt-image-2', '2025-06-02T10:00:00Z', 60_000);
    await spend(user.id, 'flux-2-pro', '2025-06-02T23:30:00Z', 30_000);
    await spend(user.id, 'flux-2-pro', '2025-06-02T05:00:00Z', 45_000);
    await spend(user.id, 'veo-3.1', '2025-06-03T10:00:00Z', null); // still running
    await spend(other.id, 'veo-3.1', '2025-06-02T10:00:00Z', 3_200_000);
    await spend(user.id, 'gpt-image-2', '2025-07-01T10:00:00Z', 40_000); // outside the range

    const range = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
    expect(await spendSummary(get().db, { ...range, userId: user.id })).toEqual({
      totalMicros: 175_000,
      pendingMicros: 100_000,
      byModel: [
        { modelId: 'gpt-image-2', micros: 100_000, generations: 2 },
        { modelId: 'flux-2-pro', micros: 75_000, generations: 2 },
      ],
      byDay: [
        { day: '2025-06-01', micros: 40_000 },
        { day: '2025-06-02', micros: 135_000 },
      ],
      // Per day, the biggest spender first; a model's two runs on one day are one row.
      byModelDay: [
        { day: '2025-06-01', modelId: 'gpt-image-2', micros: 40_000, generations: 1 },
        { day: '2025-06-02', modelId: 'flux-2-pro', micros: 75_000, generations: 2 },
        { day: '2025-06-02', modelId: 'gpt-image-2', micros: 60_000, generations: 1 },
      ],
    });
    const everyone = await spendSummary(get().db, range);
    expect(everyone.totalMicros).toBeGreaterThanOrEqual(3_330_000);
    expect(everyone.byModel[0]).toMatchObject({ modelId: 'veo-3.1' });
    expect(everyone.byModelDay.filter((r) => r.day === '2025-06-02')[0]).toMatchObject({
      modelId: 'veo-3.1',
      micros: 3_200_000,
    });
    await expect(spendSummary(get().db, { from: range.to, to: range.from })).rejects.toThrow(
      /to: from must be before to/,
    );
  });
});

it('computes UTC budget windows', () => {
  const at = new Date('2024-02-29T13:00:00Z');
  expect(periodWindow('daily', at)).toEqual({
    start: new Date('2024-02-29T00:00:00Z'),
    end: new Date('2024-03-01T00:00:00Z'),
  });
  expect(periodWindow('monthly', new Date('2024-12-31T23:00:00Z'))).toEqual({
    start: new Date('2024-12-01T00:00:00Z'),
    end: new Date('2025-01-01T00:00:00Z'),
  });
});
