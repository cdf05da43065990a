/**
 * Lighthouse on every page of the built web app, desktop and mobile presets, against a real
 * studio on the provider emulators with History holding 50 generations.
 *
 *   pnpm --filter @atelier/web build
 *   pnpm --filter @atelier/web bench:lighthouse [--runs 3] [--only spend,compare] [--out file.json]
 *     [--reports folder]
 *
 * Prints performance score, LCP, CLS and TBT per page and preset (median of the runs), and writes
 * every run, as it finishes, to artifacts/lighthouse.json. Lighthouse 12 runs on Node 20 (13 needs
 * Node 22); it drives the Chromium at CHROME_PATH (Debian's by default).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStudio, type Studio } from '../test/e2e/harness.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    /** A folder for each run's whole Lighthouse report (<page>-<preset>-<n>.json), to dig into. */
    reports: { type: 'string' },
    out: {
      type: 'string',
      default: fileURLToPath(new URL('../../../artifacts/lighthouse.json', import.meta.url)),
    },
  },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`--runs must be a whole number ≥ 1, got "${args.runs}"`);

/** Every page, each in a state that shows what it is for (the e2e suite's states). */
const PAGES: Record<string, string> = {
  catalog: '/',
  model: '/models/nano-banana-pro',
  compare: '/compare?models=nano-banana-pro,gpt-image-2,flux-2-pro,seedream-4-5&lens=product',
  recommend: '/recommend?run=1&use=product&must=edit&perAsset=0.08',
  cost: '/cost?models=flux-2-pro,nano-banana-pro,veo-3-1&accept=60',
  studio: '/studio',
  history: '/history',
  spend: '/spend',
  settings: '/settings',
};
const only = args.only?.split(',');
for (const name of only ?? [])
  if (!(name in PAGES))
    throw new Error(`--only: no page "${name}"; pages: ${Object.keys(PAGES).join(', ')}`);

/** The goal. */
const GOAL = { desktop: 95, mobile: 90, cls: 0.05 };
const PRESETS = ['desktop', 'mobile'] as const;
type Preset = (typeof PRESETS)[number];

const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
];
const LIGHTHOUSE = fileURLToPath(new URL('../node_modules/.bin/lighthouse', import.meta.url));

interface Run {
  page: string;
  preset: Preset;
  score: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  /** Where the blocking time went: the run's longest main-thread tasks and what they ran. */
  longTasks: { url: string; startMs: number; durationMs: number }[];
  /** Main-thread time by kind of work (script evaluation, style & layout, parsing…). */
  mainThreadMs: Record<string, number>;
}

/** 48 + 2 finished image generations, so History shows 50 tiles and Spend has four models. */
async function seedHistory(studio: Studio): Promise<void> {
  const prompts = Array.from({ length: 12 }, (_, i) => `a still life of pears, study ${i + 1}`);
  const ids: string[] = [];
  for (const input of [
    { prompts, models: ['gpt-image-2', 'nano-banana-pro', 'flux-2-pro', 'seedream-4-5'] },
    { prompts: ['a heron at dawn'], models: ['gpt-image-2', 'flux-2-pro'] },
  ]) {
    const { batches } = await studio.api.generate.create.mutate({
      kind: 'image',
      ...input,
      providers: { 'nano-banana-pro': 'google' },
    });
    for (const b of batches)
      for (const j of b.jobs) if (j.status === 'queued') ids.push(j.generationId);
  }
  if (ids.length !== 50) throw new Error(`queued ${ids.length} generations, not 50`);
  for (const deadline = Date.now() + 300_000; ;) {
    const jobs = await Promise.all(ids.map((id) => studio.api.jobs.get.query({ id })));
    if (jobs.every((g) => g.status === 'succeeded')) return;
    const failed = jobs.find((g) => ['failed', 'cancelled', 'interrupted'].includes(g.status));
    if (failed) throw new Error(`${failed.modelId} did not run: ${JSON.stringify(failed)}`);
    if (Date.now() > deadline) throw new Error('the seeded runs did not finish in 5 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function lighthouse(
  url: string,
  preset: Preset,
  reportFile?: string,
): Promise<Omit<Run, 'page' | 'preset'>> {
  const argv = [
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(LIGHTHOUSE, argv, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`lighthouse ${url} exited ${code}: ${err.slice(-2000)}`));
      const lhr = JSON.parse(out) as {
        runtimeError?: { message: string };
        categories: { performance: { score: number | null } };
        audits: Record<
          string,
          { numericValue?: number; details?: { items?: Record<string, unknown>[] } }
        >;
      };
      if (lhr.runtimeError) return reject(new Error(`${url}: ${lhr.runtimeError.message}`));
      if (reportFile) {
        mkdirSync(dirname(reportFile), { recursive: true });
        writeFileSync(reportFile, out);
      }
      resolve({
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN),
        cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN),
        longTasks: (lhr.audits['long-tasks']?.details?.items ?? []).slice(0, 8).map((t) => ({
          url: String(t.url),
          startMs: Math.round(Number(t.startTime)),
          durationMs: Math.round(Number(t.duration)),
        })),
        mainThreadMs: Object.fromEntries(
          (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map((t) => [
            String(t.group),
            Math.round(Number(t.duration)),
          ]),
        ),
      });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (i: number) => s[i] ?? NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};

const studio = await startStudio({ withEmulators: true });
try {
  // Lighthouse drives a Chromium of its own; the harness's is not needed.
  await studio.browser.close();
  console.error('seeding History with 50 generations…');
  await seedHistory(studio);
  const runs: Run[] = [];
  for (const [page, path] of Object.entries(PAGES)) {
    if (only && !only.includes(page)) continue;
    for (const preset of PRESETS)
      for (let i = 0; i < RUNS; i++) {
        const report = args.reports
          ? join(args.reports, `${page}-${preset}-${i + 1}.json`)
          : undefined;
        const r = { page, preset, ...(await lighthouse(studio.url + path, preset, report)) };
        console.error(JSON.stringify(r));
        runs.push(r);
        save(runs);
      }
  }
  console.log(
    `\n${machine()}; median of ${RUNS} run(s); goal ≥${GOAL.desktop} desktop, ≥${GOAL.mobile} mobile, CLS ≤ ${GOAL.cls}\n`,
  );
  console.log('| Page | Preset | Score | LCP | CLS | TBT | Goal |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const page of new Set(runs.map((r) => r.page)))
    for (const preset of PRESETS) {
      const mine = runs.filter((r) => r.page === page && r.preset === preset);
      const m = (k: 'score' | 'lcpMs' | 'cls' | 'tbtMs') => median(mine.map((r) => r[k]));
      const meets = m('score') >= GOAL[preset] && m('cls') <= GOAL.cls;
      console.log(
        `| ${page} | ${preset} | ${m('score')} | ${(m('lcpMs') / 1000).toFixed(1)} s | ${m('cls').toFixed(3)} | ${m('tbtMs')} ms | ${meets ? 'meets' : 'misses'} |`,
      );
    }
} finally {
  await studio.close().catch(() => undefined);
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

/** Every run so far: a long benchmark that is stopped still leaves what it measured. */
function save(runs: Run[]): void {
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify(
      { date: new Date().toISOString(), machine: machine(), runsPerPage: RUNS, runs },
      null,
      2,
    ) + '\n',
  );
}
