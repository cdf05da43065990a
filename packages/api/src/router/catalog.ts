import type { TRPCRouterRecord } from '@trpc/server';
import {
  filterModels,
  ModelFilterSchema,
  startingPrice,
  today,
  withRunnability,
  type ModelEntry,
} from '@atelier/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

/** A listed model: whether Atelier can run it here (and each route), and its starting price. */
function listed(model: ModelEntry, date: string) {
  const start = startingPrice(model);
  return {
    ...withRunnability(model, date),
    startingPrice: start
      ? { micros: start.micros, per: start.per, label: start.label, provider: start.route.provider, source: start.route.price.source }
      : null,
  };
}

export const catalogRouter = {
  /**
   * Models matching the filter, each with `runnable` (and `notRunnableReason`), its routes' too,
   * and its starting price (null: no sourced price). `runnableOnly` lists what Atelier can run.
   */
  list: publicProcedure.input(ModelFilterSchema.default({})).query(({ ctx, input }) => {
    const date = today();
    return filterModels(ctx.catalog, input, date).map((m) => listed(m, date));
  }),

  /** One model's card, flagged as the list flags it. */
  get: publicProcedure
    .input(z.object({ id: z.string().min(1, 'a model id or alias') }).strict())
    .query(({ ctx, input }) => withRunnability(ctx.catalog.resolve(input.id))),

  suggest: publicProcedure
    .input(z.object({ text: z.string() }).strict())
    .query(({ ctx, input }) => ctx.catalog.suggest(input.text, 5)),
} satisfies TRPCRouterRecord;
