import {
  filterModels,
  loadCatalog,
  modelRunnability,
  withSourceLabels,
} from '@atelier/core/catalog';
import { startingPrice } from '@atelier/core/pricing';
import { formatUsd } from '@atelier/core/money';
import { describe, expect, it } from 'vitest';
import type { ModelRow } from '../src/commands/models.ts';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier models', () => {
  it('lists every model Atelier can run here, with the catalog starting price', async () => {
    const rows = await atelierJson<ModelRow[]>(['models']);
    const expected = catalog.models.filter((m) => modelRunnability(m).runnable);
    expect(rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
    for (const row of rows) {
      const model = catalog.resolve(row.id);
      expect(row).toMatchObject({
        name: model.name,
        vendor: model.vendor,
        modality: model.modality,
        status: model.lifecycle.status,
        runnable: true,
      });
      expect(row.notRunnableReason).toBeUndefined();
      const start = startingPrice(model);
      if (start) {
        expect(row.startingPrice).toEqual({
          micros: start.micros,
          per: start.per,
          label: start.label,
          provider: start.route.provider,
          providerModelId: start.route.providerModelId,
          source: withSourceLabels(start.route.price.source),
        });
      } else {
        expect(row.startingPrice).toBeNull();
        expect(row.unpricedReason).toBeTruthy();
      }
    }
  });

  it('hides models Atelier cannot run here (e.g. Wan 2.7 Image Pro, no sourced price) unless --include-unrunnable', async () => {
    const table = await atelier(['models', '--vendor', 'alibaba']);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/^wan-2-7-image-pro /m);
    // Wan 2.5 Image runs on DashScope.
    expect(table.stdout).toMatch(/^wan-2-5-image /m);
    expect(table.stdout).toMatch(
      /more that Atelier can't run here (is|are) hidden; --include-unrunnable/,
    );

    const rows = await atelierJson<ModelRow[]>(['models', '--include-unrunnable']);
    expect(rows.map((r) => r.id)).toEqual(filterModels(catalog).map((m) => m.id));
    expect(rows.find((r) => r.id === 'wan-2-7-image-pro')).toMatchObject({
      runnable: false,
      notRunnableReason: expect.stringMatching(/^no sourced price: No DashScope/),
    });
    expect(rows.find((r) => r.id === 'wan-2-5-image')?.runnable).toBe(true);
    const unpriced = rows.find((r) => r.id === 'flux-2-dev');
    expect(unpriced?.runnable).toBe(false);
    expect(unpriced?.notRunnableReason).toMatch(/^no sourced price: /);

    const marked = await atelier(['models', '--vendor', 'alibaba', '--include-unrunnable']);
    expect(marked.code).toBe(0);
    const lines = marked.stdout.split('\n');
    expect(lines[0]).toMatch(/As of\s+Can't run here$/);
    expect(lines.find((l) => l.startsWith('wan-2-5-image '))).not.toMatch(/no sourced price$/);
    expect(lines.find((l) => l.startsWith('wan-2-7-image-pro '))).toMatch(/no sourced price$/);
    expect(marked.stdout).not.toMatch(/hidden; --include-unrunnable/);
  });

  it('shows retired models with --all or --status retired, marked', async () => {
    const retired = catalog.models.filter((m) => m.lifecycle.status === 'retired').map((m) => m.id);
    expect(retired.length).toBeGreaterThan(0);
    const all = await atelierJson<ModelRow[]>(['models', '--all']);
    expect(all).toHaveLength(catalog.models.length);
    const only = await atelierJson<ModelRow[]>(['models', '--status', 'retired']);
    expect(only.map((r) => r.id)).toEqual(retired);
    expect(
      only.every((r) => r.runnable === false && /^retired/.test(r.notRunnableReason ?? '')),
    ).toBe(true);
  });

  it('filters by modality, task, vendor and status as the shared catalog filter does', async () => {
    const video = await atelierJson<ModelRow[]>(['models', '--modality', 'video']);
    expect(video.map((r) => r.id)).toEqual(
      filterModels(catalog, { modality: 'video', runnableOnly: true }).map((m) => m.id),
    );
    expect(video.every((r) => r.modality === 'video')).toBe(true);

    const edit = await atelierJson<ModelRow[]>(['models', '--task', 'edit', '--vendor', 'google']);
    expect(edit.map((r) => r.id)).toEqual(
      filterModels(catalog, { task: 'edit', vendor: 'google', runnableOnly: true }).map(
        (m) => m.id,
      ),
    );
    expect(edit.length).toBeGreaterThan(0);

    const statuses = await atelierJson<ModelRow[]>(['models', '--status', 'active,preview']);
    expect(statuses.map((r) => r.id)).toEqual(
      filterModels(catalog, { status: ['active', 'preview'], runnableOnly: true }).map((m) => m.id),
    );
  });

  it('keeps only models whose starting price is within --max-price', async () => {
    const rows = await atelierJson<ModelRow[]>([
      'models',
      '--modality',
      'image',
      '--max-price',
      '0.04',
    ]);
    const expected = filterModels(catalog, { modality: 'image', runnableOnly: true }).filter(
      (m) => {
        const start = startingPrice(m);
        return start !== undefined && start.micros <= 40_000;
      },
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.startingPrice !== null && r.startingPrice.micros <= 40_000)).toBe(
      true,
    );
  });

  it('prints a readable table without colour when not on a terminal', async () => {
    const run = await atelier(['models', '--vendor', 'google']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+Name\s+Vendor\s+Type\s+Status\s+Starting price\s+Via\s+As of$/);
    const nbp = lines.find((l) => l.startsWith('nano-banana-pro '));
    const start = startingPrice(catalog.resolve('nano-banana-pro'));
    expect(nbp).toContain('Nano Banana Pro');
    expect(nbp).toMatch(new RegExp(`\\${formatUsd(start?.micros ?? 0)}\\s+/ image\\s`));
    expect(nbp).toContain(start?.route.price.source.asOf);
    // Money right-aligned: every amount ends where the column's header ends.
    const end = (lines[0] ?? '').indexOf('Starting price') + 'Starting price'.length;
    const priced = lines.slice(1).filter((l) => /\$[\d.,]+\s+\/ (image|second|video)/.test(l));
    expect(priced.length).toBeGreaterThan(3);
    for (const l of priced) expect(l.slice(0, end)).toMatch(/\$[\d.,]+$/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours only when asked to, and never under NO_COLOR', async () => {
    const forced = await atelier(['models', '--vendor', 'google'], {
      FORCE_COLOR: '1',
      NO_COLOR: '',
    });
    expect(forced.stdout).toContain('\u001b[');
    const both = await atelier(['models', '--vendor', 'google'], {
      FORCE_COLOR: '1',
      NO_COLOR: '1',
    });
    expect(both.stdout).not.toContain('\u001b[');
  });

  it('rejects an unknown modality naming the allowed values (exit 2)', async () => {
    const run = await atelier(['models', '--modality', 'audio']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--modality');
    expect(run.stderr).toContain('"image", "video"');
    expect(run.stdout).toBe('');

    const json = await atelier(['models', '--status', 'gone', '--json']);
    expect(json.code).toBe(2);
    const error = jsonError(json);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('--status');
    expect(error.message).toContain('"active", "preview", "deprecated", "retired"');
  });

  it('rejects a malformed --max-price', async () => {
    const run = await atelier(['models', '--max-price', 'cheap']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-price');
  });
});
