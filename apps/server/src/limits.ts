import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * Where team mode's counters live. One process (the embedded database): in memory. Several
 * instances on one PostgreSQL (`DATABASE_URL`): in that database, through rate-limiter-flexible's
 * PostgreSQL store, so the instances share one budget: 20 requests a minute means 20 across the
 * team's instances, not 20 on each. The store keeps its own table (`atelier_rate_limits`, made
 * on first start, rows `<kind>:<key>`) on a small pool of its own: counting is one upsert per
 * request and never waits behind the job engine's queries.
 */

export interface RateLimit {
  /** Requests each token may make per window. */
  points: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { points: 600, windowSeconds: 60 };
/** Failed sign-ins allowed per client address and minute, so guessing costs the guesser. */
export const FAILED_ATTEMPTS_PER_MINUTE = 30;

export interface Limiters {
  /** Requests per API token (key: the token's id). */
  perToken: RateLimiterAbstract;
  /** Unknown or revoked tokens per client address. */
  failures: RateLimiterAbstract;
  /** Where the counts are kept. */
  store: 'memory' | 'postgres';
  close(): Promise<void>;
}

export const RATE_LIMIT_TABLE = 'atelier_rate_limits';

export interface LimitersOptions {
  limit?: RateLimit;
  /** A PostgreSQL URL: counts shared by every instance on that database. */
  databaseUrl?: string;
  /** Failed sign-ins allowed per address and minute (tests lower it). */
  failuresPerMinute?: number;
}

export async function createLimiters(opts: LimitersOptions = {}): Promise<Limiters> {
  const limit = opts.limit ?? DEFAULT_RATE_LIMIT;
  const token = { keyPrefix: 'token', points: limit.points, duration: limit.windowSeconds };
  const failed = {
    keyPrefix: 'failed',
    points: opts.failuresPerMinute ?? FAILED_ATTEMPTS_PER_MINUTE,
    duration: 60,
  };
  if (!opts.databaseUrl) {
    return {
      perToken: new RateLimiterMemory(token),
      failures: new RateLimiterMemory(failed),
      store: 'memory',
      close: () => Promise.resolve(),
    };
  }

  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  // An idle connection dropped by the server is replaced on the next query; without a listener
  // the pool's error event would end the process.
  pool.on('error', (error) => console.error(`[limits] PostgreSQL connection: ${error.message}`));
  try {
    const open = (options: typeof token) =>
      new Promise<RateLimiterPostgres>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          { ...options, storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE },
          (error?: Error) => (error ? reject(error) : resolve(limiter)),
        );
      });
    // One after the other: both create the same table if it is missing.
    const perToken = await open(token);
    const failures = await open(failed);
    return { perToken, failures, store: 'postgres', close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
