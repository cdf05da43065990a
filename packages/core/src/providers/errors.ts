import { AtelierError, type AtelierErrorCode } from '../errors.ts';
import type { Provider } from '../catalog/schema.ts';

/**
 * Maps provider failures onto AtelierError codes. Every adapter funnels its SDK or HTTP errors
 * through here, so retry decisions and user-facing wording are the same for all providers.
 */

export const PROVIDER_NAMES: Record<Provider, string> = {
  openai: 'OpenAI',
  google: 'Gemini API',
  vertex: 'Vertex AI',
  fal: 'fal',
  bfl: 'Black Forest Labs',
  replicate: 'Replicate',
  byteplus: 'BytePlus',
  stability: 'Stability AI',
  recraft: 'Recraft',
  dashscope: 'DashScope',
};

export interface ProviderErrorDetails {
  provider: Provider;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  /** The provider's own reason (moderation category, error type, finish reason). */
  reason?: string;
  requestId?: string;
  /** The provider had accepted the job (answered with its id): it may have done and billed it. */
  accepted?: boolean;
  /** The provider itself reported the job as failed (its verdict, not an answer lost on the way). */
  jobFailed?: boolean;
}

export function providerError(
  code: AtelierErrorCode,
  message: string,
  details: ProviderErrorDetails,
  opts: { hint?: string; cause?: unknown } = {},
): AtelierError {
  const clean = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
  return new AtelierError(code, redactSecrets(message), {
    hint: opts.hint,
    details: clean,
    cause: opts.cause,
  });
}

/**
 * "lead: detail." with one closing mark, however the provider's own text ends, so a reason that
 * already ends in a full stop does not end in two.
 */
export function withDetail(lead: string, detail?: string): string {
  const said = detail?.trim().replace(/[\s.,;:]+$/, '');
  if (!said) return `${lead}.`;
  return `${lead}: ${said}${/[!?]$/.test(said) ? '' : '.'}`;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof AtelierError && error.details?.['retryable'] === true;
}

export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof AtelierError)) return undefined;
  const value = error.details?.['retryAfterMs'];
  return typeof value === 'number' ? value : undefined;
}

// Known key shapes, masked wherever a provider echoes them back in an error message.
const KEY_PATTERNS = [
  /sk-[A-Za-z0-9_*-]{8,}/g, // OpenAI
  /AIza[0-9A-Za-z_-]{20,}/g, // Google API keys
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{16,}\b/g, // fal key id:secret
];
const registeredSecrets = new Set<string>();

/** Registers a secret so that it is masked in every error message built afterwards. */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) registeredSecrets.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registeredSecrets) out = out.split(secret).join('[redacted]');
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

/** Parses Retry-After (seconds or HTTP date) and the non-standard retry-after-ms. */
export function parseRetryAfter(
  headers: Headers | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)))
    return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** google.rpc.RetryInfo carried in Google error bodies: {"retryDelay": "30s"}. */
export function parseGoogleRetryDelay(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown }).retryDelay;
    if (typeof delay === 'string') {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay);
      if (m) return Math.round(Number(m[1]) * 1000);
    }
  }
  return undefined;
}

const CONTENT_POLICY_MARKERS =
  /moderation_blocked|content_policy|content policy|safety system|safety_violation|request moderated|content moderated|prohibited|nsfw/i;

export interface HttpFailure {
  provider: Provider;
  status: number;
  message: string;
  headers?: Headers;
  /** The provider's error code or type, when the body carries one. */
  providerCode?: string;
  requestId?: string;
  retryAfterMs?: number;
}

/** The one status → code table. */
export function errorFromHttpStatus(f: HttpFailure): AtelierError {
  const name = PROVIDER_NAMES[f.provider];
  const retryAfterMs = f.retryAfterMs ?? parseRetryAfter(f.headers);
  const base = {
    provider: f.provider,
    status: f.status,
    requestId: f.requestId,
    reason: f.providerCode,
  };
  const text = `${f.providerCode ?? ''} ${f.message}`;

  if (f.status === 401 || f.status === 403) {
    return providerError(
      'auth',
      withDetail(`${name} rejected the credentials (HTTP ${f.status})`, f.message),
      { ...base, retryable: false },
      {
        hint: `Check the ${name} key: \`atelier keys set ${keyCommandName(f.provider)}\`.`,
      },
    );
  }
  if (
    f.status === 402 ||
    /insufficient_quota|exhausted.balance|insufficient.(credits|balance)|payment required/i.test(
      text,
    )
  ) {
    return providerError(
      'quota',
      withDetail(`${name} account is out of quota or credits`, f.message),
      { ...base, retryable: false },
      {
        hint: `Top up or raise the limit in your ${name} account.`,
      },
    );
  }
  if (f.status === 429) {
    return providerError(
      'rate_limited',
      withDetail(`${name} is rate limiting requests`, f.message),
      { ...base, retryable: true, retryAfterMs },
    );
  }
  if ((f.status === 400 || f.status === 422) && CONTENT_POLICY_MARKERS.test(text)) {
    return providerError(
      'content_policy',
      withDetail(`${name} refused the request on content policy grounds`, f.message),
      {
        ...base,
        retryable: false,
        reason: f.providerCode ?? f.message,
      },
      { hint: 'Rephrase the prompt or change the input images.' },
    );
  }
  if (f.status === 408 || f.status === 504) {
    return providerError('timeout', withDetail(`${name} timed out (HTTP ${f.status})`, f.message), {
      ...base,
      retryable: true,
      retryAfterMs,
    });
  }
  if (f.status === 409 || f.status >= 500) {
    return providerError(
      'provider_unavailable',
      withDetail(`${name} is unavailable (HTTP ${f.status})`, f.message),
      {
        ...base,
        retryable: true,
        retryAfterMs,
      },
    );
  }
  return providerError(
    'invalid_request',
    withDetail(`${name} rejected the request (HTTP ${f.status})`, f.message),
    { ...base, retryable: false },
  );
}

export function keyCommandName(provider: Provider): string {
  return provider;
}

/**
 * The error to raise once a provider has accepted a job. It says so, with the job's id, because
 * the provider may have done, and billed, the work; and it is final, since the reads behind it
 * already had their window of retries. `jobFailed`: the provider reported the job failed.
 */
export function acceptedError(
  provider: Provider,
  requestId: string,
  error: unknown,
  opts: { jobFailed?: boolean } = {},
): AtelierError {
  if (error instanceof AtelierError && error.details?.['accepted'] === true) return error;
  const name = PROVIDER_NAMES[provider];
  const base =
    error instanceof AtelierError
      ? error
      : new AtelierError('internal', `The ${name} job ${requestId} could not be followed.`, {
          cause: error,
        });
  return new AtelierError(base.code, base.message, {
    hint:
      base.hint ??
      (base.code === 'cancelled'
        ? undefined
        : `${name} had accepted it (request ${requestId}) and may have charged for it.`),
    details: {
      ...base.details,
      provider,
      retryable: false,
      requestId,
      accepted: true,
      ...(opts.jobFailed ? { jobFailed: true } : {}),
    },
    cause: error instanceof AtelierError ? base.cause : error,
  });
}

export function cancelledError(provider: Provider): AtelierError {
  return providerError('cancelled', `The ${PROVIDER_NAMES[provider]} request was cancelled.`, {
    provider,
    retryable: false,
  });
}

export function timeoutError(provider: Provider, ms: number): AtelierError {
  return providerError('timeout', `${PROVIDER_NAMES[provider]} did not answer within ${ms} ms.`, {
    provider,
    retryable: true,
  });
}

/**
 * A response that cannot be parsed. Retried only when asking again is harmless (a status read);
 * a malformed answer to a job submission may still have started, and billed, the job.
 */
export function malformedError(
  provider: Provider,
  what: string,
  opts: { retryable: boolean; cause?: unknown },
): AtelierError {
  return providerError(
    'provider_unavailable',
    `${PROVIDER_NAMES[provider]} returned a malformed ${what}.`,
    { provider, retryable: opts.retryable, reason: 'malformed_response' },
    { cause: opts.cause },
  );
}
