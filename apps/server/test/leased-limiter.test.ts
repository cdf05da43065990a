import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it, vi } from 'vitest';

import { LeasedCounter, leaseBatch } from '../src/leased-limiter.ts';

// The shared store here is rate-limiter-flexible's memory store, which counts like its PostgreSQL
// store (consume past the limit still counts, reward gives back); postgres.test.ts runs the
// real store with two instances.
function store(points: number, duration = 60) {
  const shared = new RateLimiterMemory({ points, duration });
  const consume = vi.spyOn(shared, 'consume');
  const reward = vi.spyOn(shared, 'reward');
  return { shared, consume, reward };
}

async function allowed(counters: LeasedCounter[], key: string, attempts: number) {
  let count = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      await counters[i % counters.length]?.consume(key);
      count++;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }
  return count;
}

describe('a limit leased in batches', () => {
  it('is a fiftieth of the limit, never less than one', () => {
    expect(leaseBatch(600)).toBe(12);
    expect(leaseBatch(20)).toBe(1);
    expect(leaseBatch(0)).toBe(1);
  });

  it('gives one instance every point of its limit with one store call per batch', async () => {
    const { shared, consume } = store(500);
    const counter = new LeasedCounter(shared, 10);
    expect(await allowed([counter], 'tok', 600)).toBe(500);
    // 50 batches, then per refused request: one refused batch and one refused single point
    // for the first, one refused single point for each after it.
    expect(consume.mock.calls.filter(([, points]) => points === 10)).toHaveLength(51);
    expect(consume.mock.calls.length).toBeLessThan(51 + 101);
    expect((await shared.get('tok'))?.consumedPoints).toBeGreaterThanOrEqual(500);
  });

  it('never lets two instances past the shared limit together', async () => {
    const { shared } = store(500);
    const a = new LeasedCounter(shared, 10);
    const b = new LeasedCounter(shared, 10);
    const count = await allowed([a, b], 'tok', 1_000);
    expect(count).toBeLessThanOrEqual(500);
    // Alternating requests spend what each leased: nothing is stranded in the end.
    expect(count).toBe(500);
  });

  it('counts one by one once a whole batch no longer fits, giving the batch back', async () => {
    const { shared, reward } = store(25);
    const other = new LeasedCounter(shared, 1);
    const counter = new LeasedCounter(shared, 10);
    expect(await allowed([other], 'tok', 18)).toBe(18); // 7 left: less than a batch
    expect(await allowed([counter], 'tok', 10)).toBe(7);
    expect(reward).toHaveBeenCalledWith('tok', 10);
    expect(await allowed([other], 'tok', 1)).toBe(0);
  });

  it('leases once for concurrent requests of one key', async () => {
    const { shared, consume } = store(500);
    const counter = new LeasedCounter(shared, 10);
    await Promise.all(Array.from({ length: 10 }, () => counter.consume('tok')));
    expect(consume).toHaveBeenCalledTimes(1);
    await counter.consume('tok');
    expect(consume).toHaveBeenCalledTimes(2);
  });

  it('leases anew when the window ends; unspent points of the old window are gone', async () => {
    const { shared, consume } = store(100, 1);
    const counter = new LeasedCounter(shared, 10);
    await counter.consume('tok');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await counter.consume('tok');
    expect(consume).toHaveBeenCalledTimes(2);
    expect((await shared.get('tok'))?.consumedPoints).toBe(10);
  });
});
