import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioHttpClient, type StudioHttpClient } from '@atelier/api/client';
import { startStudio as startServerStudio, type Studio as ServerStudio } from '@atelier/server';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** The packaged extension, as `pnpm build` writes it (turbo's test task builds first). */
export const VSIX =
  process.env.ATELIER_VSCODE_VSIX ??
  fileURLToPath(new URL('../../dist/atelier.vsix', import.meta.url));
/** Kept by CI next to the web app's. */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../../artifacts/screenshots', import.meta.url),
);
const VIEWPORT = { width: 1280, height: 800 };

export interface VscodeSession {
  /** The studio the extension talks to (atelier.studioUrl), on the emulators. */
  studio: ServerStudio;
  emulators: AllEmulators;
  /** A tRPC client of the same studio, to check what VS Code shows against the API. */
  api: StudioHttpClient;
  /** The folder VS Code has open. */
  workspace: string;
  page: Page;
  /** What code-server printed (stdout and stderr), for a failing test's message. */
  log: () => string;
  /** The extension's output channel ("Atelier"), as VS Code logged it. */
  extensionLog: () => string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Files of the workspace folder, by relative path. */
  files?: Record<string, string>;
  /** User settings on top of the harness's (studio URL, no welcome page, telemetry off). */
  settings?: Record<string, unknown>;
}

/** The "Atelier" output channel's log files under a user-data logs folder, concatenated. */
function readLogs(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /Atelier\.log$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Everything a test of the extension needs, started fresh: the provider emulators, the real
 * studio on them (embedded database in memory), a temp workspace folder, a user-data folder whose
 * settings point the extension at that studio, the packaged extension installed into an empty
 * extensions folder, code-server (real VS Code) on a free port, and Debian's Chromium on it with
 * the workbench loaded.
 */
export async function startVscode(options: SessionOptions = {}): Promise<VscodeSession> {
  const codeServer = inject('codeServer');
  if (!existsSync(VSIX)) {
    throw new Error(
      `No extension package at ${VSIX}: run \`pnpm --filter atelier-vscode build\` first (turbo's test task does).`,
    );
  }
  const root = await mkdtemp(join(tmpdir(), 'atelier-vscode-'));
  const workspace = join(root, 'workspace');
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  mkdirSync(workspace, { recursive: true });

  const emulators = await startAllEmulators({ imageNoise: 0 });
  const studio = await startServerStudio(
    { port: 0, inMemoryDatabase: true, dataDir: join(root, 'studio'), pollIntervalMs: 5 },
    {
      env: {},
      providerEnv: { ...emulators.env },
      // No waiting between retries: the tests assert behaviour, not time.
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );

  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'atelier.studioUrl': studio.url,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        // code-server forwards every port a process opens (the emulators, the studio) and says so.
        'remote.autoForwardPorts': false,
        'files.autoSave': 'off',
        'window.commandCenter': false,
        ...options.settings,
      },
      null,
      2,
    ),
  );

  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  await run(codeServer, [...common, '--install-extension', VSIX]);

  const port = await freePort();
  let output = '';
  const child = spawn(
    codeServer,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      // Its own config file: code-server would otherwise write one into ~/.config.
      '--config',
      join(root, 'config.yaml'),
      ...common,
      workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output;
  const url = `http://127.0.0.1:${port}`;

  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await studio.close();
    await emulators.close();
    await rm(root, { recursive: true, force: true });
  };

  try {
    await waitForHttp(`${url}/healthz`, child, log);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: VIEWPORT });
    // Generous bounds on a loaded 2-core machine: guards against a hang, not speed checks.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, {
      waitUntil: 'domcontentloaded',
      timeout: 180_000,
    });
    // The workbench is up when the activity bar and the status bar have rendered.
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 120_000 });
    // The extension is installed once its commands are in the palette.
    await findCommand(page, 'Atelier: Browse Models');
    await page.keyboard.press('Escape');
    return {
      studio,
      emulators,
      api: createStudioHttpClient(studio.url, undefined),
      workspace,
      page,
      log,
      extensionLog: () => readLogs(join(userData, 'logs')),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The command palette (F1), already in command mode. */
export async function openPalette(page: Page): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  // Escape only closes an open QuickPick: in the editor it would drop the selection, and the
  // palette lists the commands of the focused editor (editorHasSelection).
  if (await widget.isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  return widget;
}

/** A row of the open QuickPick whose label matches. */
export function quickPickRow(page: Page, label: string | RegExp): Locator {
  return page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) });
}

/**
 * Runs a command from the palette by its title ("Atelier: Browse Models"). Right after the
 * workbench loads the extension host may still be starting: until the command is listed, the
 * palette is closed and asked again.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const row = await findCommand(page, title);
  await row.click();
}

async function findCommand(page: Page, title: string): Promise<Locator> {
  for (let attempt = 0; ; attempt++) {
    try {
      const widget = await openPalette(page);
      await widget.locator('input.input').fill(`>${title}`, { timeout: 5_000 });
      const row = quickPickRow(page, new RegExp(`^${escapeRegExp(title)}$`)).first();
      await row.waitFor({ timeout: 5_000 });
      return row;
    } catch (error) {
      // Not listed yet, or the palette closed as a webview took the focus: ask again.
      if (attempt >= 40) throw error;
    }
  }
}

/** The QuickPick the extension opened, once its placeholder reads `placeholder`. */
export async function waitForQuickPick(page: Page, placeholder: string | RegExp): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible' });
  const input = widget.locator('input.input');
  for (;;) {
    const text = (await input.getAttribute('placeholder')) ?? '';
    if (typeof placeholder === 'string' ? text.includes(placeholder) : placeholder.test(text))
      return widget;
    await page.waitForTimeout(100);
  }
}

/**
 * Ticks the rows with these labels in a multi-select QuickPick (filtering by each to bring it into
 * view), clearing the others, then accepts it with its OK button.
 */
export async function pickMany(page: Page, labels: string[]): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const selected = async () =>
    Number((await widget.locator('.quick-input-count').textContent())?.match(/\d+/)?.[0] ?? 0);
  // Clear preselections (the models picked last time): with no filter, the header's "toggle all"
  // box checks every row when some are unchecked and unchecks them all when all are checked.
  await input.fill('');
  const toggleAll = widget.locator('.quick-input-header [role="checkbox"]').first();
  for (let i = 0; i < 3 && (await selected()) > 0; i++) {
    const before = await selected();
    await toggleAll.click();
    await expect.poll(selected).not.toBe(before);
  }
  for (const label of labels) {
    await input.fill(label);
    const row = quickPickRow(page, new RegExp(`^${escapeRegExp(label)}$`)).first();
    await row.waitFor();
    // VS Code draws the row's checkbox as a custom toggle (role=checkbox, aria-checked).
    const box = row.locator('[role="checkbox"], input[type=checkbox]').first();
    const checked = async () =>
      (await box.getAttribute('aria-checked')) === 'true' ||
      (await box.evaluate((el) => el instanceof HTMLInputElement && el.checked));
    if (!(await checked())) await box.click();
  }
  await input.fill('');
  if ((await selected()) !== labels.length)
    throw new Error(
      `picked ${await selected()} rows, expected ${labels.length}: ${labels.join(', ')}`,
    );
  await widget.locator('.quick-input-action', { hasText: 'OK' }).click();
}

/** Picks one row of a single-select QuickPick. */
export async function pickOne(page: Page, label: string | RegExp): Promise<void> {
  const row = quickPickRow(page, label).first();
  await row.waitFor();
  await row.click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The frame of a webview whose document has `selector`. VS Code renders each webview in an
 * iframe of its own origin holding another iframe with the extension's HTML; the inner one is
 * the frame the extension's DOM lives in.
 */
export async function webviewFrame(page: Page, selector: string): Promise<Frame> {
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame
        .locator(selector)
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
}

/** A toast notification whose message matches. */
export function notification(page: Page, message: string | RegExp): Locator {
  return page.locator('.notification-toast').filter({ hasText: message });
}

/** artifacts/screenshots/vscode-<name>-1280.png of the whole window. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `vscode-${name}-${VIEWPORT.width}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * For a failed test: what the window showed (artifacts/screenshots/vscode-failed-<test>-1280.png),
 * the studio's jobs and the extension's log, on stderr.
 */
export async function reportFailure(
  session: VscodeSession | undefined,
  test: { name: string; result?: { state?: string } },
): Promise<void> {
  if (!session || test.result?.state !== 'fail') return;
  const name = test.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
  await screenshot(session.page, `failed-${name}`).catch(() => undefined);
  const jobs = await session.api.jobs.list
    .query({ status: ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] })
    .then((page) => page.items.map((j) => `${j.modelId}: ${j.status} ${j.errorMessage ?? ''}`))
    .catch((error: unknown) => [String(error)]);
  console.error(
    `${test.name}\nstudio jobs:\n${jobs.join('\n')}\nAtelier log:\n${session.extensionLog()}`,
  );
}

/** Gives the active editor group (a webview panel beside the editor) the whole window, or back. */
export async function toggleMaximizedGroup(page: Page): Promise<void> {
  await runCommand(page, 'View: Toggle Maximize Editor Group');
}

/** Closes every editor (saving the changed ones), so the next test starts with one editor group. */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editor Groups');
  const dialog = page.locator('.monaco-dialog-box');
  if (await dialog.isVisible().catch(() => false)) {
    await dialog.getByRole('button', { name: /^Save/ }).first().click();
  }
  await page.locator('.editor-group-container').first().waitFor();
}

/** Saves a workspace file's editor (Ctrl+S in it). */
export async function saveFile(page: Page, path: string): Promise<void> {
  await openFile(page, path);
  await page.keyboard.press('Control+S');
}

/** Opens a workspace file in an editor through Quick Open (Ctrl+P). */
export async function openFile(page: Page, path: string): Promise<Locator> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(path);
  const name = path.split('/').pop() ?? path;
  const row = quickPickRow(page, name).first();
  await row.waitFor();
  await row.click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).first().waitFor();
  await editor.waitFor();
  return editor;
}
