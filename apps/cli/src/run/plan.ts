import { Catalog, type ModelEntry, type Provider, type Route } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import type { Micros } from '@atelier/core/money';
import { estimate, type EstimateRequest } from '@atelier/core/pricing';
import {
  checkImageRequest,
  checkVideoRequest,
  findKey,
  KeyName,
  missingKeyError,
  resolveVertex,
  selectRoute,
  type CostRange,
  type ImageRequest,
  type ProviderOptions,
  type ProviderSettings,
  type VideoRequest,
  type Warning,
} from '@atelier/core/providers';
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
  settings: ProviderSettings,
): Promise<void> {
  const name = KeyName.safeParse(route.provider);
  if (!name.success) return;
  const sources = { env: settings.env };
  try {
    if (name.data === 'vertex') await resolveVertex({}, sources);
    else if (!(await findKey(name.data, sources))) throw missingKeyError(name.data);
  } catch (error) {
    if (!(error instanceof AtelierError) || error.code !== 'auth') throw error;
    const others = entry.routes
      .filter((r) => r.provider !== route.provider && r.status !== 'retired')
      .map((r) => `-m ${entry.id}@${r.provider}`);
    const alternatives = others.length ? ` Or pick another route: ${others.join(', ')}.` : '';
    throw new AtelierError('auth', `${pick.given}: ${error.message}`, {
      hint: `${error.hint ?? ''}${alternatives}`.trim(),
      details: { ...error.details, model: entry.id },
    });
  }
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
  settings: ProviderSettings,
  keysRequired: boolean,
): Promise<Routed[]> {
  const routed: Routed[] = [];
  for (const pick of picks) {
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
    const route = await selectRoute(entry, pick.provider, settings);
    const keyWarnings: Warning[] = [];
    try {
      await checkCredentials(entry, route, pick, settings);
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
  options: ProviderOptions,
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
    providerOptions: options[route.provider] ?? {},
  };
}

/**
 * The estimate for the route that will be called. `estimate` picks the cheapest route of a
 * provider, and a provider may serve a model through several (Kling Standard and Pro on fal), so
 * it is shown only the chosen one.
 */
function priced(
  req: Omit<EstimateRequest, 'model' | 'provider'>,
  { entry, route }: Routed,
): CostRange {
  const only = new Catalog([{ ...entry, routes: [route] }]);
  const e = estimate({ ...req, model: entry.id, provider: route.provider }, only);
  return { low: e.low, expected: e.expected, high: e.high };
}

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

export async function planImages(input: {
  prompt: string;
  picks: readonly ModelPick[];
  /** Validated, with the prompt. */
  request: ImageRequest;
  options: readonly OptionPair[];
  catalog: Catalog;
  settings: ProviderSettings;
  /** False for a dry run: a missing key becomes a warning in the plan. */
  keysRequired: boolean;
}): Promise<Plan> {
  const { request: req, catalog } = input;
  const routed = await routeModels(
    'image',
    input.picks,
    catalog,
    input.settings,
    input.keysRequired,
  );
  const resolved = resolveOptions(
    'image',
    input.options,
    routed.map((r) => ({ label: r.entry.id, provider: r.route.provider })),
  );
  const models = routed.map((r, i) => {
    if (r.entry.modality !== 'image') throw new Error('unreachable: modality checked');
    // The runner splits n across calls a model caps, so each call is checked at its own size.
    const perCall = { ...req, n: Math.min(req.n, r.entry.image.maxImagesPerCall) };
    const check = checkImageRequest(r.entry, perCall);
    const est = priced(
      {
        prompt: input.prompt,
        count: req.n,
        quality: req.quality,
        size: req.size,
        resolution: req.resolution,
        aspectRatio: req.aspectRatio,
        inputImages: req.referenceImages.length,
      },
      r,
    );
    return planned(r, est, check.warnings, resolved.warnings[i] ?? [], resolved.providerOptions);
  });
  return finish('image', routed, models, resolved.providerOptions);
}

export async function planVideo(input: {
  prompt: string;
  picks: readonly ModelPick[];
  request: VideoRequest;
  options: readonly OptionPair[];
  catalog: Catalog;
  settings: ProviderSettings;
  /** False for a dry run: a missing key becomes a warning in the plan. */
  keysRequired: boolean;
}): Promise<Plan> {
  const { request: req, catalog } = input;
  const routed = await routeModels(
    'video',
    input.picks,
    catalog,
    input.settings,
    input.keysRequired,
  );
  const resolved = resolveOptions(
    'video',
    input.options,
    routed.map((r) => ({ label: r.entry.id, provider: r.route.provider })),
  );
  const models = routed.map((r, i) => {
    if (r.entry.modality !== 'video') throw new Error('unreachable: modality checked');
    // Priced at the settings the adapter will send, defaults included.
    const check = checkVideoRequest(r.entry, req);
    const est = priced(
      {
        prompt: input.prompt,
        count: 1,
        seconds: check.duration,
        resolution: check.resolution,
        aspectRatio: check.aspectRatio,
        audio: check.audio,
        inputImages: req.firstFrame ? 1 : undefined,
      },
      r,
    );
    return planned(r, est, check.warnings, resolved.warnings[i] ?? [], resolved.providerOptions);
  });
  return finish('video', routed, models, resolved.providerOptions);
}
