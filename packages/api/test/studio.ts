import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type ProviderSettings } from '@atelier/core';
import { createUser, LocalAssetStore, openDatabase, type Database } from '@atelier/db';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import {
  appRouter,
  createCallerFactory,
  createJobEngine,
  type JobEngine,
  type JobEngineOptions,
  type SessionUser,
} from '../src/index.ts';

/**
 * A studio for tests: in-memory PGlite, a temp asset folder, every provider emulator, and the
 * real adapters pointed at them through the same variables a user would set.
 */

export const catalog = loadCatalog();

export function emulatorSettings(emulators: AllEmulators): ProviderSettings {
  return {
    env: emulators.env,
    keys: { store: null, env: emulators.env },
    // No waiting between retries: tests assert behaviour, not time.
    retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
    pollIntervalMs: 5,
  };
}

const factory = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof factory>;

export interface Studio {
  database: Database;
  assets: LocalAssetStore;
  assetDir: string;
  emulators: AllEmulators;
  engine: JobEngine;
  user: SessionUser;
  openEngine(extra?: Partial<JobEngineOptions>): JobEngine;
  caller(user?: SessionUser, engine?: JobEngine): Caller;
  close(): Promise<void>;
}

export async function startStudio(
  extra: Partial<JobEngineOptions> = {},
  emulatorsIn?: AllEmulators,
): Promise<Studio> {
  const emulators = emulatorsIn ?? (await startAllEmulators());
  const database = await openDatabase({ inMemory: true });
  const assetDir = await mkdtemp(join(tmpdir(), 'atelier-api-assets-'));
  const assets = new LocalAssetStore(assetDir);
  const admin = await createUser(database.db, { name: 'local', role: 'admin' });
  const user: SessionUser = { id: admin.id, role: 'admin' };
  const openEngine = (more: Partial<JobEngineOptions> = {}) =>
    createJobEngine({
      db: database.db,
      assets,
      catalog,
      settings: emulatorSettings(emulators),
      pollIntervalMs: 5,
      ...extra,
      ...more,
    });
  const engine = openEngine();
  return {
    database,
    assets,
    assetDir,
    emulators,
    engine,
    user,
    openEngine,
    caller: (who = user, jobs = engine) =>
      factory({ catalog, db: database.db, assets, jobs, user: who }),
    async close() {
      await engine.drain();
      await database.close();
      if (!emulatorsIn) await emulators.close();
      await rm(assetDir, { recursive: true, force: true });
    },
  };
}

/** Collects a job's events until it has finished. */
export async function settled(engine: JobEngine, ids: string[]) {
  const events = [];
  for await (const e of engine.watch(ids)) events.push(e);
  return events;
}
