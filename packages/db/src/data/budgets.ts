import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput, type Micros } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { budgetPeriod, budgets, spendLedger } from '../schema.ts';
import { Id, MicrosAmount } from '../validation.ts';
import { periodWindow, type LedgerEntry } from './spend.ts';

export type Budget = typeof budgets.$inferSelect;

export const BudgetPeriod = z.enum(budgetPeriod.enumValues);
export type BudgetPeriod = z.infer<typeof BudgetPeriod>;

export const SetBudgetInput = z.discriminatedUnion('scope', [
  z
    .object({ scope: z.literal('user'), userId: Id, period: BudgetPeriod, capMicros: MicrosAmount })
    .strict(),
  z
    .object({
      scope: z.literal('token'),
      tokenId: Id,
      period: BudgetPeriod,
      capMicros: MicrosAmount,
    })
    .strict(),
]);
export type SetBudgetInput = z.input<typeof SetBudgetInput>;

/** Sets the cap for one subject and period, replacing the previous cap. */
export async function setBudget(db: Db, input: SetBudgetInput): Promise<Budget> {
  const v = parseInput(SetBudgetInput, input, 'budget');
  const subject =
    v.scope === 'user'
      ? { values: { userId: v.userId }, target: budgets.userId }
      : { values: { tokenId: v.tokenId }, target: budgets.tokenId };
  try {
    const [row] = await db
      .insert(budgets)
      .values({
        id: newId(),
        scope: v.scope,
        period: v.period,
        capMicros: v.capMicros,
        ...subject.values,
      })
      .onConflictDoUpdate({
        target: [subject.target, budgets.period],
        // A literal (the scope is a validated enum): PostgreSQL matches the partial unique index
        // by its predicate, which a bind parameter would hide.
        targetWhere: sql.raw(`scope = '${v.scope}'`),
        set: { capMicros: v.capMicros, updatedAt: sql`now()` },
      })
      .returning();
    if (!row) throw new AtelierError('internal', 'Saving the budget returned no row.');
    return row;
  } catch (e) {
    if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) {
      throw new AtelierError(
        'not_found',
        `No ${v.scope} with id ${v.scope === 'user' ? v.userId : v.tokenId}.`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
}

export const ListBudgetsInput = z
  .object({ userId: Id.optional(), tokenId: Id.optional() })
  .strict();
export type ListBudgetsInput = z.input<typeof ListBudgetsInput>;

export async function listBudgets(db: Db, input: ListBudgetsInput = {}): Promise<Budget[]> {
  const v = parseInput(ListBudgetsInput, input, 'budget filters');
  return db
    .select()
    .from(budgets)
    .where(
      and(
        v.userId === undefined ? undefined : eq(budgets.userId, v.userId),
        v.tokenId === undefined ? undefined : eq(budgets.tokenId, v.tokenId),
      ),
    )
    .orderBy(asc(budgets.id));
}

/** Removes a cap; true when one was removed. */
export async function removeBudget(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(budgets).where(eq(budgets.id, id)).returning({ id: budgets.id });
  return rows.length > 0;
}

export interface BudgetUsage {
  /** The period the cap applies to now: the current UTC day or month, [start, end). */
  window: { start: Date; end: Date };
  /** Settled (actual) charges in the window. */
  spentMicros: Micros;
  /** Reservations of runs still open in the window. */
  reservedMicros: Micros;
  /** What a new reservation may still take: the cap minus both, never below zero. */
  remainingMicros: Micros;
}

/**
 * Each budget with how much of its current window is used, counted the way a reservation is
 * checked: a user's cap counts all their spend (their tokens' too), a token's cap only that
 * token's. One query for all of them; the order of `list` is kept.
 */
export async function withUsage(
  db: Db,
  list: readonly Budget[],
  at: Date = new Date(),
): Promise<(Budget & BudgetUsage)[]> {
  if (list.length === 0) return [];
  const day = periodWindow('daily', at);
  const month = periodWindow('monthly', at);
  const l = spendLedger;
  const inWindow = (period: BudgetPeriod, w: { start: Date; end: Date }) =>
    and(eq(budgets.period, period), gte(l.accruedAt, w.start), lt(l.accruedAt, w.end));
  const total = (kinds: LedgerEntry['kind'][]) =>
    sql<number>`coalesce(sum(${l.micros}) filter (where ${inArray(l.kind, kinds)}), 0)::bigint`.mapWith(
      Number,
    );
  const rows = await db
    .select({ id: budgets.id, spent: total(['settle']), reserved: total(['reserve', 'release']) })
    .from(budgets)
    .leftJoin(
      l,
      and(
        or(
          and(eq(budgets.scope, 'user'), eq(l.userId, budgets.userId)),
          and(eq(budgets.scope, 'token'), eq(l.tokenId, budgets.tokenId)),
        ),
        or(inWindow('daily', day), inWindow('monthly', month)),
      ),
    )
    .where(
      inArray(
        budgets.id,
        list.map((b) => b.id),
      ),
    )
    .groupBy(budgets.id);
  const used = new Map(rows.map((r) => [r.id, r]));
  return list.map((b) => {
    const spentMicros = used.get(b.id)?.spent ?? 0;
    const reservedMicros = used.get(b.id)?.reserved ?? 0;
    return {
      ...b,
      window: b.period === 'daily' ? day : month,
      spentMicros,
      reservedMicros,
      remainingMicros: Math.max(0, b.capMicros - spentMicros - reservedMicros),
    };
  });
}
