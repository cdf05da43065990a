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
  DEFAULT_RATE_LIMIT,
  SESSION_COOKIE,
  type Authenticate,
  type AuthResult,
  type RateLimit,
} from './auth.ts';
export {
  createProviderKeys,
  type ProviderKeys,
  type ProviderKeysOptions,
} from './provider-keys.ts';
export { bootstrapAdmin, issueAdminToken, type AdminToken } from './admin.ts';
export { run, parseCommand, USAGE } from './cli.ts';
export { loadServerSecret } from './secret.ts';
