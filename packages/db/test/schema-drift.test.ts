import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/client.ts';
import * as schema from '../src/schema.ts';

it('has a migration for every change to src/schema.ts', async () => {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { idx: number }[];
  };
  const last = String(journal.entries.at(-1)?.idx ?? 0).padStart(4, '0');
  const snapshot = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', `${last}_snapshot.json`), 'utf8'),
  );
  const pending = await generateMigration(snapshot, generateDrizzleJson(schema));
  expect(pending, 'run `pnpm --filter @atelier/db generate` and commit the migration').toEqual([]);
});
