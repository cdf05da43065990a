import { formatUsd, type Micros } from '@atelier/core/money';
import {
  costPerAccepted,
  DEFAULT_MONTHLY_VOLUMES,
  estimate,
  EstimateRequestSchema,
  priceClaims,
  projectMonthly,
  type Estimate,
} from '@atelier/core/pricing';
import type { Source } from '@atelier/core/catalog';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { bulletText, sourceText } from '../format.ts';
import { parseFlags } from '../flags.ts';
import { SourceNotes } from '../output/sources.ts';
import type { Style } from '../output/style.ts';

const CostFlags = EstimateRequestSchema.omit({
  model: true,
  inputPixels: true,
  promptTokens: true,
}).extend({
  monthly: z.boolean().optional(),
  acceptRate: z.number().gt(0).max(100).optional(),
});

export interface MonthlyRow {
  volume: number;
  low: Micros;
  expected: Micros;
  high: Micros;
  /** Expected spend to keep `volume` assets a month at the acceptance rate. */
  accepted?: Micros;
}

export interface CostReport {
  estimate: Estimate;
  acceptRate?: { percent: number; tries: number; perAccepted: Micros };
  monthly?: MonthlyRow[];
  /** Prices quoted by the catalog's sources (resellers, articles) for the same settings. */
  claims: { text: string; source: Source; micros?: Micros; error?: string }[];
}

/** `atelier cost <model>`: what a request costs, line by line, with sources and assumptions. */
export function run({ args, options }: Invocation): Output {
  const { monthly, acceptRate, ...params } = parseFlags(CostFlags, {
    provider: options.provider,
    prompt: options.prompt,
    count: options.count,
    quality: options.quality,
    size: options.size,
    resolution: options.resolution,
    aspectRatio: options.aspectRatio,
    seconds: options.seconds,
    audio: options.audio,
    variant: options.variant,
    inputImages: options.inputImages,
    monthly: options.monthly,
    acceptRate: options.acceptRate,
  });
  const catalog = cliCatalog();
  const est = estimate({ model: String(args[0]), ...params }, catalog);

  const report: CostReport = { estimate: est, claims: [] };
  const per = est.perAsset;
  if (acceptRate !== undefined) {
    report.acceptRate = {
      percent: acceptRate,
      tries: Math.round((100 / acceptRate) * 100) / 100,
      perAccepted: costPerAccepted(per.expected, acceptRate),
    };
  }
  if (monthly) {
    const [low, expected, high] = [per.low, per.expected, per.high].map((p) =>
      projectMonthly(p, DEFAULT_MONTHLY_VOLUMES),
    );
    const accepted = report.acceptRate
      ? projectMonthly(report.acceptRate.perAccepted, DEFAULT_MONTHLY_VOLUMES)
      : undefined;
    report.monthly = DEFAULT_MONTHLY_VOLUMES.map((volume, i) => ({
      volume,
      low: low?.[i]?.micros ?? 0,
      expected: expected?.[i]?.micros ?? 0,
      high: high?.[i]?.micros ?? 0,
      ...(accepted ? { accepted: accepted[i]?.micros ?? 0 } : {}),
    }));
  }
  const model = catalog.resolve(est.model);
  const { provider: _provider, prompt: _prompt, ...priceParams } = params;
  report.claims = priceClaims(model, priceParams).map(({ claim, result, error }) => ({
    text: claim.text,
    source: claim.source,
    ...(result ? { micros: result.expected } : {}),
    ...(error ? { error: error.message } : {}),
  }));
  return { data: report, text: (style) => render(report, style) };
}

function assetWord(est: Estimate, n: number): string {
  const word = est.modality === 'image' ? 'image' : 'video';
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function render(report: CostReport, s: Style): string {
  const { c } = s;
  const est = report.estimate;
  const out: string[] = [];
  out.push(
    `${c.bold(est.modelName)} ${c.dim(`(${est.model})`)} via ${est.route.provider} ${c.dim(est.route.providerModelId)} · ${assetWord(est, est.count)}`,
  );
  const range =
    est.low === est.high
      ? formatUsd(est.expected)
      : `${formatUsd(est.low)} – ${formatUsd(est.high)}`;
  out.push(
    s.fields([
      [
        'Expected',
        `${c.bold(formatUsd(est.expected))}${est.count > 1 ? c.dim(`  (${formatUsd(est.perAsset.expected)} each)`) : ''}`,
      ],
      [
        'Range',
        `${range}${est.count > 1 && est.low !== est.high ? c.dim(`  (${formatUsd(est.perAsset.low)} – ${formatUsd(est.perAsset.high)} each)`) : ''}`,
      ],
    ]),
  );

  const notes = new SourceNotes();
  out.push('', s.heading('Cost lines (expected case)'));
  const rows = est.lines.map((l) => [
    l.label,
    l.quantity,
    l.unitPrice,
    formatUsd(l.micros),
    notes.ref(l.source),
  ]);
  rows.push([c.bold('Total'), '', '', c.bold(formatUsd(est.expected)), '']);
  out.push(
    s.table(['Line', 'Quantity', 'Rate', 'Cost', 'Source'], rows, {
      align: ['left', 'left', 'left', 'right', 'left'],
    }),
  );

  out.push('', s.heading('Sources'), ...notes.render(s));

  if (est.assumptions.length) {
    out.push('', s.heading('Assumptions'), ...est.assumptions.map((a) => bulletText(a)));
  }

  if (report.acceptRate) {
    const a = report.acceptRate;
    out.push(
      '',
      s.heading('Iteration'),
      `  Keeping ${a.percent}% of generations means about ${a.tries} tries per kept ${est.modality === 'image' ? 'image' : 'video'}: ${c.bold(formatUsd(a.perAccepted))} each.`,
    );
  }

  if (report.monthly) {
    out.push('', s.heading('Monthly projection'));
    const head = ['Per month', 'Expected', 'Range'];
    if (report.acceptRate) head.push(`Kept at ${report.acceptRate.percent}%`);
    out.push(
      s.table(
        head,
        report.monthly.map((m) => {
          const row = [
            assetWord(est, m.volume),
            formatUsd(m.expected),
            m.low === m.high ? '' : `${formatUsd(m.low)} – ${formatUsd(m.high)}`,
          ];
          if (m.accepted !== undefined) row.push(formatUsd(m.accepted));
          return row;
        }),
        { align: ['left', 'right', 'right', 'right'] },
      ),
    );
  }

  if (report.claims.length) {
    out.push(
      '',
      s.heading('Prices quoted by sources'),
      c.dim(
        '  The same request at prices the sources quote; for comparison, not what the route above charges.',
      ),
    );
    for (const claim of report.claims) {
      const amount = claim.micros !== undefined ? `${formatUsd(claim.micros)}: ` : '';
      out.push(bulletText(`${amount}${claim.text}${claim.error ? ` (${claim.error})` : ''}`));
      out.push(c.dim(`    ${sourceText(claim.source)}`));
    }
  }
  return out.join('\n');
}
