import { z } from 'zod';
import { matchesRequest, type RecordedRequest, type RequestMatch } from './http/types.ts';

/**
 * How slow an emulator is. `requestMs` delays every answer. The other fields shape the life of
 * a queued job (fal request, BFL task, Vertex operation): it stays queued for `queuedPolls`
 * status polls and at least `queuedMs`, then running for `runningPolls` more polls and at least
 * `runningMs`, then completes. Polls and time both have to be used up, so `{ queuedPolls: 0,
 * runningPolls: 0 }` completes on the first poll and `{ runningMs: 2000 }` after two seconds.
 */
export const LatencySchema = z
  .object({
    requestMs: z.number().min(0).optional(),
    queuedPolls: z.number().int().min(0).optional(),
    runningPolls: z.number().int().min(0).optional(),
    queuedMs: z.number().min(0).optional(),
    runningMs: z.number().min(0).optional(),
  })
  .strict();
export type Latency = z.infer<typeof LatencySchema>;
/** A number is shorthand for `{ requestMs }`. */
export type LatencyInput = number | Latency;

export type ResolvedLatency = Required<Latency>;

export interface LatencyOverrideOptions {
  /** How many matching requests (or jobs) the override applies to (default Infinity). */
  times?: number;
  match?: RequestMatch;
}

export function parseLatency(input: LatencyInput): Latency {
  const value = typeof input === 'number' ? { requestMs: input } : input;
  const parsed = LatencySchema.safeParse(value);
  if (!parsed.success) {
    throw new TypeError(
      `Invalid latency: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

interface Override {
  latency: Latency;
  remaining: number;
  match?: RequestMatch;
}

/** The default latency of a server plus per-request overrides, taken in order. */
export class LatencyPlan {
  #base: ResolvedLatency;
  readonly #initial: ResolvedLatency;
  #overrides: Override[] = [];

  constructor(defaults: ResolvedLatency, initial?: LatencyInput) {
    this.#initial = { ...defaults, ...(initial === undefined ? {} : parseLatency(initial)) };
    this.#base = { ...this.#initial };
  }

  set(input: LatencyInput, options?: LatencyOverrideOptions): void {
    const latency = parseLatency(input);
    if (!options) {
      this.#base = { ...this.#base, ...latency };
      return;
    }
    const times = options.times ?? Infinity;
    if (!(times > 0)) throw new TypeError('latency override times must be positive');
    this.#overrides.push({
      latency,
      remaining: times,
      ...(options.match ? { match: options.match } : {}),
    });
  }

  /** Latency for one request; consumes one use of the first matching override. */
  resolve(request: RecordedRequest): ResolvedLatency {
    const override = this.#overrides.find(
      (o) => o.remaining > 0 && matchesRequest(o.match, request),
    );
    if (!override) return { ...this.#base };
    override.remaining -= 1;
    if (override.remaining <= 0) this.#overrides.splice(this.#overrides.indexOf(override), 1);
    return { ...this.#base, ...override.latency };
  }

  reset(): void {
    this.#base = { ...this.#initial };
    this.#overrides = [];
  }
}

export type JobPhase = 'queued' | 'running' | 'completed';

/** Progress of one queued job, advanced by status polls and by time. */
export class JobClock {
  readonly createdAt = Date.now();
  #polls = 0;

  constructor(private readonly latency: ResolvedLatency) {}

  /** Counts a status poll and returns the phase it observes. */
  poll(): JobPhase {
    this.#polls += 1;
    return this.phase();
  }

  phase(now = Date.now()): JobPhase {
    const elapsed = now - this.createdAt;
    const { queuedPolls, runningPolls, queuedMs, runningMs } = this.latency;
    if (this.#polls <= queuedPolls || elapsed < queuedMs) return 'queued';
    if (this.#polls <= queuedPolls + runningPolls || elapsed < queuedMs + runningMs)
      return 'running';
    return 'completed';
  }

  /** Polls left before the job leaves the queue (0 once it has), a stand-in for queue position. */
  queuePosition(): number {
    return Math.max(0, this.latency.queuedPolls - this.#polls);
  }

  /** Fraction of the running phase done, for providers that report progress. */
  progress(now = Date.now()): number {
    const phase = this.phase(now);
    if (phase === 'completed') return 1;
    if (phase === 'queued') return 0;
    const { queuedPolls, runningPolls, queuedMs, runningMs } = this.latency;
    const byPolls = runningPolls > 0 ? (this.#polls - queuedPolls) / (runningPolls + 1) : 1;
    const byTime = runningMs > 0 ? (now - this.createdAt - queuedMs) / runningMs : 1;
    return Math.round(Math.max(0, Math.min(0.99, Math.min(byPolls, byTime))) * 100) / 100;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
