import { AtelierError, type AtelierErrorCode } from '@atelier/core/errors';
import { TRPCClientError } from '@trpc/client';

/**
 * Errors from studio procedures, as the CLI reports them: the API's own AtelierError code, message
 * and hint when it sent them (`data.atelier`), else the tRPC code mapped to the nearest one.
 * A studio that cannot be reached is said so, with the URL, rather than as "fetch failed".
 */

const BY_TRPC_CODE: Partial<Record<string, AtelierErrorCode>> = {
  BAD_REQUEST: 'invalid_input',
  UNAUTHORIZED: 'auth',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  PRECONDITION_FAILED: 'unsupported',
  PAYMENT_REQUIRED: 'budget_exceeded',
  TOO_MANY_REQUESTS: 'rate_limited',
  UNPROCESSABLE_CONTENT: 'invalid_request',
  CLIENT_CLOSED_REQUEST: 'cancelled',
  TIMEOUT: 'timeout',
  BAD_GATEWAY: 'provider_unavailable',
  SERVICE_UNAVAILABLE: 'provider_unavailable',
  GATEWAY_TIMEOUT: 'timeout',
};

interface ErrorData {
  code?: string;
  httpStatus?: number;
  atelier?: { code: AtelierErrorCode; hint?: string; details?: Record<string, unknown> };
}

/** Where the CLI is talking to, for messages: a URL, or the in-process studio. */
export interface Endpoint {
  url?: string;
}

export function studioError(error: unknown, endpoint: Endpoint): unknown {
  if (error instanceof AtelierError || !(error instanceof TRPCClientError)) return error;
  const data = (error as TRPCClientError<never>).data as ErrorData | null | undefined;
  if (data?.atelier) {
    return new AtelierError(data.atelier.code, error.message, {
      hint: data.atelier.hint,
      details: data.atelier.details,
      cause: error,
    });
  }
  const code = data?.code === undefined ? undefined : BY_TRPC_CODE[data.code];
  if (code === 'auth' && endpoint.url) {
    return new AtelierError('auth', error.message, {
      hint: `Sign in with an API token: \`atelier login ${endpoint.url} --token-stdin\` (or set ATELIER_TOKEN).`,
      cause: error,
    });
  }
  if (code) return new AtelierError(code, error.message, { cause: error });
  if (!data && endpoint.url) {
    return new AtelierError(
      'provider_unavailable',
      `Cannot reach the Atelier studio at ${endpoint.url} (${causeText(error)}).`,
      {
        hint: 'Start it with `atelier serve`, check the address, or `atelier logout` to work without a server.',
        cause: error,
      },
    );
  }
  return new AtelierError('internal', error.message, { cause: error });
}

function causeText(error: Error): string {
  let cause: unknown = error.cause ?? error;
  // fetch wraps the socket error: "fetch failed" ← "connect ECONNREFUSED 127.0.0.1:8787".
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (cause instanceof Error ? cause.message : String(cause));
}
