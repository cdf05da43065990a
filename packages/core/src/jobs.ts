import type { Micros } from './money.ts';

/**
 * The shapes a job has wherever it is shown: its statuses, the events it streams, the warnings
 * it carries and the cost range it was priced at. Defined once here, below the database, the API
 * and the apps, so each of them imports the same list rather than keeping its own. Plain values
 * and types only, so a browser bundle takes them without zod; the schemas that check them at
 * boundaries are in job-schemas.ts.
 */

/** In the order a job moves through them; `interrupted`: the process died while it ran. */
export const GENERATION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/** Statuses a job never leaves: its events end there and its reservation is closed. */
export const TERMINAL_STATUSES: ReadonlySet<GenerationStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
]);

export function isTerminal(status: GenerationStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export const WARNING_TYPES = ['unsupported', 'compatibility', 'other'] as const;

/** A setting a model could not honour as given. Data, kept with the job and shown by every frontend. */
export interface Warning {
  type: (typeof WARNING_TYPES)[number];
  /** The normalized request field concerned ("seed", "size"…). */
  setting?: string;
  message: string;
}

/** A price estimate: expected, and the range it may fall in. */
export interface CostRange {
  low: Micros;
  expected: Micros;
  high: Micros;
}

export const JOB_EVENT_TYPES = [
  'queued',
  'started',
  'progress',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

export interface JobEventAsset {
  sha256: string;
  url: string;
  mediaType: string;
  width: number;
  height: number;
  durationMs: number | null;
}

export interface JobEvent {
  /** `${jobId}:${seq}`: the SSE event id a client resumes from. */
  id: string;
  jobId: string;
  /** 1, 2, 3… per job, numbered where events are stored; 0 for a snapshot of the job's row. */
  seq: number;
  type: JobEventType;
  /** The job's status once this event happened, so any single event is enough to catch up. */
  status: GenerationStatus;
  at: string;
  progress?: { fraction?: number; queuePosition?: number; message?: string };
  error?: { code: string; message: string; hint?: string };
  /**
   * What the job is charged: the provider's cost once it succeeded; for a failed, cancelled or
   * interrupted job the provider may have billed, the estimate it was charged at.
   */
  actualCostMicros?: number | null;
  assets?: JobEventAsset[];
  warnings?: Warning[];
}

export type JobEventInit = Omit<JobEvent, 'id' | 'jobId' | 'seq' | 'at'>;
