import {
  AtelierError,
  type Catalog,
  type ModelSelection,
  type Provider,
  type ProviderSettings,
} from '@atelier/core';
import type { AssetStore, Database, Db, Generation } from '@atelier/db';
import { InProcessNotifier, JobEventStore, PostgresNotifier } from './events.ts';
import { Instance, type InstanceOptions } from './instances.ts';
import { abortTakenOver } from './running.ts';
import { InProcessQueue, type JobQueue, type QueuedJob } from './queue.ts';
import type { JobKind } from './requests.ts';
import { assetUrl } from './views.ts';

/**
 * What the parts of the job engine share (submit, run, ledger, cancel, resume, watch): the
 * database, the queue, the event log, and the jobs and reservations of this process.
 */

export interface JobEngineOptions {
  db: Db;
  assets: AssetStore;
  /** The catalog, or where to get the one in use each time (a catalog file applied meanwhile counts). */
  catalog: Catalog | (() => Catalog);
  /** Provider settings (keys, base URLs) used for a generation's owner. */
  settings?: ProviderSettings | ((ownerId: string) => ProviderSettings | Promise<ProviderSettings>);
  /** Defaults to an in-process queue with `concurrency`. */
  queue?: JobQueue;
  /** Concurrent jobs per provider, for the default queue (see DEFAULT_CONCURRENCY). */
  concurrency?: Partial<Record<string, number>>;
  /** Between status checks of a video operation. */
  pollIntervalMs?: number;
  /** Longest an image job may run before it fails with 'timeout'. */
  imageDeadlineMs?: number;
  /** Longest a video may take from its start request to a finished clip. */
  videoDeadlineMs?: number;
  /** With a shared queue: how often to look for cancellations made by other processes. */
  cancelCheckMs?: number;
  /** Turns an asset's content hash into the URL clients fetch it from. */
  assetUrl?: (sha256: string) => string;
  /**
   * The database's LISTEN (PostgreSQL's `Database.listen`): job events stored by other
   * processes then reach this one's subscribers as they happen. Without it, only this
   * process's own events wake subscribers, and others' are found every `cancelCheckMs`.
   */
  listen?: Database['listen'];
  /**
   * With a shared queue: this process's heartbeat and how soon a silent one's jobs are taken
   * over (see instances.ts). Defaults: a beat every 5 s, taken over after 30 s of silence.
   */
  instance?: InstanceOptions;
}

/**
 * What a handler run tells the queue: finished, handed back for another process to resume, or
 * taken over by another instance while this one was silent (theirs to finish; nothing to do).
 */
export type Outcome = 'done' | 'handed-over' | 'taken-over';

/** A job running in this process. */
export interface Running {
  ac: AbortController;
  /** Whether a request has reached the provider (decides release vs settle on failure). */
  sent: boolean;
  cancelRequested: boolean;
  /** Polling a stored video operation (another process could take over from here). */
  polling: boolean;
  /** Set by drain(): stop polling but leave the job running for the next process. */
  handOver: boolean;
  /**
   * Set when another instance took this job over while this one was silent (instances.ts): it
   * stops without writing anything, the outcome and the charge are the taker's.
   */
  takenOver: boolean;
  done: Promise<Outcome>;
}

/** How a job's reservation is closed: settled to what it cost, or released (nothing spent). */
export type Closing = { settle: number } | { release: true };

export class JobContext {
  readonly events: JobEventStore;
  readonly db: Db;
  readonly assets: AssetStore;
  readonly queue: JobQueue;
  readonly opts: JobEngineOptions;
  /** With a shared queue: this process's heartbeat and takeover sweeps. */
  readonly instance: Instance | undefined;
  /** Jobs running in this process, by generation id. */
  readonly running = new Map<string, Running>();
  /** Open reservations made by this process, so closing one needs no ledger lookup. */
  readonly reservations = new Map<string, string>();
  /** Set by drain(): no new submissions, and video polling is handed over. */
  draining = false;
  /** With a shared queue: the timer that looks for cancellations made elsewhere. */
  cancelWatch: NodeJS.Timeout | undefined;
  readonly #handle: (job: QueuedJob) => Promise<Outcome>;
  #started: Promise<void> | undefined;

  constructor(opts: JobEngineOptions, handle: (job: QueuedJob) => Promise<Outcome>) {
    this.opts = opts;
    this.db = opts.db;
    this.assets = opts.assets;
    this.queue = opts.queue ?? new InProcessQueue(opts.concurrency);
    this.events = new JobEventStore(
      opts.db,
      opts.listen ? new PostgresNotifier(opts.listen) : new InProcessNotifier(),
    );
    this.#handle = handle;
    this.instance = this.queue.shared
      ? new Instance(
          {
            db: opts.db,
            queue: this.queue,
            runHere: (job) =>
              handle(job).catch((error: unknown) =>
                console.error(`[jobs] ${job.generationId}:`, error),
              ),
            running: () => [...this.running.keys()],
            takenOver: (id) => {
              const state = this.running.get(id);
              if (state) abortTakenOver(state);
            },
          },
          opts.instance,
        )
      : undefined;
  }

  /** Starts the queue's workers (and, with a shared queue, the heartbeat first), once. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.instance?.start();
      await this.queue.start(async (job) => {
        const outcome = await this.#handle(job);
        // A shared queue retries a job whose handler fails: that is how a handed-over video
        // reaches the next process that polls. A job taken over from this (stalled) process
        // returns normally: failing it would fail the taker's attempt too (a retry keeps its id).
        // Completing it may mark the taker's attempt done early; should the taker die as well,
        // whoever takes over from it finds no attempt to retry and runs the job itself.
        if (outcome === 'handed-over' && this.queue.shared)
          throw new Error('handed over to another process');
      });
    })();
    return this.#started;
  }

  /** The catalog in use now: jobs price and plan with the latest applied catalog file. */
  get catalog(): Catalog {
    const c = this.opts.catalog;
    return typeof c === 'function' ? c() : c;
  }

  async settings(ownerId: string): Promise<ProviderSettings> {
    const s = this.opts.settings;
    return typeof s === 'function' ? s(ownerId) : (s ?? {});
  }

  assetUrl(sha256: string): string {
    return (this.opts.assetUrl ?? assetUrl)(sha256);
  }

  get pollIntervalMs(): number {
    return this.opts.pollIntervalMs ?? 5_000;
  }

  get cancelCheckMs(): number {
    return this.opts.cancelCheckMs ?? 1_000;
  }

  /** The exact route a job was planned on, with its owner's provider settings. */
  async selectionOf(row: Generation): Promise<ModelSelection> {
    return {
      model: row.modelId,
      provider: row.routeProvider as Provider,
      providerModelId: row.providerModelId,
      catalog: this.catalog,
      settings: await this.settings(row.ownerId),
    };
  }

  kindOf(row: Generation): JobKind {
    return this.catalog.get(row.modelId)?.modality ?? 'image';
  }

  /** The job's signal: aborted by a cancel or a hand-over, or when its deadline passes. */
  deadline(state: Running, kind: JobKind): AbortSignal {
    const ms =
      kind === 'video'
        ? (this.opts.videoDeadlineMs ?? 30 * 60_000)
        : (this.opts.imageDeadlineMs ?? 15 * 60_000);
    return AbortSignal.any([state.ac.signal, AbortSignal.timeout(ms)]);
  }
}

export function notFound(id: string): AtelierError {
  return new AtelierError('not_found', `No generation with id ${id}.`, { details: { id } });
}

/** Time spent in this server's queue. */
export function queueWait(row: Generation): number {
  return row.startedAt ? row.startedAt.getTime() - row.queuedAt.getTime() : 0;
}

export function clampMs(ms: number): number {
  return Math.min(2 ** 31 - 1, Math.max(0, Math.round(ms)));
}
