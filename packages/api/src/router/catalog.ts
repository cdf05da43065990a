import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import {
  catalogAge,
  exportCatalog,
  filterModels,
  ModelFilterSchema,
  shutdownWarning,
  startingPrice,
  today,
  withRunnability,
  type ModelEntry,
} from '@atelier/core';
import { z } from 'zod';
import { listCatalogVersions } from '@atelier/db';
import { adminProcedure, publicProcedure, type ApiContext } from '../trpc.ts';

/** A listed model: whether Atelier can run it here (and each route), and its starting price. */
function listed(model: ModelEntry, date: string) {
  const start = startingPrice(model);
  return {
    ...withRunnability(model, date),
    startingPrice: start
      ? {
          micros: start.micros,
          per: start.per,
          label: start.label,
          provider: start.route.provider,
          source: start.route.price.source,
        }
      : null,
  };
}

/**
 * A model as the catalog page shows it (a table row or card): the listed model without its
 * routes, prompting guide, strengths and sources, which only the model page and the Studio read.
 * A tenth of the bytes.
 */
function row(model: ModelEntry, date: string) {
  const m = listed(model, date);
  const { status, released, shutdown, replacements } = m.lifecycle;
  return {
    id: m.id,
    name: m.name,
    vendor: m.vendor,
    modality: m.modality,
    tasks: m.tasks,
    description: m.description,
    runnable: m.runnable,
    ...(m.notRunnableReason === undefined ? {} : { notRunnableReason: m.notRunnableReason }),
    lifecycle: {
      status,
      replacements,
      ...(released === undefined ? {} : { released }),
      ...(shutdown === undefined ? {} : { shutdown }),
    },
    scores: Object.fromEntries(
      Object.entries(m.scores).map(([criterion, score]) => [criterion, { value: score.value }]),
    ) as Partial<Record<keyof typeof m.scores, { value: number }>>,
    startingPrice: m.startingPrice
      ? { micros: m.startingPrice.micros, per: m.startingPrice.per }
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

  /**
   * The catalog page in one call: the models matching the filter, with only what the page shows
   * of each (`row`), and the whole catalog's vendors (its facet) and names (for lifecycle
   * replacements), retired ones too, so picking a vendor never hides the others.
   */
  browse: publicProcedure.input(ModelFilterSchema.default({})).query(({ ctx, input }) => {
    const date = today();
    const all = ctx.catalog.models;
    return {
      models: filterModels(ctx.catalog, input, date).map((m) => row(m, date)),
      vendors: [...new Set(all.map((m) => m.vendor))].sort((a, b) => a.localeCompare(b)),
      names: Object.fromEntries(all.map((m) => [m.id, m.name])),
    };
  }),

  /** One model's card, flagged as the list flags it. */
  get: publicProcedure
    .input(z.object({ id: z.string().min(1, 'a model id or alias') }).strict())
    .query(({ ctx, input }) => {
      const date = today();
      const model = ctx.catalog.resolve(input.id);
      // "Shuts down in 12 days — move to …", within 30 days of a shutdown.
      const warning = shutdownWarning(model, date, { nameOf: (id) => ctx.catalog.get(id)?.name });
      return { ...withRunnability(model, date), shutdownWarning: warning?.message ?? null };
    }),

  /** The catalog in use: its as-of date, how old that is (stale after 30 days), the applied file if any. */
  info: publicProcedure.query(({ ctx }) => ({
    ...catalogAge(ctx.catalog.asOf, today()),
    models: ctx.catalog.models.length,
    applied: ctx.catalog.applied ?? null,
  })),

  /** The catalog in use as a catalog file (`atelier catalog export`), to edit and apply. */
  export: publicProcedure.query(({ ctx }) => exportCatalog(ctx.catalog)),

  /**
   * Applies a catalog file on top of the built-in data (admins; the local user is one). It is
   * checked whole first; a refusal names entry, field and allowed values, and changes nothing.
   */
  apply: adminProcedure
    .input(z.object({ file: z.unknown() }).strict())
    .mutation(async ({ ctx, input }) => {
      const result = await store(ctx).apply(input.file, ctx.user.id);
      return { ...result, catalog: catalogAge(result.version.asOf, today()) };
    }),

  /** Who applied which catalog file, and when, newest first (admins). */
  versions: adminProcedure.query(({ ctx }) => listCatalogVersions(ctx.db)),

  suggest: publicProcedure
    .input(z.object({ text: z.string() }).strict())
    .query(({ ctx, input }) => ctx.catalog.suggest(input.text, 5)),
} satisfies TRPCRouterRecord;

function store(ctx: ApiContext) {
  if (!ctx.catalogStore) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This server uses the built-in catalog only; catalog files cannot be applied here.',
    });
  }
  return ctx.catalogStore;
}
