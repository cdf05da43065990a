import PgBoss from 'pg-boss';
import {
  concurrencyFor,
  DEFAULT_CONCURRENCY,
  type JobHandler,
  type JobQueue,
  type QueuedJob,
} from './queue.ts';

/**
 * The shared queue for PostgreSQL, on pg-boss: several server processes pointed at one database
 * each run workers on the same queues (one per provider). pg-boss hands every job to one worker
 * (SKIP LOCKED), so a generation runs in one process; the per-provider limit applies per process.
 *
 * A job whose process dies is failed by the instance that notices the silence (instances.ts,
 * `retryAbandoned`), or else by pg-boss at its expiry, and pg-boss retries it in whichever
 * process polls first; the engine's handler sees the generation still `running` and applies the
 * resume rule (see resume.ts). Handlers never throw: failures are recorded on the generation.
 */

export interface PgBossQueueOptions {
  connectionString: string;
  concurrency?: Partial<Record<string, number>>;
  /** Providers to work on besides the defaults (every provider a job may be queued for). */
  providers?: readonly string[];
  /** How often idle workers look for jobs queued by other processes (≥ 0.5 s). */
  pollingIntervalSeconds?: number;
  /**
   * Longest a job may stay active before pg-boss hands it to another process. Keep it above
   * the engine's own job deadline, so only a dead process's job is ever taken over.
   */
  expireInSeconds?: number;
  schema?: string;
}

const QUEUE_PREFIX = 'atelier-generate-';

export class PgBossQueue implements JobQueue {
  readonly shared = true;
  readonly #boss: PgBoss;
  readonly #opts: PgBossQueueOptions;
  readonly #providers: string[];
  readonly #workers = new Map<string, string[]>();
  readonly #inFlight = new Set<Promise<void>>();
  #started: Promise<void> | undefined;

  constructor(opts: PgBossQueueOptions) {
    this.#opts = opts;
    this.#providers = [
      ...new Set([
        ...Object.keys(DEFAULT_CONCURRENCY),
        ...Object.keys(opts.concurrency ?? {}),
        ...(opts.providers ?? []),
      ]),
    ];
    this.#boss = new PgBoss({
      connectionString: opts.connectionString,
      schema: opts.schema ?? 'pgboss',
      application_name: 'atelier-jobs',
    });
    this.#boss.on('error', (error) => console.error('[jobs] pg-boss:', error.message));
  }

  start(handler: JobHandler): Promise<void> {
    this.#started ??= this.#start(handler);
    return this.#started;
  }

  async #start(handler: JobHandler): Promise<void> {
    await this.#boss.start();
    for (const provider of this.#providers) {
      const name = QUEUE_PREFIX + provider;
      await this.#ensureQueue(name);
      const ids: string[] = [];
      for (let i = 0; i < concurrencyFor(this.#opts.concurrency ?? {}, provider); i++) {
        ids.push(
          await this.#boss.work<QueuedJob>(
            name,
            { batchSize: 1, pollingIntervalSeconds: this.#opts.pollingIntervalSeconds ?? 1 },
            async ([job]) => {
              if (!job) return;
              const run = handler(job.data);
              this.#inFlight.add(run);
              try {
                await run;
              } finally {
                this.#inFlight.delete(run);
              }
            },
          ),
        );
      }
      this.#workers.set(provider, ids);
    }
  }

  /**
   * Creates the queue unless it exists. Processes starting together race to create it (pg-boss
   * makes a table per queue, and concurrent DDL can deadlock), so a failure is followed by a
   * look: if another process made the queue, that is as good.
   */
  async #ensureQueue(name: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (await this.#boss.getQueue(name)) return;
      try {
        await this.#boss.createQueue(name, {
          name,
          // Every retry is a hand-over or a takeover after a dead process, never a failed job.
          retryLimit: 20,
          retryDelay: 1,
          expireInSeconds: this.#opts.expireInSeconds ?? 45 * 60,
        });
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      }
    }
  }

  async enqueue(job: QueuedJob): Promise<void> {
    if (!this.#started) throw new Error('The job queue is not started.');
    await this.#started;
    if (!this.#workers.has(job.provider)) throw new Error(`No queue for provider ${job.provider}.`);
    // The generation id as the job id: queuing the same generation twice is a no-op.
    await this.#boss.send(QUEUE_PREFIX + job.provider, job, { id: uuidOf(job.generationId) });
    // Wake one local worker now rather than at its next poll.
    const ids = this.#workers.get(job.provider) ?? [];
    const id = ids[Math.floor(Math.random() * ids.length)];
    if (id) this.#boss.notifyWorker(id);
  }

  /** pg-boss's own retry: the dead worker's attempt is failed, and its retry is fetched by one worker. */
  async retryAbandoned(job: QueuedJob, reason: string): Promise<boolean> {
    if (!this.#started) throw new Error('The job queue is not started.');
    await this.#started;
    const name = QUEUE_PREFIX + job.provider;
    const id = uuidOf(job.generationId);
    const result = (await this.#boss.fail(name, id, { reason })) as unknown as
      { affected?: number } | undefined;
    if ((result?.affected ?? 0) === 0) return false;
    // Out of retries, pg-boss records it failed instead: nobody would fetch it.
    return (await this.#boss.getJobById(name, id))?.state === 'retry';
  }

  /**
   * Jobs in pg-boss's `active` state for over `seconds` (`started_on` is set at each fetch), read
   * from pg-boss's job table: pg-boss 10 has no call that lists them.
   */
  async activeLongerThan(seconds: number): Promise<QueuedJob[]> {
    if (!this.#started) return [];
    await this.#started;
    const schema = this.#opts.schema ?? 'pgboss';
    const { rows } = await this.#boss
      .getDb()
      .executeSql(
        `SELECT data FROM ${schema}.job WHERE state = 'active' AND name LIKE $1 ` +
          `AND started_on < now() - make_interval(secs => $2)`,
        [`${QUEUE_PREFIX}%`, seconds],
      );
    return rows.flatMap((row: { data?: unknown }) => {
      const job = row.data as Partial<QueuedJob> | undefined;
      return typeof job?.generationId === 'string' && typeof job.provider === 'string'
        ? [{ generationId: job.generationId, provider: job.provider }]
        : [];
    });
  }

  async drain(): Promise<void> {
    if (!this.#started) return;
    await this.#started.catch(() => undefined);
    for (const provider of this.#workers.keys()) await this.#boss.offWork(QUEUE_PREFIX + provider);
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }
}

/**
 * pg-boss job ids are UUIDs; a generation id (a ULID, 128 bits in Crockford base32) maps onto
 * exactly one, so a duplicate send is refused by pg-boss's primary key.
 */
export function uuidOf(ulid: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = 0n;
  for (const ch of ulid.toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`Not a ULID: ${ulid}`);
    n = n * 32n + BigInt(v);
  }
  const hex = (n & ((1n << 128n) - 1n)).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
