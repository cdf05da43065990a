import { loadCatalog, type Catalog } from '../catalog/index.ts';
import type {
  ImageModelEntry,
  ModelEntry,
  Provider,
  Route,
  VideoModelEntry,
} from '../catalog/schema.ts';
import { AtelierError, isAtelierError } from '../errors.ts';
import { chooseRoute, type RouteRequest } from '../pricing/index.ts';
import { isRetired, isRouteRetired } from '../catalog/lifecycle.ts';
import { BflImageModel } from './bfl.ts';
import { ByteplusImageModel } from './byteplus.ts';
import { ByteplusVideoModel } from './byteplus-video.ts';
import { DashscopeImageModel } from './dashscope.ts';
import { DashscopeVideoModel } from './dashscope-video.ts';
import { PROVIDER_NAMES } from './errors.ts';
import { FalImageModel, FalVideoModel } from './fal.ts';
import { GeminiImageModel } from './google.ts';
import { findKey, type KeyName } from './keys.ts';
import { OpenAIImageModel } from './openai.ts';
import { RecraftImageModel } from './recraft.ts';
import { ReplicateImageModel } from './replicate.ts';
import { StabilityImageModel } from './stability.ts';
import { today } from './runnable.ts';
import { keySources, type ProviderSettings } from './settings.ts';
import type { ImageModel, VideoModel } from './spec.ts';
import { VertexVideoModel } from './vertex-video.ts';

/** Catalog entry + route → a runnable model. The one place that knows which adapter serves what. */

const IMAGE_ADAPTERS: Partial<
  Record<Provider, (e: ImageModelEntry, r: Route, s: ProviderSettings) => ImageModel>
> = {
  openai: (e, r, s) => new OpenAIImageModel(e, r, s),
  google: (e, r, s) => new GeminiImageModel(e, r, s),
  vertex: (e, r, s) => new GeminiImageModel(e, r, s),
  fal: (e, r, s) => new FalImageModel(e, r, s),
  bfl: (e, r, s) => new BflImageModel(e, r, s),
  byteplus: (e, r, s) => new ByteplusImageModel(e, r, s),
  stability: (e, r, s) => new StabilityImageModel(e, r, s),
  recraft: (e, r, s) => new RecraftImageModel(e, r, s),
  dashscope: (e, r, s) => new DashscopeImageModel(e, r, s),
  replicate: (e, r, s) => new ReplicateImageModel(e, r, s),
};

const VIDEO_ADAPTERS: Partial<
  Record<Provider, (e: VideoModelEntry, r: Route, s: ProviderSettings) => VideoModel>
> = {
  vertex: (e, r, s) => new VertexVideoModel(e, r, s),
  fal: (e, r, s) => new FalVideoModel(e, r, s),
  byteplus: (e, r, s) => new ByteplusVideoModel(e, r, s),
  dashscope: (e, r, s) => new DashscopeVideoModel(e, r, s),
};

/** Whether Atelier has an adapter that calls `provider` for this modality. */
export function hasAdapter(modality: 'image' | 'video', provider: Provider): boolean {
  return (modality === 'image' ? IMAGE_ADAPTERS : VIDEO_ADAPTERS)[provider] !== undefined;
}

/** The key store's name for each provider's credentials. */
export const KEY_NAME_OF: Partial<Record<Provider, KeyName>> = {
  openai: 'openai',
  google: 'google',
  vertex: 'vertex',
  fal: 'fal',
  bfl: 'bfl',
  byteplus: 'byteplus',
  stability: 'stability',
  recraft: 'recraft',
  replicate: 'replicate',
  dashscope: 'dashscope',
};

export interface ModelSelection {
  /** Catalog id or alias. */
  model: string;
  /** Use this provider's routes only. */
  provider?: Provider;
  /** Use exactly this route (as `selectRoute` or an estimate named it). */
  providerModelId?: string;
  /** The request's settings, so the route is chosen (and priced) for them. */
  params?: RouteRequest;
  catalog?: Catalog;
  settings?: ProviderSettings;
}

function retiredError(entry: ModelEntry, route?: Route): AtelierError {
  const when = entry.lifecycle.shutdown ? ` on ${entry.lifecycle.shutdown}` : '';
  const replacements = entry.lifecycle.replacements;
  const api =
    route?.provider === 'openai' && entry.modality === 'video'
      ? ' The OpenAI Videos API (Sora) is shut down.'
      : '';
  return new AtelierError('model_retired', `${entry.name} was retired${when}.${api}`, {
    hint: replacements.length
      ? `Use ${replacements.map((r) => `"${r}"`).join(' or ')} instead.`
      : 'Run `atelier models` to pick a current model.',
    details: { model: entry.id, replacements },
  });
}

/** Whether credentials for a provider are configured (not whether they work). */
export async function hasCredentials(
  provider: Provider,
  settings: ProviderSettings,
): Promise<boolean> {
  const key = KEY_NAME_OF[provider];
  if (provider === 'vertex') {
    const env = settings.env ?? process.env;
    if (settings.vertex?.project || settings.vertex?.apiKey || env['GOOGLE_CLOUD_PROJECT'])
      return true;
  }
  return key !== undefined && (await findKey(key, keySources(settings))) !== undefined;
}

/** The providers Atelier can call whose credentials are configured: the planner's `hasKey`. */
export async function configuredProviders(settings: ProviderSettings = {}): Promise<Set<Provider>> {
  const callable = new Set<Provider>([
    ...Object.keys(IMAGE_ADAPTERS),
    ...Object.keys(VIDEO_ADAPTERS),
  ] as Provider[]);
  const ready = new Set<Provider>();
  for (const p of callable) if (await hasCredentials(p, settings)) ready.add(p);
  return ready;
}

export interface RouteSelection {
  /** Use exactly this route. */
  providerModelId?: string;
  /** The request's settings: the route is the cheapest for them (see `chooseRoute`). */
  params?: RouteRequest;
}

/**
 * Picks the route to call for an entry by pricing's one rule (`chooseRoute`): among the routes
 * Atelier has an adapter for, those with credentials configured first, then the cheapest for
 * the request's settings. `estimate` with the returned route's `providerModelId` prices exactly
 * this route.
 */
export async function selectRoute(
  entry: ModelEntry,
  provider: Provider | undefined,
  settings: ProviderSettings = {},
  opts: RouteSelection = {},
): Promise<Route> {
  const adapters: Partial<Record<Provider, unknown>> =
    entry.modality === 'image' ? IMAGE_ADAPTERS : VIDEO_ADAPTERS;
  const date = today();
  if (isRetired(entry, date)) throw retiredError(entry, entry.routes[0]);
  const live = entry.routes.filter((r) => !isRouteRetired(entry, r, date));
  if (provider) {
    const routes = entry.routes.filter((r) => r.provider === provider);
    if (!routes.length) {
      throw new AtelierError(
        'unsupported',
        `${entry.name} is not offered through ${PROVIDER_NAMES[provider]} in the catalog.`,
        {
          hint: `Available: ${[...new Set(entry.routes.map((r) => r.provider))].join(', ') || 'none'}.`,
          details: { model: entry.id, provider },
        },
      );
    }
    if (routes.every((r) => isRouteRetired(entry, r, date))) throw retiredError(entry, routes[0]);
    if (!adapters[provider]) {
      throw new AtelierError(
        'unsupported',
        `Atelier cannot call ${PROVIDER_NAMES[provider]} for ${entry.modality} yet.`,
        { details: { model: entry.id, provider } },
      );
    }
  }
  const runnable = live.filter(
    (r) => adapters[r.provider] && (!provider || r.provider === provider),
  );
  if (runnable.length === 0) {
    if (live.length === 0 && entry.routes.length) throw retiredError(entry, entry.routes[0]);
    throw new AtelierError('unsupported', `Atelier has no way to call ${entry.name} yet.`, {
      hint: entry.routes.length
        ? `Its routes (${entry.routes.map((r) => r.provider).join(', ')}) have no adapter.`
        : entry.unpricedReason,
      details: { model: entry.id },
    });
  }
  const ready = new Set<Provider>();
  for (const p of new Set(runnable.map((r) => r.provider)))
    if (await hasCredentials(p, settings)) ready.add(p);
  // Only routes with an adapter are candidates; the runner's own estimate then explains a
  // missing price, and the adapter a missing key.
  const only = { ...entry, routes: runnable } as ModelEntry;
  const choose = (params: RouteRequest) =>
    chooseRoute(only, params, {
      provider,
      providerModelId: opts.providerModelId,
      callable: (r) => ready.has(r.provider),
    }).route;
  try {
    return choose(opts.params ?? {});
  } catch (error) {
    // Settings that cannot be priced (a tier the model lacks) leave the ranking to the defaults;
    // the estimate refuses them with the reason.
    if (isAtelierError(error) && error.code === 'invalid_input' && opts.params) return choose({});
    throw error;
  }
}

export async function imageModel(sel: ModelSelection): Promise<ImageModel> {
  const entry = (sel.catalog ?? loadCatalog()).resolve(sel.model);
  if (entry.modality !== 'image') {
    throw new AtelierError('invalid_request', `${entry.name} makes video, not images.`, {
      hint: 'Use a video command for it.',
      details: { model: entry.id },
    });
  }
  const route = await selectRoute(entry, sel.provider, sel.settings, {
    providerModelId: sel.providerModelId,
    params: sel.params,
  });
  const make = IMAGE_ADAPTERS[route.provider];
  if (!make)
    throw new AtelierError(
      'unsupported',
      `Atelier cannot call ${PROVIDER_NAMES[route.provider]} for images yet.`,
    );
  return make(entry, route, sel.settings ?? {});
}

export async function videoModel(sel: ModelSelection): Promise<VideoModel> {
  const entry = (sel.catalog ?? loadCatalog()).resolve(sel.model);
  if (entry.modality !== 'video') {
    throw new AtelierError('invalid_request', `${entry.name} makes images, not video.`, {
      hint: 'Use an image command for it.',
      details: { model: entry.id },
    });
  }
  const route = await selectRoute(entry, sel.provider, sel.settings, {
    providerModelId: sel.providerModelId,
    params: sel.params,
  });
  const make = VIDEO_ADAPTERS[route.provider];
  if (!make)
    throw new AtelierError(
      'unsupported',
      `Atelier cannot call ${PROVIDER_NAMES[route.provider]} for video yet.`,
    );
  return make(entry, route, sel.settings ?? {});
}

/** Rebuilds the model a stored operation belongs to, so polling can resume in another process. */
export async function videoModelFor(
  operation: { modelId: string; provider: Provider; providerModelId: string },
  opts: { catalog?: Catalog; settings?: ProviderSettings } = {},
): Promise<VideoModel> {
  const entry = (opts.catalog ?? loadCatalog()).resolve(operation.modelId);
  if (entry.modality !== 'video')
    throw new AtelierError('invalid_request', `${entry.name} is not a video model.`);
  // The exact route it started on: a provider may serve the model through several.
  const route = entry.routes.find(
    (r) => r.provider === operation.provider && r.providerModelId === operation.providerModelId,
  );
  const make = VIDEO_ADAPTERS[operation.provider];
  if (!route || !make)
    throw new AtelierError(
      'unsupported',
      `No ${PROVIDER_NAMES[operation.provider]} route ${operation.providerModelId} for ${entry.name}.`,
    );
  return make(entry, route, opts.settings ?? {});
}
