import { loadCatalog, type Catalog } from '../catalog/index.ts';
import type { ImageModelEntry, ModelEntry, Provider, Route, VideoModelEntry } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { BflImageModel } from './bfl.ts';
import { PROVIDER_NAMES } from './errors.ts';
import { FalImageModel, FalVideoModel } from './fal.ts';
import { GeminiImageModel } from './google.ts';
import { findKey, type KeyName } from './keys.ts';
import { OpenAIImageModel } from './openai.ts';
import { keySources, type ProviderSettings } from './settings.ts';
import type { ImageModel, VideoModel } from './spec.ts';
import { VertexVideoModel } from './vertex-video.ts';

/** Catalog entry + route → a runnable model. The one place that knows which adapter serves what. */

const IMAGE_ADAPTERS: Partial<Record<Provider, (e: ImageModelEntry, r: Route, s: ProviderSettings) => ImageModel>> = {
  openai: (e, r, s) => new OpenAIImageModel(e, r, s),
  google: (e, r, s) => new GeminiImageModel(e, r, s),
  vertex: (e, r, s) => new GeminiImageModel(e, r, s),
  fal: (e, r, s) => new FalImageModel(e, r, s),
  bfl: (e, r, s) => new BflImageModel(e, r, s),
};

const VIDEO_ADAPTERS: Partial<Record<Provider, (e: VideoModelEntry, r: Route, s: ProviderSettings) => VideoModel>> = {
  vertex: (e, r, s) => new VertexVideoModel(e, r, s),
  fal: (e, r, s) => new FalVideoModel(e, r, s),
};

const KEY_OF: Partial<Record<Provider, KeyName>> = { openai: 'openai', google: 'google', vertex: 'vertex', fal: 'fal', bfl: 'bfl' };

export interface ModelSelection {
  /** Catalog id or alias. */
  model: string;
  /** Use this provider's route; otherwise the first usable route with credentials configured. */
  provider?: Provider;
  catalog?: Catalog;
  settings?: ProviderSettings;
}

function retiredError(entry: ModelEntry, route?: Route): AtelierError {
  const when = entry.lifecycle.shutdown ? ` on ${entry.lifecycle.shutdown}` : '';
  const replacements = entry.lifecycle.replacements;
  const api = route?.provider === 'openai' && entry.modality === 'video' ? ' The OpenAI Videos API (Sora) is shut down.' : '';
  return new AtelierError('model_retired', `${entry.name} was retired${when}.${api}`, {
    hint: replacements.length ? `Use ${replacements.map((r) => `"${r}"`).join(' or ')} instead.` : 'Run `atelier models` to pick a current model.',
    details: { model: entry.id, replacements },
  });
}

/** Picks the route to call for an entry, in catalog order. */
export async function selectRoute(entry: ModelEntry, provider: Provider | undefined, settings: ProviderSettings = {}): Promise<Route> {
  const adapters: Partial<Record<Provider, unknown>> = entry.modality === 'image' ? IMAGE_ADAPTERS : VIDEO_ADAPTERS;
  if (entry.lifecycle.status === 'retired') throw retiredError(entry, entry.routes[0]);
  const live = entry.routes.filter((r) => r.status !== 'retired');
  if (provider) {
    const route = entry.routes.find((r) => r.provider === provider);
    if (!route) {
      throw new AtelierError('unsupported', `${entry.name} is not offered through ${PROVIDER_NAMES[provider]} in the catalog.`, {
        hint: `Available: ${entry.routes.map((r) => r.provider).join(', ') || 'none'}.`,
        details: { model: entry.id, provider },
      });
    }
    if (route.status === 'retired') throw retiredError(entry, route);
    if (!adapters[provider]) {
      throw new AtelierError('unsupported', `Atelier cannot call ${PROVIDER_NAMES[provider]} for ${entry.modality} yet.`, { details: { model: entry.id, provider } });
    }
    return route;
  }
  const runnable = live.filter((r) => adapters[r.provider]);
  if (runnable.length === 0) {
    if (live.length === 0 && entry.routes.length) throw retiredError(entry, entry.routes[0]);
    throw new AtelierError('unsupported', `Atelier has no way to call ${entry.name} yet.`, {
      hint: entry.routes.length ? `Its routes (${entry.routes.map((r) => r.provider).join(', ')}) have no adapter.` : entry.unpricedReason,
      details: { model: entry.id },
    });
  }
  for (const route of runnable) {
    const key = KEY_OF[route.provider];
    if (route.provider === 'vertex') {
      const env = settings.env ?? process.env;
      if (settings.vertex?.project || settings.vertex?.apiKey || env['GOOGLE_CLOUD_PROJECT'] || (key && (await findKey(key, keySources(settings))))) return route;
    } else if (key && (await findKey(key, keySources(settings)))) {
      return route;
    }
  }
  // Nothing configured: the first route's adapter will explain which key to add.
  return runnable[0] as Route;
}

export async function imageModel(sel: ModelSelection): Promise<ImageModel> {
  const entry = (sel.catalog ?? loadCatalog()).resolve(sel.model);
  if (entry.modality !== 'image') {
    throw new AtelierError('invalid_request', `${entry.name} makes video, not images.`, { hint: 'Use a video command for it.', details: { model: entry.id } });
  }
  const route = await selectRoute(entry, sel.provider, sel.settings);
  const make = IMAGE_ADAPTERS[route.provider];
  if (!make) throw new AtelierError('unsupported', `Atelier cannot call ${PROVIDER_NAMES[route.provider]} for images yet.`);
  return make(entry, route, sel.settings ?? {});
}

export async function videoModel(sel: ModelSelection): Promise<VideoModel> {
  const entry = (sel.catalog ?? loadCatalog()).resolve(sel.model);
  if (entry.modality !== 'video') {
    throw new AtelierError('invalid_request', `${entry.name} makes images, not video.`, { hint: 'Use an image command for it.', details: { model: entry.id } });
  }
  const route = await selectRoute(entry, sel.provider, sel.settings);
  const make = VIDEO_ADAPTERS[route.provider];
  if (!make) throw new AtelierError('unsupported', `Atelier cannot call ${PROVIDER_NAMES[route.provider]} for video yet.`);
  return make(entry, route, sel.settings ?? {});
}

/** Rebuilds the model a stored operation belongs to, so polling can resume in another process. */
export async function videoModelFor(operation: { modelId: string; provider: Provider }, opts: { catalog?: Catalog; settings?: ProviderSettings } = {}): Promise<VideoModel> {
  const entry = (opts.catalog ?? loadCatalog()).resolve(operation.modelId);
  if (entry.modality !== 'video') throw new AtelierError('invalid_request', `${entry.name} is not a video model.`);
  const route = entry.routes.find((r) => r.provider === operation.provider);
  const make = VIDEO_ADAPTERS[operation.provider];
  if (!route || !make) throw new AtelierError('unsupported', `No ${PROVIDER_NAMES[operation.provider]} route for ${entry.name}.`);
  return make(entry, route, opts.settings ?? {});
}
