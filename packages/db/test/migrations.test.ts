import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, type OpenDatabaseOptions } from '../src/client.ts';
import { addAsset, getAsset, listAssets } from '../src/data/assets.ts';
import { createUser, listUsers } from '../src/data/users.ts';
import { createTestDatabase, describeDb, inCi } from './harness.ts';

const TABLES = [
  'api_tokens',
  'asset_uploads',
  'assets',
  'budgets',
  'catalog_versions',
  'generation_assets',
  'generation_inputs',
  'generations',
  'instances',
  'job_events',
  'job_runners',
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

/** A copy of the migrations folder that stops before migration `upTo` (an earlier release). */
function migrationsBefore(dir: string, upTo: number): string {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx < upTo);
  for (const e of journal.entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  }
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

describe('0002 generation_assets on an existing database', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const hash = (c: string) => c.repeat(64);

  async function check(target: OpenDatabaseOptions, migrationsFolder: string) {
    const old = await openDatabase({ ...target, migrationsFolder });
    // Rows in the shape 0001 left: each asset names the one generation that made it.
    await old.db.execute(sql`insert into users (id, name) values ('u1', 'Grace')`);
    await old.db.execute(
      sql`insert into generations (id, owner_id, prompt, model_id, route_provider, provider_model_id, estimated_cost_micros)
          values ('g1', 'u1', 'a kite', 'gpt-image-2', 'openai', 'gpt-image-2', 40000),
                 ('g2', 'u1', 'a kite', 'gpt-image-2', 'openai', 'gpt-image-2', 40000)`,
    );
    await old.db.execute(
      sql`insert into assets (sha256, generation_id, index, media_type, width, height, duration_ms, byte_size, storage_key)
          values (${hash('a')}, 'g1', 0, 'image/png', 1024, 1024, null, 10, 'a.png'),
                 (${hash('b')}, 'g1', 1, 'image/png', 1024, 768, null, 20, 'b.png'),
                 (${hash('c')}, 'g2', 0, 'video/mp4', 1280, 720, 4000, 30, 'c.mp4')`,
    );
    await old.close();

    const migrated = await openDatabase(target);
    try {
      const { db } = migrated;
      expect(await listAssets(db, 'g1')).toEqual([
        expect.objectContaining({ sha256: hash('a'), generationId: 'g1', index: 0, width: 1024 }),
        expect.objectContaining({ sha256: hash('b'), generationId: 'g1', index: 1, height: 768 }),
      ]);
      expect(await listAssets(db, 'g2')).toEqual([
        expect.objectContaining({
          sha256: hash('c'),
          index: 0,
          mediaType: 'video/mp4',
          durationMs: 4000,
          byteSize: 30,
          storageKey: 'c.mp4',
        }),
      ]);
      expect(await getAsset(db, hash('a'))).not.toHaveProperty('generationId');
      // The new shape takes bytes another generation already made.
      await addAsset(db, {
        sha256: hash('a'),
        generationId: 'g2',
        index: 1,
        mediaType: 'image/png',
        width: 1024,
        height: 1024,
        byteSize: 10,
        storageKey: 'a.png',
      });
      expect((await listAssets(db, 'g2')).map((a) => a.sha256)).toEqual([hash('c'), hash('a')]);
      expect((await listAssets(db, 'g1')).map((a) => a.sha256)).toEqual([hash('a'), hash('b')]);
    } finally {
      await migrated.close();
    }
  }

  it('moves each asset’s generation and index into the link table [pglite]', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-db-'));
    dirs.push(dir);
    await check({ dataDir: join(dir, 'data') }, migrationsBefore(dir, 2));
  });

  it('moves each asset’s generation and index into the link table [postgres]', async (ctx) => {
    let test;
    try {
      test = await createTestDatabase();
    } catch (e) {
      if (inCi) throw e;
      ctx.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'atelier-db-'));
    dirs.push(dir);
    try {
      await check({ url: test.url }, migrationsBefore(dir, 2));
    } finally {
      await test.drop();
    }
  });
});
