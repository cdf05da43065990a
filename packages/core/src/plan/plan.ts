import type { Catalog } from '../catalog/index.ts';
import type {
  ImageModelEntry,
  ModelEntry,
  Provider,
  Route,
  VideoModelEntry,
} from '../catalog/schema.ts';
import { AtelierError, isAtelierError } from '../errors.ts';
import {
  chooseRoute,
  estimate,
  imageDefaults,
  videoDefaults,
  type EstimateRequest,
} from '../pricing/index.ts';
import { checkImageRequest, checkVideoRequest } from '../providers/capabilities.ts';
import { priceVariant } from '../providers/cost.ts';
import { KEY_NAME_OF } from '../providers/models.ts';
import { missingKeyError } from '../providers/keys.ts';
import { routeRunnability, isRetiredOn, today } from '../providers/runnable.ts';
import { shutdownWarning } from '../catalog/lifecycle.ts';
import { ImageRequest, VideoRequest, type MediaInput, type Warning } from '../providers/spec.ts';
import type { CostRange } from '../jobs.ts';
import { parseInput } from '../validate.ts';
import { checkRouteRules, type InputImageInfo } from '../rules/index.ts';
import { promptSettings } from './prompt-settings.ts';
import {
  ImageSettings,
  PlanRequest,
  VideoSettings,
  type ChosenDefault,
  type Kind,
  type Plan,
  type PlanEstimate,
  type PlanInputImage,
  type PlannedModel,
  type Refusal,
  type RefusedModel,
} from './request.ts';

/**
 * The one planner: request + catalog + which providers have keys + the date → for each model
 * the route (chosen with the settings), the exact request the adapter is given (every priced
 * setting explicit, so what is priced is what is asked for), warnings, a refusal with its field,
 * and the estimate of exactly that request. The CLI, the web Studio, `generate.plan` and
 * `generate.create` all read it; a job runs the plan it was submitted with.
 */

export interface PlanContext {
  catalog: Catalog;
  /** Whether credentials for a provider are configured (see `configuredProviders`). */
  hasKey: (provider: Provider) => boolean;
}

export function planGeneration(input: PlanRequest, ctx: PlanContext): Plan {
  const req = parseInput(PlanRequest, input, 'plan request');
  const date = req.date ?? today();
  const fromPrompt = promptSettings(req.kind, req.prompt);
  const models = req.models.map((pick) =>
    planModel(
      {
        kind: req.kind,
        prompt: fromPrompt.prompt,
        pick,
        params: { ...fromPrompt.settings, ...(pick.params ?? req.params) },
        inputs: req.inputs,
        date,
      },
      ctx,
    ),
  );
  const ready = models.flatMap((m) => (m.status === 'ready' ? [m.estimate] : []));
  const sum = (k: keyof CostRange) => ready.reduce((s, e) => s + e[k], 0);
  return {
    kind: req.kind,
    prompt: fromPrompt.prompt,
    notes: fromPrompt.notes,
    date,
    models,
    total: { low: sum('low'), expected: sum('expected'), high: sum('high') },
  };
}

interface ModelInput {
  kind: Kind;
  prompt: string;
  pick: { model: string; provider?: Provider };
  params: Record<string, unknown>;
  inputs: readonly PlanInputImage[];
  date: string;
}

/** What a thrown error becomes in a plan: the message, the hint, and the field it names. */
export function refusalOf(error: unknown): Refusal {
  if (!isAtelierError(error)) throw error;
  const d = (error.details ?? {}) as Record<string, unknown>;
  const issues = Array.isArray(d['issues']) ? (d['issues'] as { path: string[] }[]) : [];
  const field =
    typeof d['field'] === 'string' ? d['field'] : issues[0]?.path.join('.') || undefined;
  const allowed = Array.isArray(d['allowed']) ? (d['allowed'] as (string | number)[]) : undefined;
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(field ? { field } : {}),
    ...(allowed ? { allowed } : {}),
  };
}

function planModel(m: ModelInput, ctx: PlanContext): PlannedModel {
  let entry: ModelEntry | undefined;
  let route: Route | undefined;
  let priced: PlanEstimate | undefined;
  const refused = (error: unknown): RefusedModel => ({
    status: 'refused',
    model: m.pick.model,
    ...(entry ? { modelId: entry.id, modelName: entry.name } : {}),
    ...(route
      ? { route: { provider: route.provider, providerModelId: route.providerModelId } }
      : {}),
    ...(priced ? { estimate: priced } : {}),
    warnings: [],
    refusal: refusalOf(error),
  });
  try {
    entry = ctx.catalog.resolve(m.pick.model);
    checkKind(m.kind, entry);
    if (isRetiredOn(entry, m.date)) throw retiredError(entry, ctx.catalog);
    const routes = runnableRoutes(
      entry,
      m.pick.provider ?? optionsProvider(entry, m.params),
      m.date,
    );
    const shaped =
      m.kind === 'image'
        ? shapeImage(entry as ImageModelEntry, m)
        : shapeVideo(entry as VideoModelEntry, m);
    // The route is chosen among those whose own rules accept the request (a provider's
    // endpoint may refuse a size or an option another route takes), then by price and keys.
    const request = { kind: m.kind, ...shaped.params, providerOptions: shaped.providerOptions };
    const inputs = ruleInputs(m.kind, m.inputs);
    const checked = new Map(
      routes.map((r) => [
        r,
        checkRouteRules({ entry: entry as ModelEntry, route: r, request, inputs }),
      ]),
    );
    const accepted = routes.filter((r) => checked.get(r)?.refusals.length === 0);
    const only = { ...entry, routes: accepted.length ? accepted : routes } as ModelEntry;
    route = chooseRoute(only, shaped.price, {
      provider: m.pick.provider,
      callable: (r) => ctx.hasKey(r.provider),
      date: m.date,
    }).route;
    const rules = checked.get(route) ?? { warnings: [], refusals: [], providerOptions: {} };
    const params: Record<string, unknown> = { ...shaped.params };
    if (Object.keys(rules.providerOptions).length > 0)
      params['providerOptions'] = { [route.provider]: rules.providerOptions };
    const est = estimate(
      {
        ...shaped.price,
        model: entry.id,
        provider: route.provider,
        providerModelId: route.providerModelId,
      },
      ctx.catalog,
      m.date,
    );
    priced = {
      low: est.low,
      expected: est.expected,
      high: est.high,
      lines: est.lines,
      assumptions: est.assumptions,
    };
    const [first] = rules.refusals;
    if (first) {
      const message = `${entry.name}: ${rules.refusals.map((r) => r.message).join(' ')}`;
      return {
        ...refused(new AtelierError('invalid_request', message)),
        refusal: { ...first, message },
      };
    }
    if (!ctx.hasKey(route.provider)) throw keyError(entry, route, routes);
    const shutdown = shutdownWarning(entry, m.date, {
      route,
      nameOf: (id) => ctx.catalog.get(id)?.name,
    });
    return {
      status: 'ready',
      model: m.pick.model,
      modelId: entry.id,
      modelName: entry.name,
      route: { provider: route.provider, providerModelId: route.providerModelId },
      params,
      defaults: shaped.defaults,
      warnings: [...(shutdown ? [shutdown] : []), ...shaped.warnings, ...rules.warnings],
      estimate: priced,
    };
  } catch (error) {
    return refused(error);
  }
}

function checkKind(kind: Kind, entry: ModelEntry): void {
  if (entry.modality === kind) return;
  const what = (k: Kind) => (k === 'image' ? 'images' : 'video');
  throw new AtelierError(
    'invalid_request',
    `${entry.name} makes ${what(entry.modality)}, not ${what(kind)}.`,
    {
      hint: `Run it as a ${entry.modality} generation.`,
      details: { model: entry.id, field: 'models' },
    },
  );
}

function retiredError(entry: ModelEntry, catalog: Catalog): AtelierError {
  const names = entry.lifecycle.replacements.map((id) => catalog.get(id)?.name ?? id);
  const when = entry.lifecycle.shutdown ? ` on ${entry.lifecycle.shutdown}` : '';
  return new AtelierError(
    'model_retired',
    `${entry.name} was retired${when} and can no longer be called.`,
    {
      hint: names.length
        ? `Use ${names.join(' or ')} instead.`
        : 'Pick a current model from the catalog.',
      details: { model: entry.id, replacements: entry.lifecycle.replacements },
    },
  );
}

/** Routes Atelier can call (an adapter, not retired), within a pinned provider. */
function runnableRoutes(entry: ModelEntry, provider: Provider | undefined, date: string): Route[] {
  const pinned = provider ? entry.routes.filter((r) => r.provider === provider) : entry.routes;
  if (provider && pinned.length === 0) {
    throw new AtelierError('unsupported', `${entry.name} is not offered through ${provider}.`, {
      hint: `Its providers: ${[...new Set(entry.routes.map((r) => r.provider))].join(', ') || 'none'}.`,
      details: { model: entry.id, field: 'provider' },
    });
  }
  const runnable = pinned.filter((r) => routeRunnability(entry, r, date).runnable);
  if (runnable.length > 0) return runnable;
  if (entry.routes.length === 0) {
    throw new AtelierError(
      'price_unavailable',
      `No price is known for ${entry.name}, so Atelier cannot run it.`,
      {
        hint: entry.unpricedReason,
        details: { model: entry.id },
      },
    );
  }
  const first = pinned[0] ? routeRunnability(entry, pinned[0], date) : undefined;
  const reason = first && !first.runnable ? first.reason : 'no route';
  throw new AtelierError('unsupported', `Atelier cannot run ${entry.name} here: ${reason}.`, {
    hint: 'The catalog lists the models Atelier can run here.',
    details: { model: entry.id },
  });
}

/**
 * Options written for one provider ("providerOptions.openai") mean that provider: the model runs
 * there, so the options are honoured or refused, never dropped by a switch to another route.
 */
function optionsProvider(entry: ModelEntry, params: Record<string, unknown>): Provider | undefined {
  const options = params['providerOptions'];
  if (!options || typeof options !== 'object') return undefined;
  const named = Object.keys(options);
  return entry.routes.find((r) => named.includes(r.provider))?.provider;
}

function keyError(entry: ModelEntry, route: Route, routes: readonly Route[]): AtelierError {
  const name = KEY_NAME_OF[route.provider];
  const base = name
    ? missingKeyError(name)
    : new AtelierError('auth', `No credentials for ${route.provider}.`);
  const others = [...new Set(routes.map((r) => r.provider))].filter((p) => p !== route.provider);
  return new AtelierError('auth', `${entry.name}: ${base.message}`, {
    hint: `${base.hint ?? ''}${others.length ? ` It also runs through ${others.join(', ')}.` : ''}`.trim(),
    details: { ...base.details, model: entry.id, field: 'key' },
  });
}

const standIn = (mediaType: string): MediaInput => ({ data: new Uint8Array(0), mediaType });

function ruleInputs(kind: Kind, inputs: readonly PlanInputImage[]): InputImageInfo[] {
  const refs = inputs.filter((i) => i.role === 'reference').sort((a, b) => a.index - b.index);
  return inputs.map((i) => ({
    role:
      i.role === 'mask'
        ? 'mask'
        : kind === 'video'
          ? refs.indexOf(i) === 0
            ? 'firstFrame'
            : 'lastFrame'
          : 'image',
    index: i.index,
    mediaType: i.mediaType,
    width: i.width,
    height: i.height,
    byteSize: 0,
    hasAlpha: i.hasAlpha ?? true,
  }));
}

/** The value given, else the fallback, which is then listed as a default Atelier chose. */
function chooser() {
  const defaults: ChosenDefault[] = [];
  const fill = <T extends string | number | boolean>(
    setting: string,
    given: T | undefined,
    fallback: T | undefined,
  ): T | undefined => {
    if (given !== undefined || fallback === undefined) return given;
    defaults.push({ setting, value: fallback });
    return fallback;
  };
  return { defaults, fill };
}

interface Shaped {
  /** The settings the adapter is given (providerOptions apart). */
  params: Record<string, unknown>;
  providerOptions: Record<string, Record<string, unknown>>;
  price: Omit<EstimateRequest, 'model'>;
  defaults: ChosenDefault[];
  warnings: Warning[];
}

/** Image settings mapped onto the model's capabilities, then every priced setting made explicit. */
function shapeImage(entry: ImageModelEntry, m: ModelInput): Shaped {
  const settings = parseInput(ImageSettings, m.params, 'image settings');
  const refs = m.inputs.filter((i) => i.role === 'reference').sort((a, b) => a.index - b.index);
  const mask = m.inputs.find((i) => i.role === 'mask');
  const request = parseInput(ImageRequest, {
    ...settings,
    prompt: m.prompt,
    referenceImages: refs.map((r) => standIn(r.mediaType)),
    ...(mask ? { mask: standIn(mask.mediaType) } : {}),
  });
  const caps = entry.image;
  const fit = checkImageRequest(entry, {
    ...request,
    n: Math.min(request.n, caps.maxImagesPerCall),
  });
  const usual = imageDefaults(caps);
  const { defaults, fill: chosen } = chooser();
  const params: Record<string, unknown> = { n: request.n };
  if (caps.sizes.kind === 'aspect') {
    const square = refs.length === 0 && caps.aspectRatios.includes('1:1') ? '1:1' : undefined;
    params['aspectRatio'] = chosen('aspectRatio', fit.aspectRatio, square);
  } else {
    params['size'] = chosen(
      'size',
      fit.size ? `${fit.size.width}x${fit.size.height}` : undefined,
      usual.size,
    );
  }
  if (caps.resolutions.length)
    params['resolution'] = chosen('resolution', fit.resolution, usual.resolution);
  if (caps.qualities.length) params['quality'] = chosen('quality', fit.quality, usual.quality);
  params['outputFormat'] = chosen('outputFormat', fit.outputFormat, usual.outputFormat);
  if (fit.background) params['background'] = fit.background;
  if (fit.seed !== undefined) params['seed'] = fit.seed;
  if (fit.negativePrompt) params['negativePrompt'] = fit.negativePrompt;
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  const inputPixels = refs.reduce((s, r) => s + r.width * r.height, 0);
  return {
    params,
    providerOptions: request.providerOptions,
    defaults,
    warnings: fit.warnings,
    price: {
      prompt: m.prompt,
      count: request.n,
      ...(params['quality'] ? { quality: params['quality'] as string } : {}),
      ...(params['size'] ? { size: params['size'] as string } : {}),
      ...(params['resolution'] ? { resolution: params['resolution'] as string } : {}),
      ...(params['aspectRatio'] ? { aspectRatio: params['aspectRatio'] as string } : {}),
      ...priceVariant(params['outputFormat']),
      ...(refs.length ? { inputImages: refs.length, inputPixels } : {}),
    },
  };
}

/** Video settings with the clip's length, resolution, frame and audio explicit. */
function shapeVideo(entry: VideoModelEntry, m: ModelInput): Shaped {
  const settings = parseInput(VideoSettings, m.params, 'video settings');
  const frames = m.inputs.filter((i) => i.role === 'reference').sort((a, b) => a.index - b.index);
  const usual = videoDefaults(entry.video);
  const { defaults, fill } = chooser();
  const audioDefault = entry.video.audio === 'optional' ? usual.audio : undefined;
  const request = parseInput(VideoRequest, {
    ...settings,
    prompt: m.prompt,
    duration: fill('duration', settings.duration, usual.seconds),
    resolution: fill('resolution', settings.resolution, usual.resolution),
    aspectRatio: fill('aspectRatio', settings.aspectRatio, usual.aspectRatio),
    audio: fill('audio', settings.audio, audioDefault),
    ...(frames[0] ? { firstFrame: standIn(frames[0].mediaType) } : {}),
    ...(frames[1] ? { lastFrame: standIn(frames[1].mediaType) } : {}),
  });
  const fit = checkVideoRequest(entry, request);
  const params: Record<string, unknown> = {
    duration: fit.duration,
    resolution: fit.resolution,
    aspectRatio: fit.aspectRatio,
    audio: fit.audio,
  };
  if (fit.seed !== undefined) params['seed'] = fit.seed;
  if (fit.negativePrompt) params['negativePrompt'] = fit.negativePrompt;
  return {
    params,
    providerOptions: request.providerOptions,
    defaults,
    warnings: fit.warnings,
    price: {
      prompt: m.prompt,
      count: 1,
      seconds: fit.duration,
      resolution: fit.resolution,
      aspectRatio: fit.aspectRatio,
      audio: fit.audio,
      ...(frames.length ? { inputImages: frames.length } : {}),
    },
  };
}
