import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { openDatabase } from '../src/client.ts';
import { PGLITE_TEMPLATE_ENV } from '../src/pglite-template.ts';

/**
 * What a fresh embedded database costs a test: `openDatabase({ inMemory: true })` to a migrated,
 * usable database, then close. Without a template each open runs initdb and every migration;
 * with ATELIER_PGLITE_TEMPLATE (set by the shared vitest config) it copies a migrated folder and
 * the migrator finds nothing to do. The two alternate so both see the same machine load.
 */

const ROUNDS = 7;
const FILE = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const BEGIN = '<!-- db-open:begin (written by packages/db/bench/open-database.bench.ts) -->';
const END = '<!-- db-open:end -->';

async function timedOpen(templateRoot: string | undefined): Promise<number> {
  if (templateRoot === undefined) delete process.env[PGLITE_TEMPLATE_ENV];
  else process.env[PGLITE_TEMPLATE_ENV] = templateRoot;
  const start = performance.now();
  const database = await openDatabase({ inMemory: true }, {});
  const rows = await database.db.execute(sql`select count(*) as n from users`);
  const ms = performance.now() - start;
  await database.close();
  expect(rows).toBeDefined();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

test('fresh embedded database: initdb + migrations against a migrated template', async () => {
  const root = mkdtempSync(join(tmpdir(), 'atelier-bench-template-'));
  const plain = undefined;
  const templated = root;
  try {
    const first = await timedOpen(templated); // builds the template
    const fresh: number[] = [];
    const copied: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      fresh.push(await timedOpen(plain));
      copied.push(await timedOpen(templated));
    }
    const cpu = cpus();
    const lines = [
      BEGIN,
      '',
      '## Opening a fresh embedded database (tests)',
      '',
      'How long `openDatabase({ inMemory: true })` takes to a migrated, usable PGlite database',
      '(one query), without and with the migrated template the shared vitest config turns on',
      `(\`${PGLITE_TEMPLATE_ENV}\`, packages/db/src/pglite-template.ts). Alternating, ${ROUNDS} rounds each.`,
      '',
      '- Command: `pnpm --filter @atelier/db bench`',
      `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)} at the end`,
      `- Date: ${new Date().toISOString().slice(0, 10)}`,
      '',
      '| Open | Median | Runs (ms) |',
      '| --- | ---: | --- |',
      `| initdb + migrations (production path) | ${median(fresh).toFixed(0)} ms | ${fresh.map((n) => n.toFixed(0)).join(', ')} |`,
      `| copy of the migrated template | ${median(copied).toFixed(0)} ms | ${copied.map((n) => n.toFixed(0)).join(', ')} |`,
      '',
      `Building the template once took ${first.toFixed(0)} ms. Ratio: **${(median(fresh) / median(copied)).toFixed(1)}×** faster per open.`,
      '',
      END,
    ];
    console.log(lines.join('\n'));
    const text = readFileSync(FILE, 'utf8');
    const at = text.indexOf(BEGIN);
    const next =
      at === -1
        ? `${text.trimEnd()}\n\n${lines.join('\n')}\n`
        : text.slice(0, at) + lines.join('\n') + text.slice(text.indexOf(END) + END.length);
    writeFileSync(FILE, next);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
