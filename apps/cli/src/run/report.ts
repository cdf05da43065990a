import type { Provider } from '@atelier/core/catalog';
import { formatUsd, type Micros } from '@atelier/core/money';
import type { CostRange, Latency, Warning } from '@atelier/core/providers';
import { bulletText } from '../format.ts';
import type { Style } from '../output/style.ts';
import type { Kind } from './options.ts';

/** The one document a run hands back: printed as JSON with --json, as a summary table otherwise. */

export interface FileReport {
  path: string;
  sidecar: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
  durationSeconds?: number;
}

export interface ModelReport {
  /** As typed after -m. */
  model: string;
  modelId: string;
  modelName: string;
  provider: Provider;
  providerModelId: string;
  estimate: CostRange;
  warnings: Warning[];
  status?: 'succeeded' | 'failed';
  actualCost?: Micros;
  elapsedMs?: number;
  latency?: Latency;
  providerRequestId?: string;
  files?: FileReport[];
  error?: { code: string; message: string; hint?: string };
  /** The studio's id for this model's generation (`atelier history show <id>`). */
  generationId?: string;
}

export interface RunReport {
  kind: Kind;
  prompt: string;
  dryRun: boolean;
  /** Where files went (absent on a dry run). */
  outDir?: string;
  /** Sum of the models' estimates. */
  estimate: CostRange;
  /** The expected total above which a run asks first. */
  confirmAbove: Micros;
  actualCost?: Micros;
  succeeded?: number;
  failed?: number;
  /** Where it ran (and is recorded): a studio server, or the studio in this process. */
  studio?: { mode: 'http' | 'in-process'; url?: string };
  models: ModelReport[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function rangeText(r: CostRange): string {
  return r.low === r.high ? formatUsd(r.expected) : `${formatUsd(r.low)} – ${formatUsd(r.high)}`;
}

function warningLines(report: RunReport): string[] {
  // Adapter warnings usually open with the model id already.
  return report.models.flatMap((m) =>
    m.warnings.map((w) =>
      bulletText(w.message.startsWith(m.modelId) ? w.message : `${m.modelId}: ${w.message}`),
    ),
  );
}

export function renderReport(report: RunReport, s: Style): string {
  return report.dryRun ? renderPlan(report, s) : renderRun(report, s);
}

function renderPlan(report: RunReport, s: Style): string {
  const { c } = s;
  const out = [c.bold('Dry run: nothing was sent.'), ''];
  const rows = report.models.map((m) => [
    m.modelId,
    `${m.provider} ${c.dim(m.providerModelId)}`,
    formatUsd(m.estimate.expected),
    rangeText(m.estimate),
    m.warnings.length ? String(m.warnings.length) : '',
  ]);
  rows.push([
    c.bold('Total'),
    '',
    c.bold(formatUsd(report.estimate.expected)),
    rangeText(report.estimate),
    '',
  ]);
  out.push(
    s.table(['Model', 'Route', 'Expected', 'Range', 'Warnings'], rows, {
      align: ['left', 'left', 'right', 'right', 'right'],
    }),
  );
  const warnings = warningLines(report);
  if (warnings.length) out.push('', s.heading('Warnings'), ...warnings);
  out.push(
    '',
    report.estimate.expected > report.confirmAbove
      ? c.yellow(
          `Expected total above ${formatUsd(report.confirmAbove)}: a real run asks first (--yes skips the question).`,
        )
      : c.dim(
          `Expected total within ${formatUsd(report.confirmAbove)}: a real run starts without asking.`,
        ),
  );
  return out.join('\n');
}

function renderRun(report: RunReport, s: Style): string {
  const { c } = s;
  const rows = report.models.map((m) => [
    m.modelId,
    m.status === 'succeeded' ? c.green('ok') : c.red('failed'),
    m.elapsedMs === undefined ? '' : seconds(m.elapsedMs),
    m.actualCost === undefined ? '' : formatUsd(m.actualCost),
    (m.files ?? []).map((f) => f.path).join('\n'),
    m.warnings.length ? String(m.warnings.length) : '',
  ]);
  const out = [
    s.table(['Model', 'Status', 'Latency', 'Cost', 'File', 'Warnings'], rows, {
      align: ['left', 'left', 'right', 'right', 'left', 'right'],
    }),
  ];
  const warnings = warningLines(report);
  if (warnings.length) out.push('', s.heading('Warnings'), ...warnings);
  const failed = report.models.filter((m) => m.error);
  if (failed.length) {
    out.push('', s.heading('Failed'));
    for (const m of failed) {
      out.push(bulletText(`${m.modelId}: ${m.error?.message ?? 'failed'}`));
      if (m.error?.hint) out.push(c.dim(`    ${m.error.hint}`));
    }
  }
  const total = report.models.length;
  const spent = formatUsd(report.actualCost ?? 0);
  out.push(
    '',
    `${report.succeeded === total ? c.green(`${total} of ${total} succeeded`) : c.yellow(`${report.succeeded ?? 0} of ${total} succeeded`)} · spent ${c.bold(spent)} ${c.dim(`(estimated ${formatUsd(report.estimate.expected)})`)}${report.outDir ? ` · files in ${report.outDir}` : ''}`,
  );
  return out.join('\n');
}
