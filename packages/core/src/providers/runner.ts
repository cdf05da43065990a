import { z } from 'zod';
import { loadCatalog, type Catalog } from '../catalog/index.ts';
import { Provider } from '../catalog/schema.ts';
import { AtelierError, isAtelierError } from '../errors.ts';
import type { CostRange } from '../jobs.ts';
import type { Micros } from '../money.ts';
import { estimate, type RouteRequest } from '../pricing/index.ts';
import { parseInput } from '../validate.ts';
import { generateImages, generateVideo, type PollOptions } from './generate.ts';
import { resolveDuration } from './capabilities.ts';
import { imageModel, videoModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';
import { ImageRequest, VideoRequest, type ImageModel, type ImageRequestInput, type ImageResult, type ProgressEvent, type VideoModel, type VideoRequestInput, type VideoResult, type Warning } from './spec.ts';

/**
 * Side-by-side runs: one prompt through several models at once. Each model resolves its route,
 * is priced before anything is spent (no price, no call), runs concurrently with the others, and
 * reports its own events; one failing never stops the rest.
 */

/**
 * Every event names the model as given and its provider: the pinned one until the route is
 * chosen, then the one called. One run may hold a model twice on different routes.
 */
export type RunEvent<R> =
  | { type: 'queued'; index: number; model: string; provider?: Provider }
  | { type: 'started'; index: number; model: string; modelId: string; provider: Provider; providerModelId: string; estimatedCost: CostRange }
  | { type: 'progress'; index: number; model: string; provider: Provider; progress: ProgressEvent }
  | { type: 'succeeded'; index: number; model: string; provider: Provider; run: ModelRun<R> }
  | { type: 'failed'; index: number; model: string; provider?: Provider; error: AtelierError };

export type { CostRange };

export interface ModelRun<R> {
  /** As given by the caller (id or alias). */
  model: string;
  modelId?: string;
  /** The provider pinned, then the one called once the route is chosen. */
  provider?: Provider;
  providerModelId?: string;
  status: 'succeeded' | 'failed';
  result?: R;
  error?: AtelierError;
  estimatedCost?: CostRange;
  actualCost?: Micros;
  elapsedMs: number;
}

/** One model of a run, optionally pinned to a provider or to one exact route. */
export const RunModel = z
  .object({
    /** Catalog id or alias. */
    model: z.string().trim().min(1),
    provider: Provider.optional(),
    providerModelId: z.string().trim().min(1).optional(),
  })
  .strict();
export type RunModel = z.infer<typeof RunModel>;

const RunBase = {
  prompt: z.string().trim().min(1, 'must not be empty'),
  /** Names, or pinned entries: the same model may appear once per route. */
  models: z.array(z.union([z.string().trim().min(1), RunModel])).min(1, 'name at least one model').max(16),
  /** Pin a route per model named by a plain string (keyed as given in `models`). */
  providers: z.record(z.string(), Provider).default({}),
};
const RunImagesSchema = z.object({ ...RunBase, params: ImageRequest.omit({ prompt: true }).default({ n: 1, referenceImages: [], providerOptions: {} }) }).strict();
const RunVideoSchema = z.object({ ...RunBase, params: VideoRequest.omit({ prompt: true }).default({ providerOptions: {} }) }).strict();

/** Each entry with its pin; the same model and pin twice is a mistake, not a second sample. */
function runModels(models: readonly (string | RunModel)[], providers: Record<string, Provider>): RunModel[] {
  const out = models.map((m): RunModel => (typeof m === 'string' ? { model: m, provider: providers[m] } : m));
  const seen = new Set<string>();
  for (const m of out) {
    const key = [m.model.toLowerCase(), m.provider ?? '', m.providerModelId ?? ''].join('|');
    if (seen.has(key)) {
      const where = m.providerModelId ?? m.provider;
      throw new AtelierError('invalid_input', `Invalid run: models lists ${m.model}${where ? ` on ${where}` : ''} twice.`, {
        hint: 'Name each model once per route; pin a provider to compare two routes of one model.',
        details: { model: m.model, provider: m.provider, providerModelId: m.providerModelId },
      });
    }
    seen.add(key);
  }
  return out;
}

export interface RunOptions<R> {
  signal?: AbortSignal;
  onEvent?: (event: RunEvent<R>) => void;
  catalog?: Catalog;
  settings?: ProviderSettings;
}

export interface RunImagesInput extends RunOptions<ImageResult> {
  prompt: string;
  models: (string | RunModel)[];
  params?: Omit<ImageRequestInput, 'prompt'>;
  providers?: Record<string, Provider>;
}

export interface RunVideoInput extends RunOptions<VideoResult> {
  prompt: string;
  models: (string | RunModel)[];
  params?: Omit<VideoRequestInput, 'prompt'>;
  providers?: Record<string, Provider>;
  poll?: Pick<PollOptions, 'intervalMs' | 'timeoutMs' | 'sleep'>;
}

function asAtelierError(error: unknown): AtelierError {
  if (isAtelierError(error)) return error;
  return new AtelierError('internal', 'The run failed unexpectedly.', { cause: error });
}

/** One model made ready to call: its adapter, what it is sent, and what that is priced as. */
interface Opened<M, Q> {
  model: M;
  request: Q;
  priced: RouteRequest;
  /** Notes the runner adds to the result (a default it chose). */
  warnings: Warning[];
}

async function runAll<R extends { cost: { micros: Micros }; warnings: Warning[] }, M extends ImageModel | VideoModel, Q>(
  models: RunModel[],
  opts: RunOptions<R>,
  open: (pick: RunModel) => Promise<Opened<M, Q>>,
  run: (opened: Opened<M, Q>, onProgress: (p: ProgressEvent) => void) => Promise<R>,
): Promise<ModelRun<R>[]> {
  const emit = (event: RunEvent<R>) => {
    try {
      opts.onEvent?.(event);
    } catch {
      // A listener's failure must not stop a paid generation.
    }
  };
  models.forEach(({ model, provider }, index) => emit({ type: 'queued', index, model, provider }));
  return Promise.all(
    models.map(async (pick, index): Promise<ModelRun<R>> => {
      const started = Date.now();
      const name = pick.model;
      const out: ModelRun<R> = { model: name, provider: pick.provider, status: 'failed', elapsedMs: 0 };
      try {
        const opened = await open(pick);
        const { model, priced, warnings } = opened;
        const provider = model.provider;
        out.modelId = model.modelId;
        out.provider = provider;
        out.providerModelId = model.providerModelId;
        // Priced on exactly the route that will be called, at the settings that will be sent.
        const est = estimate({ ...priced, model: model.modelId, provider, providerModelId: model.providerModelId }, opts.catalog);
        out.estimatedCost = { low: est.low, expected: est.expected, high: est.high };
        emit({ type: 'started', index, model: name, modelId: model.modelId, provider, providerModelId: model.providerModelId, estimatedCost: out.estimatedCost });
        const result = await run(opened, (progress) => emit({ type: 'progress', index, model: name, provider, progress }));
        out.status = 'succeeded';
        out.result = warnings.length ? { ...result, warnings: [...warnings, ...result.warnings] } : result;
        out.actualCost = result.cost.micros;
        out.elapsedMs = Date.now() - started;
        emit({ type: 'succeeded', index, model: name, provider, run: out });
      } catch (error) {
        out.error = asAtelierError(error);
        out.elapsedMs = Date.now() - started;
        emit({ type: 'failed', index, model: name, provider: out.provider, error: out.error });
      }
      return out;
    }),
  );
}

export async function runImages(input: RunImagesInput): Promise<ModelRun<ImageResult>[]> {
  // Shared settings are checked once, so a typo fails the run rather than every model.
  const parsed = parseInput(RunImagesSchema, { prompt: input.prompt, models: input.models, params: input.params, providers: input.providers }, 'run');
  const params = parsed.params;
  const priced: RouteRequest = {
    prompt: parsed.prompt,
    count: params.n,
    quality: params.quality,
    size: params.size,
    resolution: params.resolution,
    aspectRatio: params.aspectRatio,
    inputImages: params.referenceImages.length,
  };
  const request: ImageRequestInput = { ...params, prompt: parsed.prompt };
  const models = runModels(parsed.models, parsed.providers);
  return runAll(
    models,
    input,
    async (pick) => ({
      model: await imageModel({ ...pick, params: priced, catalog: input.catalog, settings: input.settings }),
      request,
      priced,
      warnings: [],
    }),
    ({ model, request }, onProgress) => generateImages(model, request, { signal: input.signal, onProgress }),
  );
}

export async function runVideo(input: RunVideoInput): Promise<ModelRun<VideoResult>[]> {
  const parsed = parseInput(RunVideoSchema, { prompt: input.prompt, models: input.models, params: input.params, providers: input.providers }, 'run');
  const params = parsed.params;
  const catalog = input.catalog ?? loadCatalog();
  // Each model's clip length is settled once, here, and both priced and sent: a default is
  // the model's length nearest 8 s (resolveDuration), with a note saying so.
  const models = runModels(parsed.models, parsed.providers);
  return runAll(
    models,
    input,
    async (pick) => {
      const entry = catalog.resolve(pick.model);
      const { duration, warning } = entry.modality === 'video' ? resolveDuration(entry, params.duration) : { duration: params.duration, warning: undefined };
      const priced: RouteRequest = {
        prompt: parsed.prompt,
        count: 1,
        seconds: duration,
        resolution: params.resolution,
        aspectRatio: params.aspectRatio,
        audio: params.audio,
        inputImages: params.firstFrame ? 1 : undefined,
      };
      const model = await videoModel({ ...pick, params: priced, catalog, settings: input.settings });
      const request: VideoRequestInput = { ...params, duration, prompt: parsed.prompt };
      return { model, request, priced, warnings: warning ? [warning] : [] };
    },
    ({ model, request }, onProgress) => generateVideo(model, request, { ...input.poll, signal: input.signal, onProgress }),
  );
}
