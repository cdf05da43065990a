import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../src/client.ts';
import { listUsers, createUser } from '../src/data/users.ts';
import { PGLITE_TEMPLATE_ENV, templateKey } from '../src/pglite-template.ts';

/** Fresh embedded databases started from a migrated template (the test-run opt-in). */

const CONF = ['shared_buffers = 16MB'];

describe('migrated templates for fresh embedded databases', () => {
  let root: string;
  let work: string;
  const before = process.env[PGLITE_TEMPLATE_ENV];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'atelier-template-test-'));
    work = mkdtempSync(join(tmpdir(), 'atelier-template-work-'));
    process.env[PGLITE_TEMPLATE_ENV] = root;
  });
  afterAll(() => {
    if (before === undefined) delete process.env[PGLITE_TEMPLATE_ENV];
    else process.env[PGLITE_TEMPLATE_ENV] = before;
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const templates = () => readdirSync(root).filter((n) => n.startsWith('pglite-'));

  it('keys a template by every byte of the migrations', () => {
    const folder = join(work, 'keyed');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const key = templateKey(folder, CONF);
    expect(templateKey(MIGRATIONS_FOLDER, CONF)).toBe(key);
    const first = join(folder, '0000_init.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- changed\n`);
    expect(templateKey(folder, CONF)).not.toBe(key);
    expect(templateKey(MIGRATIONS_FOLDER, ['shared_buffers = 32MB'])).not.toBe(key);
  });

  it('opens in-memory and on-disk databases from one template, each its own', async () => {
    const a = await openDatabase({ inMemory: true }, {});
    expect(templates()).toHaveLength(1);
    await createUser(a.db, { name: 'Ada' });

    // Another fresh database starts empty, not with what the first one holds.
    const b = await openDatabase({ inMemory: true }, {});
    expect(await listUsers(b.db)).toEqual([]);
    await Promise.all([a.close(), b.close()]);
    expect(readdirSync(root).filter((n) => !n.startsWith('pglite-'))).toEqual([]);

    // A new data folder starts from the template and keeps what is written to it.
    const dataDir = join(work, 'data');
    const c = await openDatabase({ dataDir }, {});
    await createUser(c.db, { name: 'Grace' });
    await c.close();
    const d = await openDatabase({ dataDir }, {});
    expect((await listUsers(d.db)).map((u) => u.name)).toEqual(['Grace']);
    await d.close();
    expect(templates()).toHaveLength(1);
  });

  it('builds a new template when a migration is added, and the database has it', async () => {
    const folder = join(work, 'added');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; tag: string; when: number; version: string; breakpoints: boolean }[];
    };
    const last = journal.entries.at(-1);
    if (!last) throw new Error('no migrations');
    journal.entries.push({ ...last, idx: last.idx + 1, tag: '9999_extra', when: last.when + 1 });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_extra.sql'), 'CREATE TABLE "extra" ("id" integer);');

    // A template no run has used for over a week goes when another is built.
    const stale = join(root, 'pglite-stale');
    mkdirSync(stale);
    const longAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(stale, longAgo, longAgo);

    const database = await openDatabase({ inMemory: true, migrationsFolder: folder }, {});
    try {
      const rows = await database.db.execute(sql`select count(*)::int as n from extra`);
      expect(rows).toBeDefined();
    } finally {
      await database.close();
    }
    expect(templates()).toHaveLength(2);
    expect(existsSync(stale)).toBe(false);
  });

  it('is not used without the variable', async () => {
    // Migrations no template was made for: with the variable set, opening would make one.
    const folder = join(work, 'plain-migrations');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    writeFileSync(join(folder, 'README'), 'a copy');
    delete process.env[PGLITE_TEMPLATE_ENV];
    try {
      const dataDir = join(work, 'plain');
      const database = await openDatabase({ dataDir, migrationsFolder: folder }, {});
      await database.close();
      expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    } finally {
      process.env[PGLITE_TEMPLATE_ENV] = root;
    }
    expect(templates()).toHaveLength(2);
  });
});
