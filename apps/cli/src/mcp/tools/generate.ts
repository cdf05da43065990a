import { isAbsolute, resolve } from 'node:path';
import { AtelierError, type AtelierErrorCode } from '@atelier/core/errors';
import { formatUsd } from '@atelier/core/money';
import { z } from 'zod';
import { execute } from '../../run/execute.ts';
import { jobRunner } from '../../run/jobs.ts';
import { planRun, refusalText, type Plan } from '../../run/plan.ts';
import type { RunReport } from '../../run/report.ts';
import { badInput, guarded, isInputCode } from '../errors.ts';
import { money, Money, moneyRange, MoneyRange, UsdAmount, usdToMicros } from '../money.ts';
import { observedRunner, progressReporter } from '../progress.ts';
import { RunInputShape, runRequest } from '../run-input.ts';
import { result, WarningOut, type ToolContext } from './shared.ts';

/**
 * `generate`: the plan (generate.plan), refused before anything is spent when a model cannot
 * run or the plan's high total is above `maxCostUsd`; then exactly that plan queued as jobs
 * (generate.create, where the studio's budgets apply), followed to the end with progress
 * notifications, and each file saved as `atelier generate` saves it (with its JSON sidecar).
 */

const ModelResult = z.looseObject({
  model: z.string(),
  modelId: z.string(),
  provider: z.string().optional(),
  providerModelId: z.string().optional(),
  status: z.enum(['succeeded', 'failed']),
  files: z.array(
    z.looseObject({
      path: z.string().describe('absolute path of the saved image or clip'),
      sidecar: z.string().describe('its JSON sidecar: prompt, route, settings, cost, latency'),
      mediaType: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      bytes: z.number().int(),
      durationSeconds: z.number().optional(),
    }),
  ),
  estimate: MoneyRange.optional(),
  cost: Money.describe('what the studio charged for this model'),
  latency: z
    .object({
      totalMs: z.number().int(),
      queueMs: z.number().int().optional(),
      generationMs: z.number().int().optional(),
      downloadMs: z.number().int().optional(),
    })
    .optional(),
  generationId: z.string().optional().describe('the studio’s id (search_history finds it)'),
  warnings: z.array(WarningOut),
  error: z
    .looseObject({ code: z.string(), message: z.string(), hint: z.string().optional() })
    .optional(),
});

const GenerateOut = {
  outDir: z.string(),
  studio: z.looseObject({ mode: z.enum(['http', 'in-process']), url: z.string().optional() }),
  estimate: MoneyRange,
  maxCost: Money,
  cost: Money.describe('the run’s total charge'),
  succeeded: z.number().int(),
  failed: z.number().int(),
  models: z.array(ModelResult),
};

/** Plan fields in the tool's names: `n` is settings.count, provider options are `options`. */
function inputField(field: string | undefined, index: number): string {
  if (!field) return `models[${index}]`;
  if (field.startsWith('providerOptions')) return 'options';
  if (field === 'n') return 'settings.count';
  if (field === 'duration') return 'settings.seconds';
  if (field.startsWith('inputs.mask')) return 'mask';
  if (field.startsWith('inputs')) return 'images';
  return `settings.${field}`;
}

function refuseBeforeSpending(plan: Plan): void {
  const refused = plan.models.flatMap((m, i) => (m.refusal ? [{ m, i, r: m.refusal }] : []));
  const [first] = refused;
  if (!first) return;
  const message = refused
    .map(({ m, i, r }) => `models[${i}] ${m.given}: ${refusalText(r)}`)
    .join('\n');
  const hint = [...new Set(refused.flatMap(({ r }) => (r.hint ? [r.hint] : [])))].join(' ');
  if (isInputCode(first.r.code))
    throw badInput(inputField(first.r.field, first.i), message, hint || undefined);
  // A missing key or an unpriced route: not the call's fault, the studio's message and hint.
  throw new AtelierError(
    first.r.code as AtelierErrorCode,
    `Nothing was spent. ${message}`,
    hint ? { hint } : {},
  );
}

export function registerGenerateTool({ server, studio, outDir, log }: ToolContext): void {
  server.registerTool(
    'generate',
    {
      title: 'Generate images or video',
      description:
        'Run one prompt through several models side by side as jobs of the Atelier studio (recorded in its history and spend; its budgets apply). Refuses before spending when a model cannot run or the plan could cost more than maxCostUsd. Saves each image or clip with a JSON sidecar into outDir and returns the file paths, each model’s cost and latency. Sends progress notifications when the call carries a progressToken.',
      inputSchema: {
        ...RunInputShape,
        maxCostUsd: UsdAmount('the most this run may spend'),
        outDir: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe(
            `folder for the files and their JSON sidecars (default ${outDir}); relative to the server's working folder`,
          ),
      },
      outputSchema: z.looseObject(GenerateOut),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (input, extra) =>
      guarded(async () => {
        const request = await runRequest(input);
        const maxCost = usdToMicros(input.maxCostUsd);
        const out = input.outDir
          ? isAbsolute(input.outDir)
            ? input.outDir
            : resolve(input.outDir)
          : outDir;
        const token = extra._meta?.progressToken;
        const report = await studio.session(
          async (session) => {
            const plan = await planRun(session, request);
            refuseBeforeSpending(plan);
            if (plan.total.high > maxCost) {
              throw badInput(
                'maxCostUsd',
                `the plan could cost up to ${formatUsd(plan.total.high)} (expected ${formatUsd(plan.total.expected)}), above maxCostUsd ${formatUsd(maxCost)}; nothing was spent.`,
                `Raise maxCostUsd to at least ${formatUsd(plan.total.high)}, or run fewer models or cheaper settings (plan_generation shows each model's estimate).`,
              );
            }
            log(
              `generate: ${plan.models.map((m) => m.modelId).join(', ')} (expected ${formatUsd(plan.total.expected)}) into ${out}`,
            );
            // Sent in order, and all before the result, so a client sees the run reach its end.
            let sent: Promise<void> = Promise.resolve();
            const onUpdate = progressReporter(
              plan.models.map((m) => m.modelId),
              (note) => {
                if (token === undefined) return;
                sent = sent
                  .then(() =>
                    extra.sendNotification({
                      method: 'notifications/progress',
                      params: { progressToken: token, ...note },
                    }),
                  )
                  .catch(() => undefined);
              },
            );
            const output = await execute({
              plan,
              flags: { json: true, dryRun: false, yes: true, maxCost, confirmAbove: maxCost, out },
              requested: request.settings,
              files: {
                ...(input.images?.length ? { images: input.images } : {}),
                ...(input.mask ? { mask: input.mask } : {}),
              },
              runner: observedRunner(
                jobRunner(session, {
                  request: plan.request,
                  images: request.inputs.images.map((i) => i.data),
                  ...(request.inputs.mask ? { mask: request.inputs.mask.data } : {}),
                }),
                extra.signal,
                onUpdate,
              ),
              studio: { mode: session.mode, ...(session.url ? { url: session.url } : {}) },
            });
            await sent;
            return output.data as RunReport;
          },
          { runJobs: true },
        );
        const structured = generateOut(report, out, maxCost);
        return {
          ...result(generateText(structured), structured),
          ...(structured.failed ? { isError: true } : {}),
        };
      }),
  );
}

function generateOut(report: RunReport, out: string, maxCost: number) {
  return {
    outDir: out,
    studio: report.studio ?? { mode: 'in-process' as const },
    estimate: moneyRange(report.estimate),
    maxCost: money(maxCost),
    cost: money(report.actualCost ?? 0),
    succeeded: report.succeeded ?? 0,
    failed: report.failed ?? 0,
    models: report.models.map((m) => ({
      model: m.model,
      modelId: m.modelId,
      ...(m.provider ? { provider: m.provider, providerModelId: m.providerModelId } : {}),
      status: m.status ?? 'failed',
      files: (m.files ?? []).map((f) => ({
        ...f,
        path: resolve(f.path),
        sidecar: resolve(f.sidecar),
      })),
      ...(m.estimate ? { estimate: moneyRange(m.estimate) } : {}),
      cost: money(m.actualCost ?? 0),
      ...(m.elapsedMs === undefined ? {} : { latency: { totalMs: m.elapsedMs, ...m.latency } }),
      ...(m.generationId ? { generationId: m.generationId } : {}),
      warnings: m.warnings,
      ...(m.error ? { error: m.error } : {}),
    })),
  };
}

function generateText(r: ReturnType<typeof generateOut>): string {
  const lines = r.models.map((m) =>
    m.status === 'succeeded'
      ? `- ${m.modelId}: ${m.files.map((f) => f.path).join(', ')} (${m.cost.usd}, ${((m.latency?.totalMs ?? 0) / 1000).toFixed(1)} s)`
      : `- ${m.modelId}: failed: ${m.error?.message ?? 'unknown error'}${m.error?.hint ? ` ${m.error.hint}` : ''}`,
  );
  return [
    `${r.succeeded} of ${r.models.length} model(s) succeeded; charged ${r.cost.usd} (planned ${r.estimate.expected.usd}, cap ${r.maxCost.usd}).`,
    ...lines,
  ].join('\n');
}
