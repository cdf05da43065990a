import type { CostRange, Plan } from '@atelier/core';
import type { Generation } from '@atelier/db';
import { cancel } from './cancel.ts';
import { JobContext, type JobEngineOptions } from './context.ts';
import type { JobEvent, JobEventStore } from './events.ts';
import type { Instance, InstanceOptions } from './instances.ts';
import type { Submission } from './plan.ts';
import { drain, resume, type ResumeReport } from './resume.ts';
import { handle } from './run.ts';
import { submissionPlan, submit, type SubmitInput, type SubmitResult } from './submit.ts';
import { watch, type WatchOptions } from './watch.ts';

/**
 * The job engine: turns "this prompt through these models" into persistent generations, runs
 * them on a queue with per-provider limits, streams their events, and keeps the spend ledger
 * honest whatever happens (success, failure, cancel, crash).
 *
 * Its parts share one JobContext (context.ts): submit.ts plans, reserves and queues; run.ts and
 * video.ts run a job, outcome.ts records how it ended; ledger.ts closes its reservation (the
 * money rules); cancel.ts cancels; resume.ts takes up unfinished work after a restart (the
 * RESUME RULE) and drains on a graceful stop; watch.ts streams events.
 */

export type { CostRange, InstanceOptions, JobEngineOptions, ResumeReport, WatchOptions };
export { SubmitInput, type SubmitResult, type SubmittedJob } from './submit.ts';

export interface JobEngine {
  /** Job events, stored in the database and announced to every process. */
  readonly events: JobEventStore;
  /** The one plan of a submission (core's planner with the owner's keys and inputs). */
  plan(submission: Submission): Promise<Plan>;
  /** Queues exactly what `plan` says for the same input. */
  submit(input: SubmitInput): Promise<SubmitResult>;
  /** Cancels a queued or running generation; returns the row as it ends up. */
  cancel(id: string): Promise<Generation>;
  /** Re-queues unfinished work after a start-up (see the resume rule in resume.ts). */
  resume(): Promise<ResumeReport>;
  /** Stops taking work and waits for running jobs; video polling is handed over, not waited for. */
  drain(): Promise<void>;
  /** Events of the given jobs, resuming after `lastEventId`; ends when every job has finished. */
  watch(ids: readonly string[], opts?: WatchOptions): AsyncGenerator<JobEvent>;
  /** Jobs running in this process right now. */
  readonly runningCount: number;
  /**
   * With a shared queue, this process among the instances sharing it (its id; `stop()` stops
   * its heartbeat as a crash or a stall would, `start()` beats again, `sweep()` looks for silent
   * instances now); else undefined.
   */
  readonly instance: Pick<Instance, 'id' | 'start' | 'stop' | 'sweep'> | undefined;
}

export function createJobEngine(opts: JobEngineOptions): JobEngine {
  const ctx: JobContext = new JobContext(opts, (job) => handle(ctx, job.generationId));
  return {
    events: ctx.events,
    plan: (submission) => submissionPlan(ctx, submission),
    submit: (input) => submit(ctx, input),
    cancel: (id) => cancel(ctx, id),
    resume: () => resume(ctx),
    drain: () => drain(ctx),
    watch: (ids, watchOpts) => watch(ctx, ids, watchOpts),
    get runningCount() {
      return ctx.running.size;
    },
    instance: ctx.instance,
  };
}
