import { catalogRouter } from './router/catalog.ts';
import { pricingRouter } from './router/pricing.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  pricing: pricingRouter,
});

export type AppRouter = typeof appRouter;
