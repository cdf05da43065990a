import type { TRPCRouterRecord } from '@trpc/server';
import {
  GenerationScope,
  GenerationStatus,
  listGenerations,
  PageDirection,
  schema,
  shareGeneration,
  type Db,
} from '@atelier/db';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { recordKeptWinner } from '../arena/keep-vote.ts';
import { Id, ModelName, text } from '../jobs/inputs.ts';
import { findChangeable, toView, toViews } from '../jobs/views.ts';
import { studioProcedure, type SessionUser } from '../trpc.ts';

const Micros = z.number().int('must be whole micro-USD').min(0).max(Number.MAX_SAFE_INTEGER);

const Filters = {
  /**
   * Whose generations: `mine` (the default), `shared` with the team by anyone (you too), or
   * `all` (admins only). Naming someone else's `ownerId` without a scope means `all`.
   */
  scope: GenerationScope.optional(),
  /** One owner's generations: with `shared`, what they shared; with `all` (admins), all of them. */
  ownerId: Id.optional(),
  models: z.array(ModelName).min(1).max(50).optional(),
  status: z.array(GenerationStatus).min(1).max(6).optional(),
  batchId: Id.optional(),
  kept: z.boolean().optional(),
  /** Queued at or after (ISO date-time). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Queued before. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Actual cost, or the estimate while there is none, in micro-USD (inclusive). */
  minCostMicros: Micros.optional(),
  maxCostMicros: Micros.optional(),
  /**
   * Paging as tRPC infinite queries send it: `cursor` is a page's `nextCursor` (older rows) or,
   * with `direction: 'backward'`, its `prevCursor` (newer rows); null or absent: the newest.
   */
  cursor: Id.nullish(),
  direction: PageDirection.optional(),
  limit: z.number().int().min(1).max(200).default(50),
};

const ListInput = z.object(Filters).strict();
/** Full text on the prompt in web-search syntax: `red fox -cartoon "oil painting"`. */
const SearchInput = z.object({ ...Filters, query: text(1000) }).strict();

async function page(
  ctx: { db: Db; user: SessionUser },
  input: z.output<typeof SearchInput> | z.output<typeof ListInput>,
) {
  const { models, scope, ownerId, ...rest } = input;
  const result = await listGenerations(ctx.db, {
    ...rest,
    viewer: ctx.user,
    scope: scope ?? (ownerId !== undefined && ownerId !== ctx.user.id ? 'all' : 'mine'),
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(models ? { modelId: models } : {}),
  });
  return {
    items: await toViews(ctx.db, ctx.user, result.items),
    nextCursor: result.nextCursor,
    prevCursor: result.prevCursor,
  };
}

export const historyRouter = {
  list: studioProcedure
    .input(ListInput.default({ limit: 50 }))
    .query(({ ctx, input }) => page(ctx, input)),

  search: studioProcedure.input(SearchInput).query(({ ctx, input }) => page(ctx, input)),

  /**
   * Marks the generation kept (the winner of its batch); the others of the batch are unmarked.
   * Keeping a winner of a side-by-side run also records it as a (not blind) arena vote.
   */
  keep: studioProcedure
    .input(z.object({ id: Id, kept: z.boolean().default(true) }).strict())
    .mutation(async ({ ctx, input }) => {
      const row = await findChangeable(ctx.db, ctx.user, input.id);
      const g = schema.generations;
      const updated = await ctx.db.transaction(async (tx) => {
        if (input.kept && row.batchId !== null) {
          await tx
            .update(g)
            .set({ kept: false })
            .where(and(eq(g.batchId, row.batchId), ne(g.id, row.id), eq(g.ownerId, row.ownerId)));
        }
        const [r] = await tx
          .update(g)
          .set({ kept: input.kept })
          .where(eq(g.id, row.id))
          .returning({ id: g.id });
        return r;
      });
      if (!updated) throw new Error(`Generation ${row.id} vanished while being kept.`);
      if (input.kept) await recordKeptWinner(ctx.db, ctx.user.id, row.id);
      return toView(ctx.db, ctx.user, await findChangeable(ctx.db, ctx.user, row.id));
    }),

  /**
   * Shares the generation with the team (every member may then read it and its assets), or
   * stops sharing it. Its owner or an admin only; sharing again keeps the first `sharedAt`.
   */
  share: studioProcedure
    .input(z.object({ id: Id, shared: z.boolean().default(true) }).strict())
    .mutation(async ({ ctx, input }) =>
      toView(ctx.db, ctx.user, await shareGeneration(ctx.db, { ...input, viewer: ctx.user })),
    ),
} satisfies TRPCRouterRecord;
