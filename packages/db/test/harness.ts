import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type Dialect } from '../src/client.ts';
import { createGeneration, type CreateGenerationInput } from '../src/data/generations.ts';
import { createUser } from '../src/data/users.ts';

/**
 * Runs a suite on embedded PGlite (in memory) and on the local PostgreSQL server, in a fresh
 * database per suite that is dropped afterwards. Without a reachable server the PostgreSQL half
 * is skipped with a message, except in CI, where it fails.
 */

const serverUrl =
  process.env.ATELIER_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

async function probe(): Promise<string | undefined> {
  const sql = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const unreachable = await probe();
if (unreachable && !inCi) {
  console.warn(
    `PostgreSQL at ${redact(serverUrl)} is unreachable (${unreachable}): skipping the PostgreSQL half of the db tests. ` +
      'Start it or set ATELIER_TEST_DATABASE_URL.',
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** A fresh database on the test server; the returned function drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

export const DIALECTS: readonly Dialect[] = ['pglite', 'postgres'];

export function describeDb(title: string, body: (get: () => Database) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && unreachable !== undefined && !inCi;
    (skip ? describe.skip : describe)(`${title} [${dialect}]`, () => {
      let database: Database | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (dialect === 'pglite') {
          database = await openDatabase({ inMemory: true });
          return;
        }
        if (unreachable) {
          throw new Error(
            `PostgreSQL at ${redact(serverUrl)} is unreachable in CI: ${unreachable}`,
          );
        }
        const test = await createTestDatabase();
        drop = test.drop;
        // More connections than the concurrent budget test's cap, so an unlocked check would overspend.
        database = await openDatabase({ url: test.url, maxConnections: 20 });
      });
      afterAll(async () => {
        await database?.close();
        await drop?.();
      });
      body(() => {
        if (!database) throw new Error('database not open');
        return database;
      });
    });
  }
}

export async function seedUser(database: Database, name = 'Ada') {
  return createUser(database.db, { name });
}

export async function seedGeneration(
  database: Database,
  ownerId: string,
  over: Partial<CreateGenerationInput> = {},
) {
  return createGeneration(database.db, {
    ownerId,
    prompt: 'a lighthouse at dusk, oil painting',
    modelId: 'nano-banana-pro',
    routeProvider: 'google',
    providerModelId: 'gemini-3-pro-image-preview',
    estimatedCostMicros: 134_000,
    ...over,
  });
}

export { serverUrl, unreachable as postgresUnreachable, inCi };
