import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Shared helpers: percentiles, the machine line, and appending results to BENCHMARKS.md. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function machine(): string {
  const cpu = cpus();
  // The load average says how much else was running: on a shared box it moves the numbers.
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}, load average ${loadavg()[0]?.toFixed(1)} at the end`;
}

const FILE = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const HEADING = '## API job engine (packages/api/bench)';

/**
 * Writes one result under this package's heading, creating the heading (or file) if needed. A
 * result replaces the previous one of the same benchmark (same title before the date).
 */
export async function appendResult(lines: string[]): Promise<void> {
  let text = '';
  try {
    text = await readFile(FILE, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    text = '# Benchmarks\n';
  }
  const entry = `${lines.join('\n')}\n`;
  const title = (lines[0] ?? '').replace(/\s*\(\d{4}-\d{2}-\d{2}\)\s*$/, '');
  const start = text.indexOf(HEADING);
  if (start < 0) {
    await writeFile(FILE, `${text.trimEnd()}\n\n${HEADING}\n\n${entry}`);
    return;
  }
  const next = text.indexOf('\n## ', start + HEADING.length);
  const end = next < 0 ? text.length : next + 1;
  const entries = text
    .slice(start + HEADING.length, end)
    .split(/\n(?=### )/)
    .map((e) => e.trim())
    .filter((e) => e && !e.startsWith(title));
  const section = `${HEADING}\n\n${[...entries, entry.trim()].join('\n\n')}\n`;
  await writeFile(
    FILE,
    `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(end)}`}`,
  );
}
