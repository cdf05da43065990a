import type { Provider } from '@atelier/core/catalog';
import { formatUsd, type Micros } from '@atelier/core/money';
import type { CostRange, Warning } from '@atelier/core/jobs';
import type { Latency } from '@atelier/core/providers';
import { bulletText } from '../format.ts';
import type { Style } from '../output/style.ts';
import type { Kind } from './options.ts';
import {
  isKeyRefusal,
  refusalLine,
  type ChosenDefault,
  type PlanEstimate,
  type Refusal,
} from './plan.ts';

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
  /** The plan's route (absent when it refused the model before choosing one). */
  provider?: Provider;
  providerModelId?: string;
  /** The plan's estimate of exactly `params`, in micro-USD, with its lines and assumptions. */
  estimate?: PlanEstimate;
  /** The request as the plan made it: every priced setting explicit. */
  params?: Record<string, unknown>;
  /** Settings the command line left open and the plan chose. */
  defaults?: ChosenDefault[];
  warnings: Warning[];
  /** Why the plan will not run it (a dry run lists it; a paid run stops before spending). */
  refusal?: Refusal;
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
  /** As sent: flags written in it were read as settings (`notes`). */
  prompt: string;
  notes: string[];
  dryRun: boolean;
  /** Where files went (absent on a dry run). */
  outDir?: string;
  /** The plan's total: the models that will run, added up. */
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

/** Each setting the plan may choose, as it is named and set on the command line. */
const SETTING_FLAGS: Record<Kind, Record<string, { name: string; flag: string }>> = {
  image: {
    n: { name: 'count', flag: '-n' },
    size: { name: 'size', flag: '--size' },
    aspectRatio: { name: 'aspect ratio', flag: '--ar' },
    resolution: { name: 'resolution', flag: '--resolution' },
    quality: { name: 'quality', flag: '--quality' },
    outputFormat: { name: 'format', flag: '--format' },
  },
  video: {
    duration: { name: 'length', flag: '--seconds' },
    resolution: { name: 'resolution', flag: '--resolution' },
    aspectRatio: { name: 'aspect ratio', flag: '--ar' },
    audio: { name: 'audio', flag: '--audio or --no-audio' },
  },
};

function defaultText(kind: Kind, d: ChosenDefault): string {
  const known = SETTING_FLAGS[kind][d.setting];
  const value =
    typeof d.value === 'boolean'
      ? d.value
        ? 'on'
        : 'off'
      : `${d.value}${d.setting === 'duration' ? ' s' : ''}`;
  return `${known?.name ?? d.setting} ${value} — chosen; set ${known?.flag ?? d.setting} to change`;
}

/** Adapter warnings usually open with the model id already. */
const about = (m: ModelReport, text: string) =>
  bulletText(text.startsWith(m.modelId) ? text : `${m.modelId}: ${text}`);

/** What the plan read from the prompt, chose, and warns of, each apart. */
function planLines(report: RunReport, s: Style): string[] {
  const out: string[] = [];
  if (report.notes.length)
    out.push('', s.heading('Read from the prompt'), ...report.notes.map((n) => bulletText(n)));
  const chosen = report.models.flatMap((m) =>
    (m.defaults ?? []).map((d) => about(m, defaultText(report.kind, d))),
  );
  if (chosen.length) out.push('', s.heading('Chosen for you'), ...chosen);
  const warnings = report.models.flatMap((m) => m.warnings.map((w) => about(m, w.message)));
  if (warnings.length) out.push('', s.heading('Warnings'), ...warnings);
  return out;
}

export function renderReport(report: RunReport, s: Style): string {
  return report.dryRun ? renderPlan(report, s) : renderRun(report, s);
}

function renderPlan(report: RunReport, s: Style): string {
  const { c } = s;
  const out = [c.bold('Dry run: nothing was sent.'), ''];
  const rows = report.models.map((m) => [
    m.modelId,
    m.provider ? `${m.provider} ${c.dim(m.providerModelId ?? '')}` : '',
    m.refusal
      ? c.red(isKeyRefusal(m.refusal) ? 'no key' : 'refused')
      : m.estimate
        ? formatUsd(m.estimate.expected)
        : '',
    m.estimate ? rangeText(m.estimate) : '',
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
  out.push(...planLines(report, s));
  const refused = report.models.filter((m) => m.refusal);
  if (refused.length) {
    out.push('', s.heading('Cannot run'));
    for (const m of refused) {
      out.push(bulletText(refusalLine(m.model, m)));
      if (m.refusal?.hint) out.push(c.dim(`    ${m.refusal.hint}`));
    }
    out.push(c.dim('The total counts only the models that can run.'));
  }
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
  out.push(...planLines(report, s));
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
