import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { GenerationStatus, listGenerations, PageDirection } from '@atelier/db';
import { z } from 'zod';
import { Id } from '../jobs/inputs.ts';
import { findChangeable, findReadable, toView, toViews } from '../jobs/views.ts';
import { studioProcedure } from '../trpc.ts';

export const jobsRouter = {
  /** One generation: the user's own, one shared with the team (read-only), or any for an admin. */
  get: studioProcedure
    .input(z.object({ id: Id }).strict())
    .query(async ({ ctx, input }) =>
      toView(ctx.db, ctx.user, await findReadable(ctx.db, ctx.user, input.id)),
    ),

  /** The user's jobs (everyone's for an admin), newest first: by default the unfinished ones. */
  list: studioProcedure
    .input(
      z
        .object({
          status: z.array(GenerationStatus).min(1).max(6).default(['queued', 'running']),
          batchId: Id.optional(),
          cursor: Id.nullish(),
          direction: PageDirection.optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .strict()
        .default({ status: ['queued', 'running'], limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listGenerations(ctx.db, {
        ...input,
        viewer: ctx.user,
        scope: ctx.user.role === 'admin' ? 'all' : 'mine',
      });
      return {
        items: await toViews(ctx.db, ctx.user, page.items),
        nextCursor: page.nextCursor,
        prevCursor: page.prevCursor,
      };
    }),

  cancel: studioProcedure.input(z.object({ id: Id }).strict()).mutation(async ({ ctx, input }) => {
    await findChangeable(ctx.db, ctx.user, input.id);
    return toView(ctx.db, ctx.user, await ctx.jobs.cancel(input.id));
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
      for (const id of new Set(input.ids)) await findReadable(ctx.db, ctx.user, id);
      for await (const event of ctx.jobs.watch(input.ids, {
        lastEventId: input.lastEventId ?? undefined,
        signal,
      })) {
        yield tracked(event.id, event);
      }
    }),
} satisfies TRPCRouterRecord;
