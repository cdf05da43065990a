import { loadCatalog, Provider, sourceLine, withSourceLabels } from '@atelier/core/catalog';
import { estimate } from '@atelier/core/pricing';
import { describe, expect, it } from 'vitest';
import type { CostReport } from '../src/commands/cost.ts';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier cost', () => {
  it('matches the pricing engine for the same request, with lines that add up', async () => {
    const report = await atelierJson<CostReport>([
      'cost',
      'nano-banana-pro',
      '--count',
      '10',
      '--resolution',
      '4K',
    ]);
    const direct = estimate({ model: 'nano-banana-pro', count: 10, resolution: '4K' }, catalog);
    expect(report.estimate).toEqual(JSON.parse(JSON.stringify(withSourceLabels(direct))));
    const est = report.estimate;
    expect(est.count).toBe(10);
    expect(est.lines.reduce((sum, l) => sum + l.micros, 0)).toBe(est.expected);
    expect(est.low).toBeLessThanOrEqual(est.expected);
    expect(est.expected).toBeLessThanOrEqual(est.high);
    for (const line of est.lines) expect(line.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.monthly).toBeUndefined();
  });

  it('prices a video route by seconds and names its source', async () => {
    const report = await atelierJson<CostReport>([
      'cost',
      'veo-3-1',
      '--seconds',
      '8',
      '--resolution',
      '1080p',
      '--audio',
      '--provider',
      'vertex',
    ]);
    const model = catalog.resolve('veo-3-1');
    const route = model.routes.find((r) => r.provider === 'vertex');
    expect(report.estimate.route).toEqual({
      provider: 'vertex',
      providerModelId: route?.providerModelId,
    });
    expect(report.estimate.sources.map((s) => s.ref)).toContain(route?.price.source.ref);
    expect(report.estimate.expected).toBe(
      estimate(
        { model: 'veo-3-1', seconds: 8, resolution: '1080p', audio: true, provider: 'vertex' },
        catalog,
      ).expected,
    );
  });

  it('projects 50 / 200 / 1,000 / 5,000 a month and prices the retakes of an acceptance rate', async () => {
    const report = await atelierJson<CostReport>([
      'cost',
      'nano-banana-pro',
      '--monthly',
      '--accept-rate',
      '40%',
    ]);
    const per = report.estimate.perAsset;
    expect(report.monthly?.map((m) => m.volume)).toEqual([50, 200, 1000, 5000]);
    for (const row of report.monthly ?? []) {
      expect(row.expected).toBe(per.expected * row.volume);
      expect(row.low).toBe(per.low * row.volume);
      expect(row.high).toBe(per.high * row.volume);
      expect(row.accepted).toBe((report.acceptRate?.perAccepted ?? NaN) * row.volume);
    }
    // 40 % kept: 2.5 generations per kept image.
    expect(report.acceptRate).toEqual({
      percent: 40,
      tries: 2.5,
      perAccepted: Math.round(per.expected * 2.5),
    });
  });

  it('prints the breakdown with sources and assumptions for people', async () => {
    const run = await atelier(['cost', 'nano-banana-pro', '--monthly']);
    expect(run.code).toBe(0);
    const direct = estimate({ model: 'nano-banana-pro' }, catalog);
    expect(run.stdout).toContain('Cost lines (expected case)');
    for (const line of direct.lines) expect(run.stdout).toContain(line.label);
    for (const source of direct.sources) expect(run.stdout).toContain(sourceLine(source));
    expect(run.stdout).toContain('Assumptions');
    expect(run.stdout).toMatch(/Monthly projection\nPer month\s+Expected\s+Range\n50 images/);
  });

  it('refuses a retired model and names its replacements (exit 2)', async () => {
    const retired = catalog.models.find(
      (m) => m.lifecycle.status === 'retired' && m.lifecycle.replacements.length > 0,
    );
    if (!retired) throw new Error('the catalog has no retired model with a replacement');
    const names = retired.lifecycle.replacements.map((id) => catalog.resolve(id).name);
    const run = await atelier(['cost', retired.id, '--seconds', '8']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('retired');
    for (const name of names) expect(run.stderr).toContain(name);

    const json = await atelier(['cost', retired.id, '--json']);
    expect(json.code).toBe(2);
    const error = jsonError(json);
    expect(error.code).toBe('model_retired');
    expect(error.details?.replacements).toEqual(retired.lifecycle.replacements);
  });

  it('rejects a negative or fractional count naming the flag', async () => {
    const negative = await atelier(['cost', 'nano-banana-pro', '--count', '-5']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('--count');
    expect(negative.stderr).not.toMatch(/\n\s+at /);
    const fraction = await atelier(['cost', 'nano-banana-pro', '--count', '2.5']);
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toContain('--count');
  });

  it('rejects an unknown provider naming every allowed provider', async () => {
    const run = await atelier(['cost', 'nano-banana-pro', '--provider', 'acme', '--json']);
    expect(run.code).toBe(2);
    const error = jsonError(run);
    expect(error.message).toContain('--provider');
    for (const p of Provider.options) expect(error.message).toContain(`"${p}"`);
  });

  it('rejects a setting the model does not offer, naming the allowed values', async () => {
    const run = await atelier(['cost', 'nano-banana-pro', '--resolution', '8K']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('8K');
    expect(run.stderr).toContain('1K, 2K, 4K');
  });

  it('rejects a malformed number or acceptance rate', async () => {
    const seconds = await atelier(['cost', 'veo-3-1', '--seconds', 'eight']);
    expect(seconds.code).toBe(2);
    expect(seconds.stderr).toContain('--seconds');
    const rate = await atelier(['cost', 'nano-banana-pro', '--accept-rate', '140']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--accept-rate');
  });
});
