import { compareRouter, promptRouter, recommendRouter } from './router/analysis.ts';
import { arenaRouter } from './router/arena.ts';
import { authRouter, usersRouter } from './router/auth.ts';
import { budgetsRouter } from './router/budgets.ts';
import { catalogRouter } from './router/catalog.ts';
import { generateRouter } from './router/generate.ts';
import { historyRouter } from './router/history.ts';
import { jobsRouter } from './router/jobs.ts';
import { keysRouter } from './router/keys.ts';
import { pricingRouter } from './router/pricing.ts';
import { spendRouter } from './router/spend.ts';
import { tokensRouter } from './router/tokens.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  pricing: pricingRouter,
  generate: generateRouter,
  jobs: jobsRouter,
  history: historyRouter,
  spend: spendRouter,
  budgets: budgetsRouter,
  compare: compareRouter,
  recommend: recommendRouter,
  prompt: promptRouter,
  keys: keysRouter,
  tokens: tokensRouter,
  users: usersRouter,
  auth: authRouter,
  arena: arenaRouter,
});

export type AppRouter = typeof appRouter;
