import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** The budget: what the first page load runs, gzipped. */
const BUDGET_BYTES = 200_000;
const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const MANIFEST = join(DIST, '.vite', 'manifest.json');

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

function load(): Record<string, Chunk> {
  if (!existsSync(MANIFEST))
    throw new Error(
      `No build manifest at ${MANIFEST}: run \`pnpm --filter @atelier/web build\` first.`,
    );
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
}

/** A chunk and everything it imports statically: what the browser fetches before it runs. */
function closure(
  manifest: Record<string, Chunk>,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

const gzipped = (manifest: Record<string, Chunk>, keys: Iterable<string>) =>
  [...keys].reduce(
    (sum, k) => sum + gzipSync(readFileSync(join(DIST, manifest[k]?.file ?? ''))).length,
    0,
  );

describe('web build', () => {
  const manifest = load();
  const [entryKey] = Object.entries(manifest).find(([, c]) => c.isEntry) ?? [];
  if (!entryKey) throw new Error('the build manifest has no entry chunk');
  const entry = closure(manifest, entryKey);

  it(`keeps the initial JS under ${BUDGET_BYTES / 1000} kB gzipped`, () => {
    const size = gzipped(manifest, entry);
    console.log(`initial JS: ${(size / 1000).toFixed(1)} kB gzipped`);
    expect(size).toBeGreaterThan(10_000); // React alone is more: the measurement reads real files
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads every page as its own chunk, and any page as a first page stays within the budget', () => {
    const pages = manifest[entryKey]?.dynamicImports ?? [];
    expect(pages.sort()).toEqual([
      'src/pages/arena/index.tsx',
      'src/pages/arena/leaderboard.tsx',
      'src/pages/catalog.tsx',
      'src/pages/compare.tsx',
      'src/pages/cost/index.tsx',
      'src/pages/history/index.tsx',
      'src/pages/judge/index.tsx',
      'src/pages/model.tsx',
      'src/pages/recommend.tsx',
      'src/pages/settings/index.tsx',
      'src/pages/sign-in.tsx',
      'src/pages/spend/index.tsx',
      'src/pages/studio/index.tsx',
    ]);
    for (const page of pages) {
      const firstLoad = new Set([...entry, ...closure(manifest, page)]);
      const size = gzipped(manifest, firstLoad);
      console.log(`first load on ${page}: ${(size / 1000).toFixed(1)} kB gzipped`);
      expect(size, page).toBeLessThanOrEqual(BUDGET_BYTES);
    }
  });

  it('keeps the chart library out of the initial JS and the catalog data out of every chunk', () => {
    const initial = [...entry]
      .map((k) => readFileSync(join(DIST, manifest[k]?.file ?? ''), 'utf8'))
      .join('\n');
    expect(initial).not.toMatch(/uPlot|u-cursor-pt/);
    const all = Object.values(manifest)
      .filter((c) => c.file.endsWith('.js'))
      .map((c) => readFileSync(join(DIST, c.file), 'utf8'))
      .join('\n');
    // The catalog arrives over the API; its data files and zod schemas are server code.
    expect(all).not.toMatch(/research\/provider-facts/);
    expect(all).not.toMatch(/gemini-3-pro-image/);
    expect(all).not.toMatch(/ZodError/);
  });

  it('puts the chart library in one chunk, which Spend loads only to draw', () => {
    // uPlot's own class names survive minification.
    const withChart = Object.entries(manifest).filter(
      ([, c]) =>
        c.file.endsWith('.js') && /u-cursor-pt/.test(readFileSync(join(DIST, c.file), 'utf8')),
    );
    expect(withChart).toHaveLength(1);
    const [chartKey] = withChart[0] ?? [];
    // Spend reaches it only through a chart it imports on demand.
    const spendCharts = manifest['src/pages/spend/index.tsx']?.dynamicImports ?? [];
    expect(spendCharts.some((k) => closure(manifest, k).has(chartKey ?? ''))).toBe(true);
    for (const page of ['spend', 'studio/index', 'history/index', 'settings/index']) {
      const key = `src/pages/${page === 'spend' ? 'spend/index' : page}.tsx`;
      expect(closure(manifest, key).has(chartKey ?? ''), key).toBe(false);
    }
  });

  it('serves an index.html that loads the entry as a module', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain(
      `<script type="module" crossorigin src="/${manifest[entryKey]?.file}"></script>`,
    );
  });
});
