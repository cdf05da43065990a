import { join } from 'node:path';
import {
  appRouter,
  CatalogStore,
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
import { assetKey, openAssetStore, openDatabase } from '@atelier/db';
import { createProviderKeys, loadServerSecret } from '@atelier/server';
import { createTRPCClient, localLink } from '@trpc/client';
import { builtInCatalog, resetCliCatalog } from '../catalog.ts';
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
  // The store a studio on this data folder uses (ATELIER_ASSETS_URL, else its assets/), so what
  // a run here stores is what the server serves.
  const assets = await openAssetStore({ dataDir: opts.dataDir, env: opts.env });
  const database = await openDatabase(
    { dataDir: opts.dataDir, ...(migrations ? { migrationsFolder: migrations } : {}) },
    opts.env,
  );
  try {
    const { db } = database;
    // The catalog in use: built-in, plus the catalog file applied to this studio (kept in its
    // database; catalog.json beside it is the copy other commands read).
    const catalogStore = new CatalogStore({
      db,
      base: builtInCatalog(),
      mirrorFile: join(opts.dataDir, 'catalog.json'),
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    });
    await catalogStore.load();
    catalogStore.onChange(() => resetCliCatalog());
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
      catalog: () => catalogStore.current(),
      settings: () => keys.settings(),
      ...(opts.pollIntervalMs === undefined ? {} : { pollIntervalMs: opts.pollIntervalMs }),
    });
    const resumed = opts.runJobs ? await engine.resume() : undefined;
    const local = await ensureLocalUser(db);
    const context: Omit<ApiContext, 'catalog'> = {
      catalogStore,
      db,
      assets,
      jobs: engine,
      keys,
      mode: 'local',
      user: { id: local.id, role: local.role },
    };
    const client = createTRPCClient<AppRouter>({
      links: [
        localLink({
          router: appRouter,
          createContext: () => Promise.resolve({ ...context, catalog: catalogStore.current() }),
        }),
      ],
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
        closing ??= engine
          .drain()
          .finally(() => database.close())
          .finally(() => assets.close?.());
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    assets.close?.();
    throw error;
  }
}
