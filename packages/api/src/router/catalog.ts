import type { TRPCRouterRecord } from '@trpc/server';
import { filterModels, ModelFilterSchema } from '@atelier/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

export const catalogRouter = {
  list: publicProcedure.input(ModelFilterSchema.default({})).query(({ ctx, input }) => filterModels(ctx.catalog, input)),

  get: publicProcedure
    .input(z.object({ id: z.string().min(1, 'a model id or alias') }).strict())
    .query(({ ctx, input }) => ctx.catalog.resolve(input.id)),

  suggest: publicProcedure
    .input(z.object({ text: z.string() }).strict())
    .query(({ ctx, input }) => ctx.catalog.suggest(input.text, 5)),
} satisfies TRPCRouterRecord;
