import {
  appendJobEvent,
  JOB_EVENTS_CHANNEL,
  jobEventPosition,
  jobEventsAfter,
  parseJobEventNote,
  type Database,
  type Db,
  type JobEventNote,
  type StoredJobEvent,
} from '@atelier/db';
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
 * Job events live in the database (packages/db job-events.ts), so every server process sharing
 * it sees every job's events, whichever process emitted them. A notifier only says "job X has
 * a new event": subscribers then read the rows, after the last number they saw of that job, so
 * each event reaches them once and in order even when a notification is late, doubled or lost.
 */

/** Wakes subscribers when a job has new events; 'resync' when some may have been missed. */
export type NoteListener = (note: JobEventNote | 'resync') => void;

export interface EventNotifier {
  /** Resolves once notifications will arrive, to a function that stops them. */
  subscribe(listener: NoteListener): Promise<() => void>;
  /** Called after this process stored an event. */
  announce(note: JobEventNote): void;
}

/** For a database only this process uses (PGlite): announcing is calling the listeners. */
export class InProcessNotifier implements EventNotifier {
  readonly #listeners = new Set<NoteListener>();

  subscribe(listener: NoteListener): Promise<() => void> {
    this.#listeners.add(listener);
    return Promise.resolve(() => this.#listeners.delete(listener));
  }

  announce(note: JobEventNote): void {
    for (const listener of this.#listeners) listener(note);
  }
}

/**
 * For PostgreSQL: a trigger announces every stored event (NOTIFY, delivered at commit) and one
 * LISTEN connection per process hears all of them, this process's own included.
 */
export class PostgresNotifier implements EventNotifier {
  readonly #listeners = new Set<NoteListener>();
  readonly #listen: NonNullable<Database['listen']>;
  #listening: Promise<unknown> | undefined;

  constructor(listen: NonNullable<Database['listen']>) {
    this.#listen = listen;
  }

  async subscribe(listener: NoteListener): Promise<() => void> {
    this.#listeners.add(listener);
    this.#listening ??= this.#listen(
      JOB_EVENTS_CHANNEL,
      (payload) => {
        const note = parseJobEventNote(payload);
        if (note) this.#dispatch(note);
      },
      // (Re)connected: anything announced while the connection was down was missed.
      () => this.#dispatch('resync'),
    ).catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    try {
      await this.#listening;
    } catch (error) {
      this.#listeners.delete(listener);
      throw error;
    }
    return () => this.#listeners.delete(listener);
  }

  announce(): void {
    // The database announces it.
  }

  #dispatch(note: JobEventNote | 'resync'): void {
    for (const listener of this.#listeners) listener(note);
  }
}

export function parseEventId(id: string): { jobId: string; seq: number } | undefined {
  const at = id.lastIndexOf(':');
  if (at <= 0) return undefined;
  const seq = Number(id.slice(at + 1));
  if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
  return { jobId: id.slice(0, at), seq };
}

export function toJobEvent(row: StoredJobEvent): JobEvent {
  return {
    ...(row.payload as unknown as JobEventInit),
    id: `${row.generationId}:${row.seq}`,
    jobId: row.generationId,
    seq: row.seq,
    at: row.createdAt.toISOString(),
  };
}

export class JobEventStore {
  readonly db: Db;
  readonly #notifier: EventNotifier;
  /** Per job, the last append this process started: its events are stored in emit order. */
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(db: Db, notifier: EventNotifier = new InProcessNotifier()) {
    this.db = db;
    this.#notifier = notifier;
  }

  /**
   * Stores an event of a job and announces it. Callers that do not wait (progress callbacks)
   * still get their events stored in order; a failure to store is logged, not thrown at them.
   */
  emit(jobId: string, init: JobEventInit): Promise<JobEvent | undefined> {
    const previous = this.#tails.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const row = await appendJobEvent(this.db, jobId, { ...init });
        this.#notifier.announce({ id: row.id, generationId: jobId, seq: row.seq });
        return toJobEvent(row);
      } catch (error) {
        console.error(`[jobs] ${jobId}: storing a ${init.type} event failed:`, error);
        return undefined;
      }
    });
    this.#tails.set(jobId, next);
    void next.then(() => {
      if (this.#tails.get(jobId) === next) this.#tails.delete(jobId);
    });
    return next;
  }

  /** Waits until every event emitted so far is stored (before the database closes). */
  async flush(): Promise<void> {
    while (this.#tails.size > 0) await Promise.allSettled([...this.#tails.values()]);
  }

  /** A job's stored events, oldest first. */
  async events(jobId: string): Promise<JobEvent[]> {
    return (await jobEventsAfter(this.db, [jobId])).map(toJobEvent);
  }

  /**
   * The stored events of `jobIds` and the position to resume after: that of `lastEventId` when
   * it names a stored event of one of these jobs, else 0 (the client has to resync).
   */
  async load(
    jobIds: readonly string[],
    lastEventId: string | undefined,
  ): Promise<{ rows: StoredJobEvent[]; from: number }> {
    const parsed = lastEventId === undefined ? undefined : parseEventId(lastEventId);
    const from =
      parsed && parsed.seq > 0 && jobIds.includes(parsed.jobId)
        ? ((await jobEventPosition(this.db, parsed.jobId, parsed.seq)) ?? 0)
        : 0;
    return { rows: await jobEventsAfter(this.db, jobIds), from };
  }

  /** Stored events of the jobs after position `afterId`, oldest first. */
  rowsAfter(jobIds: readonly string[], afterId: number): Promise<StoredJobEvent[]> {
    return jobEventsAfter(this.db, jobIds, afterId);
  }

  /** Stored events of the jobs after `lastEventId` (all of them when it is not stored). */
  async after(jobIds: readonly string[], lastEventId?: string): Promise<JobEvent[]> {
    const { rows, from } = await this.load(jobIds, lastEventId);
    return rows.filter((row) => row.id > from).map(toJobEvent);
  }

  /**
   * Calls `wake` when one of the jobs may have new events (with the event's ids, or none when
   * some may have been missed), until the returned function is called; resolves once
   * listening, so rows read after it miss nothing.
   */
  async listen(
    jobIds: readonly string[],
    wake: (note?: JobEventNote) => void,
  ): Promise<() => void> {
    const ids = new Set(jobIds);
    return this.#notifier.subscribe((note) => {
      if (note === 'resync') wake();
      else if (ids.has(note.generationId)) wake(note);
    });
  }
}
