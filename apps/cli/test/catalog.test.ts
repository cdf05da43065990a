import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_PATH_PATTERN } from '@atelier/core/catalog';
import { issueAdminToken, startStudio, type Studio } from '@atelier/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atelier, jsonError } from './cli.ts';

// Sources read as titles in every rendered output, and `atelier catalog` changes the catalog
// the other commands use: applied whole when valid, refused whole when not, admins only.

const dir = mkdtempSync(join(tmpdir(), 'atelier-catalog-cli-'));
const env = { ATELIER_DATA_DIR: join(dir, 'data'), ATELIER_CONFIG_DIR: join(dir, 'config') };
const run = (args: string[], more: Record<string, string> = {}) =>
  atelier(args, { ...env, ...more });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODEL = 'flux-1-1-pro';
const AS_OF = '2026-12-20';

/** What people read: the text with links taken out (a URL is a link, not a file path). */
const readable = (text: string) => text.replace(/https?:\/\/\S+/g, '');

describe('sources in rendered text', () => {
  const commands: string[][] = [
    ['models', '--all'],
    ['model', 'nano-banana-pro'],
    ['model', 'gpt-image-2'],
    ['model', 'veo-3-1'],
    ['model', 'flux-2-pro'],
    ['model', 'seedance-2-0'],
    ['compare', 'gpt-image-2', 'nano-banana-pro'],
    ['compare', 'veo-3-1', 'kling-v3', 'seedance-2-0'],
    ['cost', 'nano-banana-pro', '--monthly'],
    ['cost', 'gpt-image-2', '--quality', 'high'],
    ['cost', 'kling-v3', '--seconds', '5', '--audio'],
    ['recommend', '--use-case', 'portrait'],
    ['recommend', '--modality', 'video'],
  ];
  it.each(commands.map((c) => [c.join(' '), c] as const))(
    'atelier %s names no file',
    async (_name, args) => {
      const out = await run(args);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout.length).toBeGreaterThan(0);
      const lines = readable(out.stdout)
        .split('\n')
        .filter((l) => FILE_PATH_PATTERN.test(l));
      expect(lines).toEqual([]);
    },
  );

  it('--json keeps the source key and adds its title', async () => {
    const out = await run(['cost', 'nano-banana-pro', '--json']);
    const data = JSON.parse(out.stdout) as {
      estimate: { sources: { ref: string; title?: string; publisher?: string }[] };
    };
    expect(data.estimate.sources.length).toBeGreaterThan(0);
    for (const s of data.estimate.sources)
      expect(s).toMatchObject({
        ref: expect.any(String),
        title: expect.any(String),
        publisher: expect.any(String),
      });
  });
});

/** The exported file with FLUX1.1 [pro] repriced on every route, from a new source. */
function repriced(file: string, micros: number, asOf = AS_OF): string {
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    asOf: string;
    sources: Record<string, unknown>;
    models: {
      id: string;
      routes: { price: { unit: string; tiers: { micros: number }[]; source: unknown } }[];
    }[];
  };
  data.asOf = asOf;
  const entry = data.models.find((m) => m.id === MODEL);
  if (!entry) throw new Error(`fixture: no ${MODEL}`);
  for (const route of entry.routes) {
    if (route.price.unit !== 'image') throw new Error('fixture: a route not priced per image');
    for (const tier of route.price.tiers) tier.micros = micros;
    route.price.source = { ref: 'https://bfl.example/pricing', asOf, kind: 'provider' };
  }
  data.sources['https://bfl.example/pricing'] = {
    title: 'BFL pricing (example)',
    publisher: 'Black Forest Labs',
    url: 'https://bfl.example/pricing',
    kind: 'provider',
  };
  const out = join(dir, `catalog-${micros}-${asOf}.json`);
  writeFileSync(out, JSON.stringify(data, null, 2));
  return out;
}

async function bflCost(): Promise<number> {
  const out = await run(['cost', MODEL, '--provider', 'bfl', '--json']);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { estimate: { perAsset: { expected: number } } }).estimate
    .perAsset.expected;
}

describe('atelier catalog export / apply (this machine’s studio)', () => {
  const exported = join(dir, 'exported.json');

  it('exports the catalog in use with its as-of date', async () => {
    const out = await run(['catalog', 'export', '--output', exported]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Wrote the catalog as of 2026-\d\d-\d\d \(\d+ models\)/);
    const file = JSON.parse(readFileSync(exported, 'utf8')) as {
      format: string;
      models: unknown[];
    };
    expect(file.format).toBe('atelier-catalog/1');
    expect(await bflCost()).toBe(40_000);
  });

  it('refuses an invalid file, naming entry and field, and changes nothing', async () => {
    const bad = repriced(exported, 70_000);
    const data = JSON.parse(readFileSync(bad, 'utf8')) as {
      models: { id: string; modality: string }[];
    };
    const entry = data.models.find((m) => m.id === MODEL);
    if (entry) entry.modality = 'audio';
    writeFileSync(bad, JSON.stringify(data));
    const out = await run(['catalog', 'apply', bad, '--json']);
    expect(out.code).not.toBe(0);
    const error = jsonError(out);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/nothing was changed/);
    expect(error.message).toMatch(/flux-1-1-pro: modality: must be one of "image", "video"/);
    expect(await bflCost()).toBe(40_000);
  });

  it('applies a valid file: cost, compare and models use it from then on', async () => {
    const out = await run(['catalog', 'apply', repriced(exported, 70_000)]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`changed ${MODEL}`);
    expect(out.stdout).toContain(`Catalog as of ${AS_OF}.`);

    expect(await bflCost()).toBe(70_000);
    const cost = await run(['cost', MODEL, '--provider', 'bfl']);
    expect(cost.stdout).toContain('BFL pricing (example)');
    const compared = await run(['compare', MODEL, 'flux-2-pro']);
    expect(compared.stdout).toMatch(/\$0\.07/);
    expect((await run(['models'])).stdout).toContain(`Catalog as of ${AS_OF}.`);
  });
});

describe('atelier catalog apply on a team server', () => {
  let studio: Studio;
  let memberToken: string;
  beforeAll(async () => {
    studio = await startStudio(
      { team: true, port: 0, inMemoryDatabase: true, dataDir: join(dir, 'server') },
      { env: {}, cliKeyStore: null },
    );
    const { token } = await issueAdminToken(studio.database.db);
    const res = await fetch(`${studio.url}/trpc/tokens.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'laptop', user: { name: 'mia', role: 'member' } }),
    });
    memberToken = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
  });
  afterAll(() => studio.close());

  it('refuses a member: only admins apply catalog files', async () => {
    const file = join(dir, 'exported.json');
    const out = await run(
      ['catalog', 'apply', repriced(file, 80_000), '--server', studio.url, '--json'],
      { ATELIER_TOKEN: memberToken },
    );
    expect(out.code).not.toBe(0);
    expect(jsonError(out).message).toMatch(/Only an admin/);
    const info = await fetch(`${studio.url}/trpc/catalog.info`, {
      headers: { authorization: `Bearer ${memberToken}` },
    });
    expect(
      ((await info.json()) as { result: { data: { applied: unknown } } }).result.data.applied,
    ).toBeNull();
  });
});
