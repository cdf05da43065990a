import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { GenerationStatus, listGenerations } from '@atelier/db';
import { z } from 'zod';
import { Id } from '../jobs/inputs.ts';
import { findOwned, withAssets } from '../jobs/views.ts';
import { ownerScope, studioProcedure } from '../trpc.ts';

export const jobsRouter = {
  get: studioProcedure.input(z.object({ id: Id }).strict()).query(async ({ ctx, input }) => {
    const row = await findOwned(ctx.db, ctx.user, input.id);
    const [view] = await withAssets(ctx.db, [row]);
    return view ?? { ...row, assets: [] };
  }),

  /** The user's jobs, newest first: by default the ones not finished yet. */
  list: studioProcedure
    .input(
      z
        .object({
          status: z.array(GenerationStatus).min(1).max(6).default(['queued', 'running']),
          batchId: Id.optional(),
          cursor: Id.optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .strict()
        .default({ status: ['queued', 'running'], limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listGenerations(ctx.db, {
        ...input,
        ...(ownerScope(ctx.user) === undefined ? {} : { ownerId: ctx.user.id }),
      });
      return { items: await withAssets(ctx.db, page.items), nextCursor: page.nextCursor };
    }),

  cancel: studioProcedure.input(z.object({ id: Id }).strict()).mutation(async ({ ctx, input }) => {
    await findOwned(ctx.db, ctx.user, input.id);
    const row = await ctx.jobs.cancel(input.id);
    const [view] = await withAssets(ctx.db, [row]);
    return view ?? { ...row, assets: [] };
  }),

  /**
   * Server-sent events for a set of jobs until all of them have finished. Every event carries
   * the job's status, and its id (`<jobId>:<seq>`) is what the client sends back as
   * `lastEventId` on reconnect to get only what it missed.
   */
  onProgress: studioProcedure
    .input(
      z
        .object({
          ids: z.array(Id).min(1, 'name at least one job').max(100),
          lastEventId: z.string().max(300).nullish(),
        })
        .strict(),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      for (const id of new Set(input.ids)) await findOwned(ctx.db, ctx.user, id);
      for await (const event of ctx.jobs.watch(input.ids, {
        lastEventId: input.lastEventId ?? undefined,
        signal,
      })) {
        yield tracked(event.id, event);
      }
    }),
} satisfies TRPCRouterRecord;
