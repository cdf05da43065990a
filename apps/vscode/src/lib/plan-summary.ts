import type { RouterOutputs } from '@atelier/api';
import { formatUsd } from '@atelier/core/money';

/**
 * The plan of a run in words, before anything is spent: each model's route and estimate (or why
 * it is refused), its warnings, and the total. Shown in the confirmation and the results panel.
 */

export type PlanResult = RouterOutputs['generate']['plan'];
type Planned = PlanResult['plans'][number]['plan']['models'][number];

const range = (r: { low: number; expected: number; high: number }) =>
  r.low === r.high
    ? formatUsd(r.expected)
    : `${formatUsd(r.expected)} (${formatUsd(r.low)}–${formatUsd(r.high)})`;

function modelLine(m: Planned): string[] {
  const name = m.modelName ?? m.model;
  const lines =
    m.status === 'ready'
      ? [`${name} via ${m.route.provider}: ${range(m.estimate)}`]
      : [`${name}: refused — ${m.refusal.message}${m.refusal.hint ? ` ${m.refusal.hint}` : ''}`];
  if (m.status === 'ready') {
    for (const line of m.estimate.lines)
      lines.push(
        `    ${line.label}: ${line.quantity} × ${line.unitPrice} = ${formatUsd(line.micros)}`,
      );
  }
  for (const w of m.warnings) lines.push(`    ⚠ ${w.message}`);
  return lines;
}

export function readyModels(result: PlanResult): Planned[] {
  return result.plans.flatMap((p) => p.plan.models.filter((m) => m.status === 'ready'));
}

export function planSummary(result: PlanResult): string {
  const lines: string[] = [];
  for (const { plan } of result.plans) {
    for (const note of plan.notes) lines.push(`ℹ ${note}`);
    for (const m of plan.models) lines.push(...modelLine(m));
  }
  const ready = readyModels(result).length;
  lines.push(`Total for ${ready} model${ready === 1 ? '' : 's'}: ${range(result.total)}`);
  return lines.join('\n');
}

/** The confirmation question of the contract: "Run N models for $X?". */
export function confirmQuestion(result: PlanResult): string {
  const n = readyModels(result).length;
  return `Run ${n} model${n === 1 ? '' : 's'} for ${formatUsd(result.total.expected)}?`;
}
