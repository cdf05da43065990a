import type { Catalog, ModelEntry, Provider, Route } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import type { Micros } from '@atelier/core/money';
import type { EstimateRequest } from '@atelier/core/pricing';
import {
  checkImageRequest,
  checkVideoRequest,
  selectRoute,
  type CostRange,
  type ImageRequest,
  type ProviderOptions,
  type VideoRequest,
  type Warning,
} from '@atelier/core/providers';
import type { Credentials } from './credentials.ts';
import { resolveOptions, type Kind, type OptionPair } from './options.ts';
import type { ModelPick } from './picks.ts';

/*
 * Everything decided before a provider is called: each model's route, that a key is there for
 * it, that the settings suit it, and what it will cost. Any problem here is the command line's
 * (exit 2) and nothing has been spent.
 */

export interface PlannedModel {
  /** As typed after -m. */
  given: string;
  /** The id or alias handed to the runner. */
  name: string;
  modelId: string;
  modelName: string;
  provider: Provider;
  providerModelId: string;
  estimate: CostRange;
  /** What the model cannot honour as asked, known before the call. */
  warnings: Warning[];
  /** Warnings the adapter cannot know about (options only other providers take). */
  cliWarnings: Warning[];
  /** This model's namespace of providerOptions, as sent. */
  providerOptions: Record<string, unknown>;
}

export interface Plan {
  kind: Kind;
  models: PlannedModel[];
  total: CostRange;
  providerOptions: ProviderOptions;
  /** Route pins for the runner, so it calls the routes priced here. */
  providers: Record<string, Provider>;
}

function sum(ranges: readonly CostRange[]): CostRange {
  const add = (k: keyof CostRange) => ranges.reduce<Micros>((s, r) => s + r[k], 0);
  return { low: add('low'), expected: add('expected'), high: add('high') };
}

/** Fails with the missing-key message unless the route's credentials are configured. */
async function checkCredentials(
  entry: ModelEntry,
  route: Route,
  pick: ModelPick,
  credentials: Credentials,
): Promise<void> {
  const error = await credentials.missing(route.provider);
  if (!error) return;
  const others = entry.routes
    .filter((r) => r.provider !== route.provider && r.status !== 'retired')
    .map((r) => `-m ${entry.id}@${r.provider}`);
  const alternatives = others.length ? ` Or pick another route: ${others.join(', ')}.` : '';
  throw new AtelierError('auth', `${pick.given}: ${error.message}`, {
    hint: `${error.hint ?? ''}${alternatives}`.trim(),
    details: { ...error.details, model: entry.id },
  });
}

/**
 * Each pick's catalog entry, checked to make `kind`: an unknown model or one of the other
 * modality is the command line's mistake, found before anything else is opened or asked.
 */
export function resolvePicks(
  kind: Kind,
  picks: readonly ModelPick[],
  catalog: Catalog,
): ModelEntry[] {
  return picks.map((pick) => {
    const entry = catalog.resolve(pick.name);
    if (entry.modality !== kind) {
      const other = kind === 'image' ? 'video' : 'images';
      throw new AtelierError(
        'invalid_input',
        `${entry.name} makes ${other}, not ${kind === 'image' ? 'images' : 'video'}.`,
        {
          hint: `Use \`atelier ${kind === 'image' ? 'video' : 'generate'}\` for it.`,
          details: { model: entry.id },
        },
      );
    }
    return entry;
  });
}

interface Routed {
  pick: ModelPick;
  entry: ModelEntry;
  route: Route;
  /** A missing key, when planning only (a dry run shows it rather than stopping). */
  keyWarnings: Warning[];
}

async function routeModels(
  kind: Kind,
  picks: readonly ModelPick[],
  catalog: Catalog,
  credentials: Credentials,
  keysRequired: boolean,
): Promise<Routed[]> {
  const routed: Routed[] = [];
  const entries = resolvePicks(kind, picks, catalog);
  for (const [i, pick] of picks.entries()) {
    const entry = entries[i] as ModelEntry;
    const route = await selectRoute(entry, pick.provider, credentials.settings);
    const keyWarnings: Warning[] = [];
    try {
      await checkCredentials(entry, route, pick, credentials);
    } catch (error) {
      if (keysRequired || !(error instanceof AtelierError) || error.code !== 'auth') throw error;
      keyWarnings.push({
        type: 'other',
        setting: 'key',
        message: `${error.message} ${error.hint ?? ''}`.trim(),
      });
    }
    routed.push({ pick, entry, route, keyWarnings });
  }
  return routed;
}

function planned(
  { pick, entry, route, keyWarnings }: Routed,
  est: CostRange,
  warnings: Warning[],
  cliWarnings: Warning[],
  options: Record<string, unknown>,
): PlannedModel {
  return {
    given: pick.given,
    name: pick.name,
    modelId: entry.id,
    modelName: entry.name,
    provider: route.provider,
    providerModelId: route.providerModelId,
    estimate: est,
    warnings: [...keyWarnings, ...warnings, ...cliWarnings],
    cliWarnings,
    providerOptions: options,
  };
}

/** Prices one model's request on its route (the runner that will run it decides how). */
export type Pricer = (
  req: Omit<EstimateRequest, 'model' | 'provider'>,
  entry: ModelEntry,
  route: Route,
) => Promise<CostRange>;

function finish(
  kind: Kind,
  routed: Routed[],
  models: PlannedModel[],
  options: ProviderOptions,
): Plan {
  return {
    kind,
    models,
    total: sum(models.map((m) => m.estimate)),
    providerOptions: options,
    providers: Object.fromEntries(routed.map((r) => [r.pick.name, r.route.provider])),
  };
}

export interface PlanInput<R> {
  prompt: string;
  picks: readonly ModelPick[];
  /** Validated, with the prompt. */
  request: R;
  options: readonly OptionPair[];
  catalog: Catalog;
  credentials: Credentials;
  price: Pricer;
  /** False for a dry run: a missing key becomes a warning in the plan. */
  keysRequired: boolean;
}

export async function planImages(input: PlanInput<ImageRequest>): Promise<Plan> {
  const { request: req, catalog } = input;
  const routed = await routeModels(
    'image',
    input.picks,
    catalog,
    input.credentials,
    input.keysRequired,
  );
  const resolved = resolveOptions(
    input.options,
    routed.map((r) => ({ label: r.entry.id, entry: r.entry, route: r.route })),
  );
  const models = await Promise.all(
    routed.map(async (r, i) => {
      if (r.entry.modality !== 'image') throw new Error('unreachable: modality checked');
      // The runner splits n across calls a model caps, so each call is checked at its own size.
      const perCall = { ...req, n: Math.min(req.n, r.entry.image.maxImagesPerCall) };
      const check = checkImageRequest(r.entry, perCall);
      const inputImages = req.referenceImages.length;
      const est = await input.price(
        {
          prompt: input.prompt,
          count: req.n,
          quality: req.quality,
          size: req.size,
          resolution: req.resolution,
          aspectRatio: req.aspectRatio,
          ...(inputImages ? { inputImages } : {}),
        },
        r.entry,
        r.route,
      );
      return planned(
        r,
        est,
        check.warnings,
        resolved.warnings[i] ?? [],
        resolved.perModel[i] ?? {},
      );
    }),
  );
  return finish('image', routed, models, resolved.providerOptions);
}

export async function planVideo(input: PlanInput<VideoRequest>): Promise<Plan> {
  const { request: req, catalog } = input;
  const routed = await routeModels(
    'video',
    input.picks,
    catalog,
    input.credentials,
    input.keysRequired,
  );
  const resolved = resolveOptions(
    input.options,
    routed.map((r) => ({ label: r.entry.id, entry: r.entry, route: r.route })),
  );
  const models = await Promise.all(
    routed.map(async (r, i) => {
      if (r.entry.modality !== 'video') throw new Error('unreachable: modality checked');
      // Priced at the settings the adapter will send, defaults included.
      const check = checkVideoRequest(r.entry, req);
      const est = await input.price(
        {
          prompt: input.prompt,
          count: 1,
          seconds: check.duration,
          resolution: check.resolution,
          aspectRatio: check.aspectRatio,
          audio: check.audio,
          ...(req.firstFrame ? { inputImages: 1 } : {}),
        },
        r.entry,
        r.route,
      );
      return planned(
        r,
        est,
        check.warnings,
        resolved.warnings[i] ?? [],
        resolved.perModel[i] ?? {},
      );
    }),
  );
  return finish('video', routed, models, resolved.providerOptions);
}
