import type { CostRange } from '@atelier/core/jobs';
import { formatMicrosExact, formatUsd, formatUsdExact } from '../../lib/format.ts';
import type { RouterOutputs } from '../../trpc.ts';

/**
 * Reading the server's plan of a Studio request (`generate.plan`, core's one planner) for people:
 * each model's line, the settings Atelier chose, the range and its exact amounts. Nothing here
 * decides anything; the plan did.
 */

export type PlanResult = RouterOutputs['generate']['plan'];
export type Plan = PlanResult['plans'][number]['plan'];
export type PlannedModel = Plan['models'][number];
export type ReadyModel = Extract<PlannedModel, { status: 'ready' }>;
export type RefusedModel = Extract<PlannedModel, { status: 'refused' }>;
export type ChosenDefault = ReadyModel['defaults'][number];
export type { CostRange };

/** Each model's plan for the (first) prompt, keyed as the request named it. */
export function plannedByModel(result: PlanResult | undefined): Map<string, PlannedModel> {
  return new Map((result?.plans[0]?.plan.models ?? []).map((m) => [m.model, m]));
}

/** "medium quality", "1024x1024", "8 s", "with audio": one chosen default, short. */
export function describeDefault({ setting, value }: ChosenDefault): string {
  switch (setting) {
    case 'quality':
      return `${String(value)} quality`;
    case 'duration':
      return `${String(value)} s`;
    case 'audio':
      return value ? 'with audio' : 'without audio';
    case 'outputFormat':
      return String(value).toUpperCase();
    case 'n':
      return `${String(value)} image${value === 1 ? '' : 's'}`;
    case 'size':
    case 'aspectRatio':
    case 'resolution':
      return String(value);
    default:
      return `${setting} ${String(value)}`;
  }
}

/** "$0.04–$0.07", or one price when the range is a point. */
export function formatRange(r: CostRange): string {
  return r.low === r.high ? formatUsd(r.expected) : `${formatUsd(r.low)}–${formatUsd(r.high)}`;
}

/** The exact amounts, for a title: "expected $0.055305 (55,305 µUSD), from $0.044244 to $0.066366". */
export function exactRange(r: CostRange): string {
  const expected = `expected ${formatMicrosExact(r.expected)}`;
  return r.low === r.high
    ? expected
    : `${expected}, from ${formatUsdExact(r.low)} to ${formatUsdExact(r.high)}`;
}

/** "won't run: quality must be one of …": the refusal as a card says it. */
export function refusalText(m: RefusedModel): string {
  // The planner prefixes the model's name; the card already shows it.
  const name = [m.modelName, m.modelId, m.model].find(
    (n) => n && m.refusal.message.startsWith(`${n}: `),
  );
  return name ? m.refusal.message.slice(name.length + 2) : m.refusal.message;
}
