import { join } from 'node:path';
import {
  appRouter,
  createJobEngine,
  ensureLocalUser,
  storeUpload,
  type ApiContext,
  type AppRouter,
  type ResumeReport,
  type UploadedAsset,
} from '@atelier/api';
import type { ProviderSettings } from '@atelier/core/providers';
import { KeyStore } from '@atelier/core/providers/keys';
import { assetKey, LocalAssetStore, openDatabase } from '@atelier/db';
import { createProviderKeys, loadServerSecret } from '@atelier/server';
import { createTRPCClient, localLink } from '@trpc/client';
import { cliCatalog } from '../catalog.ts';
import { migrationsFolder } from './paths.ts';
import type { StudioClient } from './session.ts';

/**
 * The studio inside the CLI process: the embedded database, asset store and job engine of the
 * data folder, with the same procedures the server runs, called through tRPC's local link. The
 * keys are resolved as the server resolves them in local mode (keys saved in the studio, then
 * `atelier keys set`, then the environment), so a run behaves the same here and there.
 */

export interface LocalStudio {
  client: StudioClient;
  providerSettings(): Promise<ProviderSettings>;
  asset(sha256: string, mediaType: string): Promise<Uint8Array>;
  /** Stores an input image as the local user's upload, as POST /assets does on a server. */
  upload(data: Uint8Array): Promise<UploadedAsset>;
  /** What resume() found, when this process runs jobs. */
  resumed?: ResumeReport;
  close(): Promise<void>;
}

export async function openLocalStudio(opts: {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Jobs will run here: pick up unfinished work of earlier runs first (see the engine's resume rule). */
  runJobs: boolean;
  pollIntervalMs?: number;
}): Promise<LocalStudio> {
  const migrations = migrationsFolder();
  const database = await openDatabase(
    { dataDir: opts.dataDir, ...(migrations ? { migrationsFolder: migrations } : {}) },
    opts.env,
  );
  try {
    const { db } = database;
    const catalog = cliCatalog();
    const assets = new LocalAssetStore(join(opts.dataDir, 'assets'));
    const keys = createProviderKeys({
      db,
      secret: await loadServerSecret(opts.dataDir, opts.env['ATELIER_SECRET']),
      env: opts.env,
      cliStore: new KeyStore(),
      ...(opts.pollIntervalMs === undefined
        ? {}
        : { base: { pollIntervalMs: opts.pollIntervalMs } }),
    });
    const engine = createJobEngine({
      db,
      assets,
      catalog,
      settings: () => keys.settings(),
      ...(opts.pollIntervalMs === undefined ? {} : { pollIntervalMs: opts.pollIntervalMs }),
    });
    const resumed = opts.runJobs ? await engine.resume() : undefined;
    const local = await ensureLocalUser(db);
    const context: ApiContext = {
      catalog,
      db,
      assets,
      jobs: engine,
      keys,
      mode: 'local',
      user: { id: local.id, role: local.role },
    };
    const client = createTRPCClient<AppRouter>({
      links: [localLink({ router: appRouter, createContext: () => Promise.resolve(context) })],
    });
    let closing: Promise<void> | undefined;
    return {
      client,
      providerSettings: () => keys.settings(),
      async asset(sha256, mediaType) {
        const chunks: Uint8Array[] = [];
        for await (const chunk of await assets.get(assetKey(sha256, mediaType)))
          chunks.push(chunk as Uint8Array);
        return new Uint8Array(Buffer.concat(chunks));
      },
      upload: (data) => storeUpload({ db, store: assets, ownerId: local.id }, data),
      ...(resumed ? { resumed } : {}),
      close() {
        closing ??= engine.drain().finally(() => database.close());
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
