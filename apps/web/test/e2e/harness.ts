import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppRouter } from '@atelier/api';
import {
  issueAdminToken,
  startStudio as startServerStudio,
  type Studio as ServerStudio,
} from '@atelier/server';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const WEB_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
/** Kept by CI: every page at both widths, light and dark. */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../../artifacts/screenshots', import.meta.url),
);

export const WIDTHS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type Width = keyof typeof WIDTHS;

export interface Studio {
  url: string;
  browser: Browser;
  /** The server process: database, job engine, provider keys. */
  server: ServerStudio;
  /** Every provider emulator, when asked for (`withEmulators`); their faults are injectable. */
  emulators: AllEmulators | undefined;
  /** Team mode: an admin's API token (the API client below sends it). */
  adminToken: string | undefined;
  /** A tRPC client of the same server, to check what the page shows against the API. */
  api: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** A fresh page (own context: storage, colour scheme) at a width. */
  open(path: string, opts?: { width?: Width; colorScheme?: 'light' | 'dark' }): Promise<Page>;
  /** Errors the pages logged or threw; a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real studio in-process (database in memory, a temp data folder, job engine, tRPC, SSE,
 * /assets, the built web app) and Debian's Chromium driven headless. With `withEmulators`, the
 * provider adapters reach the emulators through the same variables a user would set, with the
 * emulators' demo keys; without, no provider key is set at all.
 */
export async function startStudio({
  withEmulators = false,
  team = false,
  maxUploadBytes,
}: {
  withEmulators?: boolean;
  team?: boolean;
  /** The largest input image POST /assets takes (the server's default otherwise). */
  maxUploadBytes?: number;
} = {}): Promise<Studio> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(
      `No web build at ${WEB_DIR}: run \`pnpm --filter @atelier/web build\` first (turbo's test task does).`,
    );
  }
  const emulators = withEmulators ? await startAllEmulators({ imageNoise: 0 }) : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-web-'));
  const server = await startServerStudio(
    {
      port: 0,
      inMemoryDatabase: true,
      dataDir,
      webDir: WEB_DIR,
      pollIntervalMs: 5,
      team,
      ...(maxUploadBytes ? { maxUploadBytes } : {}),
    },
    {
      env: {},
      providerEnv: { ...emulators?.env },
      // No waiting between retries: the tests assert behaviour, not time.
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );
  const adminToken = team ? (await issueAdminToken(server.database.db)).token : undefined;
  // launch() starts Chromium on a fresh temporary --user-data-dir of its own and removes it on
  // close; each page then gets its own context (storage, colour scheme).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    url: server.url,
    browser,
    server,
    emulators,
    adminToken,
    api: createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.url}/trpc`,
          headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
        }),
      ],
    }),
    pageErrors,
    async open(path, { width = 'desktop', colorScheme = 'light' } = {}) {
      const context = await browser.newContext({
        viewport: WIDTHS[width],
        colorScheme,
        baseURL: server.url,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
          pageErrors.push(`${path}: ${m.text()}`);
      });
      await page.goto(path);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await emulators?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Screenshots of the page as it stands, at 1280 and 390 px, light and dark, into
 * artifacts/screenshots/<name>-<width>-<scheme>.png. The colour scheme is the system's (the app
 * follows it by default), so this also shows that following works.
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  const original = page.viewportSize();
  // From the top, so the sticky header sits where it belongs in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const size of Object.values(WIDTHS)) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
      const file = join(SCREENSHOT_DIR, `${name}-${size.width}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  }
  if (original) await page.setViewportSize(original);
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}

/** The page has no element wider than the viewport (the 390 px layout holds). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
