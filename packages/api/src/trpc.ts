import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import {
  AtelierError,
  describeIssues,
  loadCatalog,
  withSourceLabels,
  type AtelierErrorCode,
  type Catalog,
} from '@atelier/core';
import type { AssetStore, Db, UserRole } from '@atelier/db';
import { ZodError } from 'zod';
import type { CatalogStore } from './catalog-store.ts';
import type { JobEngine } from './jobs/index.ts';
import type { ProviderKeyVault } from './router/keys.ts';

// ---------------------------------------------------------------------------------------------
// CONTEXT: what every procedure can reach. Apps build it per request (server) or once (CLI).

export interface SessionUser {
  id: string;
  role: UserRole;
  /** The API token the request came with, whose budget also applies. */
  tokenId?: string;
}

/**
 * `catalog` is always there; the studio parts (database, assets, jobs) and the signed-in user
 * exist where the app has them (the server; not the catalog-only CLI commands). Procedures that
 * need them use `studioProcedure`, which fails clearly when they are missing.
 */
export interface ApiContext {
  /** The catalog in use for this request (the app takes it from `catalogStore` per request). */
  catalog: Catalog;
  /** Where the catalog in use comes from and where catalog files are applied; absent: built-in only. */
  catalogStore?: CatalogStore;
  db?: Db;
  assets?: AssetStore;
  jobs?: JobEngine;
  user?: SessionUser;
  /** 'team': every caller signs in with an API token; 'local' (default): one user, no sign-in. */
  mode?: 'local' | 'team';
  /** Provider keys held by the server (encrypted at rest); absent where the app keeps none. */
  keys?: ProviderKeyVault;
  /**
   * Team mode: the server's cache of token checks, told at once when a token stops being valid
   * here (other servers hear it from the database's announcement).
   */
  tokenChecks?: TokenChecks;
}

export interface TokenChecks {
  forgetToken(tokenId: string): void;
  forgetUser(userId: string): void;
}

export function createContext(overrides: Partial<ApiContext> = {}): ApiContext {
  return { catalog: loadCatalog(), ...overrides };
}

// ---------------------------------------------------------------------------------------------
// ERRORS: AtelierError codes map onto HTTP-ish tRPC codes; the client gets code, message and
// hint, never a stack trace.

const TRPC_CODE: Record<AtelierErrorCode, TRPC_ERROR_CODE_KEY> = {
  unknown_model: 'NOT_FOUND',
  not_found: 'NOT_FOUND',
  invalid_input: 'BAD_REQUEST',
  invalid_request: 'BAD_REQUEST',
  unsupported: 'BAD_REQUEST',
  model_retired: 'BAD_REQUEST',
  price_unavailable: 'UNPROCESSABLE_CONTENT',
  auth: 'PRECONDITION_FAILED',
  forbidden: 'FORBIDDEN',
  rate_limited: 'TOO_MANY_REQUESTS',
  content_policy: 'UNPROCESSABLE_CONTENT',
  quota: 'PAYMENT_REQUIRED',
  budget_exceeded: 'PAYMENT_REQUIRED',
  provider_unavailable: 'BAD_GATEWAY',
  timeout: 'GATEWAY_TIMEOUT',
  cancelled: 'CLIENT_CLOSED_REQUEST',
  internal: 'INTERNAL_SERVER_ERROR',
};

export function toTRPCError(error: AtelierError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

export interface ErrorData {
  atelier?: { code: AtelierErrorCode; hint?: string; details?: Record<string, unknown> };
}

const t = initTRPC.context<ApiContext>().create({
  isDev: false,
  // Comments keep idle SSE connections (job progress) open through proxies; a client that hears
  // nothing for longer reconnects and resumes from the last event id it got.
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let message = shape.message;
    let atelier: ErrorData['atelier'];
    if (cause instanceof ZodError) {
      message = `Invalid input: ${describeIssues(cause.issues)}`;
      atelier = {
        code: 'invalid_input',
        details: {
          issues: cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      };
    } else if (cause instanceof AtelierError) {
      atelier = { code: cause.code, hint: cause.hint, details: cause.details };
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = 'Internal error. The server log has the details.';
      atelier = { code: 'internal' };
    }
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, atelier } };
  },
});

/** Turns AtelierErrors thrown by core into typed tRPC errors. */
const atelierErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (
    !result.ok &&
    result.error.cause instanceof AtelierError &&
    result.error.code === 'INTERNAL_SERVER_ERROR'
  ) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

// ---------------------------------------------------------------------------------------------
// ROUTER & PROCEDURES

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every Source in an answer carries its title, publisher and link from the catalog's registry,
 * so clients show words, never the key (a file name or a bare URL).
 */
const sourceLabels = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  return result.ok
    ? { ...result, data: withSourceLabels(result.data, ctx.catalog.sources) }
    : result;
});

export const publicProcedure = t.procedure.use(atelierErrors).use(sourceLabels);

/** Procedures on the user's own studio data: database, assets, jobs, all scoped by owner. */
export const studioProcedure = publicProcedure.use(({ ctx, next }) => {
  const { db, assets, jobs, user } = ctx;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use the studio.' });
  if (!db || !assets || !jobs) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This server runs without a database; studio procedures are unavailable.',
    });
  }
  return next({ ctx: { ...ctx, db, assets, jobs, user } });
});

/** Procedures on accounts (tokens, users, keys): a signed-in user and the database. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const { db, user } = ctx;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use the studio.' });
  if (!db)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This server runs without a database; account procedures are unavailable.',
    });
  return next({ ctx: { ...ctx, db, user } });
});

/** Admins only (in local mode the one local user is an admin). */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can do this.' });
  return next();
});

/** Members see their own rows; an admin sees everyone's (and may filter by owner). */
export function ownerScope(user: SessionUser, requestedOwner?: string): string | undefined {
  if (user.role === 'admin') return requestedOwner;
  if (requestedOwner !== undefined && requestedOwner !== user.id) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Members can only see their own generations and spend.',
    });
  }
  return user.id;
}
