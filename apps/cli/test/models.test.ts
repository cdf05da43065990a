import { filterModels, loadCatalog } from '@atelier/core/catalog';
import { startingPrice } from '@atelier/core/pricing';
import { describe, expect, it } from 'vitest';
import type { ModelRow } from '../src/commands/models.ts';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier models', () => {
  it('lists every model that is not retired, with the catalog starting price', async () => {
    const rows = await atelierJson<ModelRow[]>(['models']);
    const expected = catalog.models.filter((m) => m.lifecycle.status !== 'retired');
    expect(rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
    for (const row of rows) {
      const model = catalog.resolve(row.id);
      expect(row).toMatchObject({
        name: model.name,
        vendor: model.vendor,
        modality: model.modality,
        status: model.lifecycle.status,
      });
      const start = startingPrice(model);
      if (start) {
        expect(row.startingPrice).toEqual({
          micros: start.micros,
          per: start.per,
          label: start.label,
          provider: start.route.provider,
          providerModelId: start.route.providerModelId,
          source: start.route.price.source,
        });
      } else {
        expect(row.startingPrice).toBeNull();
        expect(row.unpricedReason).toBeTruthy();
      }
    }
  });

  it('shows retired models with --all or --status retired', async () => {
    const retired = catalog.models.filter((m) => m.lifecycle.status === 'retired').map((m) => m.id);
    expect(retired.length).toBeGreaterThan(0);
    const all = await atelierJson<ModelRow[]>(['models', '--all']);
    expect(all).toHaveLength(catalog.models.length);
    const only = await atelierJson<ModelRow[]>(['models', '--status', 'retired']);
    expect(only.map((r) => r.id)).toEqual(retired);
  });

  it('filters by modality, task, vendor and status as the shared catalog filter does', async () => {
    const video = await atelierJson<ModelRow[]>(['models', '--modality', 'video']);
    expect(video.map((r) => r.id)).toEqual(
      filterModels(catalog, { modality: 'video' }).map((m) => m.id),
    );
    expect(video.every((r) => r.modality === 'video')).toBe(true);

    const edit = await atelierJson<ModelRow[]>(['models', '--task', 'edit', '--vendor', 'google']);
    expect(edit.map((r) => r.id)).toEqual(
      filterModels(catalog, { task: 'edit', vendor: 'google' }).map((m) => m.id),
    );
    expect(edit.length).toBeGreaterThan(0);

    const statuses = await atelierJson<ModelRow[]>(['models', '--status', 'active,preview']);
    expect(statuses.map((r) => r.id)).toEqual(
      filterModels(catalog, { status: ['active', 'preview'] }).map((m) => m.id),
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
    const expected = filterModels(catalog, { modality: 'image' }).filter((m) => {
      const start = startingPrice(m);
      return start !== undefined && start.micros <= 40_000;
    });
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
    expect(nbp).toContain(start?.label.replace(/^from /, ''));
    expect(nbp).toContain(start?.route.price.source.asOf);
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
