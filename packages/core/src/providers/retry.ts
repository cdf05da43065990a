import type { Provider } from '../catalog/schema.ts';
import { cancelledError, isRetryable, retryAfterOf } from './errors.ts';

/**
 * The one retry policy. SDKs are built with their own retries off, so every provider backs off
 * the same way: exponential delays for retryable errors only, Retry-After honoured when the
 * provider sends it, and an AbortSignal that stops both the wait and the work.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error is surfaced with retryAfterMs. */
  maxRetryAfterMs: number;
  /** Injectable so tests can record the waits instead of spending them. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * When set, retries go on for this long instead of maxRetries times: the backoff is jittered
   * and every wait, Retry-After included, is capped at maxDelayMs. For work a provider has
   * already accepted, whose result it keeps for minutes (see acceptedRetry).
   */
  windowMs?: number;
  /** The jitter's source, in [0, 1); injectable so tests can fix the waits. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  sleep: abortableSleep,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/**
 * The policy for status reads and result downloads once a provider has accepted a job (answered
 * with its id): giving up after a few seconds would throw away work the provider did, and may
 * have billed, while it still holds the result.
 */
export function acceptedRetry(policy: RetryPolicy, windowMs: number): RetryPolicy {
  return { ...policy, windowMs };
}

/** The policy for one call that must not be repeated (a best-effort cancel). */
export function noRetry(policy: RetryPolicy): RetryPolicy {
  return { ...policy, maxRetries: 0, windowMs: undefined };
}

export async function withRetry<T>(
  provider: Provider,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  let waited = 0;
  for (let n = 0; ; n++) {
    if (signal?.aborted) throw cancelledError(provider);
    try {
      return await attempt(n);
    } catch (error) {
      if (signal?.aborted) throw cancelledError(provider);
      if (!isRetryable(error)) throw error;
      const wait =
        policy.windowMs === undefined
          ? countedWait(policy, n, error)
          : windowedWait(policy, n, error, Math.max(Date.now() - started, waited));
      if (wait === undefined) throw error;
      waited += wait;
      await policy.sleep(wait, signal).catch(() => {
        throw cancelledError(provider);
      });
    }
  }
}

/** The wait before retry n+1 under maxRetries, or undefined to give up. */
function countedWait(policy: RetryPolicy, n: number, error: unknown): number | undefined {
  if (n >= policy.maxRetries) return undefined;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return undefined;
  return retryAfter ?? Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** n);
}

/**
 * The wait before retry n+1 within the window, or undefined once it is spent. Time spent is the
 * clock's, or the waits asked for when a test's sleep does not spend them; the last wait ends
 * at the window's end, so one attempt is made there.
 */
function windowedWait(
  policy: RetryPolicy,
  n: number,
  error: unknown,
  spent: number,
): number | undefined {
  const left = (policy.windowMs ?? 0) - spent;
  if (left <= 0) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** n);
  // Equal jitter: half the backoff plus up to the other half, so clients that failed together
  // do not all come back together.
  const jittered = Math.round(backoff / 2 + (backoff / 2) * (policy.random ?? Math.random)());
  return Math.min(retryAfterOf(error) ?? jittered, policy.maxDelayMs, left);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A signal for one attempt: aborts when the caller cancels or the attempt exceeds `timeoutMs`.
 * `timedOut()` tells the two apart after the fact.
 */
export function attemptSignal(
  signal: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('attempt timed out', 'TimeoutError'));
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
