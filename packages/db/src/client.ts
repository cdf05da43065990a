import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { z } from 'zod';
import { AtelierError, parseInput } from '@atelier/core';
import { PRIVATE_DIR_MODE, resolveDataDir } from './data-dir.ts';
import { acquireLockFile } from './lock-file.ts';
import {
  PGLITE_TEMPLATE_ENV,
  copyTemplate,
  pgliteTemplate,
  scratchCopy,
} from './pglite-template.ts';
import { PgliteThread } from './pglite-thread.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;

/**
 * A database handle or an open transaction (a transaction is a `Db` too): every data-access
 * function takes one, so callers can group several calls in `db.transaction(...)`.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Dialect = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  dialect: Dialect;
  /** The Atelier data folder when the database is embedded on disk. */
  dataDir?: string;
  close(): Promise<void>;
  /**
   * PostgreSQL only: calls `onMessage` with each notification on `channel`, on a connection of
   * its own that reconnects by itself; `onListen` runs each time listening (re)starts, when
   * notifications may have been missed. Resolves once listening, to a function that stops.
   */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
}

/** SQL migrations written by drizzle-kit from src/schema.ts (see drizzle.config.ts). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

const PostgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

export const OpenDatabaseOptions = z
  .object({
    /** A PostgreSQL URL; defaults to `DATABASE_URL`. */
    url: PostgresUrl.optional(),
    /** The Atelier data folder; the embedded database lives in `<dataDir>/pglite`. */
    dataDir: z.string().min(1).optional(),
    /** An embedded database that lives only as long as the process (tests). */
    inMemory: z.boolean().optional(),
    /** Where the migrations are, for bundles that copy the folder elsewhere. */
    migrationsFolder: z.string().min(1).optional(),
    /** Size of the PostgreSQL connection pool. */
    maxConnections: z.number().int().min(1).max(100).optional(),
  })
  .strict()
  .refine(
    (o) =>
      [o.url !== undefined, o.dataDir !== undefined, o.inMemory === true].filter(Boolean).length <=
      1,
    {
      message: 'give at most one of url, dataDir and inMemory',
    },
  );
export type OpenDatabaseOptions = z.input<typeof OpenDatabaseOptions>;

/** Arbitrary but fixed key for the session lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = '7233100925493104';

/**
 * Opens the database and applies pending migrations. An explicit option wins; otherwise
 * `DATABASE_URL` selects PostgreSQL, and without it the embedded PGlite database lives in the
 * Atelier data folder (`ATELIER_DATA_DIR` or the platform's per-user data folder).
 */
export async function openDatabase(
  options: OpenDatabaseOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Database> {
  const opts = parseInput(OpenDatabaseOptions, options, 'database options');
  const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_FOLDER;
  const embedded = opts.inMemory === true || opts.dataDir !== undefined;
  const fromEnv = opts.url === undefined && !embedded ? env.DATABASE_URL || undefined : undefined;
  const url = opts.url ?? (fromEnv && parseInput(PostgresUrl, fromEnv, 'DATABASE_URL'));
  if (url !== undefined) {
    return openPostgres(url, migrationsFolder, opts.maxConnections ?? 10);
  }
  // Test runs start fresh embedded databases from a migrated template (see pglite-template.ts):
  // a process-wide opt-in, read from the process so studios given an environment of their own
  // (test harnesses pass a clean one) use it too.
  const templateRoot = process.env[PGLITE_TEMPLATE_ENV] || undefined;
  if (opts.inMemory) return openPglite(undefined, migrationsFolder, templateRoot);
  return openPglite(opts.dataDir ?? resolveDataDir(env), migrationsFolder, templateRoot);
}

/**
 * The embedded database runs on a thread of its own (see pglite-thread.ts). Its shared buffers
 * are kept small: the studio's working set is tiny, and PostgreSQL's default of 128 MB would
 * otherwise sit in every CLI process that opens the database.
 */
const PGLITE_CONF = ['shared_buffers = 16MB'];

async function openPglite(
  dataDir: string | undefined,
  migrationsFolder: string,
  templateRoot: string | undefined,
): Promise<Database> {
  let unlock = () => {};
  let dir: string | undefined;
  // A template that cannot be made (a broken migration, an unwritable folder) leaves the ordinary
  // path, which reports the problem as it would in production.
  const fromTemplate = async (): Promise<string | undefined> =>
    templateRoot === undefined
      ? undefined
      : pgliteTemplate(templateRoot, migrationsFolder, PGLITE_CONF, async (into) => {
          const { client } = await startPglite(into, migrationsFolder);
          await client.close();
        }).catch(() => undefined);
  if (dataDir !== undefined) {
    dir = join(dataDir, 'pglite');
    // Made owner-only, with the data folder above it when that is new too (see data-dir.ts).
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    unlock = acquireLockFile(join(dataDir, 'pglite.lock'), `The Atelier database in ${dataDir}`);
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      try {
        const template = await fromTemplate();
        if (template !== undefined) copyTemplate(template, dir);
      } catch (e) {
        // A half copy must not pass for a database at the next start.
        rmSync(dir, { recursive: true, force: true });
        unlock();
        throw e;
      }
    }
  } else {
    const template = await fromTemplate();
    if (templateRoot !== undefined && template !== undefined) {
      // "In memory" becomes a scratch copy (in /dev/shm where there is one), removed on close.
      const scratch = scratchCopy(templateRoot, template);
      dir = scratch.dir;
      unlock = scratch.remove;
    }
  }
  let started: { client: PgliteThread; db: Db };
  try {
    started = await startPglite(dir, migrationsFolder);
  } catch (e) {
    unlock();
    throw e;
  }
  const { client, db } = started;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await client.close();
    } finally {
      unlock();
    }
  };
  return { db, dialect: 'pglite', dataDir, close };
}

/** Starts PGlite on its thread in `dir` (in memory without one) and applies pending migrations. */
async function startPglite(
  dir: string | undefined,
  migrationsFolder: string,
): Promise<{ client: PgliteThread; db: Db }> {
  const client = await PgliteThread.open({ dataDir: dir, postgresqlConf: PGLITE_CONF });
  // The thread answers the calls drizzle's PGlite driver makes (query, exec, transaction).
  const db = drizzlePglite({ client: client as unknown as PGlite, schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (e) {
    await client.close();
    throw e;
  }
  return { client, db };
}

async function openPostgres(url: string, migrationsFolder: string, max: number): Promise<Database> {
  // Migrations run on their own connection holding a session lock, so two processes starting at
  // once do not both apply the same migration.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
    await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder });
  } catch (e) {
    throw new AtelierError(
      'internal',
      `Could not open the PostgreSQL database ${redactUrl(url)}: ${causeMessage(e)}`,
      {
        hint: 'Check DATABASE_URL and that the server is running and reachable.',
        cause: e,
      },
    );
  } finally {
    await migrator.end({ timeout: 5 });
  }
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    dialect: 'postgres',
    close: () => client.end({ timeout: 5 }),
    listen: async (channel, onMessage, onListen) => {
      const { unlisten } = await client.listen(channel, onMessage, onListen);
      return unlisten;
    },
  };
}

/** Connection URLs may carry a password; messages show everything else. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function causeMessage(e: unknown): string {
  // Drizzle wraps driver errors as "Failed query: …"; the driver's own message says more.
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  return cause instanceof Error ? cause.message : String(cause);
}
