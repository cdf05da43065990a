import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../pg-errors.ts';
import { budgetPeriod, budgets } from '../schema.ts';
import { Id, MicrosAmount } from '../validation.ts';

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
