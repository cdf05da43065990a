import type { JobEvent, JobEventInit } from '@atelier/core/jobs';

// The event shapes and the status sets are core's (one definition for the API and its apps).
export {
  JOB_EVENT_TYPES,
  TERMINAL_STATUSES,
  type JobEvent,
  type JobEventAsset,
  type JobEventInit,
  type JobEventType,
} from '@atelier/core/jobs';

/**
 * Job events: every state change of a generation, numbered per job (`seq`) and kept in memory
 * so that a subscriber who reconnects with the id of the last event it saw gets exactly the
 * events that came after it, across all the jobs it watches.
 */

interface Stored {
  event: JobEvent;
  /** Position in the engine-wide order of events, for resuming across several jobs. */
  order: number;
}

interface JobLog {
  events: Stored[];
  nextSeq: number;
}

type Listener = (event: JobEvent, order: number) => void;

export interface EventLogOptions {
  /** Jobs whose events are kept; the oldest job is forgotten first. */
  maxJobs?: number;
  /** Events kept per job; older progress events are dropped first. */
  maxEventsPerJob?: number;
}

export function parseEventId(id: string): { jobId: string; seq: number } | undefined {
  const at = id.lastIndexOf(':');
  if (at <= 0) return undefined;
  const seq = Number(id.slice(at + 1));
  if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
  return { jobId: id.slice(0, at), seq };
}

export class JobEventLog {
  readonly #jobs = new Map<string, JobLog>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #maxJobs: number;
  readonly #maxEventsPerJob: number;
  #order = 0;

  constructor(opts: EventLogOptions = {}) {
    this.#maxJobs = opts.maxJobs ?? 10_000;
    this.#maxEventsPerJob = opts.maxEventsPerJob ?? 200;
  }

  emit(jobId: string, init: JobEventInit): JobEvent {
    let log = this.#jobs.get(jobId);
    if (!log) {
      log = { events: [], nextSeq: 1 };
      this.#jobs.set(jobId, log);
      this.#evict();
    }
    const seq = log.nextSeq++;
    const event: JobEvent = {
      id: `${jobId}:${seq}`,
      jobId,
      seq,
      at: new Date().toISOString(),
      ...init,
    };
    const order = ++this.#order;
    log.events.push({ event, order });
    if (log.events.length > this.#maxEventsPerJob) {
      // Drop the oldest progress event: state changes are what a late subscriber needs.
      const at = log.events.findIndex((s) => s.event.type === 'progress');
      log.events.splice(at >= 0 ? at : 0, 1);
    }
    for (const listener of this.#listeners.get(jobId) ?? []) listener(event, order);
    return event;
  }

  /** The events kept for a job, oldest first. */
  events(jobId: string): JobEvent[] {
    return (this.#jobs.get(jobId)?.events ?? []).map((s) => s.event);
  }

  /** The newest event kept for a job. */
  latest(jobId: string): JobEvent | undefined {
    return this.#jobs.get(jobId)?.events.at(-1)?.event;
  }

  has(jobId: string): boolean {
    return this.#jobs.has(jobId);
  }

  /**
   * Events of `jobIds` after `lastEventId`, in the order they happened. `found` is false when
   * that id is unknown here (another process, or forgotten): the caller then has to resync.
   */
  after(
    jobIds: readonly string[],
    lastEventId: string | undefined,
  ): { events: JobEvent[]; found: boolean; order: number } {
    let from = 0;
    let found = false;
    const parsed = lastEventId === undefined ? undefined : parseEventId(lastEventId);
    if (parsed) {
      const hit = this.#jobs.get(parsed.jobId)?.events.find((s) => s.event.seq === parsed.seq);
      if (hit && jobIds.includes(parsed.jobId)) {
        from = hit.order;
        found = true;
      }
    }
    const picked: Stored[] = [];
    for (const id of new Set(jobIds)) {
      for (const s of this.#jobs.get(id)?.events ?? []) if (s.order > from) picked.push(s);
    }
    picked.sort((a, b) => a.order - b.order);
    return { events: picked.map((s) => s.event), found, order: picked.at(-1)?.order ?? from };
  }

  /** Calls `listener` for every new event of the jobs until the returned function is called. */
  listen(jobIds: readonly string[], listener: Listener): () => void {
    const ids = [...new Set(jobIds)];
    for (const id of ids) {
      let set = this.#listeners.get(id);
      if (!set) this.#listeners.set(id, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const id of ids) {
        const set = this.#listeners.get(id);
        set?.delete(listener);
        if (set?.size === 0) this.#listeners.delete(id);
      }
    };
  }

  #evict(): void {
    for (const id of this.#jobs.keys()) {
      if (this.#jobs.size <= this.#maxJobs) break;
      if (this.#listeners.has(id)) continue; // someone is watching it
      this.#jobs.delete(id);
    }
  }
}
