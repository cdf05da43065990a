import type { ListedModel } from '../../lib/catalog-view.ts';
import { takesRole } from '../../lib/input-roles.ts';
import type { RouterInputs } from '../../trpc.ts';

/**
 * A model's settings in the studio: which fields it offers (from its catalog capabilities), and
 * how a draft of them becomes the request. Fields only offer values the catalog lists; the shared
 * settings (seed, negative prompt) go to every model. Whether each model will honour them, what
 * it will cost and whether it can run at all is the server's plan of that request (plan.ts).
 */

type CreateInput = RouterInputs['generate']['create'];
export type Kind = CreateInput['kind'];
export type ImageParams = NonNullable<Extract<CreateInput, { kind: 'image' }>['params']>;
export type VideoParams = NonNullable<Extract<CreateInput, { kind: 'video' }>['params']>;
export type Provider = NonNullable<CreateInput['providers']>[string];

export type FieldKey =
  | 'provider'
  | 'size'
  | 'aspectRatio'
  | 'quality'
  | 'resolution'
  | 'n'
  | 'outputFormat'
  | 'background'
  | 'duration'
  | 'audio';

export interface Field {
  key: FieldKey;
  label: string;
  options: { value: string; label: string }[];
}

/** One model's choices as picked: field → value; absent or '' leaves the provider default. */
export type ModelDraft = Partial<Record<FieldKey, string>>;

/** Settings sent to every model, as typed. */
export interface SharedDraft {
  seed: string;
  negativePrompt: string;
}

export const EMPTY_SHARED: SharedDraft = { seed: '', negativePrompt: '' };
const MAX_SEED = 2 ** 31 - 1;
/** More than four images per model per run makes a side-by-side grid hard to read. */
const MAX_IMAGES = 4;

const options = (values: readonly (string | number)[], suffix = '') =>
  values.map((v) => ({ value: String(v), label: `${v}${suffix}` }));

export function fieldsFor(model: ListedModel): Field[] {
  const fields: Field[] = [];
  const providers = [
    ...new Set(model.routes.filter((r) => r.status !== 'retired').map((r) => r.provider)),
  ];
  if (providers.length > 1)
    fields.push({ key: 'provider', label: 'Provider', options: options(providers) });
  if (model.modality === 'image') {
    const c = model.image;
    const sizes =
      c.sizes.kind === 'list' ? c.sizes.values : c.sizes.kind === 'range' ? c.sizes.presets : [];
    if (sizes.length) fields.push({ key: 'size', label: 'Size', options: options(sizes) });
    if (c.aspectRatios.length)
      fields.push({ key: 'aspectRatio', label: 'Aspect ratio', options: options(c.aspectRatios) });
    if (c.qualities.length)
      fields.push({ key: 'quality', label: 'Quality', options: options(c.qualities) });
    if (c.resolutions.length)
      fields.push({
        key: 'resolution',
        label: 'Resolution',
        options: options(c.resolutions.map((r) => r.name)),
      });
    const most = Math.min(c.maxImagesPerCall, MAX_IMAGES);
    if (most > 1)
      fields.push({
        key: 'n',
        label: 'Images',
        options: options(Array.from({ length: most }, (_, i) => i + 1)),
      });
    if (c.outputFormats.length > 1)
      fields.push({ key: 'outputFormat', label: 'Format', options: options(c.outputFormats) });
    if (c.transparency)
      fields.push({
        key: 'background',
        label: 'Background',
        options: [
          { value: 'opaque', label: 'Opaque' },
          { value: 'transparent', label: 'Transparent' },
          { value: 'auto', label: 'Model decides' },
        ],
      });
  } else {
    const c = model.video;
    fields.push({ key: 'duration', label: 'Clip length', options: options(c.durations, ' s') });
    fields.push({ key: 'resolution', label: 'Resolution', options: options(c.resolutions) });
    if (c.aspectRatios.length > 1)
      fields.push({ key: 'aspectRatio', label: 'Aspect ratio', options: options(c.aspectRatios) });
    if (c.audio === 'optional')
      fields.push({
        key: 'audio',
        label: 'Audio',
        options: [
          { value: 'true', label: 'With audio' },
          { value: 'false', label: 'Without audio' },
        ],
      });
  }
  return fields;
}

/** The draft's values that are still offered (a stored draft may predate a catalog change). */
function chosen(model: ListedModel, draft: ModelDraft): ModelDraft {
  const out: ModelDraft = {};
  for (const field of fieldsFor(model)) {
    const value = draft[field.key];
    if (value && field.options.some((o) => o.value === value)) out[field.key] = value;
  }
  return out;
}

/** The seed as typed, checked: undefined when empty. */
export function parseSeed(text: string): { seed?: number; error?: string } {
  const t = text.trim();
  if (!t) return {};
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n > MAX_SEED)
    return { error: `Seed: a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}.` };
  return { seed: n };
}

export function providerFor(model: ListedModel, draft: ModelDraft): Provider | undefined {
  return chosen(model, draft).provider as Provider | undefined;
}

/** The request parameters for one model: its own choices plus the shared settings. */
export function paramsFor(
  model: ListedModel,
  draft: ModelDraft,
  shared: SharedDraft,
): ImageParams | VideoParams {
  const d = chosen(model, draft);
  const { seed } = parseSeed(shared.seed);
  const negativePrompt = shared.negativePrompt.trim();
  const common = {
    ...(seed !== undefined ? { seed } : {}),
    ...(negativePrompt ? { negativePrompt } : {}),
    ...(d.aspectRatio ? { aspectRatio: d.aspectRatio } : {}),
    ...(d.resolution ? { resolution: d.resolution } : {}),
  };
  if (model.modality === 'video') {
    return {
      ...common,
      ...(d.duration ? { duration: Number(d.duration) } : {}),
      ...(d.audio ? { audio: d.audio === 'true' } : {}),
    } as VideoParams;
  }
  return {
    ...common,
    ...(d.size ? { size: d.size } : {}),
    ...(d.quality ? { quality: d.quality } : {}),
    ...(d.n ? { n: Number(d.n) } : {}),
    ...(d.outputFormat ? { outputFormat: d.outputFormat as ImageParams['outputFormat'] } : {}),
    ...(d.background ? { background: d.background as ImageParams['background'] } : {}),
  } as ImageParams;
}

export type StudioRequest = CreateInput;
/** Uploaded images (sha256) given to every model: `generate.create`'s `inputs`. */
export type RequestInputs = NonNullable<CreateInput['inputs']>;

/**
 * The one request of a Studio draft: what `generate.plan` plans and, unchanged, what Run sends to
 * `generate.create`. Each model gets its own settings (`modelParams`), the shared ones included.
 */
export function studioRequest({
  kind,
  prompt,
  models,
  drafts,
  shared,
  inputs,
}: {
  kind: Kind;
  prompt: string;
  models: readonly ListedModel[];
  drafts: Readonly<Record<string, ModelDraft>>;
  shared: SharedDraft;
  inputs?: RequestInputs | undefined;
}): StudioRequest {
  const providers = Object.fromEntries(
    models.flatMap((m) => {
      const p = providerFor(m, drafts[m.id] ?? {});
      return p ? [[m.id, p]] : [];
    }),
  );
  const modelParams = Object.fromEntries(
    models.map((m) => [m.id, paramsFor(m, drafts[m.id] ?? {}, shared)]),
  );
  return {
    kind,
    prompt: prompt.trim(),
    models: models.map((m) => m.id),
    ...(Object.keys(providers).length > 0 ? { providers } : {}),
    modelParams,
    ...(inputs ? { inputs } : {}),
  } as StudioRequest;
}

/** Whether the model can edit inside a mask (the catalog's capability), for "Edit with mask". */
export function supportsMask(model: ListedModel): boolean {
  return takesRole(model, 'mask');
}

/**
 * A stored generation's settings back into the studio's fields (History's "re-run with
 * changes"): values the model no longer offers are left out, so they fall back to the default.
 */
export function draftFromParams(
  model: ListedModel,
  params: Record<string, unknown>,
  provider: string,
): { draft: ModelDraft; shared: SharedDraft } {
  const raw: ModelDraft = { provider };
  const keys: FieldKey[] = [
    'size',
    'aspectRatio',
    'quality',
    'resolution',
    'n',
    'outputFormat',
    'background',
    'duration',
    'audio',
  ];
  for (const key of keys) {
    const v = params[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      raw[key] = String(v);
  }
  return {
    draft: chosen(model, raw),
    shared: {
      seed: typeof params.seed === 'number' ? String(params.seed) : '',
      negativePrompt: typeof params.negativePrompt === 'string' ? params.negativePrompt : '',
    },
  };
}
