import { appRouter, createCallerFactory, createContext } from '@atelier/api';
import { describe, expect, it } from 'vitest';
import { findFlag, lintFindings } from '../src/lib/lint.ts';
import { confirmQuestion, planSummary, type PlanResult } from '../src/lib/plan-summary.ts';
import {
  periodStarts,
  spendReport,
  statusText,
  type Budget,
  type SpendSummary,
} from '../src/lib/spend-text.ts';
import { describeError, errorText } from '../src/studio/errors.ts';
import { compareHtml } from '../src/views/compare.ts';
import { historyHtml, type HistoryItem } from '../src/views/history.ts';
import { modelHtml } from '../src/views/model.ts';
import { recommendHtml } from '../src/views/recommend.ts';
import { resultCardHtml, resultsHtml } from '../src/views/results.ts';

// The catalog procedures need no studio: their real answers feed the views.
const api = createCallerFactory(appRouter)(createContext());

const source = {
  ref: 'https://openai.com/api/pricing/',
  asOf: '2026-11-01',
  kind: 'provider' as const,
};
const plan = {
  plans: [
    {
      prompt: 'a red fox',
      plan: {
        kind: 'image',
        prompt: 'a red fox',
        notes: ['--ar 16:9 read as the aspect ratio'],
        date: '2026-12-06',
        models: [
          {
            status: 'ready',
            model: 'gpt-image-2',
            modelId: 'gpt-image-2',
            modelName: 'GPT Image 2',
            route: { provider: 'openai', providerModelId: 'gpt-image-2' },
            params: {},
            defaults: [],
            warnings: [
              {
                type: 'unsupported',
                setting: 'seed',
                message: 'GPT Image 2 takes no seed; it is not sent.',
              },
            ],
            estimate: {
              low: 40_000,
              expected: 42_000,
              high: 50_000,
              lines: [
                {
                  label: 'Output image',
                  quantity: '1 image',
                  unitPrice: '$0.042 / image',
                  micros: 42_000,
                  source,
                },
              ],
              assumptions: [],
            },
          },
          {
            status: 'refused',
            model: 'wan-2-5-image',
            modelName: 'Wan 2.5 Image',
            warnings: [],
            refusal: {
              code: 'unsupported',
              message: 'Atelier cannot call DashScope yet.',
              hint: 'Pick a model with a runnable route.',
            },
          },
        ],
        total: { low: 40_000, expected: 42_000, high: 50_000 },
      },
    },
  ],
  total: { low: 40_000, expected: 42_000, high: 50_000 },
} as unknown as PlanResult;

describe('plan summary', () => {
  it('lists each model with route, estimate, cost lines, warnings and refusals, then the total', () => {
    expect(planSummary(plan)).toBe(
      [
        'ℹ --ar 16:9 read as the aspect ratio',
        'GPT Image 2 via openai: $0.042 ($0.04–$0.05)',
        '    Output image: 1 image × $0.042 / image = $0.042',
        '    ⚠ GPT Image 2 takes no seed; it is not sent.',
        'Wan 2.5 Image: refused — Atelier cannot call DashScope yet. Pick a model with a runnable route.',
        'Total for 1 model: $0.042 ($0.04–$0.05)',
      ].join('\n'),
    );
  });
  it('asks "Run N models for $X?" with the expected total', () => {
    expect(confirmQuestion(plan)).toBe('Run 1 model for $0.042?');
  });
  it('the results panel shows the plan and a card per model, escaped', () => {
    const html = resultsHtml({
      prompt: '<fox>',
      planText: planSummary(plan),
      cards: [],
      running: true,
    });
    expect(html).toContain('&lt;fox&gt;');
    expect(html).toContain('data-testid="cancel"');
  });
});

describe('compare view', () => {
  it('renders compare.run as a table with a column per model, winners and the verdict', async () => {
    const c = await api.compare.run({
      ids: ['gpt-image-2', 'flux-2-pro', 'nano-banana-pro'],
      useCase: 'product',
    });
    const html = compareHtml(c);
    expect(html).toContain('data-testid="compare-table"');
    const header = /<thead>(.*?)<\/thead>/s.exec(html)?.[1] ?? '';
    expect(header.match(/<th /g)).toHaveLength(4);
    for (const m of c.models) expect(header).toContain(m.name.replace(/&/g, '&amp;'));
    expect(html).toContain('★');
    expect(html).toContain('data-action="runThese"');
    expect(html).toContain(
      c.verdict.text
        .slice(0, 20)
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;'),
    );
  });
});

describe('model page and recommend views', () => {
  it('shows routes with their sources and the prompt template', async () => {
    const card = await api.catalog.get({ id: 'gpt-image-2' });
    const [listed] = await api.catalog.list({ query: 'gpt-image-2' });
    const estimates = Object.fromEntries(
      await Promise.all(
        card.routes.map(async (r) => {
          const e = await api.pricing.estimate({
            model: card.id,
            provider: r.provider,
            providerModelId: r.providerModelId,
          });
          return [`${r.provider}/${r.providerModelId}`, { ...e.perAsset, per: 'image' }] as const;
        }),
      ),
    );
    const html = modelHtml(card, listed, estimates);
    expect(html).toContain('GPT Image 2');
    const routes = /Routes and prices<\/h2>\s*<table>(.*?)<\/table>/s.exec(html)?.[1] ?? '';
    expect(routes.match(/micro-USD/g)?.length).toBeGreaterThanOrEqual(card.routes.length);
    expect(html).toContain('Text rendering');
    expect(html).toContain('Routes and prices');
    expect(html).toMatch(/as of \d{4}-\d{2}-\d{2}/);
    expect(html).toContain('Starting price');
  });
  it('ranks with reasons and lists exclusions', async () => {
    const r = await api.recommend.run({ useCase: 'product', mustHaves: ['edit'] });
    const html = recommendHtml(r);
    expect(html.match(/data-testid="ranked"/g)?.length).toBe(r.ranked.length);
    if (r.excluded.length) expect(html).toContain(`Excluded (${r.excluded.length})`);
  });
});

describe('lint findings', () => {
  it('finds flags written as --ar 21:9 or --ar=21:9', () => {
    expect(findFlag('a fox --ar 21:9 --q high', ['ar'])).toEqual({
      start: 6,
      end: 15,
      value: '21:9',
    });
    expect(findFlag('a fox --ar=21:9', ['ar', 'aspect'])).toEqual({
      start: 6,
      end: 15,
      value: '21:9',
    });
    expect(findFlag('a far fox', ['ar'])).toBeUndefined();
  });
  it('maps --ar to what the chosen model makes, as a quick fix on the flag', async () => {
    const text = 'a lighthouse at dawn --ar 21:9';
    const analysis = await api.prompt.analyze({ text, model: 'gpt-image-2' });
    const ar = lintFindings(text, analysis).find((f) => f.fix);
    expect(ar).toMatchObject({ start: 21, end: text.length });
    expect(ar?.fix?.replacement).toMatch(/^--(size \d+x\d+|ar \d+:\d+)$/);
  });
  it('offers to remove a flag Atelier ignores', async () => {
    const text = 'a red fox --stylize 250';
    const analysis = await api.prompt.analyze({ text });
    const ignored = lintFindings(text, analysis).find((f) => f.message.includes('--stylize'));
    expect(ignored).toMatchObject({
      start: 10,
      end: text.length,
      fix: { title: 'Remove --stylize', replacement: '' },
    });
  });
});

describe('spend text', () => {
  const summary = (micros: number): SpendSummary => ({
    from: '',
    to: '',
    totalMicros: micros,
    pendingMicros: 0,
    byModel: [{ modelId: 'gpt-image-2', micros, generations: 2 }],
    byDay: [],
    byModelDay: [],
  });
  const daily = {
    scope: 'user',
    period: 'daily',
    capMicros: 5_000_000,
    spentMicros: 120_000,
    reservedMicros: 0,
    remainingMicros: 4_880_000,
  } as Budget;
  it('starts the day and the month at midnight UTC', () => {
    expect(periodStarts(new Date('2026-12-06T16:00:00Z'))).toEqual({
      day: '2026-12-06T00:00:00.000Z',
      month: '2026-12-01T00:00:00.000Z',
    });
  });
  it('compares today with the daily cap, exact micro-USD in the tooltip', () => {
    expect(statusText(summary(120_000), [daily])).toEqual({
      text: '$0.12 / $5.00 today',
      tooltip:
        'Spent today (UTC): $0.12 (120,000 micro-USD)\nDaily cap: $5.00 (5,000,000 micro-USD), left $4.88 (4,880,000 micro-USD)',
    });
    expect(statusText(summary(0), []).text).toBe('$0.00 today');
  });
  it('reports the month by model and every budget', () => {
    const report = spendReport(summary(120_000), summary(1_500_000), [daily]);
    expect(report).toContain('This month: $1.50 (1,500,000 micro-USD)');
    expect(report).toContain('gpt-image-2: $1.50 (2 generations)');
    expect(report).toContain('User daily cap $5.00: spent $0.12, reserved $0.00, left $4.88');
  });
});

describe('errors', () => {
  it("shows the studio's message and hint from the tRPC error data", () => {
    const e = Object.assign(new Error('Budget exceeded: the daily cap is $5.00.'), {
      data: { atelier: { code: 'budget_exceeded', hint: 'Ask an admin to raise it.' } },
    });
    expect(describeError(e)).toEqual({
      message: 'Budget exceeded: the daily cap is $5.00.',
      hint: 'Ask an admin to raise it.',
      code: 'budget_exceeded',
    });
    expect(errorText(e)).toBe('Budget exceeded: the daily cap is $5.00. Ask an admin to raise it.');
  });
  it('says how to start a studio when none answers', () => {
    expect(describeError(new TypeError('fetch failed')).hint).toMatch(/atelier serve/);
  });
});

describe('history view', () => {
  it('lists generations with cost and actions, escaping the prompt', () => {
    const item = {
      id: '01JHIST',
      prompt: 'a <b>fox</b>',
      modelId: 'gpt-image-2',
      status: 'succeeded',
      actualCostMicros: 42_000,
      estimatedCostMicros: 42_000,
      generationMs: 3_200,
      queuedAt: new Date('2026-12-06T10:00:00Z'),
      kept: false,
      errorMessage: null,
      assets: [
        {
          sha256: 'a'.repeat(64),
          url: '/assets/x',
          index: 0,
          mediaType: 'image/png',
          width: 8,
          height: 8,
          durationMs: null,
          byteSize: 10,
        },
      ],
    } as unknown as HistoryItem;
    const html = historyHtml('fox', [{ item, thumb: 'data:image/png;base64,AA==' }], true);
    expect(html).toContain('a &lt;b&gt;fox&lt;/b&gt;');
    expect(html).toContain('data-action="insert" data-id="01JHIST"');
    expect(html).toContain('$0.042');
    expect(html).toContain('2026-12-06 10:00 UTC');
  });
});

describe('result cards', () => {
  const card = { id: '01JGEN', modelId: 'gpt-image-2', modelName: 'GPT Image 2' };
  it('shows the progress figure while a job runs, and a failed job its error, not the last figure', () => {
    expect(resultCardHtml({ ...card, status: 'running', progress: '50%' })).toContain(
      '<div class="placeholder">50%</div>',
    );
    const failed = resultCardHtml({
      ...card,
      status: 'failed',
      progress: '50%',
      error: { message: 'The provider refused the prompt.', hint: 'Reword it.' },
    });
    expect(failed).not.toContain('50%');
    expect(failed).toContain('<div class="placeholder">failed</div>');
    expect(failed).toContain('<p>The provider refused the prompt.</p>');
    expect(failed).toContain('<p class="hint">Reword it.</p>');
  });
});
