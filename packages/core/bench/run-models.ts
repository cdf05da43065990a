import { loadCatalog } from '../src/catalog/index.ts';
import type { Provider } from '../src/catalog/schema.ts';
import { planGeneration } from '../src/plan/index.ts';
import {
  configuredProviders,
  generateImages,
  imageModel,
  priceRun,
  type ImageResult,
  type ProviderSettings,
} from '../src/providers/index.ts';

/**
 * What the job engine does for one image batch, minus the database: the plan, then each ready
 * model on its planned route with its planned request, in parallel, priced from what it
 * reported. The benches measure this path.
 */
export interface BenchRun {
  model: string;
  status: 'succeeded' | 'failed';
  elapsedMs: number;
  result?: ImageResult;
  costMicros?: number;
  error?: string;
}

export async function runModels(opts: {
  prompt: string;
  models: { model: string; provider?: Provider }[];
  params: Record<string, unknown>;
  settings: ProviderSettings;
}): Promise<BenchRun[]> {
  const catalog = loadCatalog();
  const keys = await configuredProviders(opts.settings);
  const plan = planGeneration(
    { kind: 'image', prompt: opts.prompt, models: opts.models, params: opts.params },
    { catalog, hasKey: (p) => keys.has(p) },
  );
  return Promise.all(
    plan.models.map(async (m): Promise<BenchRun> => {
      const t0 = performance.now();
      if (m.status === 'refused')
        return { model: m.model, status: 'failed', elapsedMs: 0, error: m.refusal.message };
      try {
        const model = await imageModel({
          model: m.modelId,
          provider: m.route.provider,
          providerModelId: m.route.providerModelId,
          catalog,
          settings: opts.settings,
        });
        const result = await generateImages(model, { ...m.params, prompt: plan.prompt });
        const cost = priceRun({ modelId: m.modelId, ...m.route }, 'image', m.params, result, {
          catalog,
        });
        return {
          model: m.model,
          status: 'succeeded',
          elapsedMs: performance.now() - t0,
          result,
          costMicros: cost.micros,
        };
      } catch (error) {
        return {
          model: m.model,
          status: 'failed',
          elapsedMs: performance.now() - t0,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
