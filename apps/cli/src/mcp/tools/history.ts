import { GenerationStatus } from '@atelier/core/job-schemas';
import { z } from 'zod';
import { parseWhen } from '../../when.ts';
import { badInput, guarded, resolveModels } from '../errors.ts';
import { money, Money } from '../money.ts';
import { result, type ToolContext } from './shared.ts';

/** `search_history`: the studio's generations (history.search / history.list), newest first. */

const Item = z.looseObject({
  id: z.string(),
  batchId: z.string().nullable(),
  prompt: z.string(),
  modelId: z.string(),
  provider: z.string(),
  providerModelId: z.string(),
  status: z.string(),
  queuedAt: z.string(),
  finishedAt: z.string().nullable(),
  estimatedCost: Money,
  cost: Money.nullable().describe('what the studio charged; null while it runs'),
  kept: z.boolean(),
  error: z.looseObject({ code: z.string(), message: z.string() }).nullable(),
  assets: z.array(
    z.looseObject({
      sha256: z.string(),
      url: z.string().describe("the studio's /assets/<sha256>"),
      mediaType: z.string(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  ),
});

export function registerHistoryTool({ server, studio }: ToolContext): void {
  server.registerTool(
    'search_history',
    {
      title: 'Search history',
      description:
        'The studio\'s past generations (from the CLI, the web app, the editor or agents), newest first: full-text search of the prompts in web-search syntax (red fox -cartoon "oil painting"), by model, status, date and kept.',
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1)
          .max(1000)
          .optional()
          .describe('words of the prompt: red fox -cartoon "oil painting"'),
        models: z
          .array(z.string().trim().min(1))
          .min(1)
          .max(50)
          .optional()
          .describe('only these models (ids or aliases)'),
        status: z.array(GenerationStatus).min(1).optional(),
        since: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe('a day (2026-11-01), a date-time, or a span ago (90m, 24h, 7d, 2w)'),
        kept: z.boolean().optional().describe('only generations marked kept'),
        limit: z.number().int().min(1).max(200).default(20),
      },
      outputSchema: z.looseObject({ items: z.array(Item), more: z.boolean() }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(async () => {
        const models = input.models ? resolveModels('models', input.models) : undefined;
        let from: string | undefined;
        if (input.since) {
          try {
            from = parseWhen(input.since, 'since').at.toISOString();
          } catch (error) {
            throw badInput('since', error instanceof Error ? error.message : String(error));
          }
        }
        const filters = {
          limit: input.limit,
          ...(models ? { models } : {}),
          ...(input.status ? { status: input.status } : {}),
          ...(input.kept ? { kept: true } : {}),
          ...(from ? { from } : {}),
        };
        const page = await studio.session(({ client }) =>
          input.query
            ? client.history.search.query({ ...filters, query: input.query })
            : client.history.list.query(filters),
        );
        const items = page.items.map((g) => ({
          id: g.id,
          batchId: g.batchId,
          prompt: g.prompt,
          modelId: g.modelId,
          provider: g.routeProvider,
          providerModelId: g.providerModelId,
          status: g.status,
          queuedAt: new Date(g.queuedAt).toISOString(),
          finishedAt: g.finishedAt ? new Date(g.finishedAt).toISOString() : null,
          estimatedCost: money(g.estimatedCostMicros),
          cost: g.actualCostMicros === null ? null : money(g.actualCostMicros),
          kept: g.kept,
          error: g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null,
          assets: g.assets.map((a) => ({
            sha256: a.sha256,
            url: a.url,
            mediaType: a.mediaType,
            width: a.width,
            height: a.height,
          })),
        }));
        const text = items.length
          ? items
              .map(
                (i) =>
                  `${i.id} ${i.queuedAt.slice(0, 16)} ${i.modelId} ${i.status} ${i.cost?.usd ?? '-'}: ${i.prompt.slice(0, 80)}`,
              )
              .join('\n')
          : 'No generations match.';
        return result(text, { items, more: page.nextCursor !== null });
      }),
  );
}
