import { groupThousands } from '../money.ts';
import type { ModelEntry, Price } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { parseSize, type PriceParams } from './params.ts';
import { sameValue } from './tiers.ts';

function refuse(
  model: ModelEntry,
  field: string,
  value: unknown,
  allowed: readonly (string | number)[] | string,
): never {
  const list = typeof allowed === 'string' ? allowed : allowed.join(', ');
  throw new AtelierError(
    'invalid_input',
    `${field}: ${model.name} does not offer ${String(value)}; allowed: ${list}.`,
    {
      details: { field, value, allowed, model: model.id },
    },
  );
}

function oneOf(
  model: ModelEntry,
  field: string,
  value: string | number | undefined,
  allowed: readonly (string | number)[],
): void {
  if (value === undefined || !allowed.length) return;
  if (!allowed.some((a) => (typeof a === 'number' ? a === value : sameValue(a, String(value)))))
    refuse(model, field, value, allowed);
}

/**
 * Checks the settings that change a price against what the model offers, so an estimate is never
 * given for a request the model cannot run (a catch-all price tier would otherwise accept "8K").
 * Returns notes for settings the model overrides (audio on a model that always or never has it).
 */
export function checkFit(
  model: ModelEntry,
  params: PriceParams,
): { params: PriceParams; notes: string[] } {
  const notes: string[] = [];
  if (params.variant !== undefined) {
    const variants = [...new Set(model.routes.flatMap((r) => variantsOf(r.price)))];
    if (!variants.length)
      refuse(model, 'variant', params.variant, 'none (this model has no priced variants)');
    oneOf(model, 'variant', params.variant, variants);
  }
  if (model.modality === 'image') {
    const caps = model.image;
    if (params.quality?.toLowerCase() !== 'auto')
      oneOf(model, 'quality', params.quality, caps.qualities);
    oneOf(
      model,
      'resolution',
      params.resolution,
      caps.resolutions.map((r) => r.name),
    );
    oneOf(model, 'aspectRatio', params.aspectRatio, caps.aspectRatios);
    if (params.size && params.size !== 'auto') checkSize(model, params.size);
    if ((params.inputImages ?? 0) > caps.maxInputImages)
      refuse(model, 'inputImages', params.inputImages, `0 to ${caps.maxInputImages}`);
    return { params, notes };
  }
  const caps = model.video;
  oneOf(model, 'seconds', params.seconds, caps.durations);
  oneOf(model, 'resolution', params.resolution, caps.resolutions);
  oneOf(model, 'aspectRatio', params.aspectRatio, caps.aspectRatios);
  if (params.audio === false && caps.audio === 'always') {
    notes.push(`${model.name} always generates audio: priced with audio.`);
    return { params: { ...params, audio: true }, notes };
  }
  if (params.audio === true && caps.audio === 'none') {
    notes.push(`${model.name} generates no audio: priced without.`);
    return { params: { ...params, audio: false }, notes };
  }
  return { params, notes };
}

function checkSize(model: ModelEntry & { modality: 'image' }, size: string): void {
  const sizes = model.image.sizes;
  if (sizes.kind === 'list') {
    oneOf(model, 'size', size, sizes.values);
    return;
  }
  if (sizes.kind === 'aspect') return;
  const { width, height } = parseSize(size);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const rules = `edges ${sizes.minEdge}–${sizes.maxEdge} px in multiples of ${sizes.multipleOf}, ${groupThousands(sizes.minPixels)}–${groupThousands(sizes.maxPixels)} pixels, at most ${sizes.maxAspect}:1`;
  const ok =
    width % sizes.multipleOf === 0 &&
    height % sizes.multipleOf === 0 &&
    short >= sizes.minEdge &&
    long <= sizes.maxEdge &&
    width * height >= sizes.minPixels &&
    width * height <= sizes.maxPixels &&
    long <= short * sizes.maxAspect;
  if (!ok) refuse(model, 'size', size, rules);
}

/** The variants a price's tiers name ("pro", "vector"…). */
function variantsOf(price: Price): string[] {
  const tiers: readonly { when: { variant?: string } }[] =
    price.unit === 'megapixel'
      ? []
      : price.unit === 'token'
        ? price.outputImageTokens.kind === 'table'
          ? price.outputImageTokens.tiers
          : []
        : price.tiers;
  return tiers.flatMap((t) => (t.when.variant === undefined ? [] : [t.when.variant]));
}
