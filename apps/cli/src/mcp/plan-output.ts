import { z } from 'zod';
import type { Plan, PlannedModel } from '../run/plan.ts';
import { refusalText } from '../run/plan.ts';
import { money, Money, moneyRange, MoneyRange } from './money.ts';
import { SourceOut, WarningOut } from './tools/shared.ts';

/** The studio's plan (`generate.plan`, read by the CLI's plan.ts) as tools return it. */

export const RefusalOut = z.looseObject({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  field: z.string().optional().describe('the request field at fault'),
  allowed: z
    .array(z.union([z.string(), z.number()]))
    .optional()
    .describe('values it takes'),
});

export const EstimateOut = MoneyRange.extend({
  lines: z.array(
    z.looseObject({
      label: z.string(),
      quantity: z.string(),
      unitPrice: z.string(),
      cost: Money,
      source: SourceOut,
    }),
  ),
  assumptions: z.array(z.string()),
});

export const PlannedModelOut = z.looseObject({
  model: z.string().describe('as given'),
  modelId: z.string(),
  modelName: z.string(),
  status: z.enum(['ready', 'refused']),
  route: z.looseObject({ provider: z.string(), providerModelId: z.string() }).optional(),
  params: z
    .record(z.string(), z.unknown())
    .describe('exactly what the model is asked for, every priced setting explicit'),
  defaults: z
    .array(
      z.looseObject({ setting: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }),
    )
    .describe('settings left open that the plan chose'),
  warnings: z.array(WarningOut),
  refusal: RefusalOut.optional(),
  estimate: EstimateOut.optional(),
});

export const PlanOut = {
  kind: z.enum(['image', 'video']),
  prompt: z.string().describe('as sent: flags written in it are read as settings (see notes)'),
  notes: z.array(z.string()),
  models: z.array(PlannedModelOut),
  total: MoneyRange.describe(
    'the models that will run, added up: what the studio reserves (high) and expects',
  ),
};

export function plannedModelOut(m: PlannedModel): z.infer<typeof PlannedModelOut> {
  return {
    model: m.given,
    modelId: m.modelId,
    modelName: m.modelName,
    status: m.refusal ? 'refused' : 'ready',
    ...(m.provider
      ? { route: { provider: m.provider, providerModelId: m.providerModelId ?? '' } }
      : {}),
    params: m.params,
    defaults: m.defaults,
    warnings: m.warnings,
    ...(m.refusal ? { refusal: m.refusal } : {}),
    ...(m.estimate
      ? {
          estimate: {
            ...moneyRange(m.estimate),
            lines: m.estimate.lines.map((l) => ({
              label: l.label,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              cost: money(l.micros),
              source: l.source,
            })),
            assumptions: m.estimate.assumptions,
          },
        }
      : {}),
  };
}

export function planOut(plan: Plan) {
  return {
    kind: plan.kind,
    prompt: plan.prompt,
    notes: plan.notes,
    models: plan.models.map(plannedModelOut),
    total: moneyRange(plan.total),
  };
}

/** One line per model for people: route and expected cost, or why it will not run. */
export function planText(plan: Plan): string {
  const total = moneyRange(plan.total);
  const lines = plan.models.map((m) => {
    const est = m.estimate ? moneyRange(m.estimate) : undefined;
    const range = est ? `${est.expected.usd} (${est.low.usd}–${est.high.usd})` : 'unpriced';
    if (m.refusal) {
      const hint = m.refusal.hint ? ` ${m.refusal.hint}` : '';
      const would = est ? ` (would cost ${range})` : '';
      return `- ${m.given}: refused: ${refusalText(m.refusal)}${hint}${would}`;
    }
    const warn = m.warnings.length ? `; ${m.warnings.map((w) => w.message).join('; ')}` : '';
    return `- ${m.modelId} via ${m.provider ?? '?'} ${m.providerModelId ?? ''}: ${range}${warn}`;
  });
  return [
    `Plan for ${plan.models.length} model(s); the ones that can run: expected ${total.expected.usd} (low ${total.low.usd}, high ${total.high.usd}).`,
    ...plan.notes,
    ...lines,
  ].join('\n');
}
