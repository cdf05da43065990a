import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * A shared counter taken in batches: each instance consumes `batch` points from the shared
 * store at once and spends them locally, so a request costs one database round trip in `batch`
 * instead of one each. The shared limit still holds across instances (a leased point is counted
 * in the store whether it is spent or not); near the end of a window, when a whole batch no
 * longer fits, the batch is given back and requests are counted one by one, so a single instance
 * still gets every point of its limit. The price of batching: points one instance leased and did
 * not spend (at most `batch - 1` each) are unavailable to the others until the window ends.
 */

/** What a per-token limiter needs: consume one point, rejecting with a `RateLimiterRes` when out. */
export interface Counter {
  consume(key: string): Promise<RateLimiterRes>;
}

interface Lease {
  /** Points left to spend locally. */
  left: number;
  /** End of the shared window the points were leased in (ms since epoch). */
  until: number;
  /** A whole batch no longer fitted in this window: count one by one until it ends. */
  single: boolean;
  /** Points leased in this batch. */
  batch: number;
}

/** Batch size for a limit: a fiftieth of it, so unspent leases strand at most 2% per instance. */
export function leaseBatch(points: number): number {
  return Math.max(1, Math.floor(points / 50));
}

export class LeasedCounter implements Counter {
  readonly #shared: RateLimiterAbstract;
  readonly #batch: number;
  readonly #leases = new Map<string, Lease>();
  /** One lease request per key at a time; concurrent requests wait for it instead of leasing too. */
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(shared: RateLimiterAbstract, batch: number) {
    this.#shared = shared;
    this.#batch = Math.max(1, Math.floor(batch));
  }

  async consume(key: string): Promise<RateLimiterRes> {
    for (;;) {
      const now = Date.now();
      const lease = this.#leases.get(key);
      if (lease && lease.until > now && lease.left > 0) {
        lease.left--;
        return new RateLimiterRes(lease.left, lease.until - now, lease.batch - lease.left);
      }
      const pending = this.#inFlight.get(key);
      if (pending) {
        await pending.catch(() => undefined);
        continue;
      }
      const single =
        this.#batch === 1 || (lease !== undefined && lease.until > now && lease.single);
      const taking = single ? this.#one(key) : this.#lease(key);
      this.#inFlight.set(key, taking);
      try {
        return await taking;
      } finally {
        this.#inFlight.delete(key);
        if (this.#leases.size > 10_000) this.#prune();
      }
    }
  }

  /** One point straight from the store (a batch did not fit, or batching is off). */
  #one(key: string): Promise<RateLimiterRes> {
    return this.#shared.consume(key, 1);
  }

  /** A batch: all of it counted in the store, one spent now, the rest kept here. */
  async #lease(key: string): Promise<RateLimiterRes> {
    const batch = this.#batch;
    let res: RateLimiterRes;
    try {
      res = await this.#shared.consume(key, batch);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // Not a whole batch left: give it back (the store counted it anyway) and count this
      // request alone; the rest of this window goes one by one.
      await this.#shared.reward(key, batch);
      this.#leases.set(key, {
        left: 0,
        until: Date.now() + error.msBeforeNext,
        single: true,
        batch: 0,
      });
      return this.#shared.consume(key, 1);
    }
    this.#leases.set(key, {
      left: batch - 1,
      until: Date.now() + res.msBeforeNext,
      single: false,
      batch,
    });
    return res;
  }

  #prune(): void {
    const now = Date.now();
    for (const [key, lease] of this.#leases) if (lease.until <= now) this.#leases.delete(key);
  }
}
