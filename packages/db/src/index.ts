export { openDatabase, MIGRATIONS_FOLDER, OpenDatabaseOptions } from './client.ts';
export type { Database, Db, Dialect, Schema } from './client.ts';
export { resolveDataDir } from './data-dir.ts';
export {
  isProcessAlive,
  ensurePrivateDir,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
} from './data-dir.ts';
export { newId } from './ids.ts';
export * as schema from './schema.ts';

export * from './data/generations.ts';
export * from './data/jobs.ts';
export * from './data/job-events.ts';
export * from './data/instances.ts';
export * from './data/assets.ts';
export * from './data/inputs.ts';
export * from './data/operations.ts';
export * from './data/users.ts';
export * from './data/tokens.ts';
export * from './data/budgets.ts';
export * from './data/spend.ts';
export * from './data/provider-keys.ts';
export * from './data/votes.ts';
export * from './data/sharing.ts';
export * from './data/catalog-versions.ts';

export * from './assets/index.ts';
