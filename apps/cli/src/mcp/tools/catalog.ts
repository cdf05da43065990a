import { LifecycleStatus, Task } from '@atelier/core/catalog';
import { z } from 'zod';
import { priceText } from '../../format.ts';
import { badInput, guarded } from '../errors.ts';
import { money, Money } from '../money.ts';
import { KindIn, result, SourceOut, type ToolContext } from './shared.ts';

/** `search_models` and `model_card`: the catalog as `catalog.list` and `catalog.get` answer it. */

const ModelRow = z.looseObject({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  kind: KindIn,
  tasks: z.array(z.string()),
  status: z.string().describe('lifecycle status today: active, preview, deprecated or retired'),
  runnable: z.boolean().describe('whether Atelier can run it here (an adapter, a sourced price)'),
  notRunnableReason: z.string().optional(),
  startingPrice: z
    .looseObject({
      price: Money,
      per: z.string(),
      label: z.string(),
      provider: z.string(),
      source: SourceOut,
    })
    .nullable()
    .describe('the cheapest single asset (or second of video) on a serving route; null: unpriced'),
});

export function registerCatalogTools({ server, studio }: ToolContext): void {
  server.registerTool(
    'search_models',
    {
      title: 'Search models',
      description:
        "List the image and video models in Atelier's sourced catalog with starting prices. Filter by kind, vendor, task, lifecycle status, whether Atelier can run them here, and free text over id, name, aliases and description.",
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .describe('free text, e.g. "flux" or "text rendering"'),
        kind: KindIn.optional().describe('image or video'),
        vendor: z.string().trim().min(1).optional().describe('e.g. google, openai, bfl'),
        task: Task.optional(),
        status: z.array(LifecycleStatus).min(1).optional().describe('lifecycle statuses to keep'),
        runnable: z
          .boolean()
          .optional()
          .describe(
            'true: only models Atelier can run here; false: only those it cannot; omitted: both',
          ),
        includeRetired: z.boolean().default(false).describe('also list retired models'),
        limit: z.number().int().min(1).max(200).default(50),
      },
      outputSchema: z.looseObject({ models: z.array(ModelRow), total: z.number().int() }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const listed = await studio.catalog((c) =>
          c.catalog.list.query({
            ...(input.query ? { query: input.query } : {}),
            ...(input.kind ? { modality: input.kind } : {}),
            ...(input.vendor ? { vendor: input.vendor } : {}),
            ...(input.task ? { task: input.task } : {}),
            ...(input.status ? { status: input.status } : {}),
            includeRetired: input.includeRetired,
            runnableOnly: input.runnable === true,
          }),
        );
        const rows = listed
          .filter((m) => input.runnable !== false || !m.runnable)
          .map((m) => ({
            id: m.id,
            name: m.name,
            vendor: m.vendor,
            kind: m.modality,
            tasks: m.tasks,
            status: m.lifecycle.status,
            runnable: m.runnable,
            ...(m.notRunnableReason ? { notRunnableReason: m.notRunnableReason } : {}),
            startingPrice: m.startingPrice
              ? {
                  price: money(m.startingPrice.micros),
                  per: m.startingPrice.per,
                  label: m.startingPrice.label,
                  provider: m.startingPrice.provider,
                  source: m.startingPrice.source,
                }
              : null,
          }));
        const models = rows.slice(0, input.limit);
        const lines = models.map(
          (m) =>
            `${m.id} (${m.name}, ${m.vendor}, ${m.kind}) ${m.startingPrice?.label ?? 'unpriced'}${m.runnable ? '' : ` — can't run here: ${m.notRunnableReason ?? ''}`}`,
        );
        const more =
          rows.length > models.length
            ? `\n…and ${rows.length - models.length} more (raise limit).`
            : '';
        const text = models.length
          ? `${rows.length} model(s):\n${lines.join('\n')}${more}`
          : 'No models match these filters.';
        return result(text, { models, total: rows.length });
      }),
  );

  server.registerTool(
    'model_card',
    {
      title: 'Model card',
      description:
        "One model's full card: specs, lifecycle with dates and replacements, every route with its price and source, scores (0–5) with sources, prompt guidance, and whether Atelier can run it here.",
      inputSchema: {
        model: z
          .string()
          .trim()
          .min(1)
          .describe('a model id or alias, e.g. nano-banana-pro or "GPT Image 2"'),
      },
      outputSchema: z.looseObject({
        model: z
          .looseObject({
            id: z.string(),
            name: z.string(),
            vendor: z.string(),
            modality: KindIn,
            runnable: z.boolean(),
            routes: z.array(
              z.looseObject({
                provider: z.string(),
                providerModelId: z.string(),
                runnable: z.boolean(),
                priceText: z.string().describe('the price for people, with its unit'),
              }),
            ),
          })
          .describe('the catalog entry as the studio lists it (catalog.get)'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const model = await studio
          .catalog((c) => c.catalog.get.query({ id: input.model }))
          .catch((error: unknown) => {
            if ((error as { code?: string }).code === 'unknown_model') {
              const e = error as { message: string; hint?: string };
              throw badInput('model', e.message, e.hint);
            }
            throw error;
          });
        const routes = model.routes.map((r) => ({ ...r, priceText: priceText(r.price) }));
        const text = [
          `${model.name} (${model.id}) by ${model.vendor}: ${model.modality}, ${model.lifecycle.status}. ${model.runnable ? 'Atelier can run it here.' : `Atelier can't run it here: ${model.notRunnableReason ?? ''}`}`,
          ...routes.map(
            (r) =>
              `- ${r.provider} ${r.providerModelId}: ${r.priceText} (source: ${r.price.source.title ?? 'unlisted source'}${r.price.source.url ? ` ${r.price.source.url}` : ''}, as of ${r.price.source.asOf})`,
          ),
        ].join('\n');
        return result(text, { model: { ...model, routes } });
      }),
  );
}
