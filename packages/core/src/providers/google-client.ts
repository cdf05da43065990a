import { ApiError, GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import type { Provider } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import {
  cancelledError,
  errorFromHttpStatus,
  malformedError,
  parseGoogleRetryDelay,
  parseRetryAfter,
  providerError,
  PROVIDER_NAMES,
  timeoutError,
} from './errors.ts';

/**
 * Builds a @google/genai client for one attempt. Its fetch is wrapped so that the caller's
 * signal (and the attempt's timeout) reaches every request, including the status reads the SDK
 * does not pass a signal to, and so that response headers (Retry-After) stay visible after the
 * SDK turns a failure into an ApiError that carries none.
 */
export interface GenaiAttempt {
  client: GoogleGenAI;
  lastHeaders: () => Headers | undefined;
}

export function genaiClient(opts: {
  vertex: boolean;
  apiKey?: string;
  project?: string;
  location?: string;
  /** Vertex: an OAuth access token used instead of Application Default Credentials. */
  accessToken?: string;
  baseUrl?: string;
  signal: AbortSignal;
  fetch?: typeof fetch;
}): GenaiAttempt {
  let headers: Headers | undefined;
  const base = opts.fetch ?? fetch;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ? AbortSignal.any([init.signal, opts.signal]) : opts.signal;
    const response = await base(input, { ...init, signal });
    headers = response.headers;
    return response;
  };
  const client = new GoogleGenAI({
    vertexai: opts.vertex,
    apiKey: opts.apiKey,
    project: opts.vertex ? opts.project : undefined,
    location: opts.vertex ? opts.location : undefined,
    httpOptions: { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), fetch: wrapped },
    ...(opts.vertex && opts.accessToken && !opts.apiKey
      ? { googleAuthOptions: { authClient: tokenClient(opts.accessToken) } }
      : {}),
  });
  return { client, lastHeaders: () => headers };
}

function tokenClient(accessToken: string): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: accessToken, token_type: 'Bearer' });
  return client;
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { reason?: string }[] };
}

/** Maps @google/genai failures (ApiError's message is the JSON error body). */
export function mapGoogleError(
  provider: Provider,
  error: unknown,
  ctx: {
    signal?: AbortSignal;
    timedOut: boolean;
    timeoutMs: number;
    headers?: Headers;
    idempotent: boolean;
  },
): AtelierError {
  if (error instanceof AtelierError) return error;
  if (ctx.signal?.aborted) return cancelledError(provider);
  if (ctx.timedOut) {
    const e = timeoutError(provider, ctx.timeoutMs);
    (e.details as Record<string, unknown>)['retryable'] = ctx.idempotent;
    return e;
  }
  if (error instanceof ApiError) {
    let body: GoogleErrorBody | undefined;
    try {
      body = JSON.parse(error.message) as GoogleErrorBody;
    } catch {
      body = undefined;
    }
    const info = body?.error;
    const reasons = (info?.details ?? []).map((d) => d.reason).filter(Boolean);
    // The Gemini API answers a bad key with 400 INVALID_ARGUMENT / API_KEY_INVALID.
    const status =
      reasons.includes('API_KEY_INVALID') || info?.status === 'UNAUTHENTICATED'
        ? 401
        : error.status;
    return errorFromHttpStatus({
      provider,
      status,
      message: info?.message ?? (body ? '' : error.message.slice(0, 300)),
      providerCode: reasons[0] ?? info?.status,
      headers: ctx.headers,
      retryAfterMs: parseRetryAfter(ctx.headers) ?? parseGoogleRetryDelay(body),
    });
  }
  if (error instanceof SyntaxError)
    return malformedError(provider, 'JSON response', { retryable: ctx.idempotent, cause: error });
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return cancelledError(provider);
  if (error instanceof TypeError) {
    return providerError(
      'provider_unavailable',
      `Could not reach ${PROVIDER_NAMES[provider]}.`,
      { provider, retryable: true, reason: 'connection_error' },
      { cause: error },
    );
  }
  return providerError(
    'provider_unavailable',
    `The ${PROVIDER_NAMES[provider]} request failed unexpectedly.`,
    { provider, retryable: false },
    { cause: error },
  );
}
