import type { TRPCRouterRecord } from '@trpc/server';
import { createUser, getUser, listUsers, UserRole } from '@atelier/db';
import { z } from 'zod';
import { text } from '../jobs/inputs.ts';
import { adminProcedure, protectedProcedure } from '../trpc.ts';

/** Who is calling, and the team's users (admins manage them). */

export const authRouter = {
  /** The caller and the server's mode, so a client knows whether to ask for a token. */
  me: protectedProcedure.query(async ({ ctx }) => {
    const user = await getUser(ctx.db, ctx.user.id);
    return {
      mode: ctx.mode ?? 'local',
      user: { id: ctx.user.id, name: user?.name ?? ctx.user.id, role: ctx.user.role },
      tokenId: ctx.user.tokenId ?? null,
    };
  }),
} satisfies TRPCRouterRecord;

export const usersRouter = {
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  /** A user without a token yet; `tokens.create` issues one. */
  create: adminProcedure
    .input(z.object({ name: text(200), role: UserRole.default('member') }).strict())
    .mutation(({ ctx, input }) => createUser(ctx.db, input)),
} satisfies TRPCRouterRecord;
