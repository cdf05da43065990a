import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CatalogStore,
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
import {
  ensurePrivateDir,
  openAssetStore,
  openDatabase,
  resolveDataDir,
  type Database,
} from '@atelier/db';
import { z } from 'zod';
import { compileTrustedProxies, localAuth, teamAuth } from './auth.ts';
import { createLimiters, DEFAULT_RATE_LIMIT, type Limiters } from './limits.ts';
import { TokenCache } from './token-cache.ts';
import { DEFAULT_MAX_BODY_BYTES, startServer, type RunningServer } from './http.ts';
import { createProviderKeys, type ProviderKeys } from './provider-keys.ts';
import { CATALOG_QUERIES, QueryCache } from './query-cache.ts';
import { loadServerSecret } from './secret.ts';
import { recordStudio } from './discovery.ts';
import { ThumbnailCache } from './thumbnails.ts';
import { Watchers } from './watchers.ts';

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
    /**
     * Proxies whose X-Forwarded-For is believed for the client address (failed sign-in limits):
     * addresses, CIDR ranges, or loopback / linklocal / uniquelocal. Empty: the connection's.
     */
    trustProxy: z
      .array(z.string().trim().min(1))
      .superRefine((list, ctx) => {
        for (const [i, entry] of list.entries()) {
          try {
            compileTrustedProxies([entry]);
          } catch {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
            });
          }
        }
      })
      .default([]),
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
  /**
   * Environment for DATABASE_URL, ATELIER_DATA_DIR, ATELIER_SECRET, ATELIER_ASSETS_URL and the
   * AWS_* variables of an S3 asset store (default process.env).
   */
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
  /** Team mode: this process's kept token checks (token-cache.ts). */
  tokenCache?: TokenCache;
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
  // Made first, owner-only: with a PostgreSQL URL nothing else would create it before the
  // studio record, assets and thumbnails are written into it.
  ensurePrivateDir(dataDir);
  // The data folder holds assets and the secret in every case, and the database unless a URL is set.
  const databaseUrl =
    opts.databaseUrl ?? (opts.inMemoryDatabase ? undefined : env['DATABASE_URL'] || undefined);
  const secret = opts.secret ?? (await loadServerSecret(dataDir, env['ATELIER_SECRET']));

  const migrations = extras.migrationsFolder ? { migrationsFolder: extras.migrationsFolder } : {};
  // Assets: the data folder's assets/ unless ATELIER_ASSETS_URL names a bucket (checked here,
  // so a wrong endpoint or key stops the start before the database is touched).
  const assets = await openAssetStore({ dataDir, env });
  const database = await openDatabase(
    databaseUrl
      ? { url: databaseUrl, ...migrations }
      : opts.inMemoryDatabase
        ? { inMemory: true, ...migrations }
        : { dataDir, ...migrations },
    env as NodeJS.ProcessEnv,
  );
  let limiters: Limiters | undefined;
  let tokenCache: TokenCache | undefined;
  try {
    const { db } = database;
    // The catalog in use: built-in data plus the catalog file applied last (catalog.apply).
    const catalogStore = new CatalogStore({
      db,
      base: loadCatalog(),
      mirrorFile: join(dataDir, 'catalog.json'),
      warn: (message) => console.warn(message),
    });
    await catalogStore.load();
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
      catalog: () => catalogStore.current(),
      settings: () => keys.settings(),
      ...(opts.pollIntervalMs ? { pollIntervalMs: opts.pollIntervalMs } : {}),
      // Several processes on one PostgreSQL share the queue; the embedded database has one process.
      ...(database.dialect === 'postgres' && databaseUrl
        ? { queue: new PgBossQueue({ connectionString: databaseUrl }) }
        : {}),
      // Job events stored by other processes reach this one's subscribers as they happen.
      ...(database.listen ? { listen: database.listen } : {}),
    });
    const resumed = await engine.resume();

    const mode = opts.team ? 'team' : 'local';
    // Team mode's counters: in the shared PostgreSQL when there is one (see limits.ts).
    limiters = opts.team
      ? await createLimiters({
          limit: opts.rateLimit,
          ...(database.dialect === 'postgres' && databaseUrl ? { databaseUrl } : {}),
        })
      : undefined;
    // Token checks kept per process; revocations reach every process through the database.
    tokenCache = opts.team
      ? new TokenCache(db, database.listen ? { listen: database.listen } : {})
      : undefined;
    await tokenCache?.start();
    const authenticate = limiters
      ? teamAuth(db, { limiters, trustProxy: opts.trustProxy, tokens: tokenCache })
      : localAuth(await localUser(database));
    const watchers = new Watchers();
    const context: Omit<ApiContext, 'user' | 'catalog'> = {
      catalogStore,
      db,
      assets,
      jobs: watchers.track(engine),
      mode,
      keys,
      ...(tokenCache ? { tokenChecks: tokenCache } : {}),
    };
    const queryCache = new QueryCache({ procedures: CATALOG_QUERIES });
    // Answers that depend on the catalog are kept until a catalog file is applied.
    catalogStore.onChange(() => queryCache.clear());
    const server = await startServer({
      host,
      port: opts.port,
      webDir: opts.webDir ?? DEFAULT_WEB_DIR,
      authenticate,
      assets: { db, store: assets, thumbnails: new ThumbnailCache(join(dataDir, 'thumbnails')) },
      sessions: opts.team,
      loopbackHostsOnly: !opts.team,
      corsOrigins: opts.corsOrigins,
      maxBodyBytes: opts.maxBodyBytes,
      maxUploadBytes: opts.maxUploadBytes,
      queryCache,
      createContext: (_req, { user }) => ({
        ...context,
        catalog: catalogStore.current(),
        ...(user ? { user } : {}),
      }),
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
      ...(tokenCache ? { tokenCache } : {}),
      close() {
        closing ??= (async () => {
          forget();
          await server.stopAccepting(opts.shutdownGraceMs);
          await withDeadline(engine.drain(), opts.shutdownGraceMs, () => {
            // With a shared queue the heartbeat stops here, so another instance takes them over.
            engine.instance?.stop();
            console.error(
              `[server] jobs still running after ${opts.shutdownGraceMs} ms; ${engine.instance ? 'another instance takes them over, or ' : ''}they resume on the next start.`,
            );
          });
          // Open event streams end normally (their clients reconnect, to another instance when
          // there is one) and finish their last database read before the database closes.
          await server.endStreams();
          if (!(await watchers.idle(5_000)))
            console.error(`[server] ${watchers.size} event stream(s) still open at shutdown.`);
          await server.close(0);
          await tokenCache?.close();
          await limiters?.close();
          await database.close();
          assets.close?.();
        })();
        return closing;
      },
    };
  } catch (error) {
    await tokenCache?.close();
    await limiters?.close();
    await database.close();
    assets.close?.();
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
