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
 * runs it), through core's runModels in one long-lived process (where anything kept from image
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
/** Variables a key, project, server or database would come from on this machine. */
const CLI_BLANK = [
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_CLOUD_API_KEY',
  'ATELIER_VERTEX_API_KEY',
  'ATELIER_VERTEX_ACCESS_TOKEN',
  'GOOGLE_CLOUD_PROJECT',
  'GOOGLE_CLOUD_LOCATION',
  'FAL_KEY',
  'BFL_API_KEY',
  'ATELIER_CONFIRM_ABOVE',
  'ATELIER_SERVER',
  'ATELIER_TOKEN',
  'DATABASE_URL',
];

interface Measured {
  /** Peak RSS in bytes: getrusage's maxrss through /usr/bin/time, else the last VmHWM seen. */
  peak: number;
  stdout: string;
  code: number | null;
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
      const peak = timeTool
        ? Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) * 1024
        : hwm;
      rmSync(dir, { recursive: true, force: true });
      resolve({ peak, stdout, code });
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
  /** Processes that exited non-zero, with what they said. */
  failures: string[];
}

const emulators = await startEmulatorProcess();
const out = mkdtempSync(join(tmpdir(), 'atelier-rss-'));
try {
  const env = { ...process.env, BENCH_EMULATOR_ENV: JSON.stringify(emulators.env) };
  const scratch = mkdtempSync(join(tmpdir(), 'atelier-rss-cli-'));
  // The CLI gets the emulators only through the environment, as a user's shell would give it,
  // with its own config and data folders, and none of this machine's keys, server or database.
  const cliEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(CLI_BLANK.map((name) => [name, ''])),
    ...emulators.env,
    ATELIER_CONFIG_DIR: join(scratch, 'config'),
    ATELIER_DATA_DIR: join(scratch, 'data'),
    NO_COLOR: '1',
  };
  const rows: Row[] = [];
  const say = (row: Row) =>
    console.log(
      `${row.label}: peak median ${mb(median(row.peaks))}, worst ${mb(Math.max(...row.peaks))} over ${row.peaks.length} processes; ${row.images} images, ${mb(row.bytes)}`,
    );
  const cliGenerate = async (row: Row, prompt: string, n: number) => {
    const run = await measure(
      [cliEntry ?? '', 'generate', prompt, '-m', 'gpt-image-2@openai', '--size', SIZE].concat([
        '--quality',
        'low',
        '-n',
        String(n),
        '--yes',
        '--json',
        '-d',
        out,
      ]),
      cliEnv,
    );
    row.peaks.push(run.peak);
    let result: { models?: { files?: { bytes: number }[]; error?: { message?: string } }[] } = {};
    try {
      result = JSON.parse(run.stdout) as typeof result;
    } catch {
      // Reported below as a failure with its raw output.
    }
    if (run.code !== 0) {
      const why = result.models
        ?.map((m) => m.error?.message)
        .filter(Boolean)
        .join('; ');
      row.failures.push(`exit ${run.code}: ${why || run.stdout.slice(-300) || 'no output'}`);
      console.error(`${row.label}: ${row.failures.at(-1)}`);
    }
    const files = (result.models ?? []).flatMap((m) => m.files ?? []);
    row.images += files.length;
    row.bytes += files.reduce((sum, f) => sum + f.bytes, 0);
    rmSync(out, { recursive: true, force: true });
  };

  let firstOpen: number | undefined;
  if (cliEntry) {
    // The first process creates the embedded database (initdb and migrations): measured apart.
    firstOpen = (await measure([cliEntry, 'history', '--json'], cliEnv)).peak;
    console.log(`first CLI process (creates the data folder): ${mb(firstOpen)}`);
    const resting: Row = {
      label: '`atelier history --json` (opens the embedded studio, no image)',
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
      failures: [],
    };
    for (let i = 0; i < RUNS; i++) {
      const run = await measure([cliEntry, 'history', '--json'], cliEnv);
      if (run.code !== 0) throw new Error(`atelier history exited ${run.code}: ${run.stdout}`);
      resting.peaks.push(run.peak);
    }
    // One process per image, as `for i in …; do atelier generate … -n 1; done` runs them.
    const row: Row = {
      label: `\`atelier generate … -n 1\`, ${COUNT} processes in a row`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: true,
      failures: [],
    };
    for (let i = 0; i < COUNT; i++) await cliGenerate(row, `${PROMPT} ${i}`, 1);
    rows.push(row, resting);
    say(row);
    say(resting);
  }

  const workerRows: Array<Row & { mode: string }> = [
    {
      mode: 'atelier',
      label: `\`runModels\` in one process, ${COUNT} in a row`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: true,
      failures: [],
    },
    {
      mode: 'sdk',
      label: `\`openai\` SDK in one process, ${COUNT} in a row (baseline)`,
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
      failures: [],
    },
    {
      mode: 'idle',
      label: 'The same process making no call (resting footprint)',
      peaks: [],
      images: 0,
      bytes: 0,
      judged: false,
      failures: [],
    },
  ];
  for (let i = 0; i < RUNS; i++) {
    for (const row of workerRows) {
      const run = await measure(
        [worker, '--mode', row.mode, '--count', String(COUNT), '--size', SIZE, '--out', out],
        env,
      );
      if (run.code !== 0) throw new Error(`rss worker (${row.mode}) exited ${run.code}`);
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
      failures: [],
    };
    for (let i = 0; i < RUNS; i++) await cliGenerate(many, `${PROMPT} many ${i}`, 10);
    rows.push(many);
    say(many);
  }
  rmSync(scratch, { recursive: true, force: true });

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
    const resting = cliEntry ? rows[1] : undefined;
    const verdict = (row: Row) => {
      const top = Math.max(...row.peaks);
      return `worst ${mb(top)}, ${top < GOAL_BYTES ? 'pass' : 'fail'}`;
    };
    writePart('peak-rss', [
      `### Peak RSS: ${COUNT} images of 3840×2160 in a row`,
      '',
      `\`gpt-image-2\` at ${SIZE}, quality low, n=1, one image after another against the OpenAI emulator;`,
      `each PNG (about ${mb(perImage)}, sent as base64 JSON) is written to disk as it arrives and nothing is kept.`,
      ...(cliEntry
        ? [
            'The built CLI (a copy of `apps/cli/dist`) runs once per image (`atelier generate … -n 1 --yes --json -d <dir>`),',
            'pointed at the emulators through their environment, with empty `ATELIER_CONFIG_DIR` and',
            '`ATELIER_DATA_DIR`: each run is a job of the embedded studio (PGlite database, asset store).',
          ]
        : ['`atelier generate` was not built, so the CLI rows are missing.']),
      "Core's `runModels` makes all of them in one process, where anything kept from image to image would pile up.",
      timeTool
        ? 'Peak RSS is the maximum resident set size of each process, from `/usr/bin/time -f %M`.'
        : 'Peak RSS is the last VmHWM read from `/proc/<pid>/status` every 20 ms.',
      '',
      '- Command: `pnpm --filter @atelier/core bench peak-rss` (`node packages/core/bench/run.mjs peak-rss`)',
      `- Machine: ${machine()}`,
      `- Date: ${today()}; ${load()}`,
      `- Runs: ${cliEntry ? `${COUNT} CLI processes; ` : ''}${RUNS} processes for each other row`,
      '',
      ...markdownTable(
        ['Process', 'Images (all runs)', 'Peak RSS (median)', 'Peak RSS (worst)'],
        rows.map((r) => [r.label, String(r.images), mb(median(r.peaks)), mb(Math.max(...r.peaks))]),
      ),
      '',
      `Goal < ${mb(GOAL_BYTES)} in every process:`,
      '',
      ...(cliRow && resting
        ? [
            `- \`atelier generate\`, one process per image: ${verdict(cliRow)}. The embedded studio alone`,
            `  (\`history --json\`, no image) peaks at ${mb(median(resting.peaks))}; making and saving the image adds`,
            `  ${mb(median(cliRow.peaks) - median(resting.peaks))} to it. The first process, which creates the database, peaked at ${mb(firstOpen ?? Number.NaN)}.`,
          ]
        : []),
      `- \`runModels\`, ${COUNT} in one process: ${verdict(workerRows[0] as Row)}; ${(peakOf('atelier') / peakOf('sdk')).toFixed(2)}× the SDK baseline's median peak`,
      `  (${mb(peakOf('sdk'))}); above the resting footprint ${mb(peakOf('atelier') - peakOf('idle'))} against the SDK's ${mb(peakOf('sdk') - peakOf('idle'))}.`,
      '  The adapter decodes each image from the response as it streams',
      "  (`src/providers/images-body.ts`); before that change (32f0880), reading it through the SDK's",
      '  `response.json()`, the same process peaked at 341 MB.',
      ...rows
        .filter((r) => r.failures.length > 0)
        .map(
          (r) =>
            `- ${r.failures.length} of ${r.peaks.length} processes of "${r.label}" failed (counted in the peaks): ${[...new Set(r.failures)].join('; ')}`,
        ),
      ...(many
        ? [
            '- Ten images in one call (`-n 10`) are not in a row: the adapter returns them together, so all',
            `  ten are in memory at once before they are saved (worst ${mb(Math.max(...many.peaks))}).`,
          ]
        : []),
    ]);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
  await emulators.close();
}
