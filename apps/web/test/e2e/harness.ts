import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from '@atelier/api';
import { startServer, type RunningServer } from '@atelier/server';
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
  /** A fresh page (own context: storage, colour scheme) at a width. */
  open(path: string, opts?: { width?: Width; colorScheme?: 'light' | 'dark' }): Promise<Page>;
  /** Errors the pages logged or threw; a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The real server (tRPC + the built web app) in-process, and Debian's Chromium driven headless. */
export async function startStudio(): Promise<Studio> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(
      `No web build at ${WEB_DIR}: run \`pnpm --filter @atelier/web build\` first (turbo's test task does).`,
    );
  }
  const server: RunningServer = await startServer({
    port: 0,
    webDir: WEB_DIR,
    createContext: () => createContext(),
  });
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
