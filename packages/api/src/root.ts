import { catalogRouter } from './router/catalog.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
