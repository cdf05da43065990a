import { describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { providerError } from './errors.ts';
import { acceptedRetry, noRetry, retryPolicy, withRetry } from './retry.ts';

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const rateLimited = (retryAfterMs?: number) =>
  providerError('rate_limited', 'slow down', { provider: 'fal', retryable: true, retryAfterMs });
const unavailable = () =>
  providerError('provider_unavailable', 'down', { provider: 'fal', status: 500, retryable: true });
const badRequest = () =>
  providerError('invalid_request', 'no', { provider: 'fal', retryable: false });

describe('withRetry', () => {
  test('honours Retry-After, else backs off exponentially', async () => {
    const { waits, sleep } = recorder();
    const errors = [rateLimited(1500), rateLimited(), rateLimited()];
    let calls = 0;
    const result = await withRetry(
      'fal',
      retryPolicy({ maxRetries: 3, initialDelayMs: 100, sleep }),
      undefined,
      async () => {
        const e = errors[calls++];
        if (e) throw e;
        return 'ok';
      },
    );
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

describe('withRetry within a window (a job the provider accepted)', () => {
  /** Fails `failures` times, then answers. */
  function flaky(failures: number, error = unavailable) {
    let calls = 0;
    const attempt = async () => {
      if (calls++ < failures) throw error();
      return 'ok';
    };
    return { attempt, calls: () => calls };
  }

  test('goes on past maxRetries while the window lasts', async () => {
    const { waits, sleep } = recorder();
    const run = flaky(6);
    const policy = acceptedRetry(
      retryPolicy({ maxRetries: 2, initialDelayMs: 100, sleep, random: () => 0 }),
      60_000,
    );
    expect(await withRetry('fal', policy, undefined, run.attempt)).toBe('ok');
    expect(run.calls()).toBe(7);
    // Exponential, at the least of its jitter (half of 100, 200, 400…).
    expect(waits).toEqual([50, 100, 200, 400, 800, 1600]);
  });

  test('jitter keeps each wait between half the backoff and all of it', async () => {
    for (const random of [0, 0.5, 0.999]) {
      const { waits, sleep } = recorder();
      await withRetry(
        'fal',
        acceptedRetry(retryPolicy({ initialDelayMs: 1000, sleep, random: () => random }), 60_000),
        undefined,
        flaky(3).attempt,
      );
      [1000, 2000, 4000].forEach((backoff, i) => {
        expect(waits[i]).toBeGreaterThanOrEqual(backoff / 2);
        expect(waits[i]).toBeLessThanOrEqual(backoff);
      });
    }
  });

  test('every wait is capped, Retry-After included, and honoured below the cap', async () => {
    const { waits, sleep } = recorder();
    const errors = [
      rateLimited(120_000),
      rateLimited(1_500),
      unavailable(),
      unavailable(),
      unavailable(),
    ];
    let calls = 0;
    const policy = acceptedRetry(
      retryPolicy({
        initialDelayMs: 10_000,
        maxDelayMs: 30_000,
        maxRetryAfterMs: 10_000,
        sleep,
        random: () => 0,
      }),
      10 * 60_000,
    );
    const result = await withRetry('fal', policy, undefined, async () => {
      const e = errors[calls++];
      if (e) throw e;
      return 'ok';
    });
    expect(result).toBe('ok');
    // From the third wait the backoff (40 s, 80 s…) is capped at 30 s before its jitter.
    expect(waits).toEqual([30_000, 1_500, 15_000, 15_000, 15_000]);
  });

  test('gives up when the window is spent, the last wait ending at its end', async () => {
    const { waits, sleep } = recorder();
    const run = flaky(Infinity);
    const policy = acceptedRetry(
      retryPolicy({ initialDelayMs: 100, sleep, random: () => 0 }),
      1_000,
    );
    await expect(withRetry('fal', policy, undefined, run.attempt)).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { status: 500 },
    });
    expect(waits).toEqual([50, 100, 200, 400, 250]);
    expect(run.calls()).toBe(6);
  });

  test('errors that are not retryable still stop at once', async () => {
    const { waits, sleep } = recorder();
    const run = flaky(1, badRequest);
    await expect(
      withRetry('fal', acceptedRetry(retryPolicy({ sleep }), 60_000), undefined, run.attempt),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(run.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  test('noRetry makes one attempt, window or not', async () => {
    const { sleep } = recorder();
    const run = flaky(1);
    await expect(
      withRetry(
        'fal',
        noRetry(acceptedRetry(retryPolicy({ sleep }), 60_000)),
        undefined,
        run.attempt,
      ),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(run.calls()).toBe(1);
  });
});
