import {
  createTestDatabase,
  IN_CI,
  postgresUnreachable,
  redact,
  TEST_POSTGRES_URL,
} from '@atelier/testkit/postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type Dialect } from '../src/client.ts';
import { createGeneration, type CreateGenerationInput } from '../src/data/generations.ts';
import { createUser } from '../src/data/users.ts';

/**
 * Runs a suite on embedded PGlite (in memory) and on the local PostgreSQL server, in a fresh
 * database per suite that is dropped afterwards. Without a reachable server the PostgreSQL half
 * is skipped with a message, except in CI, where it fails.
 */

const unreachable = await postgresUnreachable();
if (unreachable && !IN_CI) {
  console.warn(
    `PostgreSQL at ${redact(TEST_POSTGRES_URL)} is unreachable (${unreachable}): skipping the PostgreSQL half of the db tests. ` +
      'Start it or set ATELIER_TEST_DATABASE_URL.',
  );
}

export { createTestDatabase, IN_CI as inCi };

export const DIALECTS: readonly Dialect[] = ['pglite', 'postgres'];

export function describeDb(title: string, body: (get: () => Database) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && unreachable !== undefined && !IN_CI;
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
            `PostgreSQL at ${redact(TEST_POSTGRES_URL)} is unreachable in CI: ${unreachable}`,
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
