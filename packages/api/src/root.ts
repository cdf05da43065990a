import { compareRouter, promptRouter, recommendRouter } from './router/analysis.ts';
import { catalogRouter } from './router/catalog.ts';
import { pricingRouter } from './router/pricing.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  pricing: pricingRouter,
  compare: compareRouter,
  recommend: recommendRouter,
  prompt: promptRouter,
});

export type AppRouter = typeof appRouter;
