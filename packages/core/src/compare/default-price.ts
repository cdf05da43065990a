import type { Catalog } from '../catalog/index.ts';
import type { ModelEntry, Provider, Source } from '../catalog/schema.ts';
import { formatUsd, type Micros } from '../money.ts';
import { planGeneration } from '../plan/index.ts';

/**
 * What one run of a model costs at the settings a comparison implies: the use case's aspect ratio
 * where it has one, else the planner's defaults (medium quality, 1024x1024 or 1K, an 8 s 720p clip
 * with audio…). Priced by the planner itself, so the figure is the one `generate` would estimate,
 * not the cheapest setting a default run never pays.
 */
export interface RunPrice {
  /** Expected cost of one image or one clip. */
  micros: Micros;
  per: 'image' | 'clip';
  /** The settings priced, in words ("medium, 1024x1024"). */
  settings: string;
  provider: Provider;
  providerModelId: string;
  source?: Source;
  /** "$0.053 per image at medium, 1024x1024 on openai". */
  text: string;
}

/** A short prompt of typical length: token-priced models bill the prompt too. */
const PROMPT = 'A ceramic coffee mug on a wooden table by a window, soft morning light';

function describe(params: Record<string, unknown>, modality: ModelEntry['modality']): string {
  const str = (k: string) => (params[k] === undefined ? undefined : String(params[k]));
  const parts =
    modality === 'image'
      ? [str('quality'), str('size') ?? str('aspectRatio'), str('resolution')]
      : [
          params['duration'] === undefined ? undefined : `${String(params['duration'])} s`,
          str('resolution'),
          str('aspectRatio'),
          params['audio'] === true
            ? 'with audio'
            : params['audio'] === false
              ? 'no audio'
              : undefined,
        ];
  return parts.filter(Boolean).join(', ');
}

function plan(model: ModelEntry, catalog: Catalog, date: string, params: Record<string, unknown>) {
  const result = planGeneration(
    { kind: model.modality, prompt: PROMPT, models: [{ model: model.id, params }], date },
    // Priced whether or not a key is configured: a missing key does not change the price.
    { catalog, hasKey: () => true },
  );
  const planned = result.models[0];
  return planned?.status === 'ready' ? planned : undefined;
}

/**
 * The model's run price at `settings` (falling back to its defaults when it cannot take them);
 * undefined when the planner cannot price a run (retired, no runnable priced route).
 */
export function runPrice(
  model: ModelEntry,
  catalog: Catalog,
  date: string,
  settings: { aspectRatio?: string } = {},
): RunPrice | undefined {
  const planned =
    (settings.aspectRatio
      ? plan(model, catalog, date, { aspectRatio: settings.aspectRatio })
      : undefined) ?? plan(model, catalog, date, {});
  if (!planned) return undefined;
  const per = model.modality === 'image' ? 'image' : 'clip';
  const described = describe(planned.params, model.modality);
  const at = described ? ` at ${described}` : '';
  return {
    micros: planned.estimate.expected,
    per,
    settings: described,
    provider: planned.route.provider,
    providerModelId: planned.route.providerModelId,
    ...(planned.estimate.lines[0]?.source ? { source: planned.estimate.lines[0].source } : {}),
    text: `${formatUsd(planned.estimate.expected)} per ${per}${at} on ${planned.route.provider}`,
  };
}
