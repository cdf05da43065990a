import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The PostgreSQL server the multi-instance tests and benches create their databases on:
 * ATELIER_TEST_DATABASE_URL, or the machine's local server. Each test gets a fresh database it
 * drops afterwards, so runs never see each other's rows.
 */
export const TEST_POSTGRES_URL =
  process.env.ATELIER_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** In CI a missing server fails the tests instead of skipping them. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Why the test server cannot be reached, or undefined when it can. */
export async function postgresUnreachable(url = TEST_POSTGRES_URL): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Whether a suite needing PostgreSQL should be skipped: only when the server is unreachable
 * outside CI, with a message naming `what` is skipped.
 */
export async function skipWithoutPostgres(what: string): Promise<boolean> {
  const reason = await postgresUnreachable();
  if (reason === undefined || IN_CI) return false;
  console.warn(
    `PostgreSQL at ${redact(TEST_POSTGRES_URL)} is unreachable (${reason}): skipping ${what}.`,
  );
  return true;
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/** A fresh database on the test server, named `<prefix>_<random>`. */
export async function createTestDatabase(prefix = 'atelier_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer((sql) => sql.unsafe(`create database ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)),
  };
}

async function onServer(run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The URL with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
