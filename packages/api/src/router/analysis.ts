import type { TRPCRouterRecord } from '@trpc/server';
import {
  analyzePrompt,
  AnalyzePromptInputSchema,
  compare,
  CompareInputSchema,
  recommend,
  RecommendQuerySchema,
} from '@atelier/core';
import { publicProcedure } from '../trpc.ts';

export const compareRouter = {
  run: publicProcedure
    .input(CompareInputSchema)
    .query(({ ctx, input }) => compare(input.ids, { useCase: input.useCase }, ctx.catalog)),
} satisfies TRPCRouterRecord;

export const recommendRouter = {
  run: publicProcedure
    .input(RecommendQuerySchema)
    .query(({ ctx, input }) => recommend(input, ctx.catalog)),
} satisfies TRPCRouterRecord;

export const promptRouter = {
  analyze: publicProcedure
    .input(AnalyzePromptInputSchema)
    .query(({ ctx, input }) => analyzePrompt(input.text, { model: input.model }, ctx.catalog)),
} satisfies TRPCRouterRecord;
