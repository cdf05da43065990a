import type { TRPCRouterRecord } from '@trpc/server';
import { filterModels, ModelFilterSchema, startingPrice, type ModelEntry } from '@atelier/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

function withStartingPrice(model: ModelEntry) {
  const start = startingPrice(model);
  return {
    ...model,
    startingPrice: start
      ? { micros: start.micros, per: start.per, label: start.label, provider: start.route.provider, source: start.route.price.source }
      : null,
  };
}

export const catalogRouter = {
  /** Models matching the filter, each with its starting price (null: no sourced price). */
  list: publicProcedure
    .input(ModelFilterSchema.default({}))
    .query(({ ctx, input }) => filterModels(ctx.catalog, input).map(withStartingPrice)),

  get: publicProcedure
    .input(z.object({ id: z.string().min(1, 'a model id or alias') }).strict())
    .query(({ ctx, input }) => ctx.catalog.resolve(input.id)),

  suggest: publicProcedure
    .input(z.object({ text: z.string() }).strict())
    .query(({ ctx, input }) => ctx.catalog.suggest(input.text, 5)),
} satisfies TRPCRouterRecord;
