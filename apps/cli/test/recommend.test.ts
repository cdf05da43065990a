import { loadCatalog, withSourceLabels } from '@atelier/core/catalog';
import { MustHave, recommend, type RecommendQuery } from '@atelier/core/recommend';
import { describe, expect, it } from 'vitest';
import type { RecommendReport } from '../src/commands/recommend.ts';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier recommend', () => {
  it('ranks as the core does for the same query, within the budget per asset', async () => {
    const report = await atelierJson<RecommendReport>([
      'recommend',
      '--use-case',
      'product',
      '--budget',
      '0.05',
      '--must',
      'text-in-image',
    ]);
    const query: RecommendQuery = {
      useCase: 'product',
      mustHaves: ['text-in-image'],
      priorities: [],
      budgetPerAsset: 50_000,
      includeRetired: false,
      includeUnrunnable: false,
    };
    expect(report.query).toEqual(query);
    const { query: _q, ...result } = report;
    expect(result).toEqual(JSON.parse(JSON.stringify(withSourceLabels(recommend(query, catalog)))));
    expect(report.ranked.length).toBeGreaterThan(0);
    for (const m of report.ranked) {
      expect(m.estimate?.perAsset.expected).toBeLessThanOrEqual(50_000);
      expect(catalog.resolve(m.model).modality).toBe('image');
    }
  });

  it('prices a monthly budget at a volume and takes priorities and video settings', async () => {
    const report = await atelierJson<RecommendReport>([
      'recommend',
      '--modality',
      'video',
      '--budget',
      '500',
      '--per',
      'month',
      '--volume',
      '100',
      '--priority',
      'motion,speed',
      '--seconds',
      '8',
      '--must',
      'audio',
    ]);
    expect(report.query).toMatchObject({
      modality: 'video',
      budgetPerMonth: 500_000_000,
      volumePerMonth: 100,
      priorities: ['motion', 'speed'],
      mustHaves: ['audio'],
      settings: { seconds: 8 },
    });
    for (const m of report.ranked) {
      expect(m.modality).toBe('video');
      expect(m.estimate?.perMonth?.volume).toBe(100);
      expect(m.estimate?.perMonth?.expected).toBeLessThanOrEqual(500_000_000);
    }
  });

  it('prints a ranked table with reasons, price sources and exclusions', async () => {
    const run = await atelier(['recommend', '--use-case', 'portrait', '--limit', '3']);
    expect(run.code).toBe(0);
    const result = recommend({ useCase: 'portrait' }, catalog);
    const top = result.ranked[0];
    if (!top) throw new Error('nothing ranked for portrait');
    expect(run.stdout).toMatch(new RegExp(`\\n\\s*1\\s+${top.model}\\s`));
    expect(run.stdout).toContain(`${top.name} (${top.model})`);
    expect(run.stdout).toContain('Excluded (');
  });

  it('leaves out models Atelier cannot run here, naming them; --include-unrunnable ranks them, marked', async () => {
    const plain = await atelier(['recommend', '--modality', 'image', '--limit', '100']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(/^\s*\d+\s+wan-2-7-image-pro\s/m);
    expect(plain.stdout).toMatch(
      /models? Atelier can't run here left out \(--include-unrunnable ranks them\): [^\n]*wan-2-7-image-pro/,
    );
    const json = await atelierJson<RecommendReport>(['recommend', '--modality', 'image']);
    expect(json.excluded.find((e) => e.model === 'wan-2-7-image-pro')?.reasons).toEqual([
      expect.stringMatching(/^Atelier cannot run it here: no sourced price: /),
    ]);

    const all = await atelierJson<RecommendReport>([
      'recommend',
      '--modality',
      'image',
      '--include-unrunnable',
    ]);
    expect(all.query.includeUnrunnable).toBe(true);
    expect(all.ranked.find((m) => m.model === 'wan-2-7-image-pro')).toMatchObject({
      runnable: false,
      notRunnableReason: expect.stringMatching(/^no sourced price: /),
    });
    const marked = await atelier([
      'recommend',
      '--modality',
      'image',
      '--include-unrunnable',
      '--limit',
      '100',
    ]);
    expect(marked.code).toBe(0);
    expect(marked.stdout).toMatch(/Runs here/);
    expect(marked.stdout).toMatch(/^\s*\d+\s+wan-2-7-image-pro\s[^\n]*\sno$/m);
    expect(marked.stdout).toMatch(
      /Atelier can't run these here:\n(\s+- [^\n]+\n)*\s+- wan-2-7-image-pro: no sourced price[:\n]/,
    );
  });

  it('rejects an unknown must-have naming the allowed features', async () => {
    const run = await atelier(['recommend', '--must', 'hologram', '--json']);
    expect(run.code).toBe(2);
    const error = jsonError(run);
    expect(error.message).toContain('--must');
    for (const m of MustHave.options) expect(error.message).toContain(`"${m}"`);
  });

  it('needs a volume for a monthly budget and a budget for --per', async () => {
    const monthly = await atelier(['recommend', '--budget', '100', '--per', 'month']);
    expect(monthly.code).toBe(2);
    expect(monthly.stderr).toContain('--volume');
    const per = await atelier(['recommend', '--per', 'asset']);
    expect(per.code).toBe(2);
    expect(per.stderr).toContain('--per: needs --budget');
    const period = await atelier(['recommend', '--budget', '1', '--per', 'week']);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('"asset", "month"');
  });
});
