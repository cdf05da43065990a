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

export async function withRetry<T>(
  provider: Provider,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 0; ; n++) {
    if (signal?.aborted) throw cancelledError(provider);
    try {
      return await attempt(n);
    } catch (error) {
      if (signal?.aborted) throw cancelledError(provider);
      if (!isRetryable(error) || n >= policy.maxRetries) throw error;
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** n);
      await policy.sleep(retryAfter ?? backoff, signal).catch(() => {
        throw cancelledError(provider);
      });
    }
  }
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
export function attemptSignal(signal: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
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
