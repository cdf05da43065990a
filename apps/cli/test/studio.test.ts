import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUsd, usd } from '@atelier/core/money';
import { readPngText } from '@atelier/core/providers';
import { setBudget } from '@atelier/db';
import { issueAdminToken, startStudio, type Studio } from '@atelier/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/run/report.ts';
import { jsonError, spawnAtelier } from './cli.ts';
import { startSandbox, type Sandbox } from './emulated.ts';

/**
 * The studio commands against the built binary: runs recorded as jobs (history, spend) in
 * process and over HTTP after `login`, `serve`, the config file, and flag errors.
 */

let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox();
});
afterAll(() => box.close());

interface HistoryItem {
  id: string;
  batchId: string;
  modelId: string;
  routeProvider: string;
  status: string;
  prompt: string;
  actualCostMicros: number | null;
  assets: { sha256: string; mediaType: string }[];
}
interface SpendJson {
  totalMicros: number;
  pendingMicros: number;
  byModel: { modelId: string; micros: number; generations: number }[];
  byDay: { day: string; micros: number }[];
  byModelDay: { day: string; modelId: string; micros: number; generations: number }[];
  budgets: unknown[];
}

/** A 1×1 PNG, enough to stand for an image to edit (and, being one, its mask). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function json<T>(args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  const out = await box.run([...args, '--json'], env);
  if (out.code !== 0)
    throw new Error(`atelier ${args.join(' ')} exited ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

describe('in process: generate runs as jobs of the data folder’s studio', () => {
  it('records each model in history and its cost in spend', async () => {
    box.emulators.gemini.inject('safety');
    const prompt = 'a copper kettle whistling on a stove';
    const run = await box.run([
      'generate',
      prompt,
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '-m',
      'nano-banana-pro@google',
      '-d',
      'recorded',
      '--json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.studio).toEqual({ mode: 'in-process' });
    const ids = report.models.map((m) => m.generationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);

    const history = await json<{ items: HistoryItem[] }>(['history']);
    const byId = new Map(history.items.map((i) => [i.id, i]));
    for (const m of report.models) {
      const row = byId.get(m.generationId ?? '');
      expect(row).toMatchObject({ modelId: m.modelId, routeProvider: m.provider, prompt });
      expect(row?.status).toBe(m.status);
      expect(row?.actualCostMicros ?? 0).toBe(m.actualCost ?? 0);
    }
    // One batch: the run's models side by side.
    expect(new Set(report.models.map((m) => byId.get(m.generationId ?? '')?.batchId)).size).toBe(1);

    // The sidecar names the generation, and the file is the stored asset plus its text chunks.
    const gpt = report.models.find((m) => m.modelId === 'gpt-image-2');
    const sidecar = JSON.parse(
      readFileSync(join(box.dir, 'recorded', 'gpt-image-2-1.json'), 'utf8'),
    ) as {
      generationId: string;
      cost: { actualMicros: number; estimated: { expected: number } };
    };
    expect(sidecar.generationId).toBe(gpt?.generationId);
    expect(sidecar.cost.actualMicros).toBe(gpt?.actualCost);
    const png = new Uint8Array(readFileSync(join(box.dir, 'recorded', 'gpt-image-2-1.png')));
    expect(readPngText(png)).toMatchObject({ prompt, model: 'gpt-image-2' });

    // Spend is the ledger: actual charges, plus the estimate of a failure the provider may have
    // billed (a prompt Gemini blocked after accepting the call), as the studio counts it.
    const spend = await json<SpendJson>(['spend']);
    const byModel = new Map(spend.byModel.map((m) => [m.modelId, m]));
    for (const m of report.models.filter((r) => r.status === 'succeeded')) {
      expect(byModel.get(m.modelId)).toMatchObject({ micros: m.actualCost, generations: 1 });
    }
    const charged = report.models.reduce((s, m) => s + (m.actualCost ?? 0), 0);
    expect(charged).toBeGreaterThan(0);
    const blocked = report.models.find((m) => m.status === 'failed');
    const blockedCharge = byModel.get(blocked?.modelId ?? '')?.micros;
    expect([undefined, blocked?.estimate?.expected]).toContain(blockedCharge);
    // The run's report counts that charge too.
    expect(blocked?.actualCost).toBe(blockedCharge);
    expect(spend.totalMicros).toBe(charged);
    expect(spend.pendingMicros).toBe(0);
    expect(spend.byDay.reduce((s, d) => s + d.micros, 0)).toBe(spend.totalMicros);

    // By model per day: today's charges, one row per model, adding up to the day.
    const today = spend.byDay.at(-1)?.day ?? '';
    expect(
      spend.byModelDay
        .filter((r) => r.day === today)
        .map((r) => r.modelId)
        .sort(),
    ).toEqual(spend.byModel.map((m) => m.modelId).sort());
    for (const m of spend.byModel) {
      expect(spend.byModelDay.find((r) => r.modelId === m.modelId)).toEqual({
        day: today,
        modelId: m.modelId,
        micros: m.micros,
        generations: m.generations,
      });
    }

    const text = await box.run(['spend', '--by', 'day']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Spend \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} \(UTC\)/);
    expect(text.stdout).toContain(new Date().toISOString().slice(0, 10));
    const grid = await box.run(['spend', '--by', 'model-day']);
    expect(grid.code).toBe(0);
    // The day is named once, on its first model's row (and in the heading's range).
    const rows = grid.stdout.split('\n').filter((l) => !l.startsWith('Spend '));
    expect(rows.filter((l) => l.includes(today))).toHaveLength(1);
    for (const m of spend.byModel) {
      expect(grid.stdout).toMatch(
        new RegExp(`${m.modelId.replace(/\./g, '\\.')}\\s.*\\s${m.generations}\\s.*\\$`),
      );
    }
  });

  it('history searches the prompts, filters by model, status and date, and shows one generation', async () => {
    const a = await box.run([
      'generate',
      'a red fox in fresh snow',
      '-m',
      'gpt-image-2',
      '-d',
      'h',
    ]);
    const b = await box.run(['generate', 'a lighthouse in a storm', '-m', 'flux-2-pro', '-d', 'h']);
    expect([a.code, b.code]).toEqual([0, 0]);

    const fox = await json<{ items: HistoryItem[] }>(['history', 'fox -lighthouse']);
    expect(fox.items.map((i) => i.prompt)).toEqual(['a red fox in fresh snow']);
    const flux = await json<{ items: HistoryItem[] }>([
      'history',
      '-m',
      'FLUX.2 [pro]',
      '--since',
      '1h',
    ]);
    expect(flux.items.length).toBeGreaterThan(0);
    expect(new Set(flux.items.map((i) => i.modelId))).toEqual(new Set(['flux-2-pro']));
    const failed = await json<{ items: HistoryItem[] }>(['history', '--status', 'failed']);
    expect(failed.items.every((i) => i.status === 'failed')).toBe(true);
    expect(await json<{ items: unknown[] }>(['history', '--since', '2999-01-01'])).toMatchObject({
      items: [],
    });
    const one = await json<{ items: HistoryItem[]; nextCursor: string | null }>([
      'history',
      '-n',
      '1',
    ]);
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();

    const table = await box.run(['history', 'lighthouse']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+When\s+Model\s+Status\s+Cost\s+Latency\s+Prompt/);
    expect(table.stdout).toMatch(
      /flux-2-pro\s+succeeded\s+\$\d+\.\d+\s+\d+\.\d s\s+a lighthouse in a storm/,
    );

    const id = fox.items[0]?.id ?? '';
    const shown = await json<HistoryItem>(['history', 'show', id]);
    expect(shown).toMatchObject({ id, modelId: 'gpt-image-2', status: 'succeeded' });
    expect(shown.assets[0]?.mediaType).toBe('image/png');
    const detail = await box.run(['history', 'show', id]);
    expect(detail.stdout).toContain('a red fox in fresh snow');
    expect(detail.stdout).toMatch(/Cost\s+\$/);
    const missing = await box.run(['history', 'show', '01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No generation with id 01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it('history --batch lists one side-by-side run with its total; history show names the flag', async () => {
    const run = await box.run([
      'generate',
      'two paper boats on a pond',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '-d',
      'boats',
    ]);
    expect(run.code).toBe(0);
    const found = await json<{ items: HistoryItem[] }>(['history', 'paper boats']);
    const batchId = found.items[0]?.batchId ?? '';
    expect(found.items.filter((i) => i.batchId === batchId)).toHaveLength(2);

    const batch = await json<{ items: HistoryItem[] }>(['history', '--batch', batchId]);
    expect(batch.items.map((i) => i.modelId).sort()).toEqual(['flux-2-pro', 'gpt-image-2']);
    expect(new Set(batch.items.map((i) => i.batchId))).toEqual(new Set([batchId]));
    const charged = batch.items.reduce((n, i) => n + (i.actualCostMicros ?? 0), 0);

    const text = await box.run(['history', '--batch', batchId]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/flux-2-pro\s+succeeded\s+\$\d+\.\d+\s+\d+\.\d s/);
    const total = new RegExp(`Batch ${batchId}: 2 models, (\\$[\\d.,]+) charged in all`).exec(
      text.stdout,
    );
    expect(total?.[1]).toBe(formatUsd(charged));
    const shown = await box.run(['history', 'show', batch.items[0]?.id ?? '']);
    expect(shown.stdout).toContain(`atelier history --batch ${batchId}`);

    const unknown = await json<{ items: unknown[] }>(['history', '--batch', 'no-such-batch']);
    expect(unknown.items).toEqual([]);
    const empty = await box.run(['history', '--batch', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--batch|batch/);
  });

  it('an edit with an image and a mask is a job too: inputs uploaded, in history and spend', async () => {
    writeFileSync(join(box.dir, 'in.png'), TINY_PNG);
    writeFileSync(join(box.dir, 'mask.png'), TINY_PNG);
    const spentBefore = (await json<SpendJson>(['spend'])).totalMicros;
    const out = await box.run([
      'generate',
      'make it teal',
      '-m',
      'gpt-image-2',
      '-i',
      'in.png',
      '--mask',
      'mask.png',
      '-d',
      'edit',
      '--json',
    ]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as RunReport;
    expect(report.studio).toEqual({ mode: 'in-process' });
    const id = report.models[0]?.generationId ?? '';
    const edit = box.emulators.openai.requests.find((r) => r.path === '/v1/images/edits');
    expect(edit?.files?.map((f) => [f.field.replace('[]', ''), f.size])).toEqual([
      ['image', TINY_PNG.length],
      ['mask', TINY_PNG.length],
    ]);

    const shown = await json<HistoryItem & { inputs: { role: string; sha256: string }[] }>([
      'history',
      'show',
      id,
    ]);
    const sha = createHash('sha256').update(TINY_PNG).digest('hex');
    expect(shown.inputs.map((i) => [i.role, i.sha256])).toEqual([
      ['reference', sha],
      ['mask', sha],
    ]);
    const text = await box.run(['history', 'show', id]);
    expect(text.stdout).toMatch(/Inputs\n\s+image 1: image\/png 1×1/);
    expect(text.stdout).toMatch(/mask: image\/png 1×1/);
    const spend = await json<SpendJson>(['spend']);
    expect(spend.totalMicros).toBe(spentBefore + (report.actualCost ?? 0));
    expect(report.actualCost).toBeGreaterThan(0);
  });

  it('Ctrl-C cancels the jobs still running, and history has them cancelled', async () => {
    const openai = box.emulators.openai;
    openai.inject('hang');
    const before = openai.requests.length;
    const { child, exited } = spawnAtelier(
      ['generate', 'a kite caught in a tree', '-m', 'gpt-image-2', '-d', 'cancel', '--json'],
      box.env,
      { cwd: box.dir },
    );
    // The request is at the provider (which holds it): the job is running.
    while (openai.requests.length === before) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const run = await exited;
    openai.reset();
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.models[0]).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    const cancelled = await json<{ items: HistoryItem[] }>(['history', '--status', 'cancelled']);
    expect(cancelled.items.map((i) => i.id)).toContain(report.models[0]?.generationId);
  });

  it('says which process holds the database when another studio has it open without a record', async () => {
    // What the embedded database's lock file holds while a process has it open: that pid.
    const lock = join(box.dataDir, 'pglite.lock');
    mkdirSync(box.dataDir, { recursive: true });
    writeFileSync(lock, String(process.pid));
    try {
      const out = await box.run(['history']);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`already open in process ${process.pid}`);
      expect(out.stderr).toContain('atelier serve');
    } finally {
      rmSync(lock, { force: true });
    }
  });
});

describe('over HTTP: a team studio after `atelier login`', () => {
  let studio: Studio;
  let token: string;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(box.dir, 'server-data');
    studio = await startStudio(
      { port: 0, team: true, dataDir, inMemoryDatabase: true, pollIntervalMs: 5 },
      {
        env: {},
        providerEnv: box.emulators.env,
        providerSettings: {
          retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
          pollIntervalMs: 5,
        },
        cliKeyStore: null,
      },
    );
    token = (await issueAdminToken(studio.database.db, 'cli test')).token;
  });
  afterAll(() => studio.close());

  it('asks for a token, refuses a wrong one, and saves a good one 0600 without printing it', async () => {
    const anonymous = await box.run(['history', '--server', studio.url]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('team mode');
    expect(anonymous.stderr).toContain(`atelier login ${studio.url} --token-stdin`);

    const none = await box.run(['login', studio.url]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs an API token');
    const wrong = await box.run(
      ['login', studio.url, '--token-stdin'],
      {},
      'atl_not_a_real_token_0000000000\n',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('refused this API token');
    expect(existsSync(join(box.configDir, 'config.json'))).toBe(false);

    const ok = await box.run(['login', `${studio.url}/`, '--token-stdin'], {}, `${token}\n`);
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain(token);
    expect(ok.stdout).toContain(`Logged in to ${studio.url} as admin (admin, team mode)`);
    const file = join(box.configDir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      server: { url: studio.url, token },
    });

    const who = await json<{ connection: string; source: string; user: { role: string } }>([
      'whoami',
    ]);
    expect(who).toMatchObject({ connection: 'http', source: 'config', user: { role: 'admin' } });
  });

  it('runs generate on the server: files from /assets, the run in the server’s history and spend', async () => {
    const before = (await json<{ items: HistoryItem[] }>(['history'])).items.length;
    const prompt = 'a paper boat on a puddle';
    const run = await box.run([
      'generate',
      prompt,
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '-d',
      'remote',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.studio).toEqual({ mode: 'http', url: studio.url });
    for (const m of report.models) {
      const file = m.files?.[0];
      expect(file?.path).toMatch(new RegExp(`^remote/${m.modelId}-1\\.(png|jpg)$`));
      const sidecar = JSON.parse(readFileSync(join(box.dir, file?.sidecar ?? ''), 'utf8')) as {
        generationId: string;
      };
      expect(sidecar.generationId).toBe(m.generationId);
    }
    const png = new Uint8Array(readFileSync(join(box.dir, 'remote', 'gpt-image-2-1.png')));
    expect(readPngText(png)).toMatchObject({ prompt, model: 'gpt-image-2' });
    // Recorded by the server, not in the local data folder.
    const history = await json<{ items: HistoryItem[] }>(['history']);
    expect(history.items.length).toBe(before + 2);
    expect(
      history.items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual(report.models.map((m) => m.generationId).sort());
    const spend = await json<SpendJson>(['spend']);
    expect(spend.totalMicros).toBe(report.actualCost);
    expect(spend.budgets).toEqual([]);

    // With a budget set, spend shows how much of its period is used.
    const who = await json<{ user: { id: string } }>(['whoami']);
    await setBudget(studio.database.db, {
      scope: 'user',
      userId: who.user.id,
      period: 'monthly',
      capMicros: usd('50'),
    });
    const budgeted = await json<
      SpendJson & {
        budgets: { window: { start: string; end: string }; usedMicros: number }[];
      }
    >(['spend']);
    expect(budgeted.budgets).toMatchObject([
      {
        scope: 'user',
        subject: `user ${who.user.id}`,
        period: 'monthly',
        capMicros: usd('50'),
        spentMicros: report.actualCost,
        reservedMicros: 0,
        usedMicros: report.actualCost,
        remainingMicros: usd('50') - (report.actualCost ?? 0),
      },
    ]);
    const window = budgeted.budgets[0]?.window;
    expect(new Date(window?.start ?? '').getUTCDate()).toBe(1);
    expect(new Date(window?.end ?? '').getUTCDate()).toBe(1);
    const text = await box.run(['spend']);
    expect(text.stdout).toMatch(
      /monthly cap \$50\.00 · used \$\d+\.\d+ this month \(\d+%\) · \$\d+\.\d+ left/,
    );
  });

  it('runs an edit on the server: the input goes to POST /assets, the run to its history', async () => {
    writeFileSync(join(box.dir, 'remote-in.png'), TINY_PNG);
    const run = await box.run([
      'generate',
      'the boat at night',
      '-m',
      'gpt-image-2',
      '-i',
      'remote-in.png',
      '-d',
      'remote-edit',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.studio).toEqual({ mode: 'http', url: studio.url });
    const sha = createHash('sha256').update(TINY_PNG).digest('hex');
    const shown = await json<HistoryItem & { inputs: { sha256: string; url: string }[] }>([
      'history',
      'show',
      report.models[0]?.generationId ?? '',
    ]);
    expect(shown.inputs).toMatchObject([{ sha256: sha, url: `/assets/${sha}` }]);
    // Stored by the server, in its data folder.
    expect(
      existsSync(join(dataDir, 'assets', sha.slice(0, 2), sha.slice(2, 4), `${sha}.png`)),
    ).toBe(true);
  });

  it('logout forgets the server: commands use this machine’s studio again', async () => {
    const out = await box.run(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Forgot ${studio.url} and its API token`);
    const who = await json<{ connection: string }>(['whoami']);
    expect(who.connection).toBe('in-process');
    expect((await box.run(['logout'])).stdout).toContain('No studio server is saved');
  });
});

describe('atelier serve', () => {
  it('starts, answers /healthz, is used by other commands while it runs, and stops on Ctrl-C', async () => {
    const dataDir = join(box.dir, 'serve-data');
    const { child, exited } = spawnAtelier(['serve', '--port', '0', '--json'], {
      ...box.env,
      ATELIER_DATA_DIR: dataDir,
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      void exited.then((run) => reject(new Error(`serve exited ${run.code}: ${run.stderr}`)));
    });
    const started = JSON.parse(line) as { url: string; mode: string; dataDir: string };
    expect(started).toMatchObject({ mode: 'local', dataDir });
    try {
      const health = await fetch(`${started.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      expect(JSON.parse(readFileSync(join(dataDir, 'studio.json'), 'utf8'))).toMatchObject({
        url: started.url,
        pid: child.pid,
      });
      const who = await json<{ connection: string; source: string }>(['whoami'], {
        ATELIER_DATA_DIR: dataDir,
      });
      expect(who).toMatchObject({ connection: 'http', source: 'running-studio' });
    } finally {
      child.kill('SIGINT');
    }
    const stopped = await exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('Studio stopped.');
    expect(existsSync(join(dataDir, 'studio.json'))).toBe(false);
  });
});

describe('configuration and flag errors', () => {
  it('a broken config file is named with its field, never a stack trace', async () => {
    const dir = join(box.dir, 'broken-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ version: 1, server: { url: 'ftp://x' } }),
    );
    const bad = await box.run(['history'], { ATELIER_CONFIG_DIR: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${join(dir, 'config.json')} is not valid: server.url: must be an http:// or https:// URL`,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const asJson = await box.run(['spend', '--json'], { ATELIER_CONFIG_DIR: dir });
    expect(jsonError(asJson)).toMatchObject({ code: 'invalid_input' });

    writeFileSync(join(dir, 'config.json'), '{"version": 1, "server": ');
    const garbled = await box.run(['whoami'], { ATELIER_CONFIG_DIR: dir });
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain('is not valid JSON');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ version: 1, servers: [] }));
    const unknown = await box.run(['history'], { ATELIER_CONFIG_DIR: dir });
    expect(unknown.stderr).toContain('unknown field(s) servers');
  });

  it('bad flags and values exit 2, naming the flag and what it accepts', async () => {
    const cases: [string[], string][] = [
      [['history', '--status', 'done'], '--status'],
      [['history', '--since', 'yesterday'], '--since "yesterday"'],
      [['history', '-n', '0'], '--limit'],
      [['history', '-m', 'gpt-imag-2'], 'Did you mean "gpt-image-2"'],
      [['spend', '--by', 'week'], 'must be one of "model", "day", "model-day"'],
      [['spend', '--from', '2026-13-45'], '--from "2026-13-45"'],
      [['serve', '--port', 'eighty'], 'port'],
      [['history', '--server', 'not a url'], 'is not a server URL'],
      [['login', 'studio.example.com'], 'is not a studio URL'],
      [['history', '--bogus'], "unknown option '--bogus'"],
    ];
    for (const [args, message] of cases) {
      const out = await box.run(args);
      expect({ args, code: out.code }).toEqual({ args, code: 2 });
      expect(out.stderr).toContain(message);
    }
  });

  it('a server that does not answer is named, with what to do', async () => {
    const out = await box.run(['history', '--server', 'http://127.0.0.1:9']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Cannot reach the Atelier studio at http://127.0.0.1:9');
    expect(out.stderr).toContain('atelier serve');
  });
});
