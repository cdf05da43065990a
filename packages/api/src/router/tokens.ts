import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import {
  createUser,
  getUser,
  issueToken,
  revokeToken,
  schema,
  UserRole,
  type ApiToken,
} from '@atelier/db';
import { asc, eq, getTableColumns } from 'drizzle-orm';
import { z } from 'zod';
import { Id, text } from '../jobs/inputs.ts';
import { protectedProcedure } from '../trpc.ts';

/**
 * API tokens (team mode): each request carries one as `Authorization: Bearer atl_…`. The token
 * itself is returned once, by `create`; lists show its prefix only.
 */

const t = schema.apiTokens;
const { tokenHash: _hash, ...listed } = getTableColumns(t);

const CreateInput = z
  .object({
    /** What the token is for ("laptop", "CI"). */
    name: text(200),
    /** Admins: an existing user to issue it to. */
    userId: Id.optional(),
    /** Admins: a new user to create and issue it to. */
    user: z
      .object({ name: text(200), role: UserRole.default('member') })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => !(v.userId && v.user), {
    message: 'give userId or user, not both',
    path: ['user'],
  });

export const tokensRouter = {
  /** The token this request came with (null in local mode, where nobody signs in). */
  me: protectedProcedure.query(async ({ ctx }): Promise<ApiToken | null> => {
    if (!ctx.user.tokenId) return null;
    const [row] = await ctx.db.select(listed).from(t).where(eq(t.id, ctx.user.tokenId));
    return row ?? null;
  }),

  /** An admin sees every token (or one user's); a member sees their own. */
  list: protectedProcedure
    .input(z.object({ userId: Id.optional() }).strict().default({}))
    .query(async ({ ctx, input }): Promise<ApiToken[]> => {
      let userId = input.userId;
      if (ctx.user.role !== 'admin') {
        if (userId !== undefined && userId !== ctx.user.id)
          throw new TRPCError({
            code: 'FORBIDDEN',
            message: 'Members can only list their own tokens.',
          });
        userId = ctx.user.id;
      }
      const query = ctx.db.select(listed).from(t);
      return (userId === undefined ? query : query.where(eq(t.userId, userId))).orderBy(asc(t.id));
    }),

  /**
   * Issues a token and returns it this once. Admins issue tokens to anyone, creating the user
   * (with a role) if asked; members issue tokens to themselves only.
   */
  create: protectedProcedure.input(CreateInput).mutation(async ({ ctx, input }) => {
    const admin = ctx.user.role === 'admin';
    if (!admin && ((input.userId !== undefined && input.userId !== ctx.user.id) || input.user)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Only an admin can issue tokens to other users.',
      });
    }
    const { db } = ctx;
    return db.transaction(async (tx) => {
      const user = input.user
        ? await createUser(tx, input.user)
        : await getUser(tx, input.userId ?? ctx.user.id);
      if (!user)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `No user with id ${input.userId ?? ''}.`,
        });
      const issued = await issueToken(tx, { userId: user.id, name: input.name });
      return {
        token: issued.token,
        record: issued.record,
        user: { id: user.id, name: user.name, role: user.role },
      };
    });
  }),

  /** Revokes a token at once, on every server. Members revoke their own; admins any. */
  revoke: protectedProcedure
    .input(z.object({ id: Id }).strict())
    .mutation(async ({ ctx, input }): Promise<ApiToken> => {
      const [row] = await ctx.db.select({ userId: t.userId }).from(t).where(eq(t.id, input.id));
      // Someone else's token reads as missing, so members cannot probe for ids.
      if (!row || (ctx.user.role !== 'admin' && row.userId !== ctx.user.id))
        throw new TRPCError({ code: 'NOT_FOUND', message: `No API token with id ${input.id}.` });
      const revoked = await revokeToken(ctx.db, input.id);
      ctx.tokenChecks?.forgetToken(input.id);
      return revoked;
    }),
} satisfies TRPCRouterRecord;
