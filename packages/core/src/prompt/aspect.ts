import type { ImageSizes, ModelEntry } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { normalizeRatio } from './flags.ts';

/**
 * Maps a requested aspect ratio onto what a model can actually produce: the nearest listed size,
 * a valid WxH inside a model's pixel limits, or the nearest aspect ratio it accepts. Anything
 * other than an exact match comes back with a warning, so no setting is changed silently.
 */
export interface AspectMapping {
  model: string;
  /** The requested ratio, normalized ("16:9"). */
  requested: string;
  /** 'size' when the model takes pixels (value "1536x864"), 'aspect' when it takes a ratio. */
  kind: 'size' | 'aspect';
  value: string;
  width?: number;
  height?: number;
  /** True when the result has exactly the requested ratio. */
  exact: boolean;
  /** Relative difference between the delivered and the requested ratio (0.02 = 2%). */
  ratioError: number;
  warning?: string;
}

interface Ratio {
  /** Integer sides, reduced: 2.39:1 → 239:100. */
  w: number;
  h: number;
  value: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function toRatio(label: string): Ratio {
  const [a = '', b = ''] = label.split(':');
  const decimals = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const scale = 10 ** decimals;
  const w = Math.round(Number(a) * scale);
  const h = Math.round(Number(b) * scale);
  const d = gcd(w, h);
  return { w: w / d, h: h / d, value: w / h };
}

function sizeRatio(size: string): { width: number; height: number; value: number } {
  const [width = 0, height = 0] = size.split('x').map(Number);
  return { width, height, value: width / height };
}

/** Distance between two ratios on a log scale, so 2:1 and 1:2 are equally far from 1:1. */
function distance(a: number, b: number): number {
  return Math.abs(Math.log(a / b));
}

function relativeError(delivered: number, requested: number): number {
  return Math.round((Math.abs(delivered - requested) / requested) * 10_000) / 10_000;
}

function percent(error: number): string {
  return `${(error * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

const USUAL_AREA = 1024 * 1024;

function fromSize(
  model: ModelEntry,
  requested: Ratio,
  label: string,
  width: number,
  height: number,
  note?: string,
): AspectMapping {
  const exact = width * requested.h === height * requested.w;
  const ratioError = exact ? 0 : relativeError(width / height, requested.value);
  const mapping: AspectMapping = {
    model: model.id,
    requested: label,
    kind: 'size',
    value: `${width}x${height}`,
    width,
    height,
    exact,
    ratioError,
  };
  if (!exact) {
    mapping.warning =
      note ??
      `${model.name} cannot make exactly ${label}; the nearest size is ${width}x${height} (${percent(ratioError)} off).`;
  }
  return mapping;
}

function fromList(
  model: ModelEntry,
  requested: Ratio,
  label: string,
  values: readonly string[],
): AspectMapping {
  const best = [...values]
    .map((v) => ({ v, ...sizeRatio(v) }))
    .sort(
      (a, b) =>
        distance(a.value, requested.value) - distance(b.value, requested.value) ||
        distance(a.width * a.height, USUAL_AREA) - distance(b.width * b.height, USUAL_AREA) ||
        a.v.localeCompare(b.v),
    )[0];
  if (!best)
    throw new AtelierError('unsupported', `${model.name} lists no sizes.`, {
      details: { model: model.id },
    });
  return fromSize(model, requested, label, best.width, best.height);
}

type Range = Extract<ImageSizes, { kind: 'range' }>;

/**
 * A WxH that honours multipleOf, edge and pixel limits and the widest allowed ratio, near the
 * area of the preset closest in shape (so 16:9 on a 1536x1024-style model stays ~1.5 MP rather
 * than jumping to the maximum). An exact ratio wins when one exists near that area.
 */
function fromRange(
  model: ModelEntry,
  requested: Ratio,
  label: string,
  range: Range,
): AspectMapping {
  let target = requested.value;
  let clampNote: string | undefined;
  if (target > range.maxAspect || target < 1 / range.maxAspect) {
    target = target > 1 ? range.maxAspect : 1 / range.maxAspect;
    clampNote = `${model.name} allows at most ${range.maxAspect}:1 either way, so ${label} was narrowed`;
  }
  const preset = [...range.presets]
    .map(sizeRatio)
    .sort(
      (a, b) =>
        distance(a.value, target) - distance(b.value, target) ||
        distance(a.width * a.height, USUAL_AREA) - distance(b.width * b.height, USUAL_AREA),
    )[0];
  const targetArea = Math.min(
    range.maxPixels,
    Math.max(range.minPixels, preset ? preset.width * preset.height : USUAL_AREA),
  );

  const m = range.multipleOf;
  const first = Math.ceil(range.minEdge / m) * m;
  let best: { w: number; h: number; rank: number; err: number; areaDist: number } | undefined;
  for (let h = first; h <= range.maxEdge; h += m) {
    const ideal = h * target;
    for (const w of new Set([Math.floor(ideal / m) * m, Math.ceil(ideal / m) * m])) {
      if (w < range.minEdge || w > range.maxEdge) continue;
      const area = w * h;
      if (area < range.minPixels || area > range.maxPixels) continue;
      if (Math.max(w / h, h / w) > range.maxAspect + 1e-9) continue;
      const err = distance(w / h, target);
      const areaDist = distance(area, targetArea);
      const exact = !clampNote && w * requested.h === h * requested.w;
      // 0: exact near the usual area; 1: within 0.5% of the ratio; 2: the closest ratio there is
      const rank = exact && areaDist <= Math.log(1.5) ? 0 : err <= 0.005 ? 1 : 2;
      const better =
        !best ||
        rank < best.rank ||
        (rank === best.rank &&
          (rank === 2
            ? err < best.err - 1e-12 ||
              (Math.abs(err - best.err) <= 1e-12 && areaDist < best.areaDist)
            : areaDist < best.areaDist - 1e-12));
      if (better) best = { w, h, rank, err, areaDist };
    }
  }
  if (!best) {
    throw new AtelierError('unsupported', `${model.name} has no valid size for ${label}.`, {
      details: { model: model.id, requested: label },
    });
  }
  const note = clampNote ? `${clampNote} to ${best.w}x${best.h}.` : undefined;
  return fromSize(model, requested, label, best.w, best.h, note);
}

function fromAspects(
  model: ModelEntry,
  requested: Ratio,
  label: string,
  ratios: readonly string[],
): AspectMapping {
  const best = [...ratios]
    .map((r) => ({ label: r, ratio: toRatio(r) }))
    .sort(
      (a, b) =>
        distance(a.ratio.value, requested.value) - distance(b.ratio.value, requested.value) ||
        a.label.localeCompare(b.label),
    )[0];
  if (!best) {
    throw new AtelierError('unsupported', `${model.name} lists no aspect ratios.`, {
      details: { model: model.id },
    });
  }
  const exact = best.ratio.w === requested.w && best.ratio.h === requested.h;
  const ratioError = exact ? 0 : relativeError(best.ratio.value, requested.value);
  const mapping: AspectMapping = {
    model: model.id,
    requested: label,
    kind: 'aspect',
    value: best.label,
    exact,
    ratioError,
  };
  if (!exact) {
    mapping.warning = `${model.name} has no ${label}; the nearest aspect ratio is ${best.label} (${percent(ratioError)} off). Supported: ${ratios.join(', ')}.`;
  }
  return mapping;
}

/**
 * The nearest output a model supports for an aspect ratio ("16:9", "16x9", "2.39:1"):
 * sizes.kind 'list' → nearest listed size; 'range' → a valid WxH; 'aspect' → nearest of its
 * aspectRatios; video → nearest of video.aspectRatios.
 */
export function mapAspectRatio(model: ModelEntry, ratio: string): AspectMapping {
  const label = normalizeRatio(ratio);
  if (!label) {
    throw new AtelierError('invalid_input', `"${ratio}" is not an aspect ratio.`, {
      hint: 'Write it as W:H, e.g. 16:9 or 2.39:1.',
      details: { ratio },
    });
  }
  const requested = toRatio(label);
  if (model.modality === 'video')
    return fromAspects(model, requested, label, model.video.aspectRatios);
  const sizes = model.image.sizes;
  if (sizes.kind === 'list') return fromList(model, requested, label, sizes.values);
  if (sizes.kind === 'range') return fromRange(model, requested, label, sizes);
  return fromAspects(model, requested, label, model.image.aspectRatios);
}
