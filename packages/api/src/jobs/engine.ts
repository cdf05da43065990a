import { setTimeout as sleep } from 'node:timers/promises';
import {
  AtelierError,
  generateImages,
  imageModel,
  isAtelierError,
  isRetryable,
  parseInput,
  Provider,
  selectRoute,
  videoModel,
  videoModelFor,
  estimate,
  type Catalog,
  type CostRange,
  type ImageResult,
  type ProgressEvent,
  type ProviderSettings,
  type VideoModel,
  type VideoOperation,
  type VideoResult,
  type Warning,
} from '@atelier/core';
import {
  outputStatements,
  closingStatement,
  createGenerations,
  getGeneration,
  getOperation,
  inputRefs,
  ledgerForGeneration,
  linkInputs,
  listAssets,
  newId,
  recordPoll,
  release,
  reserveMany,
  schema,
  settle,
  updateGeneration,
  upsertOperation,
  type AssetStore,
  type Db,
  type Generation,
  type InputRef,
  type OutputInput,
  type UpdateGenerationInput,
} from '@atelier/db';
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { providerMayHaveCharged } from './charges.ts';
import {
  JobEventLog,
  TERMINAL_STATUSES,
  type JobEvent,
  type JobEventAsset,
  type JobEventInit,
} from './events.ts';
import { InProcessQueue, type JobQueue, type QueuedJob } from './queue.ts';
import { JobInputs, loadInputFields, resolveInputs, type ResolvedInput } from './job-inputs.ts';
import { Id, jsonWithoutNul, ModelName, Prompt } from './inputs.ts';
import { assetUrl } from './views.ts';
import { imageRequestOf, videoRequestOf, type JobKind } from './requests.ts';
import { planSubmission, type Submission } from './plan.ts';

/**
 * The job engine: turns "this prompt through these models" into persistent generations, runs
 * them on a queue with per-provider limits, streams their events, and keeps the spend ledger
 * honest whatever happens (success, failure, cancel, crash).
 *
 * Money: each accepted model reserves its high estimate before anything is sent. The
 * reservation is settled to the actual cost on success. On failure or cancellation it is
 * released only when the provider cannot have charged (see charges.ts); otherwise it is settled
 * to the expected estimate, because an unknown charge must still count against the budget.
 *
 * RESUME RULE (after a crash or restart, see `resume()`):
 * - a `queued` generation runs again from the start (nothing was sent);
 * - a video generation with a stored provider operation keeps polling that operation, so the
 *   clip is fetched, recorded and charged once, however many times the process restarts;
 * - any other generation that was `running` (an image, or a video whose start request may have
 *   gone out) becomes `interrupted` and its reservation is settled to the estimate: the provider
 *   may have done, and billed, the work, and there is no handle to fetch its result with;
 * - a finished generation whose reservation was left open is closed (actual cost when known).
 */

export type { CostRange };

export interface JobEngineOptions {
  db: Db;
  assets: AssetStore;
  catalog: Catalog;
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
}

export const SubmitInput = z
  .object({
    ownerId: Id,
    tokenId: Id.optional(),
    kind: z.enum(['image', 'video']),
    prompt: Prompt,
    models: z.array(ModelName).min(1, 'name at least one model').max(16),
    /** Pin a provider per model (keyed as written in `models`). */
    providers: z.record(ModelName, Provider).optional(),
    params: z
      .record(z.string(), z.unknown())
      .refine(jsonWithoutNul, 'must not contain NUL characters')
      .optional(),
    /** One model's settings instead of `params`, keyed as written in `models`. */
    modelParams: z
      .record(ModelName, z.record(z.string(), z.unknown()))
      .refine(jsonWithoutNul, 'must not contain NUL characters')
      .optional(),
    batchId: Id.optional(),
    /** Uploaded images given to every model (see job-inputs.ts). */
    inputs: JobInputs.optional(),
  })
  .strict();
export type SubmitInput = z.input<typeof SubmitInput>;

export type SubmittedJob =
  | {
      status: 'queued';
      model: string;
      generationId: string;
      modelId: string;
      provider: string;
      providerModelId: string;
      estimate: CostRange;
      reservedMicros: number;
      warnings: Warning[];
    }
  | {
      status: 'refused';
      model: string;
      error: { code: string; message: string; hint?: string; field?: string };
    };

export interface SubmitResult {
  batchId: string;
  jobs: SubmittedJob[];
}

export interface ResumeReport {
  requeued: number;
  interruptedOrPolled: number;
  closedReservations: number;
}

export interface WatchOptions {
  lastEventId?: string;
  signal?: AbortSignal;
}

export interface JobEngine {
  readonly events: JobEventLog;
  /** The one plan of a submission (core's planner with the owner's keys and inputs). */
  plan(submission: Submission): Promise<Plan>;
  /** Queues exactly what `plan` says for the same input. */
  submit(input: SubmitInput): Promise<SubmitResult>;
  /** Cancels a queued or running generation; returns the row as it ends up. */
  cancel(id: string): Promise<Generation>;
  /** Re-queues unfinished work after a start-up (see the resume rule above). */
  resume(): Promise<ResumeReport>;
  /** Stops taking work and waits for running jobs; video polling is handed over, not waited for. */
  drain(): Promise<void>;
  /** Events of the given jobs, resuming after `lastEventId`; ends when every job has finished. */
  watch(ids: readonly string[], opts?: WatchOptions): AsyncGenerator<JobEvent>;
  /** Jobs running in this process right now. */
  readonly runningCount: number;
}

/** A model that passed its checks and has a price, before its row is written. */
interface Planned {
  model: string;
  modelId: string;
  provider: string;
  providerModelId: string;
  /** The plan's request for this model: what is stored, sent and priced. */
  plan: { params: Record<string, unknown>; warnings: Warning[] };
  estimate: CostRange;
  generationId?: string;
  reservationId?: string;
}

/** A generation as its claim returns it: the row and what its run needs of its inputs. */
type Claimed = Generation & { inputs: InputRef[] };

/** What a handler run tells the queue: finished, or handed back for another process to resume. */
type Outcome = 'done' | 'handed-over';

interface Running {
  ac: AbortController;
  /** Whether a request has reached the provider (decides release vs settle on failure). */
  sent: boolean;
  cancelRequested: boolean;
  /** Polling a stored video operation (another process could take over from here). */
  polling: boolean;
  /** Set by drain(): stop polling but leave the job running for the next process. */
  handOver: boolean;
  done: Promise<Outcome>;
}

const StoredOperation = z
  .object({
    provider: Provider,
    modelId: z.string(),
    providerModelId: z.string(),
    id: z.string(),
    submittedAt: z.number(),
    params: z.object({
      duration: z.number(),
      resolution: z.string(),
      aspectRatio: z.string(),
      audio: z.boolean(),
    }),
    warnings: z.array(
      z.object({
        type: z.enum(['unsupported', 'compatibility', 'other']),
        setting: z.string().optional(),
        message: z.string(),
      }),
    ),
    data: z.record(z.string(), z.json()),
  })
  .loose();

export function createJobEngine(opts: JobEngineOptions): JobEngine {
  return new Engine(opts);
}

class Engine implements JobEngine {
  readonly events = new JobEventLog();
  readonly #db: Db;
  readonly #assets: AssetStore;
  readonly #catalog: Catalog;
  readonly #queue: JobQueue;
  readonly #opts: JobEngineOptions;
  readonly #running = new Map<string, Running>();
  /** Open reservations made by this process, so closing one needs no ledger lookup. */
  readonly #reservations = new Map<string, string>();
  #started: Promise<void> | undefined;
  #draining = false;
  /** Built once: the claim runs for every job. */
  #claimQuery: ReturnType<typeof claimQuery> | undefined;
  #cancelWatch: NodeJS.Timeout | undefined;

  constructor(opts: JobEngineOptions) {
    this.#opts = opts;
    this.#db = opts.db;
    this.#assets = opts.assets;
    this.#catalog = opts.catalog;
    this.#queue = opts.queue ?? new InProcessQueue(opts.concurrency);
  }

  get runningCount(): number {
    return this.#running.size;
  }

  #start(): Promise<void> {
    this.#started ??= this.#queue.start(async (job) => {
      const outcome = await this.#handle(job);
      // A shared queue retries a job whose handler fails: that is how a handed-over video
      // reaches the next process that polls.
      if (outcome === 'handed-over' && this.#queue.shared)
        throw new Error('handed over to another process');
    });
    return this.#started;
  }

  async #settings(ownerId: string): Promise<ProviderSettings> {
    const s = this.#opts.settings;
    return typeof s === 'function' ? s(ownerId) : (s ?? {});
  }

  #assetUrl(sha256: string): string {
    return (this.#opts.assetUrl ?? assetUrl)(sha256);
  }

  // -------------------------------------------------------------------------------------------
  // SUBMIT

  async plan(submission: Submission): Promise<Plan> {
    const settings = await this.#settings(submission.ownerId);
    return (await planSubmission({ db: this.#db, catalog: this.#catalog, settings }, submission)).plan;
  }

  async submit(input: SubmitInput): Promise<SubmitResult> {
    if (this.#draining) {
      throw new AtelierError(
        'provider_unavailable',
        'The server is shutting down and takes no new generations.',
        { hint: 'Try again in a moment.' },
      );
    }
    const v = parseInput(SubmitInput, input, 'generation request');
    await this.#start();
    // An input the owner may not use fails the whole request, before any model is planned.
    const { plan, inputs } = await planSubmission(
      { db: this.#db, catalog: this.#catalog, settings: await this.#settings(v.ownerId) },
      v,
    );
    const batchId = v.batchId ?? newId();
    const refuse = (model: string, error: unknown): SubmittedJob => {
      const e = isAtelierError(error)
        ? error
        : new AtelierError('internal', 'Queuing this model failed unexpectedly.', { cause: error });
      if (!isAtelierError(error)) console.error(`[jobs] submit ${model}:`, error);
      return {
        status: 'refused',
        model,
        error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
      };
    };

    // The plan checked and priced every model; nothing is written for a model it refused.
    const jobs: (SubmittedJob | Planned)[] = plan.models.map((m) =>
      m.status === 'refused'
        ? { status: 'refused', model: m.model, error: m.refusal }
        : {
            model: m.model,
            modelId: m.modelId,
            provider: m.route.provider,
            providerModelId: m.route.providerModelId,
            plan: { params: m.params, warnings: m.warnings },
            estimate: { low: m.estimate.low, expected: m.estimate.expected, high: m.estimate.high },
          },
    );

    // Then one transaction: each model's row and reservation together, or neither (a refused
    // budget removes the row it had just added). Reservations earlier in the list count against
    // the budget of the later ones. Rows and reservations go in as one INSERT each.
    const planned = jobs.filter((j): j is Planned => 'plan' in j);
    const accepted = new Map<Planned, SubmittedJob>();
    if (planned.length > 0) {
      try {
        await this.#db.transaction(async (tx) => {
          const rows = await createGenerations(
            tx,
            planned.map((p) => ({
              ownerId: v.ownerId,
              batchId,
              prompt: plan.prompt,
              params: p.plan.params,
              modelId: p.modelId,
              routeProvider: p.provider,
              providerModelId: p.providerModelId,
              estimatedCostMicros: p.estimate.expected,
              warnings: p.plan.warnings,
            })),
          );
          const outcomes = await reserveMany(tx, {
            userId: v.ownerId,
            tokenId: v.tokenId,
            items: rows.map((row, i) => ({
              generationId: row.id,
              micros: planned[i]?.estimate.high ?? 0,
            })),
          });
          const refused: string[] = [];
          for (const [i, p] of planned.entries()) {
            const outcome = outcomes[i];
            if (!outcome) throw new Error('a reservation outcome is missing');
            if ('error' in outcome) {
              refused.push(outcome.generationId);
              accepted.set(p, refuse(p.model, outcome.error));
            } else {
              p.generationId = outcome.generationId;
              p.reservationId = outcome.id;
            }
          }
          if (refused.length > 0)
            await tx.delete(schema.generations).where(inArray(schema.generations.id, refused));
          await linkInputs(
            tx,
            planned.flatMap((p) => (p.generationId ? [p.generationId] : [])),
            inputs.map(({ role, index, sha256 }) => ({ role, index, sha256 })),
          );
        });
      } catch (error) {
        for (const p of planned) accepted.set(p, refuse(p.model, error));
      }
    }

    const out: SubmittedJob[] = [];
    for (const j of jobs) {
      if (!('plan' in j)) {
        out.push(j);
        continue;
      }
      const verdict = accepted.get(j);
      if (verdict || j.generationId === undefined || j.reservationId === undefined) {
        out.push(verdict ?? refuse(j.model, new Error('no row')));
        continue;
      }
      this.#reservations.set(j.generationId, j.reservationId);
      this.events.emit(j.generationId, {
        type: 'queued',
        status: 'queued',
        warnings: j.plan.warnings,
      });
      await this.#queue.enqueue({ generationId: j.generationId, provider: j.provider });
      out.push({
        status: 'queued',
        model: j.model,
        generationId: j.generationId,
        modelId: j.modelId,
        provider: j.provider,
        providerModelId: j.providerModelId,
        estimate: j.estimate,
        reservedMicros: j.estimate.high,
        warnings: j.plan.warnings,
      });
    }
    return { batchId, jobs: out };
  }

  // -------------------------------------------------------------------------------------------
  // RUN

  async #handle(job: QueuedJob): Promise<Outcome> {
    const id = job.generationId;
    if (this.#running.has(id)) return 'done';
    // The common case in one statement: claim a queued job. Registered as running first, so a
    // cancel arriving meanwhile finds it.
    let claimed: Claimed | undefined;
    let cancelAsked = false;
    const outcome = await this.#track(id, async (state) => {
      claimed = await this.#claim(id);
      if (!claimed) {
        cancelAsked = state.cancelRequested;
        return 'done';
      }
      this.events.emit(id, { type: 'started', status: 'running' });
      const kind = this.#kindOf(claimed);
      const signal = this.#deadline(state, kind);
      return kind === 'video'
        ? this.#runVideo(claimed, state, signal)
        : this.#runImage(claimed, state, signal);
    });
    if (claimed || cancelAsked) return outcome; // a cancel that came meanwhile finishes on its own
    const row = await getGeneration(this.#db, id);
    if (!row || row.status === 'queued') return 'done';
    if (TERMINAL_STATUSES.has(row.status)) {
      await this.#closeLeftover(row);
      return 'done';
    }
    return this.#resumeRunning(row);
  }

  /**
   * queued → running, only from queued: the row with its inputs, or undefined when it was not
   * queued. One statement, inputs included.
   */
  async #claim(id: string): Promise<Claimed | undefined> {
    this.#claimQuery ??= claimQuery(this.#db);
    const [row] = await this.#claimQuery.execute({ id });
    return row;
  }

  #kindOf(row: Generation): JobKind {
    return this.#catalog.get(row.modelId)?.modality ?? 'image';
  }

  /** The job's signal: aborted by a cancel or a hand-over, or when its deadline passes. */
  #deadline(state: Running, kind: JobKind): AbortSignal {
    const ms =
      kind === 'video'
        ? (this.#opts.videoDeadlineMs ?? 30 * 60_000)
        : (this.#opts.imageDeadlineMs ?? 15 * 60_000);
    return AbortSignal.any([state.ac.signal, AbortSignal.timeout(ms)]);
  }

  #track(id: string, body: (state: Running) => Promise<Outcome>): Promise<Outcome> {
    const state: Running = {
      ac: new AbortController(),
      sent: false,
      cancelRequested: false,
      polling: false,
      handOver: false,
      done: Promise.resolve('done'),
    };
    this.#running.set(id, state);
    state.done = body(state).finally(() => {
      this.#running.delete(id);
      if (this.#running.size === 0) this.#stopCancelWatch();
    });
    this.#startCancelWatch();
    return state.done;
  }

  #onProgress(id: string): (event: ProgressEvent) => void {
    return (event) => {
      if (event.type === 'queued')
        this.events.emit(id, {
          type: 'progress',
          status: 'running',
          progress: { queuePosition: event.position },
        });
      else if (event.type === 'progress') {
        this.events.emit(id, {
          type: 'progress',
          status: 'running',
          progress: { fraction: event.fraction, message: event.message },
        });
      }
    };
  }

  async #runImage(row: Claimed, state: Running, signal: AbortSignal): Promise<Outcome> {
    try {
      const settings = await this.#settings(row.ownerId);
      const model = await imageModel({
        model: row.modelId,
        provider: row.routeProvider as Provider,
        providerModelId: row.providerModelId,
        catalog: this.#catalog,
        settings,
      });
      const inputs = await loadInputFields(this.#assets, row.inputs, 'image');
      signal.throwIfAborted();
      state.sent = true;
      const result = await generateImages(model, imageRequestOf(row.prompt, row.params, inputs), {
        signal,
        onProgress: this.#onProgress(row.id),
      });
      await this.#succeed(row, result);
    } catch (error) {
      await this.#fail(row, state, signal, error, {});
    }
    return 'done';
  }

  async #runVideo(row: Claimed, state: Running, signal: AbortSignal): Promise<Outcome> {
    let model: VideoModel;
    let operation: VideoOperation;
    try {
      const settings = await this.#settings(row.ownerId);
      model = await videoModel({
        model: row.modelId,
        provider: row.routeProvider as Provider,
        providerModelId: row.providerModelId,
        catalog: this.#catalog,
        settings,
      });
      const frames = await loadInputFields(this.#assets, row.inputs, 'video');
      signal.throwIfAborted();
      state.sent = true;
      ({ operation } = await model.doStart(videoRequestOf(row.prompt, row.params, frames), {
        signal,
      }));
      await upsertOperation(this.#db, {
        generationId: row.id,
        provider: operation.provider,
        operation: asJson(operation),
        nextPollAt: new Date(Date.now() + this.#pollInterval()),
      });
    } catch (error) {
      await this.#fail(row, state, signal, error, {});
      return 'done';
    }
    return this.#pollVideo(row, model, operation, state, signal);
  }

  #pollInterval(): number {
    return this.#opts.pollIntervalMs ?? 5_000;
  }

  /** Polls a stored operation to the end, recording every poll so another process can take over. */
  async #pollVideo(
    row: Generation,
    model: VideoModel,
    start: VideoOperation,
    state: Running,
    signal: AbortSignal,
  ): Promise<Outcome> {
    let operation = start;
    state.polling = true;
    try {
      for (;;) {
        if (this.#draining && !state.cancelRequested) state.handOver = true;
        if (state.handOver) return 'handed-over';
        signal.throwIfAborted();
        let status;
        try {
          status = await model.doStatus(operation, { signal });
        } catch (error) {
          if (signal.aborted || !isRetryable(error)) throw error;
          status = undefined; // a status read that keeps failing is tried again next tick
        }
        if (status?.status === 'completed') {
          await this.#succeed(row, status.result);
          await recordPoll(this.#db, row.id, { nextPollAt: new Date(), status: 'succeeded' });
          return 'done';
        }
        if (status?.status === 'failed') {
          await recordPoll(this.#db, row.id, { nextPollAt: new Date(), status: 'failed' });
          await this.#fail(row, state, signal, status.error, { jobFailed: true });
          return 'done';
        }
        const next = new Date(Date.now() + this.#pollInterval());
        if (status?.status === 'pending') {
          operation = status.operation;
          await recordPoll(this.#db, row.id, { nextPollAt: next, operation: asJson(operation) });
          // One progress event per poll: clients see the job is alive even when the provider
          // reports neither a fraction nor a queue position.
          this.events.emit(row.id, {
            type: 'progress',
            status: 'running',
            progress: {
              ...(status.progress === undefined ? {} : { fraction: status.progress }),
              ...(status.queuePosition === undefined
                ? {}
                : { queuePosition: status.queuePosition }),
            },
          });
        } else {
          await recordPoll(this.#db, row.id, { nextPollAt: next });
        }
        await sleep(this.#pollInterval(), undefined, { signal });
      }
    } catch (error) {
      if (state.handOver && !state.cancelRequested) return 'handed-over';
      if (state.cancelRequested) {
        await model.doCancel?.(operation).catch(() => undefined);
        await recordPoll(this.#db, row.id, { nextPollAt: new Date(), status: 'cancelled' }).catch(
          () => undefined,
        );
      }
      await this.#fail(row, state, signal, error, {});
      return 'done';
    }
  }

  async #resumeRunning(row: Generation): Promise<Outcome> {
    const stored = await getOperation(this.#db, row.id);
    const parsed =
      stored?.status === 'pending' ? StoredOperation.safeParse(stored.operation) : undefined;
    if (parsed?.success) {
      const operation = parsed.data as unknown as VideoOperation;
      return this.#track(row.id, async (state) => {
        state.sent = true;
        const signal = this.#deadline(state, 'video');
        let model: VideoModel;
        try {
          model = await videoModelFor(operation, {
            catalog: this.#catalog,
            settings: await this.#settings(row.ownerId),
          });
        } catch (error) {
          await this.#fail(row, state, signal, error, {});
          return 'done';
        }
        this.events.emit(row.id, { type: 'started', status: 'running' });
        return this.#pollVideo(row, model, operation, state, signal);
      });
    }
    // No handle to resume with: the provider may have done and billed the work. See RESUME RULE.
    try {
      await updateGeneration(this.#db, row.id, {
        status: 'interrupted',
        finishedAt: new Date(),
        errorCode: 'interrupted',
        errorMessage:
          'The server stopped while this generation was running. The provider may have charged for it; run it again to get a result.',
      });
    } catch (error) {
      if (isAtelierError(error) && error.code === 'invalid_request') return 'done';
      throw error;
    }
    await this.#close(row.id, { settle: row.estimatedCostMicros });
    this.events.emit(row.id, {
      type: 'interrupted',
      status: 'interrupted',
      error: {
        code: 'interrupted',
        message: 'The server stopped while this generation was running.',
      },
    });
    return 'done';
  }

  async #succeed(row: Generation, result: ImageResult | VideoResult): Promise<void> {
    const storeStarted = Date.now();
    const assets: JobEventAsset[] = [];
    const outputs: OutputInput[] = [];
    for (const [index, asset] of result.assets.entries()) {
      const stored = await this.#assets.put(asset.data, asset.mediaType);
      const durationMs =
        asset.durationSeconds === undefined ? undefined : Math.round(asset.durationSeconds * 1000);
      outputs.push({
        sha256: stored.sha256,
        index,
        mediaType: asset.mediaType,
        width: Math.max(1, asset.width),
        height: Math.max(1, asset.height),
        ...(durationMs ? { durationMs } : {}),
        byteSize: stored.size,
        storageKey: stored.key,
      });
      assets.push({
        sha256: stored.sha256,
        url: this.#assetUrl(stored.sha256),
        mediaType: asset.mediaType,
        width: asset.width,
        height: asset.height,
        durationMs: durationMs ?? null,
      });
    }
    const storeMs = Date.now() - storeStarted;
    const warnings = dedupeWarnings([...row.warnings, ...result.warnings]);
    const outcome: UpdateGenerationInput = {
      finishedAt: new Date(),
      queueMs: clampMs(queueWait(row) + result.latency.queueMs),
      generationMs: clampMs(result.latency.generationMs),
      downloadMs: clampMs(result.latency.downloadMs + storeMs),
      actualCostMicros: result.cost.micros,
      warnings,
      providerRequestId: result.providerRequestId?.slice(0, 500) || null,
      revisedPrompt: 'revisedPrompt' in result ? (result.revisedPrompt ?? null) : null,
    };
    // Cancelled elsewhere while the result was on its way: the work is paid for, so the row
    // keeps its status but records the cost and the assets.
    const final =
      (await this.#finish(
        row.id,
        { settle: result.cost.micros },
        { ...outcome, status: 'succeeded' },
        outputStatements(row.id, outputs),
      )) ?? (await updateGeneration(this.#db, row.id, outcome));
    this.events.emit(row.id, {
      type: final.status === 'succeeded' ? 'succeeded' : 'cancelled',
      status: final.status,
      actualCostMicros: result.cost.micros,
      assets,
      warnings,
    });
  }

  async #fail(
    row: Generation,
    state: Running,
    signal: AbortSignal,
    error: unknown,
    ctx: { jobFailed?: boolean },
  ): Promise<void> {
    const cancelled = state.cancelRequested;
    let e = isAtelierError(error)
      ? error
      : new AtelierError('internal', 'The generation failed unexpectedly.', { cause: error });
    if (!cancelled && signal.aborted && !state.ac.signal.aborted) {
      e = new AtelierError(
        'timeout',
        'The generation took longer than the server allows and was stopped.',
        { details: { retryable: false } },
      );
    }
    if (e.code === 'internal') console.error(`[jobs] ${row.id}:`, error);
    const charged = providerMayHaveCharged(e, { sent: state.sent, jobFailed: ctx.jobFailed });
    const status = cancelled ? 'cancelled' : 'failed';
    const errorCode = cancelled ? 'cancelled' : e.code;
    const errorMessage = cancelled ? 'Cancelled while running.' : e.message;
    const final =
      (await this.#finish(
        row.id,
        charged ? { settle: row.estimatedCostMicros } : { release: true },
        {
          status,
          finishedAt: new Date(),
          ...(row.startedAt ? { queueMs: clampMs(queueWait(row)) } : {}),
          errorCode,
          errorMessage: errorMessage.slice(0, 2000),
        },
      )) ?? (await getGeneration(this.#db, row.id)); // already cancelled elsewhere
    const finalStatus = final?.status ?? status;
    this.events.emit(row.id, {
      type: finalStatus === 'cancelled' ? 'cancelled' : 'failed',
      status: finalStatus,
      error: {
        code: finalStatus === 'cancelled' ? 'cancelled' : errorCode,
        message: finalStatus === 'cancelled' ? 'Cancelled.' : errorMessage,
        ...(e.hint && !cancelled ? { hint: e.hint } : {}),
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // LEDGER

  /**
   * Writes a job's final state, its outputs and closes its reservation. When this process made
   * the reservation, all of it goes in one statement, so nobody sees a finished job without its
   * assets or its charge and a crash cannot fall between them; otherwise the ledger is closed
   * first. Undefined when the status change was refused (cancelled elsewhere meanwhile); the
   * outputs are recorded and the reservation closed anyway.
   */
  async #finish(
    id: string,
    how: { settle: number } | { release: true },
    outcome: UpdateGenerationInput,
    outputs: SQL[] = [],
  ): Promise<Generation | undefined> {
    const reservationId = this.#reservations.get(id);
    this.#reservations.delete(id);
    if (reservationId === undefined) await this.#close(id, how);
    const closing =
      reservationId === undefined
        ? []
        : [closingStatement(reservationId, 'settle' in how ? how.settle : undefined)];
    const write = (alongside: SQL[]) =>
      updateGeneration(this.#db, id, outcome, { alongside }).catch((error: unknown) => {
        if (isAtelierError(error) && error.code === 'invalid_request') return error;
        throw error;
      });
    let written = await write([...closing, ...outputs]);
    if (written instanceof AtelierError && written.details?.['reason'] === 'already_closed') {
      // Another process closed the reservation first: write the rest alone.
      written = await write(outputs);
    }
    return written instanceof AtelierError ? undefined : written;
  }

  /** Closes the generation's open reservation, if it still has one (closing twice is a no-op). */
  async #close(generationId: string, how: { settle: number } | { release: true }): Promise<void> {
    const known = this.#reservations.get(generationId);
    this.#reservations.delete(generationId);
    let open: string[];
    if (known !== undefined) {
      open = [known];
    } else {
      const rows = await ledgerForGeneration(this.#db, generationId);
      const closed = new Set(rows.filter((r) => r.kind !== 'reserve').map((r) => r.reservationId));
      open = rows.filter((r) => r.kind === 'reserve' && !closed.has(r.id)).map((r) => r.id);
    }
    for (const id of open) {
      try {
        if ('settle' in how) await settle(this.#db, id, how.settle);
        else await release(this.#db, id);
      } catch (error) {
        // Another process closed it first; the ledger allows one close per reservation.
        if (!(isAtelierError(error) && error.code === 'invalid_request')) throw error;
      }
    }
  }

  /** A finished generation whose reservation is still open (the process died in between). */
  async #closeLeftover(row: Generation): Promise<number> {
    const rows = await ledgerForGeneration(this.#db, row.id);
    const closed = new Set(rows.filter((r) => r.kind !== 'reserve').map((r) => r.reservationId));
    if (!rows.some((r) => r.kind === 'reserve' && !closed.has(r.id))) return 0;
    if (row.actualCostMicros !== null) await this.#close(row.id, { settle: row.actualCostMicros });
    else if (row.status === 'cancelled' && row.startedAt === null)
      await this.#close(row.id, { release: true });
    else await this.#close(row.id, { settle: row.estimatedCostMicros });
    return 1;
  }

  // -------------------------------------------------------------------------------------------
  // CANCEL

  async cancel(id: string): Promise<Generation> {
    for (;;) {
      const running = this.#running.get(id);
      if (running) {
        running.cancelRequested = true;
        running.ac.abort(new AtelierError('cancelled', 'Cancelled.'));
        await running.done;
        continue; // see how it ended: cancelled, or finished before the cancel took effect
      }
      const row = await getGeneration(this.#db, id);
      if (!row) throw notFound(id);
      if (row.status === 'cancelled') return row;
      if (TERMINAL_STATUSES.has(row.status)) {
        throw new AtelierError(
          'invalid_request',
          `Generation ${id} already ${row.status === 'interrupted' ? 'was interrupted' : row.status}; there is nothing to cancel.`,
          {
            details: { id, status: row.status },
          },
        );
      }
      const queued = row.status === 'queued';
      const g = schema.generations;
      // Only from the status just read: if it moved on (say queued → running), look again.
      const [updated] = await this.#db
        .update(g)
        .set({
          status: 'cancelled',
          finishedAt: new Date(),
          errorCode: 'cancelled',
          errorMessage: queued ? 'Cancelled before it started.' : 'Cancelled while running.',
        })
        .where(and(eq(g.id, id), eq(g.status, row.status)))
        .returning({ id: g.id });
      if (!updated) continue;
      if (queued) {
        await this.#close(id, { release: true });
      } else if (!this.#queue.shared) {
        // Running but not in this process, with a process-local queue: nobody runs it (it is
        // waiting for resume()). The provider may have charged; stop the provider job if any.
        await this.#cancelStoredOperation(row);
        await this.#close(id, { settle: row.estimatedCostMicros });
      }
      // With a shared queue, the process running it sees the cancel and closes the reservation.
      this.events.emit(id, {
        type: 'cancelled',
        status: 'cancelled',
        error: { code: 'cancelled', message: 'Cancelled.' },
      });
      const final = await getGeneration(this.#db, id);
      if (!final) throw notFound(id);
      return final;
    }
  }

  async #cancelStoredOperation(row: Generation): Promise<void> {
    const stored = await getOperation(this.#db, row.id);
    if (stored?.status !== 'pending') return;
    const parsed = StoredOperation.safeParse(stored.operation);
    if (parsed.success) {
      const operation = parsed.data as unknown as VideoOperation;
      const model = await videoModelFor(operation, {
        catalog: this.#catalog,
        settings: await this.#settings(row.ownerId),
      }).catch(() => undefined);
      await model?.doCancel?.(operation).catch(() => undefined);
    }
    await recordPoll(this.#db, row.id, { nextPollAt: new Date(), status: 'cancelled' });
  }

  /** With a shared queue, a cancel may be written by another process: look for it. */
  #startCancelWatch(): void {
    if (!this.#queue.shared || this.#cancelWatch) return;
    this.#cancelWatch = setInterval(() => {
      const ids = [...this.#running.keys()];
      if (ids.length === 0) return;
      this.#db
        .select({ id: schema.generations.id })
        .from(schema.generations)
        .where(and(inArray(schema.generations.id, ids), eq(schema.generations.status, 'cancelled')))
        .then((rows) => {
          for (const { id } of rows) {
            const state = this.#running.get(id);
            if (state && !state.cancelRequested) {
              state.cancelRequested = true;
              state.ac.abort(new AtelierError('cancelled', 'Cancelled.'));
            }
          }
        })
        .catch((error: unknown) => console.error('[jobs] cancel check:', error));
    }, this.#opts.cancelCheckMs ?? 1_000);
    this.#cancelWatch.unref();
  }

  #stopCancelWatch(): void {
    if (this.#cancelWatch) clearInterval(this.#cancelWatch);
    this.#cancelWatch = undefined;
  }

  // -------------------------------------------------------------------------------------------
  // RESUME & DRAIN

  async resume(): Promise<ResumeReport> {
    await this.#start();
    const g = schema.generations;
    const open = await this.#db
      .select({ id: g.id, status: g.status, provider: g.routeProvider })
      .from(g)
      .where(inArray(g.status, ['queued', 'running']))
      .orderBy(g.id);
    const report: ResumeReport = { requeued: 0, interruptedOrPolled: 0, closedReservations: 0 };
    for (const row of open) {
      // A shared queue still holds its jobs (re-sending is a no-op) and retries the running ones
      // of a dead process after their expiry; a process-local queue starts empty.
      if (row.status === 'running' && this.#queue.shared) continue;
      await this.#queue.enqueue({ generationId: row.id, provider: row.provider });
      if (row.status === 'queued') report.requeued += 1;
      else report.interruptedOrPolled += 1;
    }
    if (!this.#queue.shared) {
      const l = schema.spendLedger;
      const leftovers = await this.#db
        .selectDistinct({ id: l.generationId })
        .from(l)
        .innerJoin(g, eq(g.id, l.generationId))
        .where(
          and(
            eq(l.kind, 'reserve'),
            inArray(g.status, ['succeeded', 'failed', 'cancelled', 'interrupted']),
            sql`not exists (select 1 from ${l} c where c.reservation_id = ${l.id} and c.kind <> 'reserve')`,
          ),
        );
      for (const { id } of leftovers) {
        const row = await getGeneration(this.#db, id);
        if (row) report.closedReservations += await this.#closeLeftover(row);
      }
    }
    return report;
  }

  async drain(): Promise<void> {
    this.#draining = true;
    // Video polling resumes from its stored operation in the next process: stop it rather than
    // wait for the clip. A video still starting hands over as soon as its operation is stored.
    for (const state of this.#running.values()) {
      if (state.polling && !state.cancelRequested) {
        state.handOver = true;
        state.ac.abort(new AtelierError('cancelled', 'Handed over to the next process.'));
      }
    }
    await this.#queue.drain();
    this.#stopCancelWatch();
  }

  // -------------------------------------------------------------------------------------------
  // EVENTS

  async *watch(ids: readonly string[], opts: WatchOptions = {}): AsyncGenerator<JobEvent> {
    const wanted = [...new Set(ids)];
    const buffer: { event: JobEvent; order: number }[] = [];
    let wake: (() => void) | undefined;
    const stop = this.events.listen(wanted, (event, order) => {
      buffer.push({ event, order });
      wake?.();
    });
    const onAbort = () => wake?.();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      const finished = new Set<string>();
      const replay = this.events.after(wanted, opts.lastEventId);
      let seen = replay.order;
      const pending: JobEvent[] = [...replay.events];
      // Jobs this process has no events for (another process ran them, or it restarted): start
      // from their state in the database.
      for (const id of wanted) {
        const latest = this.events.latest(id);
        if (!latest) pending.push(await this.#snapshot(id));
        else if (TERMINAL_STATUSES.has(latest.status)) finished.add(id); // finished before lastEventId
      }
      for (const event of pending) {
        if (TERMINAL_STATUSES.has(event.status)) finished.add(event.jobId);
        yield event;
      }
      let lastDbCheck = Date.now();
      while (finished.size < wanted.length && !opts.signal?.aborted) {
        const next = buffer.shift();
        if (next) {
          if (next.order <= seen) continue;
          seen = next.order;
          if (TERMINAL_STATUSES.has(next.event.status)) finished.add(next.event.jobId);
          yield next.event;
          continue;
        }
        const checkMs = this.#opts.cancelCheckMs ?? 1_000;
        await new Promise<void>((resolve) => {
          wake = resolve;
          const timer = setTimeout(resolve, checkMs);
          timer.unref();
        });
        wake = undefined;
        if (this.#queue.shared && Date.now() - lastDbCheck >= checkMs) {
          // Jobs running in another process reach this one through the database.
          lastDbCheck = Date.now();
          for (const event of await this.#remoteChanges(wanted, finished)) {
            finished.add(event.jobId);
            yield event;
          }
        }
      }
    } finally {
      stop();
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Terminal states written by other processes for jobs this process did not see finish. */
  async #remoteChanges(ids: readonly string[], finished: ReadonlySet<string>): Promise<JobEvent[]> {
    const open = ids.filter((id) => !finished.has(id));
    if (open.length === 0) return [];
    const g = schema.generations;
    const rows = await this.#db
      .select({ id: g.id })
      .from(g)
      .where(
        and(
          inArray(g.id, open),
          inArray(g.status, ['succeeded', 'failed', 'cancelled', 'interrupted']),
        ),
      );
    return Promise.all(rows.map((r) => this.#snapshot(r.id)));
  }

  /** The current state of a job as one event (seq 0), read from the database. */
  async #snapshot(id: string): Promise<JobEvent> {
    const row = await getGeneration(this.#db, id);
    if (!row) throw notFound(id);
    const init: JobEventInit = {
      type: row.status === 'running' ? 'started' : row.status,
      status: row.status,
      warnings: row.warnings,
      actualCostMicros: row.actualCostMicros,
    };
    if (row.errorCode)
      init.error = { code: row.errorCode, message: row.errorMessage ?? row.errorCode };
    if (row.status === 'succeeded') {
      init.assets = (await listAssets(this.#db, id)).map((a) => ({
        sha256: a.sha256,
        url: this.#assetUrl(a.sha256),
        mediaType: a.mediaType,
        width: a.width,
        height: a.height,
        durationMs: a.durationMs,
      }));
    }
    return {
      id: `${id}:0`,
      jobId: id,
      seq: 0,
      at: (row.finishedAt ?? row.startedAt ?? row.queuedAt).toISOString(),
      ...init,
    };
  }
}

/** queued → running for one generation, returning the row with its inputs (see #claim). */
function claimQuery(db: Db) {
  const g = schema.generations;
  return db
    .update(g)
    .set({ status: 'running', startedAt: sql`now()` })
    .where(and(eq(g.id, sql.placeholder('id')), eq(g.status, 'queued')))
    .returning({ ...GENERATION_COLUMNS, inputs: inputRefs() })
    .prepare('atelier_claim_job');
}

function notFound(id: string): AtelierError {
  return new AtelierError('not_found', `No generation with id ${id}.`, { details: { id } });
}

/** The columns of a generation row as the data module returns it (the search column is internal). */
const { promptSearch: _promptSearch, ...GENERATION_COLUMNS } = getTableColumns(schema.generations);

/** Time spent in this server's queue. */
function queueWait(row: Generation): number {
  return row.startedAt ? row.startedAt.getTime() - row.queuedAt.getTime() : 0;
}

function asJson(value: unknown): z.core.util.JSONType {
  return value as z.core.util.JSONType;
}

function clampMs(ms: number): number {
  return Math.min(2 ** 31 - 1, Math.max(0, Math.round(ms)));
}

function dedupeWarnings(
  warnings: { type: string; setting?: string; message: string }[],
): Warning[] {
  const seen = new Set<string>();
  const out: Warning[] = [];
  for (const w of warnings) {
    const key = `${w.type}|${w.setting ?? ''}|${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      type: w.type as Warning['type'],
      message: w.message,
      ...(w.setting ? { setting: w.setting } : {}),
    });
  }
  return out;
}
