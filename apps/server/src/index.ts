export {
  createRequestListener,
  startServer,
  DEFAULT_MAX_BODY_BYTES,
  type RunningServer,
  type ServerOptions,
} from './http.ts';
export {
  startStudio,
  StudioOptions,
  DEFAULT_WEB_DIR,
  type Studio,
  type StudioExtras,
} from './studio.ts';
export {
  localAuth,
  teamAuth,
  clientAddressResolver,
  SESSION_COOKIE,
  type Authenticate,
  type AuthResult,
  type TeamAuthOptions,
} from './auth.ts';
export {
  createLimiters,
  DEFAULT_RATE_LIMIT,
  RATE_LIMIT_TABLE,
  type Limiters,
  type RateLimit,
} from './limits.ts';
export { TokenCache, TOKEN_CACHE_DEFAULTS, type TokenCacheOptions } from './token-cache.ts';
export {
  createProviderKeys,
  type ProviderKeys,
  type ProviderKeysOptions,
} from './provider-keys.ts';
export { bootstrapAdmin, issueAdminToken, type AdminToken } from './admin.ts';
export { run, parseCommand, USAGE } from './cli.ts';
export { loadServerSecret } from './secret.ts';
