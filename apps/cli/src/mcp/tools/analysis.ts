import { AspectRatio, Criterion, SizeString } from '@atelier/core/catalog';
import { UseCase } from '@atelier/core/compare';
import { MustHave } from '@atelier/core/recommend';
import { z } from 'zod';
import { guarded, resolveModel, resolveModels } from '../errors.ts';
import { moneyRange, MoneyRange, UsdAmount, usdToMicros } from '../money.ts';
import { KindIn, result, type ToolContext } from './shared.ts';

/** `compare_models`, `recommend_models` and `lint_prompt`: compare.run, recommend.run, prompt.analyze. */

export function registerAnalysisTools({ server, studio }: ToolContext): void {
  server.registerTool(
    'compare_models',
    {
      title: 'Compare models',
      description:
        'Compare 2–4 models: a criterion table (0–5 scores with sources and the winner of each row), features, "if you need… choose… because…", and a verdict naming the model to test first; a use case weighs the criteria.',
      inputSchema: {
        models: z
          .array(z.string().trim().min(1))
          .min(2, 'compare needs at least 2 models')
          .max(4, 'compare takes at most 4 models')
          .describe('2–4 model ids or aliases'),
        useCase: UseCase.optional().describe('weigh the criteria for one job'),
      },
      outputSchema: z.looseObject({
        models: z.array(z.looseObject({ id: z.string(), name: z.string() })),
        criteria: z.array(
          z.looseObject({
            criterion: z.string(),
            label: z.string(),
            winner: z.string().nullable().describe('a model id, "tie", or null'),
          }),
        ),
        features: z.array(z.looseObject({})),
        overall: z.record(z.string(), z.unknown()),
        lens: z.looseObject({ id: z.string(), winner: z.string(), because: z.string() }).optional(),
        verdict: z.looseObject({
          firstPick: z.string(),
          lead: z.string(),
          points: z.array(z.string()),
          next: z.string(),
          summary: z.string(),
          text: z.string(),
        }),
        chooseIf: z.array(
          z.looseObject({ need: z.string(), choose: z.array(z.string()), because: z.string() }),
        ),
        warnings: z.array(z.string()),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const ids = resolveModels('models', input.models);
        const comparison = await studio.catalog((c) =>
          c.compare.run.query({ ids, ...(input.useCase ? { useCase: input.useCase } : {}) }),
        );
        const text = [
          comparison.verdict.text,
          ...comparison.chooseIf.map(
            (r) => `If you need ${r.need.toLowerCase()}: ${r.choose.join(' or ')} (${r.because})`,
          ),
        ].join('\n');
        return result(text, { ...comparison });
      }),
  );

  server.registerTool(
    'recommend_models',
    {
      title: 'Recommend models',
      description:
        'Rank the catalog for a job: a use case, must-have features, a budget per asset or per month, priorities. Each ranked model comes with its score breakdown, reasons and price; each excluded one with why.',
      inputSchema: {
        useCase: UseCase.optional(),
        kind: KindIn.optional().describe(
          'image or video (default: from the use case or must-haves)',
        ),
        mustHaves: z.array(MustHave).default([]).describe('features the job needs'),
        budgetPerAssetUsd: UsdAmount('the most to spend per image or clip').optional(),
        budgetPerMonthUsd: UsdAmount('the most to spend a month').optional(),
        volumePerMonth: z
          .number()
          .int()
          .positive()
          .max(10_000_000)
          .optional()
          .describe('assets a month (needed with budgetPerMonthUsd)'),
        priorities: z.array(Criterion).default([]).describe('criteria to weigh up'),
        settings: z
          .object({
            quality: z.string().trim().min(1).optional(),
            resolution: z.string().trim().min(1).optional(),
            size: SizeString.optional(),
            aspectRatio: AspectRatio.optional(),
            seconds: z.number().positive().max(3600).optional(),
            audio: z.boolean().optional(),
          })
          .strict()
          .optional()
          .describe('settings to price at; a model that cannot run them is excluded'),
        includeUnrunnable: z
          .boolean()
          .default(false)
          .describe("also rank models Atelier can't run here"),
        includeRetired: z.boolean().default(false),
        limit: z.number().int().min(1).max(100).default(10),
      },
      outputSchema: z.looseObject({
        ranked: z.array(
          z.looseObject({
            model: z.string(),
            name: z.string(),
            score: z.number(),
            reasons: z.array(z.string()),
            runnable: z.boolean(),
            price: MoneyRange.optional().describe('one asset at the priced settings'),
          }),
        ),
        excluded: z.array(
          z.looseObject({ model: z.string(), name: z.string(), reasons: z.array(z.string()) }),
        ),
        weights: z.record(z.string(), z.number()),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const rec = await studio.catalog((c) =>
          c.recommend.run.query({
            ...(input.useCase ? { useCase: input.useCase } : {}),
            ...(input.kind ? { modality: input.kind } : {}),
            mustHaves: input.mustHaves,
            ...(input.budgetPerAssetUsd === undefined
              ? {}
              : { budgetPerAsset: usdToMicros(input.budgetPerAssetUsd) }),
            ...(input.budgetPerMonthUsd === undefined
              ? {}
              : { budgetPerMonth: usdToMicros(input.budgetPerMonthUsd) }),
            ...(input.volumePerMonth === undefined ? {} : { volumePerMonth: input.volumePerMonth }),
            priorities: input.priorities,
            includeRetired: input.includeRetired,
            includeUnrunnable: input.includeUnrunnable,
            ...(input.settings ? { settings: input.settings } : {}),
          }),
        );
        const ranked = rec.ranked.slice(0, input.limit).map((r) => ({
          ...r,
          ...(r.estimate ? { price: moneyRange(r.estimate.perAsset) } : {}),
        }));
        const text = ranked.length
          ? ranked
              .map(
                (r, i) =>
                  `${i + 1}. ${r.model} (${r.name}) score ${r.score.toFixed(2)}${r.price ? `, ${r.price.expected.usd} per ${r.estimate?.per ?? 'asset'}` : ''}: ${r.reasons.join('; ')}`,
              )
              .join('\n')
          : `No model fits. ${rec.excluded.length} excluded (see excluded for why).`;
        return result(text, { ranked, excluded: rec.excluded, weights: rec.weights });
      }),
  );

  server.registerTool(
    'lint_prompt',
    {
      title: 'Lint a prompt',
      description:
        "Check a prompt against a model's prompt guidance: word count against its limit, missing structure parts, quoted text (and the models strongest at rendering it), Midjourney-style flags such as --ar mapped to the model's nearest supported size or ratio.",
      inputSchema: {
        prompt: z.string().trim().min(1).max(20_000),
        model: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe('check against this model’s template and word limit'),
      },
      outputSchema: z.looseObject({
        model: z.string().optional(),
        words: z.number().int(),
        maxWords: z.number().int().optional(),
        overLimit: z.boolean(),
        missing: z.array(z.string()),
        quotedText: z.array(z.string()),
        textRenderingSuggestions: z.array(z.string()),
        cleanedPrompt: z.string(),
        sizeMapping: z.array(z.looseObject({})),
        hints: z.array(z.string()),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const model = input.model === undefined ? undefined : resolveModel('model', input.model);
        const a = await studio.catalog((c) =>
          c.prompt.analyze.query({ text: input.prompt, ...(model ? { model } : {}) }),
        );
        const text = [
          `${a.words} words${a.maxWords ? ` (limit ${a.maxWords})` : ''}${a.overLimit ? ', over the limit' : ''}.`,
          a.missing.length ? `Missing: ${a.missing.join(', ')}.` : 'Structure complete.',
          ...a.hints,
        ].join('\n');
        return result(text, { ...a });
      }),
  );
}
