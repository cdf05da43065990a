/**
 * The queue between `submit` and the workers. It carries only generation ids: the database row
 * is the job's truth (status, parameters, reservation), so a queue entry that turns out to be
 * cancelled or already finished is simply skipped by the handler.
 */

export interface QueuedJob {
  generationId: string;
  /** The route's provider: each provider has its own concurrency limit. */
  provider: string;
}

export type JobHandler = (job: QueuedJob) => Promise<void>;

export interface JobQueue {
  /**
   * True when the queue lives in the database and several server processes share it: jobs
   * survive a crash of the process that queued them and may run in another process.
   */
  readonly shared: boolean;
  start(handler: JobHandler): Promise<void>;
  enqueue(job: QueuedJob): Promise<void>;
  /** Stops taking jobs and waits for the running handlers; queued jobs stay queued. */
  drain(): Promise<void>;
  /**
   * A shared queue's attempt of a job whose process died (its instance stopped heartbeating,
   * see instances.ts) goes back to the queue now, for one worker anywhere to run. False when
   * the queue holds no unfinished attempt of it. `reason` is recorded on the failed attempt.
   */
  retryAbandoned?(job: QueuedJob, reason: string): Promise<boolean>;
  /** Jobs a worker (of any process) fetched over `seconds` ago and has not finished. */
  activeLongerThan?(seconds: number): Promise<QueuedJob[]>;
}

export const DEFAULT_CONCURRENCY: Readonly<Record<string, number>> = {
  openai: 4,
  google: 4,
  vertex: 2,
  fal: 8,
  bfl: 8,
};
const FALLBACK_CONCURRENCY = 4;

export function concurrencyFor(limits: Partial<Record<string, number>>, provider: string): number {
  return Math.max(1, limits[provider] ?? DEFAULT_CONCURRENCY[provider] ?? FALLBACK_CONCURRENCY);
}

interface Lane {
  waiting: QueuedJob[];
  running: number;
}

/**
 * In-process FIFO per provider, for the embedded database (one process owns the data folder).
 * Nothing here survives a restart; the engine's `resume()` re-queues from the database.
 */
export class InProcessQueue implements JobQueue {
  readonly shared = false;
  readonly #limits: Partial<Record<string, number>>;
  readonly #lanes = new Map<string, Lane>();
  /** Ids waiting or running, so a job queued twice (submit, then resume) runs once. */
  readonly #known = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #handler: JobHandler | undefined;
  #draining = false;

  constructor(concurrency: Partial<Record<string, number>> = {}) {
    this.#limits = concurrency;
  }

  async start(handler: JobHandler): Promise<void> {
    this.#handler = handler;
    this.#draining = false;
    for (const provider of this.#lanes.keys()) this.#pump(provider);
  }

  async enqueue(job: QueuedJob): Promise<void> {
    if (this.#draining || this.#known.has(job.generationId)) return;
    this.#known.add(job.generationId);
    this.#lane(job.provider).waiting.push(job);
    this.#pump(job.provider);
  }

  /** Jobs waiting for a slot (all providers). */
  get waiting(): number {
    let n = 0;
    for (const lane of this.#lanes.values()) n += lane.waiting.length;
    return n;
  }

  async drain(): Promise<void> {
    this.#draining = true;
    for (const lane of this.#lanes.values()) {
      for (const job of lane.waiting) this.#known.delete(job.generationId);
      lane.waiting.length = 0;
    }
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #lane(provider: string): Lane {
    let lane = this.#lanes.get(provider);
    if (!lane) this.#lanes.set(provider, (lane = { waiting: [], running: 0 }));
    return lane;
  }

  #pump(provider: string): void {
    const handler = this.#handler;
    if (!handler || this.#draining) return;
    const lane = this.#lane(provider);
    const limit = concurrencyFor(this.#limits, provider);
    while (lane.running < limit) {
      const job = lane.waiting.shift();
      if (!job) return;
      lane.running += 1;
      const run = handler(job)
        .catch((error: unknown) => {
          // The handler records failures on the job itself; reaching here is a bug.
          console.error(`[jobs] ${job.generationId}:`, error);
        })
        .finally(() => {
          lane.running -= 1;
          this.#known.delete(job.generationId);
          this.#inFlight.delete(run);
          this.#pump(provider);
        });
      this.#inFlight.add(run);
    }
  }
}
