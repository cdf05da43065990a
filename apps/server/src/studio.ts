import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createJobEngine,
  DEFAULT_MAX_UPLOAD_BYTES,
  ensureLocalUser,
  PgBossQueue,
  type ApiContext,
  type JobEngine,
  type ResumeReport,
} from '@atelier/api';
import {
  AtelierError,
  KeyStore,
  loadCatalog,
  parseInput,
  type ProviderSettings,
} from '@atelier/core';
import { LocalAssetStore, openDatabase, resolveDataDir, type Database } from '@atelier/db';
import { z } from 'zod';
import { DEFAULT_RATE_LIMIT, localAuth, teamAuth } from './auth.ts';
import { DEFAULT_MAX_BODY_BYTES, startServer, type RunningServer } from './http.ts';
import { createProviderKeys, type ProviderKeys } from './provider-keys.ts';
import { CATALOG_QUERIES, QueryCache } from './query-cache.ts';
import { loadServerSecret } from './secret.ts';
import { recordStudio } from './discovery.ts';

/**
 * The one studio process: database, asset store, job engine and HTTP server (tRPC, SSE, assets,
 * the web build). Local mode binds loopback and signs everyone in as the local admin; team mode
 * asks every request for an API token.
 */

type Env = Record<string, string | undefined>;

const Origin = z
  .url()
  .refine(
    (u) => new URL(u).origin === u.replace(/\/$/, ''),
    'must be an origin such as https://studio.example.com (scheme, host, optional port; no path)',
  );

export const StudioOptions = z
  .object({
    port: z.number().int().min(0).max(65_535).default(8787),
    /** Default 127.0.0.1. Local mode has no sign-in, so it listens on loopback only. */
    host: z.string().min(1).optional(),
    team: z.boolean().default(false),
    /** Assets, the server secret and (without a PostgreSQL URL) the embedded database. */
    dataDir: z.string().min(1).optional(),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** An embedded database that lives only as long as the process (tests, benchmarks). */
    inMemoryDatabase: z.boolean().default(false),
    corsOrigins: z.array(Origin).default([]),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(DEFAULT_MAX_BODY_BYTES),
    /** Largest input image accepted at POST /assets (larger: 413). */
    maxUploadBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(DEFAULT_MAX_UPLOAD_BYTES),
    rateLimit: z
      .object({
        points: z.number().int().min(1).max(1_000_000),
        windowSeconds: z.number().int().min(1).max(86_400),
      })
      .strict()
      .default(DEFAULT_RATE_LIMIT),
    /** Encrypts stored provider keys; default ATELIER_SECRET, else `<dataDir>/secret`. */
    secret: z.string().min(32, 'must be at least 32 characters').optional(),
    webDir: z.string().min(1).optional(),
    /** Between status checks of a video operation. */
    pollIntervalMs: z.number().int().min(1).max(600_000).optional(),
    /** How long shutdown waits for requests and jobs in flight. */
    shutdownGraceMs: z.number().int().min(0).max(3_600_000).default(30_000),
  })
  .strict();
export type StudioOptions = z.input<typeof StudioOptions>;

export interface StudioExtras {
  /** Environment for DATABASE_URL, ATELIER_DATA_DIR, ATELIER_SECRET (default process.env). */
  env?: Env;
  /** Environment the provider adapters read keys and base URLs from (default `env`). */
  providerEnv?: Env;
  /** Retry, timeout and polling settings for the adapters (tests make them fast). */
  providerSettings?: Omit<ProviderSettings, 'keys' | 'env'>;
  /** The CLI key store read in local mode (default the user's); null: none. Team mode reads none. */
  cliKeyStore?: KeyStore | null;
  /** The database migrations, for a bundle that carries them (dist/drizzle); default the db package's. */
  migrationsFolder?: string;
}

export interface Studio {
  url: string;
  mode: 'local' | 'team';
  dataDir: string;
  database: Database;
  engine: JobEngine;
  keys: ProviderKeys;
  server: RunningServer;
  /** What resume() found at start-up. */
  resumed: ResumeReport;
  /** Graceful: stop accepting, finish requests in flight, drain the engine, close the database. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The web build, beside this package (apps/web/dist), whether running from src/ or dist/. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function startStudio(
  options: StudioOptions = {},
  extras: StudioExtras = {},
): Promise<Studio> {
  const opts = parseInput(StudioOptions, options, 'server options');
  const env = extras.env ?? process.env;
  const host = opts.host ?? '127.0.0.1';
  if (!opts.team && !LOOPBACK.test(host)) {
    throw new AtelierError(
      'invalid_input',
      `Local mode has no sign-in, so it listens on loopback only, not on ${host}.`,
      {
        hint: 'Start in team mode (--team) to listen on other addresses; every request then needs an API token.',
      },
    );
  }
  const dataDir = opts.dataDir ?? resolveDataDir(env as NodeJS.ProcessEnv);
  // The data folder holds assets and the secret in every case, and the database unless a URL is set.
  const databaseUrl =
    opts.databaseUrl ?? (opts.inMemoryDatabase ? undefined : env['DATABASE_URL'] || undefined);
  const secret = opts.secret ?? (await loadServerSecret(dataDir, env['ATELIER_SECRET']));

  const migrations = extras.migrationsFolder ? { migrationsFolder: extras.migrationsFolder } : {};
  const database = await openDatabase(
    databaseUrl
      ? { url: databaseUrl, ...migrations }
      : opts.inMemoryDatabase
        ? { inMemory: true, ...migrations }
        : { dataDir, ...migrations },
    env as NodeJS.ProcessEnv,
  );
  try {
    const { db } = database;
    const catalog = loadCatalog();
    const assets = new LocalAssetStore(join(dataDir, 'assets'));
    const keys = createProviderKeys({
      db,
      secret,
      env: extras.providerEnv ?? env,
      cliStore: opts.team
        ? null
        : extras.cliKeyStore === undefined
          ? new KeyStore()
          : extras.cliKeyStore,
      ...(extras.providerSettings ? { base: extras.providerSettings } : {}),
    });
    const engine = createJobEngine({
      db,
      assets,
      catalog,
      settings: () => keys.settings(),
      ...(opts.pollIntervalMs ? { pollIntervalMs: opts.pollIntervalMs } : {}),
      // Several processes on one PostgreSQL share the queue; the embedded database has one process.
      ...(database.dialect === 'postgres' && databaseUrl
        ? { queue: new PgBossQueue({ connectionString: databaseUrl }) }
        : {}),
    });
    const resumed = await engine.resume();

    const mode = opts.team ? 'team' : 'local';
    const authenticate = opts.team
      ? teamAuth(db, opts.rateLimit)
      : localAuth(await localUser(database));
    const context: Omit<ApiContext, 'user'> = { catalog, db, assets, jobs: engine, mode, keys };
    const server = await startServer({
      host,
      port: opts.port,
      webDir: opts.webDir ?? DEFAULT_WEB_DIR,
      authenticate,
      assets: { db, store: assets },
      sessions: opts.team,
      loopbackHostsOnly: !opts.team,
      corsOrigins: opts.corsOrigins,
      maxBodyBytes: opts.maxBodyBytes,
      maxUploadBytes: opts.maxUploadBytes,
      // The catalog is loaded once above and never changes while the process runs.
      queryCache: new QueryCache({ procedures: CATALOG_QUERIES }),
      createContext: (_req, { user }) => (user ? { ...context, user } : context),
    });

    // Other processes on this data folder (CLI commands) find the studio through this record.
    const forget = recordStudio(dataDir, {
      url: server.url,
      pid: process.pid,
      mode,
      startedAt: new Date().toISOString(),
    });
    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      mode,
      dataDir,
      database,
      engine,
      keys,
      server,
      resumed,
      close() {
        closing ??= (async () => {
          forget();
          await server.stopAccepting(opts.shutdownGraceMs);
          await withDeadline(engine.drain(), opts.shutdownGraceMs, () =>
            console.error(
              `[server] jobs still running after ${opts.shutdownGraceMs} ms; they resume on the next start.`,
            ),
          );
          await server.close(0);
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function localUser(database: Database) {
  const user = await ensureLocalUser(database.db);
  return { id: user.id, role: user.role };
}

async function withDeadline(work: Promise<void>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const outcome = await Promise.race([work.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') onTimeout();
}
