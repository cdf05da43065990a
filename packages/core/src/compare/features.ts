import type { ModelEntry, Source } from '../catalog/schema.ts';
import { formatUsd, type Micros } from '../money.ts';
import { startingPrice } from '../pricing/index.ts';

export type FeatureKey =
  | 'providers'
  | 'tasks'
  | 'sizes'
  | 'qualities'
  | 'fourK'
  | 'durations'
  | 'audio'
  | 'moderation'
  | 'startingPrice';

export interface FeatureCell {
  text: string;
  source?: Source;
  /** Starting price only: the amount, what it is per, and the route it was found on. */
  micros?: Micros;
  per?: 'image' | 'second' | 'video';
  provider?: string;
}

export interface FeatureRow {
  feature: FeatureKey;
  label: string;
  /** Keyed by catalog id. */
  values: Record<string, FeatureCell>;
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function capsSource(model: ModelEntry): Source {
  return model.modality === 'image' ? model.image.source : model.video.source;
}

function sizes(model: ModelEntry): FeatureCell {
  const source = capsSource(model);
  if (model.modality === 'video') return { text: model.video.aspectRatios.join(', '), source };
  const s = model.image.sizes;
  if (s.kind === 'list') return { text: s.values.join(', '), source };
  if (s.kind === 'range') {
    return {
      text: `any WxH in steps of ${s.multipleOf} px, edges ${s.minEdge}–${s.maxEdge} px, up to ${s.maxAspect}:1 (e.g. ${s.presets.join(', ')})`,
      source,
    };
  }
  return {
    text: model.image.aspectRatios.length
      ? model.image.aspectRatios.join(', ')
      : 'provider default only',
    source,
  };
}

function qualities(model: ModelEntry): FeatureCell {
  const source = capsSource(model);
  if (model.modality === 'video') return { text: model.video.resolutions.join(', '), source };
  const tiers = [...model.image.qualities, ...model.image.resolutions.map((r) => r.name)];
  return { text: tiers.length ? tiers.join(', ') : 'none', source };
}

/** 4K means a long edge of at least 3840 px (UHD), whatever the provider calls it. */
export function supports4k(model: ModelEntry): boolean {
  if (model.modality === 'video') return model.video.resolutions.includes('4k');
  const caps = model.image;
  return (
    Math.max(caps.maxWidth, caps.maxHeight) >= 3840 ||
    caps.resolutions.some((r) => r.longEdge >= 3840)
  );
}

export function startingPriceCell(model: ModelEntry): FeatureCell {
  if (model.lifecycle.status === 'retired') {
    return {
      text: `retired${model.lifecycle.shutdown ? ` ${model.lifecycle.shutdown}` : ''}: no longer callable`,
      source: model.lifecycle.source,
    };
  }
  const start = startingPrice(model);
  if (!start)
    return { text: `no sourced price${model.unpricedReason ? ` (${model.unpricedReason})` : ''}` };
  return {
    text: `${start.label} on ${start.route.provider}`,
    source: start.route.price.source,
    micros: start.micros,
    per: start.per,
    provider: start.route.provider,
  };
}

/** The feature table of a comparison: facts straight from the catalog, each with its source. */
export function featureRows(models: readonly ModelEntry[]): FeatureRow[] {
  const row = (
    feature: FeatureKey,
    label: string,
    cell: (m: ModelEntry) => FeatureCell,
  ): FeatureRow => ({
    feature,
    label,
    values: Object.fromEntries(models.map((m) => [m.id, cell(m)])),
  });
  const rows = [
    row('providers', 'Provider(s)', (m) => ({
      text: m.routes.length
        ? [...new Set(m.routes.map((r) => r.provider))].join(', ')
        : 'none priced',
    })),
    row('tasks', 'Tasks', (m) => ({ text: m.tasks.join(', ') })),
    row('sizes', 'Sizes / aspect ratios', sizes),
    row('qualities', 'Quality tiers', qualities),
    row('fourK', '4K', (m) => ({ text: yesNo(supports4k(m)), source: capsSource(m) })),
  ];
  if (models.some((m) => m.modality === 'video')) {
    rows.push(
      row('durations', 'Clip lengths', (m) =>
        m.modality === 'video'
          ? { text: `${m.video.durations.join(', ')} s`, source: m.video.source }
          : { text: 'still images' },
      ),
      row('audio', 'Audio', (m) =>
        m.modality === 'video'
          ? { text: capitalize(m.video.audio), source: m.video.source }
          : { text: 'still images' },
      ),
    );
  }
  rows.push(
    row('moderation', 'Moderation', (m) =>
      m.moderation
        ? { text: capitalize(m.moderation.level), source: m.moderation.source }
        : { text: 'unknown' },
    ),
    row('startingPrice', 'Starting price', startingPriceCell),
  );
  return rows;
}

export function priceText(micros: Micros, per: string): string {
  return `${formatUsd(micros)} / ${per}`;
}
