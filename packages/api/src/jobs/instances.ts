import { hostname } from 'node:os';
import {
  claimOrphans,
  forgetDeadInstances,
  forgetInstance,
  heartbeat,
  newId,
  recordRunner,
  releaseRunner,
  runnersOf,
  takeOverJobs,
  type Db,
  type TakenJob,
} from '@atelier/db';
import type { JobQueue, QueuedJob } from './queue.ts';

/**
 * TAKEOVER: with a shared queue (PostgreSQL, pg-boss), every server instance records a
 * heartbeat in the `instances` table and which jobs it runs in `job_runners`. Each instance
 * also sweeps: the unfinished jobs of an instance silent for `staleAfterMs` are moved to the
 * sweeper in one UPDATE (so exactly one instance takes each), then handed back to pg-boss as a
 * failed attempt (pg-boss's own retry, as its expiry would after 45 minutes), and whichever
 * worker fetches the retry runs the job's handler, which applies the RESUME RULE (resume.ts):
 * a job still queued runs, a video with a stored operation is polled to its end, an image that
 * may have been billed is settled to its estimate. The ledger closes each reservation once, so
 * the job is charged once. A job the queue handed to a process that died before recording itself
 * has no runner row: the sweep also claims jobs pg-boss has held active for as long as a silent
 * instance may stay, that nobody records running, and hands them back the same way.
 *
 * pg-boss 10 has no worker heartbeat of its own (a dead worker's job waits for its expiry), so
 * the heartbeat is ours; the hand-back, the retry and the one-worker-per-job fetch are pg-boss's.
 */

export interface InstanceOptions {
  /** How often this instance records that it is alive. Default 5 s. */
  heartbeatMs?: number;
  /** Silence after which another instance takes this one's jobs over. Default 30 s. */
  staleAfterMs?: number;
  /** How often to look for silent instances. Default 5 s. */
  sweepMs?: number;
}

export const INSTANCE_DEFAULTS: Required<InstanceOptions> = {
  heartbeatMs: 5_000,
  staleAfterMs: 30_000,
  sweepMs: 5_000,
};

export interface InstanceParts {
  db: Db;
  queue: JobQueue;
  /** Runs a taken job here when the queue has no attempt of it to hand back. */
  runHere: (job: QueuedJob) => Promise<unknown>;
  /** Ids of the jobs running in this process. */
  running: () => string[];
  /** Stops a job here that another instance took over while this one was silent. */
  takenOver: (generationId: string) => void;
}

/** This server process among those sharing the job queue. */
export class Instance {
  readonly id = newId();
  readonly #db: Db;
  readonly #parts: InstanceParts;
  readonly #opts: Required<InstanceOptions>;
  #timers: NodeJS.Timeout[] = [];
  #sweeping: Promise<void> | undefined;

  constructor(parts: InstanceParts, opts: InstanceOptions = {}) {
    this.#db = parts.db;
    this.#parts = parts;
    this.#opts = { ...INSTANCE_DEFAULTS, ...definedOnly(opts) };
    if (this.#opts.staleAfterMs < 2 * this.#opts.heartbeatMs)
      throw new Error('staleAfterMs must be at least twice heartbeatMs.');
  }

  /** Registers this instance (before it takes any job), then beats and sweeps until stopped. */
  async start(): Promise<void> {
    await this.#beat();
    this.#timers = [
      setInterval(() => {
        this.#beat().catch((error: unknown) => console.error('[jobs] heartbeat:', error));
      }, this.#opts.heartbeatMs),
      setInterval(() => void this.sweep(), this.#opts.sweepMs),
    ];
    for (const t of this.#timers) t.unref();
    void this.sweep();
  }

  /**
   * Stops beating and sweeping without leaving: what a crash leaves behind (others take this
   * instance's jobs over once it has been silent long enough). `leave()` is the graceful stop.
   */
  stop(): void {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
  }

  /** Stops and removes this instance; call once its jobs have ended or been handed back. */
  async leave(): Promise<void> {
    this.stop();
    await this.#sweeping;
    await forgetInstance(this.#db, this.id);
  }

  /**
   * Records that a job runs here (before its handler touches it). A failure is thrown, not
   * logged: a job running without its runner row looks orphaned to the other instances, which
   * would take it over while it runs. The queue retries the job instead.
   */
  async runs(generationId: string): Promise<void> {
    await recordRunner(this.#db, generationId, this.id);
  }

  /** The job's handler has returned here. */
  async ran(generationId: string): Promise<void> {
    await releaseRunner(this.#db, generationId, this.id).catch((error: unknown) =>
      console.error(`[jobs] ${generationId}: releasing its runner:`, error),
    );
  }

  /** Takes over the jobs of silent instances (one sweep; timers call it, tests may too). */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweep()
      .catch((error: unknown) => console.error('[jobs] takeover sweep:', error))
      .finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweep(): Promise<void> {
    const staleSeconds = this.#opts.staleAfterMs / 1000;
    const taken = await takeOverJobs(this.#db, this.id, staleSeconds);
    for (const job of taken) await this.#handBack(job, 'its instance stopped heartbeating');
    // A process that died after the queue handed it a job but before it recorded itself left no
    // runner row to take over: the queue still holds the job active. Once that has lasted as
    // long as a silent instance may, nobody runs it.
    const active = (await this.#parts.queue.activeLongerThan?.(staleSeconds)) ?? [];
    const here = new Set(this.#parts.running());
    const orphans = await claimOrphans(
      this.#db,
      this.id,
      active.filter((j) => !here.has(j.generationId)).map((j) => j.generationId),
    );
    for (const job of orphans) {
      await this.#handBack(job, 'the instance it was handed to stopped before recording it');
    }
    await forgetDeadInstances(this.#db, staleSeconds);
  }

  async #handBack(job: TakenJob, why: string): Promise<void> {
    const queued: QueuedJob = { generationId: job.generationId, provider: job.provider };
    console.warn(`[jobs] ${job.generationId}: ${why}; taking it over`);
    const handed = (await this.#parts.queue.retryAbandoned?.(queued, why)) ?? false;
    // No attempt left in the queue to retry (finished there, or never queued): run it here.
    if (!handed) void this.#parts.runHere(queued);
  }

  /**
   * Records that this instance is alive. An instance that was only stalled (not dead) finds
   * here the jobs others took over meanwhile, and stops them without writing anything.
   */
  async #beat(): Promise<void> {
    await heartbeat(this.#db, { id: this.id, host: hostname(), pid: process.pid });
    const ids = this.#parts.running();
    if (ids.length === 0) return;
    const runners = await runnersOf(this.#db, ids);
    for (const id of ids) {
      const runner = runners.get(id);
      if (runner !== undefined && runner !== this.id) this.#parts.takenOver(id);
    }
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
