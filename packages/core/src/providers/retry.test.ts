import { describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { providerError } from './errors.ts';
import { retryPolicy, withRetry } from './retry.ts';

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const rateLimited = (retryAfterMs?: number) => providerError('rate_limited', 'slow down', { provider: 'fal', retryable: true, retryAfterMs });
const badRequest = () => providerError('invalid_request', 'no', { provider: 'fal', retryable: false });

describe('withRetry', () => {
  test('honours Retry-After, else backs off exponentially', async () => {
    const { waits, sleep } = recorder();
    const errors = [rateLimited(1500), rateLimited(), rateLimited()];
    let calls = 0;
    const result = await withRetry('fal', retryPolicy({ maxRetries: 3, initialDelayMs: 100, sleep }), undefined, async () => {
      const e = errors[calls++];
      if (e) throw e;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(waits).toEqual([1500, 200, 400]);
  });

  test('does not retry errors that are not retryable', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry('fal', retryPolicy({ sleep }), undefined, async () => {
        calls++;
        throw badRequest();
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  test('gives up after maxRetries and surfaces the last error', async () => {
    const { sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry('fal', retryPolicy({ maxRetries: 2, sleep }), undefined, async () => {
        calls++;
        throw rateLimited();
      }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    expect(calls).toBe(3);
  });

  test('a Retry-After beyond the limit is surfaced, not waited out', async () => {
    const { waits, sleep } = recorder();
    await expect(
      withRetry('fal', retryPolicy({ maxRetryAfterMs: 10_000, sleep }), undefined, async () => {
        throw rateLimited(120_000);
      }),
    ).rejects.toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 120_000 } });
    expect(waits).toEqual([]);
  });

  test('an abort during the back-off wait cancels', async () => {
    const controller = new AbortController();
    const sleep = async () => {
      controller.abort();
      throw new Error('aborted');
    };
    const error = await withRetry('fal', retryPolicy({ sleep }), controller.signal, async () => {
      throw rateLimited();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtelierError);
    expect(error).toMatchObject({ code: 'cancelled' });
  });
});
