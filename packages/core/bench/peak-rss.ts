import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulators.ts';
import {
  flag,
  load,
  machine,
  markdownTable,
  mb,
  median,
  procMemory,
  today,
  WRITE,
  writePart,
} from './report.ts';

/**
 * Peak resident memory while making 50 images of 3840×2160 in a row, each written to disk as it
 * arrives: through the built CLI (`atelier generate`, one process per image, as a shell loop
 * runs it), through core's runImages in one long-lived process (where anything kept from image
 * to image would pile up), and through the openai SDK called directly in the same way, the
 * baseline. The emulators run in another process with their default noise, so each PNG is
 * about as large as a real 4K render.
 */

const RUNS = flag('runs', 3);
const COUNT = flag('count', 50);
const SIZE = '3840x2160';
const PROMPT = 'a harbour at dusk, long exposure';
const GOAL_BYTES = 300 * 2 ** 20;
const worker = fileURLToPath(new URL('./rss-worker.mjs', import.meta.url));
/** Set by run.mjs once the CLI bundle is current (absent when there is no CLI to measure). */
const cliEntry = process.env['BENCH_CLI_ENTRY'];
const TIME = '/usr/bin/time';
const timeTool = existsSync(TIME);

interface Measured {
  /** Peak RSS in bytes: getrusage's maxrss through /usr/bin/time, else the last VmHWM seen. */
  peak: number;
  stdout: string;
}

/** Runs `node argv` to the end and reports its peak resident set size. */
function measure(argv: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-rss-time-'));
  const report = join(dir, 'maxrss');
  const [command, args] = timeTool
    ? [TIME, ['-f', '%M', '-o', report, process.execPath, ...argv]]
    : [process.execPath, argv];
  return new Promise<Measured>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let hwm = 0;
    const timer = timeTool
      ? undefined
      : setInterval(() => {
          hwm = Math.max(hwm, (child.pid && procMemory(child.pid)?.hwm) || 0);
        }, 20);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const peak = timeTool ? Number(readFileSync(report, 'utf8').trim()) * 1024 : hwm;
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`${argv.slice(0, 3).join(' ')} exited ${code}`));
      resolve({ peak, stdout });
    });
  });
}

interface Row {
  label: string;
  /** Peak RSS of each process measured. */
  peaks: number[];
  images: number;
  bytes: number;
  judged: boolean;
}

const emulators = await startEmulatorProcess();
const out = mkdtempSync(join(tmpdir(), 'atelier-rss-'));
try {
  const env = { ...process.env, BENCH_EMULATOR_ENV: JSON.stringify(emulators.env) };
  const configDir = mkdtempSync(join(tmpdir(), 'atelier-rss-config-'));
  // The CLI reads base URLs and keys from the environment; an empty config dir keeps any
  // stored keys of this machine's user out of it.
  const cliEnv = { ...process.env, ...emulators.env, ATELIER_CONFIG_DIR: configDir, NO_COLOR: '1' };
  const rows: Row[] = [];
  const say = (row: Row) =>
    console.log(
      `${row.label}: peak median ${mb(median(row.peaks))}, worst ${mb(Math.max(...row.peaks))} over ${row.peaks.length} processes; ${row.images} images, ${mb(row.bytes)}`,
    );

  if (cliEntry) {
    // One process per image, as `for i in …; do atelier generate … -n 1; done` runs them.
    const row: Row = {
      label: `\`atelier generate … -n 1\`, ${COUNT} processes in a row`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: true,
    };
    for (let i = 0; i < COUNT; i++) {
      const run = await measure(
        [
          cliEntry,
          'generate',
          `${PROMPT} ${i}`,
          '-m',
          'gpt-image-2@openai',
          '--size',
          SIZE,
          '--quality',
          'low',
          '-n',
          '1',
          '--yes',
          '--json',
          '-d',
          out,
        ],
        cliEnv,
      );
      const result = JSON.parse(run.stdout) as { models: { files: { bytes: number }[] }[] };
      const files = result.models.flatMap((m) => m.files);
      row.peaks.push(run.peak);
      row.images += files.length;
      row.bytes += files.reduce((sum, f) => sum + f.bytes, 0);
      rmSync(out, { recursive: true, force: true });
    }
    rows.push(row);
    say(row);
  }

  const workerRows: Array<Row & { mode: string }> = [
    {
      mode: 'atelier',
      label: `\`runImages\` in one process, ${COUNT} in a row`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: true,
    },
    {
      mode: 'sdk',
      label: `\`openai\` SDK in one process, ${COUNT} in a row (baseline)`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
    },
    {
      mode: 'idle',
      label: 'The same process making no call (resting footprint)',
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
    },
  ];
  for (let i = 0; i < RUNS; i++) {
    for (const row of workerRows) {
      const run = await measure(
        [worker, '--mode', row.mode, '--count', String(COUNT), '--size', SIZE, '--out', out],
        env,
      );
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
        images: number;
        bytes: number;
      };
      row.peaks.push(run.peak);
      row.images += result.images;
      row.bytes += result.bytes;
      rmSync(out, { recursive: true, force: true });
      await emulators.reset();
    }
  }
  for (const row of workerRows) say(row);
  rows.push(...workerRows);

  // Not "in a row": ten images in one call are held together until the model finishes.
  let many: Row | undefined;
  if (cliEntry) {
    many = {
      label: '`atelier generate … -n 10`, one process (informative)',
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
    };
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(
        [
          cliEntry,
          'generate',
          PROMPT,
          '-m',
          'gpt-image-2@openai',
          '--size',
          SIZE,
          '--quality',
          'low',
          '-n',
          '10',
          '--yes',
          '--json',
          '-d',
          out,
        ],
        cliEnv,
      );
      const result = JSON.parse(run.stdout) as { models: { files: { bytes: number }[] }[] };
      const files = result.models.flatMap((m) => m.files);
      many.peaks.push(run.peak);
      many.images += files.length;
      many.bytes += files.reduce((sum, f) => sum + f.bytes, 0);
      rmSync(out, { recursive: true, force: true });
    }
    rows.push(many);
    say(many);
  }
  rmSync(configDir, { recursive: true, force: true });

  const judged = rows.filter((r) => r.judged);
  const worst = Math.max(...judged.flatMap((r) => r.peaks));
  const pass = worst < GOAL_BYTES;
  const peakOf = (mode: string) => median(workerRows.find((r) => r.mode === mode)?.peaks ?? []);
  const perImage = (rows[0]?.bytes ?? 0) / Math.max(1, rows[0]?.images ?? 1);
  console.log(
    `worst judged peak ${mb(worst)} (goal < ${mb(GOAL_BYTES)}: ${pass ? 'pass' : 'fail'})`,
  );

  if (WRITE) {
    const cliRow = cliEntry ? rows[0] : undefined;
    writePart('peak-rss', [
      `### Peak RSS: ${COUNT} images of 3840×2160 in a row`,
      '',
      `\`gpt-image-2\` at ${SIZE}, quality low, n=1, one image after another against the OpenAI emulator;`,
      `each PNG (about ${mb(perImage)}, sent as base64 JSON) is written to disk as it arrives and nothing is kept.`,
      cliEntry
        ? 'The built CLI runs once per image (`node apps/cli/dist/atelier.mjs generate … -n 1 --yes --json`,'
        : '`atelier generate` was not built, so the CLI rows are missing;',
      cliEntry
        ? "pointed at the emulators through their environment, with an empty `ATELIER_CONFIG_DIR`); core's"
        : "core's",
      '`runImages` runs all of them in one process, where anything kept from image to image would pile up.',
      timeTool
        ? 'Peak RSS is the maximum resident set size of each process from `/usr/bin/time -f %M`.'
        : 'Peak RSS is the last VmHWM read from `/proc/<pid>/status` every 20 ms.',
      '',
      '- Command: `pnpm --filter @atelier/core bench peak-rss` (`node packages/core/bench/run.mjs peak-rss`)',
      `- Machine: ${machine()}`,
      `- Date: ${today()}; ${load()}`,
      `- Runs: ${cliEntry ? `${COUNT} CLI processes; ` : ''}${RUNS} processes for each other row`,
      '',
      ...markdownTable(
        ['Process', 'Images', 'Peak RSS (median)', 'Peak RSS (worst)'],
        rows.map((r) => [r.label, String(r.images), mb(median(r.peaks)), mb(Math.max(...r.peaks))]),
      ),
      '',
      `- One process, ${COUNT} in a row: **${mb(peakOf('atelier'))}** median peak, ${(peakOf('atelier') / peakOf('sdk')).toFixed(2)}× the SDK baseline`,
      `  (${mb(peakOf('sdk'))}); above the resting footprint ${mb(peakOf('atelier') - peakOf('idle'))} against ${mb(peakOf('sdk') - peakOf('idle'))}.`,
      ...(cliRow
        ? [`- The CLI, one process per image: worst **${mb(Math.max(...cliRow.peaks))}**.`]
        : []),
      `- Goal < ${mb(GOAL_BYTES)} in every process of the rows in a row: worst ${mb(worst)}, ${pass ? 'pass' : 'fail'}.`,
      ...(many
        ? [
            `- Ten images in one call (\`-n 10\`) are not in a row: the adapter returns them together, so all`,
            `  ten are in memory at once before the CLI writes them (worst ${mb(Math.max(...many.peaks))}).`,
          ]
        : []),
    ]);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
  await emulators.close();
}
