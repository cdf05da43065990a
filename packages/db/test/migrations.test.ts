import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../src/client.ts';
import { createUser, listUsers } from '../src/data/users.ts';
import { createTestDatabase, describeDb, inCi } from './harness.ts';

const TABLES = [
  'api_tokens',
  'assets',
  'budgets',
  'generations',
  'provider_keys',
  'provider_operations',
  'spend_ledger',
  'users',
  'votes',
];

async function rows<T>(result: unknown): Promise<T[]> {
  // PGlite answers { rows }, postgres.js an array.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

describeDb('migrations', (get) => {
  it('creates every table and records every migration', async () => {
    const { db } = get();
    const tables = await rows<{ table_name: string }>(
      await db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      ),
    );
    expect(tables.map((t) => t.table_name)).toEqual(TABLES);
    const applied = await rows<{ hash: string }>(
      await db.execute(sql`select hash from drizzle.__drizzle_migrations order by created_at`),
    );
    expect(applied.map((m) => m.hash)).toEqual(
      readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.hash),
    );
  });

  it('has the generated full-text column and its GIN index', async () => {
    const { db } = get();
    const [index] = await rows<{ indexdef: string }>(
      await db.execute(
        sql`select indexdef from pg_indexes where indexname = 'generations_prompt_search_idx'`,
      ),
    );
    expect(index?.indexdef).toMatch(/USING gin \(prompt_search\)/);
    const [column] = await rows<{ is_generated: string; data_type: string }>(
      await db.execute(
        sql`select is_generated, data_type from information_schema.columns where table_name = 'generations' and column_name = 'prompt_search'`,
      ),
    );
    expect(column).toEqual({ is_generated: 'ALWAYS', data_type: 'tsvector' });
  });
});

describe('migrations on reopen', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps PGlite data in the data folder across opens, and refuses a second open of the same folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-db-'));
    dirs.push(dataDir);
    const first = await openDatabase({ dataDir });
    expect(first.dialect).toBe('pglite');
    await createUser(first.db, { name: 'Grace', role: 'admin' });
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'unsupported' });
    await first.close();

    const second = await openDatabase({}, { ATELIER_DATA_DIR: dataDir });
    expect(second.dataDir).toBe(dataDir);
    expect((await listUsers(second.db)).map((u) => u.name)).toEqual(['Grace']);
    await second.close();
  });

  it('uses DATABASE_URL for PostgreSQL and applies nothing twice', async (ctx) => {
    let test;
    try {
      test = await createTestDatabase();
    } catch (e) {
      if (inCi) throw e;
      ctx.skip();
      return;
    }
    try {
      const first = await openDatabase({}, { DATABASE_URL: test.url });
      expect(first.dialect).toBe('postgres');
      await createUser(first.db, { name: 'Grace' });
      await first.close();
      // Two processes starting at once: the migration lock lets one apply, the other finds nothing to do.
      const [a, b] = await Promise.all([
        openDatabase({ url: test.url }),
        openDatabase({ url: test.url }),
      ]);
      const count = await rows<{ n: number }>(
        await a.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      expect(count[0]?.n).toBe(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length);
      expect((await listUsers(b.db)).map((u) => u.name)).toEqual(['Grace']);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await test.drop();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    for (const stalePid of [process.pid, 2 ** 22 + 12_345]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'atelier-db-'));
      dirs.push(dataDir);
      writeFileSync(join(dataDir, 'pglite.lock'), String(stalePid));
      const database = await openDatabase({ dataDir });
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8')).toBe(String(process.pid));
      await database.close();
      await database.close();
      expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    }
  });

  it('says which server it could not reach, without the password', async () => {
    const error = await openDatabase({
      url: 'postgres://postgres:hunter2@127.0.0.1:1/atelier',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'internal',
      message: expect.stringContaining('postgres://postgres:***@127.0.0.1:1/atelier'),
      hint: expect.stringContaining('DATABASE_URL'),
    });
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('rejects conflicting options with a clear message', async () => {
    await expect(
      openDatabase({ inMemory: true, url: 'postgres://x@localhost/db' }),
    ).rejects.toThrow(/at most one of url, dataDir and inMemory/);
    await expect(openDatabase({ url: 'mysql://x' })).rejects.toThrow(/url: must be a postgres/);
    await expect(openDatabase({}, { DATABASE_URL: 'mysql://x' })).rejects.toThrow(
      /Invalid DATABASE_URL: .*must be a postgres/,
    );
  });
});
