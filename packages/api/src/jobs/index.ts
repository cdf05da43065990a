export {
  createJobEngine,
  SubmitInput,
  type JobEngine,
  type JobEngineOptions,
  type SubmitResult,
  type SubmittedJob,
  type ResumeReport,
  type WatchOptions,
  type CostRange,
} from './engine.ts';
export {
  JobEventStore,
  InProcessNotifier,
  PostgresNotifier,
  type EventNotifier,
  JOB_EVENT_TYPES,
  TERMINAL_STATUSES,
  parseEventId,
  type JobEvent,
  type JobEventType,
  type JobEventAsset,
} from './events.ts';
export {
  InProcessQueue,
  DEFAULT_CONCURRENCY,
  type JobQueue,
  type QueuedJob,
  type JobHandler,
} from './queue.ts';
export { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.ts';
export { INSTANCE_DEFAULTS, type InstanceOptions } from './instances.ts';
export { providerMayHaveCharged } from './charges.ts';
export { ImageParams, VideoParams, type JobKind } from './requests.ts';
export { ensureLocalUser, LOCAL_USER_NAME } from './local-user.ts';
export { assetUrl, type AssetView, type GenerationView, type InputView } from './views.ts';
export {
  storeUpload,
  DEFAULT_MAX_UPLOAD_BYTES,
  type UploadedAsset,
  type UploadOptions,
} from './uploads.ts';
export { JobInputs } from './job-inputs.ts';
