import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AtelierError, describeIssues, loadCatalog, type AtelierErrorCode, type Catalog } from '@atelier/core';
import { ZodError } from 'zod';

// ---------------------------------------------------------------------------------------------
// CONTEXT: what every procedure can reach. Apps build it per request (server) or once (CLI).

export interface ApiContext {
  catalog: Catalog;
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
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let message = shape.message;
    let atelier: ErrorData['atelier'];
    if (cause instanceof ZodError) {
      message = `Invalid input: ${describeIssues(cause.issues)}`;
      atelier = { code: 'invalid_input', details: { issues: cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } };
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
  if (!result.ok && result.error.cause instanceof AtelierError && result.error.code === 'INTERNAL_SERVER_ERROR') {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

// ---------------------------------------------------------------------------------------------
// ROUTER & PROCEDURES

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(atelierErrors);
