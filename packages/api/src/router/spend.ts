import type { TRPCRouterRecord } from '@trpc/server';
import { spendSummary } from '@atelier/db';
import { z } from 'zod';
import { Id } from '../jobs/inputs.ts';
import { ownerScope, studioProcedure } from '../trpc.ts';

const DAY_MS = 86_400_000;

export const spendRouter = {
  /**
   * Actual spend by model and by UTC day in [from, to) (default: the last 30 days). A member's
   * summary is their own, always: a generation someone shared shows its cost on its row, and
   * never counts here. Admins see the whole team's, or one user's with `userId`.
   */
  summary: studioProcedure
    .input(
      z
        .object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          /** Admins only: one user's spend (default: everyone's). */
          userId: Id.optional(),
        })
        .strict()
        .default({}),
    )
    .query(async ({ ctx, input }) => {
      const to = input.to ? new Date(input.to) : new Date();
      const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY_MS);
      const userId = ownerScope(ctx.user, input.userId);
      const summary = await spendSummary(ctx.db, {
        from,
        to,
        ...(userId === undefined ? {} : { userId }),
      });
      return { from: from.toISOString(), to: to.toISOString(), ...summary };
    }),
} satisfies TRPCRouterRecord;
