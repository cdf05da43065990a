import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';

import { LeasedCounter, leaseBatch, type Counter } from './leased-limiter.ts';

/**
 * Where team mode's counters live. One process (the embedded database): in memory. Several
 * instances on one PostgreSQL (`DATABASE_URL`): in that database, through rate-limiter-flexible's
 * PostgreSQL store, so the instances share one budget: 20 requests a minute means 20 across the
 * team's instances, not 20 on each. The store keeps its own table (`atelier_rate_limits`, made
 * on first start, rows `<kind>:<key>`) on a small pool of its own, so counting never waits
 * behind the job engine's queries. Per-token points are leased in batches (leased-limiter.ts): one
 * upsert per fiftieth of the limit rather than one per request. Failed sign-ins are counted one by
 * one: they are rare, and a lockout must be exact.
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
  perToken: Counter;
  /** Unknown or revoked tokens per client address. */
  failures: Counter;
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
    await createTable(pool);
    const open = (options: typeof token) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
      });
    const perToken = new LeasedCounter(open(token), leaseBatch(limit.points));
    const failures = open(failed);
    return { perToken, failures, store: 'postgres', close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * The store's table (rate-limiter-flexible's own columns), made here rather than by the library:
 * instances starting together on a new database would race in CREATE TABLE IF NOT EXISTS, which
 * PostgreSQL does not serialise (42P07 / 42710). A transaction-scoped advisory lock does.
 */
async function createTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [RATE_LIMIT_TABLE]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
