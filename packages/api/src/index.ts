import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export {
  createCallerFactory,
  createContext,
  type ApiContext,
  type ErrorData,
  type SessionUser,
  type TokenChecks,
} from './trpc.ts';
export * from './jobs/index.ts';
export {
  CatalogStore,
  type AppliedCatalogInfo,
  type CatalogApplyResult,
  type CatalogStoreOptions,
} from './catalog-store.ts';
export type { ProviderKeyStatus, ProviderKeyVault } from './router/keys.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
