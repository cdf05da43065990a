import type { Provider } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import {
  cancelledError,
  errorFromHttpStatus,
  malformedError,
  providerError,
  PROVIDER_NAMES,
  timeoutError,
} from './errors.ts';
import { attemptSignal, withRetry, type RetryPolicy } from './retry.ts';

/**
 * Plain-fetch transport for the providers without an SDK here (fal, BFL) and for result
 * downloads. Credentials are attached only to URLs the provider's configuration trusts, so a
 * result URL on a CDN or any other host never sees the key.
 */

export interface HttpConfig {
  provider: Provider;
  /** Headers carrying the credential; sent only to trusted origins. */
  authHeaders: Record<string, string>;
  isTrusted: (url: URL) => boolean;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch?: typeof fetch;
  /** Pulls a readable message and code out of the provider's error body. */
  describeError?: (body: unknown) => { message?: string; code?: string };
}

export interface JsonResponse {
  json: unknown;
  headers: Headers;
  status: number;
}

export function sameOrigin(a: string | URL, b: string | URL): boolean {
  return new URL(a).origin === new URL(b).origin;
}

export async function requestJson(
  cfg: HttpConfig,
  req: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    url: string;
    body?: unknown;
    idempotent: boolean;
    signal?: AbortSignal;
  },
): Promise<JsonResponse> {
  const url = new URL(req.url);
  return withRetry(cfg.provider, cfg.retry, req.signal, async () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    // A FormData body (multipart APIs: Stability) sets its own content type with the boundary.
    const form = req.body instanceof FormData;
    if (req.body !== undefined && !form) headers['content-type'] = 'application/json';
    if (cfg.isTrusted(url)) Object.assign(headers, cfg.authHeaders);
    const attempt = attemptSignal(req.signal, cfg.timeoutMs);
    try {
      let response: Response;
      try {
        response = await (cfg.fetch ?? fetch)(url, {
          method: req.method,
          headers,
          body:
            req.body === undefined
              ? undefined
              : form
                ? (req.body as FormData)
                : JSON.stringify(req.body),
          signal: attempt.signal,
          redirect: 'manual',
        });
      } catch (cause) {
        throw transportError(
          cfg.provider,
          req.signal,
          attempt.timedOut(),
          cfg.timeoutMs,
          req.idempotent,
          cause,
        );
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw transportError(
          cfg.provider,
          req.signal,
          attempt.timedOut(),
          cfg.timeoutMs,
          req.idempotent,
          cause,
        );
      }
      if (!response.ok) {
        const body = tryParse(text);
        const described =
          body === undefined ? { message: text.slice(0, 300) } : (cfg.describeError?.(body) ?? {});
        throw errorFromHttpStatus({
          provider: cfg.provider,
          status: response.status,
          message: described.message ?? '',
          providerCode: described.code,
          headers: response.headers,
          requestId: response.headers.get('x-request-id') ?? undefined,
        });
      }
      const json = tryParse(text);
      if (json === undefined)
        throw malformedError(cfg.provider, 'JSON response', { retryable: req.idempotent });
      return { json, headers: response.headers, status: response.status };
    } finally {
      attempt.dispose();
    }
  });
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A failure before any HTTP status arrived: cancelled, timed out, or the connection broke. */
export function transportError(
  provider: Provider,
  signal: AbortSignal | undefined,
  timedOut: boolean,
  timeoutMs: number,
  idempotent: boolean,
  cause: unknown,
) {
  if (signal?.aborted) return cancelledError(provider);
  if (timedOut) {
    const e = timeoutError(provider, timeoutMs);
    // A submission that timed out may still run (and bill); only reads are asked again.
    (e.details as Record<string, unknown>)['retryable'] = idempotent;
    return e;
  }
  return providerError(
    'provider_unavailable',
    `Could not reach ${PROVIDER_NAMES[provider]}.`,
    { provider, retryable: true, reason: 'connection_error' },
    { cause },
  );
}

export interface Download {
  data: Uint8Array;
  mediaType: string;
  ms: number;
}

/**
 * Fetches result bytes. Short-lived provider URLs (BFL: 10 minutes) are fetched right away; an
 * expired one is reported as such rather than as a generic failure.
 */
export async function download(
  cfg: HttpConfig,
  url: string,
  signal?: AbortSignal,
): Promise<Download> {
  const started = Date.now();
  if (url.startsWith('data:')) {
    const m = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(url);
    if (!m) throw malformedError(cfg.provider, 'data URL', { retryable: false });
    const payload = m[3] ?? '';
    const data = m[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
    return { data: new Uint8Array(data), mediaType: m[1] ?? 'application/octet-stream', ms: 0 };
  }
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw providerError(
      'provider_unavailable',
      `${PROVIDER_NAMES[cfg.provider]} returned a result at an unsupported address (${target.protocol}).`,
      {
        provider: cfg.provider,
        retryable: false,
        reason: 'unsupported_result_url',
      },
    );
  }
  return withRetry(cfg.provider, cfg.retry, signal, async () => {
    const attempt = attemptSignal(signal, cfg.timeoutMs);
    try {
      let response: Response;
      let bytes: ArrayBuffer;
      try {
        response = await fetchFollowingRedirects(cfg, target, attempt.signal);
        bytes = await response.arrayBuffer();
      } catch (cause) {
        if (cause instanceof AtelierError) throw cause;
        throw transportError(cfg.provider, signal, attempt.timedOut(), cfg.timeoutMs, true, cause);
      }
      // Signed links fail as 403 (Azure SAS), 400 ExpiredToken (Cloud Storage) or 404/410 (gone).
      const expired =
        response.status === 403 ||
        response.status === 404 ||
        response.status === 410 ||
        (response.status === 400 &&
          /expired/i.test(
            Buffer.from(bytes).toString('utf8', 0, Math.min(bytes.byteLength, 2048)),
          ));
      if (expired) {
        throw providerError(
          'provider_unavailable',
          `The ${PROVIDER_NAMES[cfg.provider]} result URL has expired or no longer exists (HTTP ${response.status}).`,
          {
            provider: cfg.provider,
            status: response.status,
            retryable: false,
            reason: 'result_expired',
          },
          { hint: 'Results are kept only briefly by the provider; run the generation again.' },
        );
      }
      if (!response.ok) {
        throw errorFromHttpStatus({
          provider: cfg.provider,
          status: response.status,
          message: 'result download failed',
          headers: response.headers,
        });
      }
      const mediaType =
        response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream';
      return { data: new Uint8Array(bytes), mediaType, ms: Date.now() - started };
    } finally {
      attempt.dispose();
    }
  });
}

/** Follows redirects by hand so that trust is decided again for every hop's origin. */
async function fetchFollowingRedirects(
  cfg: HttpConfig,
  start: URL,
  signal: AbortSignal,
): Promise<Response> {
  let url = start;
  for (let hop = 0; hop < 5; hop++) {
    const headers: Record<string, string> = cfg.isTrusted(url) ? { ...cfg.authHeaders } : {};
    const response = await (cfg.fetch ?? fetch)(url, { headers, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw providerError(
    'provider_unavailable',
    `Too many redirects fetching the ${PROVIDER_NAMES[cfg.provider]} result.`,
    {
      provider: cfg.provider,
      retryable: false,
      reason: 'redirect_loop',
    },
  );
}
