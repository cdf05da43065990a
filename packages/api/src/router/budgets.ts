import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { BudgetPeriod, removeBudget, schema, setBudget, withUsage } from '@atelier/db';
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { Id } from '../jobs/inputs.ts';
import type { SessionUser } from '../trpc.ts';
import { studioProcedure } from '../trpc.ts';

const Cap = z.number().int('must be whole micro-USD').min(0).max(Number.MAX_SAFE_INTEGER);
const SetInput = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('user'), userId: Id, period: BudgetPeriod, capMicros: Cap }).strict(),
  z
    .object({ scope: z.literal('token'), tokenId: Id, period: BudgetPeriod, capMicros: Cap })
    .strict(),
]);

function requireAdmin(user: SessionUser): void {
  if (user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can change budgets.' });
}

export const budgetsRouter = {
  /**
   * Caps that apply to the user (their own and their API tokens'); an admin sees all of them.
   * Each comes with its current UTC day or month and how much of it is spent, reserved by runs
   * still open, and left.
   */
  list: studioProcedure
    .input(z.object({ userId: Id.optional(), tokenId: Id.optional() }).strict().default({}))
    .query(async ({ ctx, input }) => {
      const b = schema.budgets;
      const t = schema.apiTokens;
      const filters: (SQL | undefined)[] = [
        input.userId === undefined ? undefined : eq(b.userId, input.userId),
        input.tokenId === undefined ? undefined : eq(b.tokenId, input.tokenId),
      ];
      if (ctx.user.role !== 'admin') {
        const own = ctx.db.select({ id: t.id }).from(t).where(eq(t.userId, ctx.user.id));
        filters.push(or(eq(b.userId, ctx.user.id), inArray(b.tokenId, own)));
      }
      const list = await ctx.db
        .select()
        .from(b)
        .where(and(...filters))
        .orderBy(asc(b.id));
      return (await withUsage(ctx.db, list)).map(({ window, ...budget }) => ({
        ...budget,
        window: { start: window.start.toISOString(), end: window.end.toISOString() },
      }));
    }),

  /** Sets the daily or monthly cap of a user or an API token (admins). */
  set: studioProcedure.input(SetInput).mutation(async ({ ctx, input }) => {
    requireAdmin(ctx.user);
    return setBudget(ctx.db, input);
  }),

  remove: studioProcedure.input(z.object({ id: Id }).strict()).mutation(async ({ ctx, input }) => {
    requireAdmin(ctx.user);
    if (!(await removeBudget(ctx.db, input.id)))
      throw new TRPCError({ code: 'NOT_FOUND', message: `No budget with id ${input.id}.` });
    return { removed: input.id };
  }),
} satisfies TRPCRouterRecord;
