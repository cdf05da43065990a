import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Statistics, the machine line, and this package's section of BENCHMARKS.md. */

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function machine(): string {
  const cpu = cpus();
  const gb = Math.round(totalmem() / 2 ** 30);
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${gb} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

const LOAD_AT_START = loadavg()[0] ?? 0;

/** The machine is shared: how busy it was when the bench started. */
export function load(): string {
  return `1-min load average ${LOAD_AT_START.toFixed(2)} at start on ${cpus().length} cores`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

/** A Markdown table padded as prettier writes it (first column left, the rest right-aligned). */
export function markdownTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (c: string, i: number) =>
    i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)];
}

/** The repository root: the nearest folder up with pnpm-workspace.yaml (bundles run from .cache). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
    dir = up;
  }
  return dir;
}

export const BENCH_FILE = join(repoRoot(), 'BENCHMARKS.md');

/** The order the parts appear in, whichever bench ran last. */
export const PARTS = ['adapter-overhead', 'fan-out', 'peak-rss'] as const;
export type Part = (typeof PARTS)[number];

const HEADING = '## Provider adapters (packages/core/bench)';
const INTRO = [
  'Adapters in `packages/core/src/providers` against the `@atelier/testkit` emulators, which run in',
  'a child process of their own so their work (rendering real images) never shares the measured',
  "process's heap or event loop. Every part below is rewritten by its own script.",
];
const BEGIN = '<!-- core-bench:begin (written by packages/core/bench) -->';
const END = '<!-- core-bench:end -->';
const partBegin = (part: Part) => `<!-- core-bench:${part}:begin -->`;
const partEnd = (part: Part) => `<!-- core-bench:${part}:end -->`;

const partCopy = (part: Part) =>
  join(repoRoot(), 'packages', 'core', '.cache', 'bench-parts', `${part}.md`);

/** The last block of a part found in `text`, markers included. */
function partIn(text: string, part: Part): string | undefined {
  const from = text.lastIndexOf(partBegin(part));
  const to = from < 0 ? -1 : text.indexOf(partEnd(part), from);
  return to > from ? text.slice(from, to + partEnd(part).length) : undefined;
}

/** `text` without this package's section (and any stray piece of it another writer left). */
function withoutSection(text: string): string {
  for (;;) {
    const starts = [text.indexOf(HEADING), text.indexOf(BEGIN)].filter((i) => i >= 0);
    if (starts.length === 0) return text;
    const start = Math.min(...starts);
    const end = text.indexOf(END, start);
    const stop =
      end >= 0
        ? end + END.length
        : start + (text.startsWith(HEADING, start) ? HEADING.length : BEGIN.length);
    text = `${text.slice(0, start).trimEnd()}\n\n${text.slice(stop).trimStart()}`;
  }
}

/**
 * Rewrites one part of this package's section, keeping the others: each as this machine's last
 * run of its script left it (a copy under .cache), else as the file has it. The section goes at
 * the end of the file with its heading outside the markers, so writers that insert before the
 * next heading leave it whole. The file is read just before it is written.
 */
export function writePart(part: Part, lines: string[]): void {
  const copy = partCopy(part);
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, `${lines.join('\n')}\n`);

  let text: string;
  try {
    text = readFileSync(BENCH_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = '# Benchmarks\n';
  }
  const parts = PARTS.map((p) => {
    const saved = existsSync(partCopy(p)) ? readFileSync(partCopy(p), 'utf8').trimEnd() : undefined;
    return saved ? [partBegin(p), '', saved, '', partEnd(p)].join('\n') : partIn(text, p);
  }).filter((p): p is string => p !== undefined);
  const section = [HEADING, '', BEGIN, '', ...INTRO, '', parts.join('\n\n'), '', END].join('\n');
  writeFileSync(BENCH_FILE, `${withoutSection(text).trimEnd()}\n\n${section}\n`);
}

/** Peak and current resident set size of a process, from /proc (Linux), in bytes. */
export function procMemory(
  pid: number | 'self' = 'self',
): { hwm: number; rss: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const hwm = kb('VmHWM');
  const rss = kb('VmRSS');
  return Number.isFinite(hwm) && Number.isFinite(rss)
    ? { hwm: hwm * 1024, rss: rss * 1024 }
    : undefined;
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** `--name value` from argv, or the fallback. */
export function flag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} needs a positive whole number`);
  return value;
}

export const WRITE = !process.argv.includes('--no-write');
