import type { TRPCRouterRecord } from '@trpc/server';
import {
  breakEven,
  costPerAccepted,
  CostPlanSchema,
  DEFAULT_MONTHLY_VOLUMES,
  estimate,
  EstimateRequestSchema,
  projectMonthly,
  splitBudget,
  SplitBudgetSchema,
} from '@atelier/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

const ProjectInput = z
  .object({
    request: EstimateRequestSchema,
    volumes: z
      .array(z.number().int().nonnegative().max(10_000_000))
      .min(1)
      .max(20)
      .default([...DEFAULT_MONTHLY_VOLUMES]),
    /** Percent of generations kept; retakes raise the cost per kept asset. */
    acceptRatePercent: z.number().gt(0).max(100).default(100),
  })
  .strict();

export const pricingRouter = {
  estimate: publicProcedure
    .input(EstimateRequestSchema)
    .query(({ ctx, input }) => estimate(input, ctx.catalog)),

  /** Monthly cost by volume for one request, adjusted for the acceptance rate. */
  project: publicProcedure.input(ProjectInput).query(({ ctx, input }) => {
    const est = estimate({ ...input.request, count: 1 }, ctx.catalog);
    const perKept = {
      low: costPerAccepted(est.perAsset.low, input.acceptRatePercent),
      expected: costPerAccepted(est.perAsset.expected, input.acceptRatePercent),
      high: costPerAccepted(est.perAsset.high, input.acceptRatePercent),
    };
    const [low, expected, high] = [perKept.low, perKept.expected, perKept.high].map((p) =>
      projectMonthly(p, input.volumes),
    );
    return {
      estimate: est,
      acceptRatePercent: input.acceptRatePercent,
      perKept,
      monthly: (expected ?? []).map((row, i) => ({
        ...row,
        low: low?.[i]?.micros ?? row.micros,
        high: high?.[i]?.micros ?? row.micros,
      })),
    };
  }),

  split: publicProcedure.input(SplitBudgetSchema).query(({ input }) => splitBudget(input)),

  breakEven: publicProcedure
    .input(z.object({ first: CostPlanSchema, second: CostPlanSchema }).strict())
    .query(({ input }) => breakEven(input.first, input.second)),
} satisfies TRPCRouterRecord;
