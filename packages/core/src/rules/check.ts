import { z } from 'zod';
import { parseRatio, parseSize } from '../providers/capabilities.ts';
import { describeProviderOptions } from '../providers/options-schema.ts';
import type { Warning } from '../providers/spec.ts';
import { AtelierError } from '../errors.ts';
import { routeRules } from './routes.ts';
import type {
  CallKind,
  InputImageInfo,
  Refusal,
  RouteRules,
  RuleInput,
  RuleOutcome,
} from './types.ts';

/**
 * The interpreter of the rule tables: what a route's API refuses that the catalog's capabilities
 * cannot say (option by option, per output format and kind of call, per input image), each
 * refusal naming its field, and the options the provider would default made explicit.
 */

/** The request fields the rules read; anything else passes through untouched. */
const ImageFields = z
  .object({
    size: z.string().optional(),
    aspectRatio: z.string().optional(),
    resolution: z.string().optional(),
    outputFormat: z.string().optional(),
    background: z.string().optional(),
  })
  .loose();

const list = (values: readonly (string | number)[]) => values.map((v) => `"${v}"`).join(', ');
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function checkRouteRules(input: RuleInput): RuleOutcome {
  const { entry, route, request } = input;
  const rules = routeRules(route, entry.modality);
  const namespace = route.provider;
  const given = request.providerOptions[namespace] ?? {};
  if (!rules) return { warnings: [], refusals: [], providerOptions: { ...given } };

  const out: Outcome = { warnings: [], refusals: [], options: {} };
  readOptions(rules, namespace, entry.id, given, out);
  if (entry.modality === 'image') checkImage(rules, input, out);
  return { warnings: out.warnings, refusals: out.refusals, providerOptions: out.options };
}

/**
 * The refusals of an outcome as one error, for callers that stop at the first problem (the
 * adapters, right before they would spend).
 */
export function refusalError(
  model: { id: string; name: string },
  refusals: readonly Refusal[],
): AtelierError | undefined {
  const [first] = refusals;
  if (!first) return undefined;
  return new AtelierError(
    'invalid_request',
    `${model.name}: ${refusals.map((r) => r.message).join(' ')}`,
    {
      ...(first.hint ? { hint: first.hint } : {}),
      details: {
        model: model.id,
        field: first.field,
        ...(first.allowed ? { allowed: first.allowed } : {}),
      },
    },
  );
}

interface Outcome {
  warnings: Warning[];
  refusals: Refusal[];
  options: Record<string, unknown>;
}

function refuse(
  out: Outcome,
  field: string,
  message: string,
  extra: { allowed?: readonly (string | number)[]; hint?: string } = {},
): void {
  out.refusals.push({
    code: 'invalid_request',
    field,
    message,
    ...(extra.allowed ? { allowed: [...extra.allowed] } : {}),
    ...(extra.hint ? { hint: extra.hint } : {}),
  });
}

/** The namespace parsed with the route's strict schema; each problem a refusal of its own. */
function readOptions(
  rules: RouteRules,
  namespace: string,
  model: string,
  given: Record<string, unknown>,
  out: Outcome,
): void {
  const accepted = Object.keys(rules.options.shape);
  const takes = accepted.length
    ? `${model} takes ${accepted.join(', ')} here.`
    : `${model} takes no ${namespace} options.`;
  const parsed = rules.options.safeParse(given);
  if (parsed.success) {
    out.options = { ...(parsed.data as Record<string, unknown>) };
    return;
  }
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        refuse(
          out,
          `providerOptions.${namespace}.${key}`,
          `The ${namespace} option "${key}" is not taken by ${model}.`,
          {
            allowed: accepted,
            hint: rules.notTaken?.[key] ? `${rules.notTaken[key]} ${takes}` : takes,
          },
        );
      }
      continue;
    }
    const key = issue.path.map(String).join('.');
    const field = `providerOptions.${namespace}.${key}`;
    const values =
      issue.code === 'invalid_value'
        ? issue.values.filter(
            (v): v is string | number => typeof v === 'string' || typeof v === 'number',
          )
        : undefined;
    const described = describeProviderOptions(rules.options).find((f) => f.name === key);
    const range =
      described?.minimum !== undefined && described.maximum !== undefined
        ? ` ${described.minimum}–${described.maximum}`
        : '';
    refuse(out, field, `${field}: ${values ? `must be one of ${list(values)}` : issue.message}.`, {
      ...(values ? { allowed: values } : {}),
      ...(described && !values
        ? {
            hint: `${key} takes ${described.type === 'integer' ? 'an integer' : `a ${described.type}`}${range} here.`,
          }
        : {}),
    });
  }
  // Keep what did parse, so the other checks still see it.
  for (const [key, value] of Object.entries(given)) {
    const field = rules.options.shape[key];
    if (field && field.safeParse(value).success) out.options[key] = value;
  }
}

function checkImage(rules: RouteRules, input: RuleInput, out: Outcome): void {
  const request = ImageFields.safeParse(input.request);
  const fields = request.success ? request.data : {};
  const images = input.inputs.filter((i) => i.role !== 'mask').sort((a, b) => a.index - b.index);
  const call: CallKind = images.length > 0 ? 'edit' : 'generate';
  const format = fields.outputFormat ?? rules.defaultOutputFormat;

  if (
    fields.outputFormat !== undefined &&
    rules.outputFormats &&
    !rules.outputFormats.includes(fields.outputFormat)
  ) {
    refuse(
      out,
      'outputFormat',
      `outputFormat must be one of ${list(rules.outputFormats)} (got "${fields.outputFormat}").`,
      { allowed: rules.outputFormats },
    );
  }
  for (const [option, only] of Object.entries(rules.callOnly ?? {})) {
    if (out.options[option] === undefined || only === call) continue;
    delete out.options[option];
    out.warnings.push({
      type: 'unsupported',
      setting: `providerOptions.${input.route.provider}.${option}`,
      message: `${option} applies to ${only === 'edit' ? 'edits (calls with input images)' : 'generations without input images'} only; it was not sent.`,
    });
  }
  for (const [option, formats] of Object.entries(rules.formatOnly ?? {})) {
    if (out.options[option] === undefined || (format !== undefined && formats.includes(format)))
      continue;
    refuse(
      out,
      `providerOptions.${input.route.provider}.${option}`,
      `${option} applies to ${formats.join(' and ')} output only (this request makes ${format ?? 'the default format'}).`,
      {
        hint: `Drop it, or ask for --format ${formats.join(' or ')}.`,
      },
    );
  }
  if (fields.background === 'transparent') {
    if (
      rules.transparentFormats &&
      (format === undefined || !rules.transparentFormats.includes(format))
    ) {
      refuse(
        out,
        'outputFormat',
        `A transparent background needs ${rules.transparentFormats.join(' or ')} output (got ${format ?? 'the default format'}).`,
        {
          allowed: rules.transparentFormats,
        },
      );
    } else if (rules.transparencyPreview) {
      out.warnings.push({
        type: 'other',
        setting: 'background',
        message: rules.transparencyPreview,
      });
    }
  }
  if (rules.noPrompt)
    out.warnings.push({ type: 'unsupported', setting: 'prompt', message: rules.noPrompt });
  checkAspect(rules, input, fields.aspectRatio, out);
  checkPixels(rules, fields.size, out);
  checkResolution(rules, fields.resolution, out);
  checkImages(rules, images, out);
  checkMask(
    rules,
    images,
    input.inputs.find((i) => i.role === 'mask'),
    out,
  );

  for (const d of rules.defaults ?? []) {
    if (out.options[d.option] !== undefined || !(d.option in rules.options.shape)) continue;
    if (d.call && d.call !== call) continue;
    if (d.formats && (format === undefined || !d.formats.includes(format))) continue;
    if (d.withImage && images.length === 0) continue;
    out.options[d.option] = d.value;
  }
}

function checkAspect(
  rules: RouteRules,
  input: RuleInput,
  ratio: string | undefined,
  out: Outcome,
): void {
  if (ratio === undefined) return;
  if (rules.aspectRatios && !rules.aspectRatios.includes(ratio)) {
    refuse(
      out,
      'aspectRatio',
      `aspectRatio must be one of ${list(rules.aspectRatios)} (got "${ratio}").`,
      { allowed: rules.aspectRatios },
    );
  }
  const range = rules.aspectRange;
  if (!range) return;
  const value = parseRatio(ratio);
  const widest = parseRatio(range.widest);
  const tallest = parseRatio(range.tallest);
  if (value <= widest + 1e-9 && value >= tallest - 1e-9) return;
  const listed = input.entry.modality === 'image' ? input.entry.image.aspectRatios : [];
  const within = listed.filter(
    (r) => parseRatio(r) <= widest + 1e-9 && parseRatio(r) >= tallest - 1e-9,
  );
  refuse(
    out,
    'aspectRatio',
    `aspectRatio must lie between ${range.widest} and ${range.tallest} (got "${ratio}").`,
    {
      allowed: within.length ? within : [range.widest, range.tallest],
    },
  );
}

function checkPixels(rules: RouteRules, size: string | undefined, out: Outcome): void {
  const bounds = rules.pixels;
  if (!bounds || size === undefined || !/^\d+x\d+$/.test(size)) return;
  const { width, height } = parseSize(size);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const problems: string[] = [];
  if (width % bounds.multipleOf || height % bounds.multipleOf)
    problems.push(`both sides must be multiples of ${bounds.multipleOf}`);
  if (long > bounds.maxEdge) problems.push(`no side may exceed ${bounds.maxEdge}`);
  if (short === 0 || long / short > bounds.maxAspect)
    problems.push(`the long side may be at most ${bounds.maxAspect}× the short side`);
  if (width * height < bounds.minPixels || width * height > bounds.maxPixels) {
    problems.push(
      `the area must be between ${bounds.minPixels.toLocaleString('en-US')} and ${bounds.maxPixels.toLocaleString('en-US')} pixels`,
    );
  }
  if (problems.length) {
    refuse(out, 'size', `size ${size} is not allowed: ${problems.join('; ')}.`);
  } else if (
    bounds.experimentalAbovePixels !== undefined &&
    width * height > bounds.experimentalAbovePixels
  ) {
    out.warnings.push({
      type: 'other',
      setting: 'size',
      message: `${bounds.experimentalNote ?? 'This size is experimental'} (${size}).`,
    });
  }
}

function checkResolution(rules: RouteRules, resolution: string | undefined, out: Outcome): void {
  if (!rules.resolutions || resolution === undefined) return;
  const tiers = Object.keys(rules.resolutions);
  // A model without tiers makes ≈1K images: "1K" is what it does anyway, and is not sent.
  if (tiers.length === 0 && resolution === '1K') return;
  if (tiers.includes(resolution)) return;
  const allowed = tiers.length ? tiers : ['1K'];
  refuse(out, 'resolution', `resolution must be one of ${list(allowed)} (got "${resolution}").`, {
    allowed,
  });
}

const inputField = (i: InputImageInfo) =>
  i.role === 'mask' ? 'inputs.mask' : `inputs.images[${i.index}]`;

function checkImages(rules: RouteRules, images: readonly InputImageInfo[], out: Outcome): void {
  const limits = rules.images;
  if (!limits) return;
  if (limits.min !== undefined && images.length < limits.min) {
    refuse(
      out,
      `inputs.images[${images.length}]`,
      `This endpoint needs ${limits.min === 1 ? 'an input image' : `${limits.min} input images`} to work on (got ${images.length}).`,
      {
        hint: 'Give it the image to work on: --image <file> with atelier generate, inputs.images through the API.',
      },
    );
  }
  if (limits.max !== undefined && images.length > limits.max) {
    const extra = images[limits.max] as InputImageInfo;
    refuse(
      out,
      inputField(extra),
      `This endpoint takes at most ${limits.max} input image${limits.max === 1 ? '' : 's'} (got ${images.length}).`,
      {
        hint: 'Send fewer images.',
      },
    );
  }
  for (const image of images) {
    if (!limits.types.includes(image.mediaType)) {
      refuse(
        out,
        inputField(image),
        `Input images must be ${limits.types.join(', ')} (got ${image.mediaType}).`,
        { allowed: limits.types },
      );
    }
    if (limits.maxBytes !== undefined && image.byteSize >= limits.maxBytes) {
      refuse(
        out,
        inputField(image),
        `Each input image must be smaller than ${mb(limits.maxBytes)} (this one is ${mb(image.byteSize)}).`,
      );
    }
  }
  if (limits.maxRequestBytes !== undefined) {
    // Inline images travel as base64: four characters for every three bytes.
    const total = images.reduce((s, i) => s + Math.ceil(i.byteSize / 3) * 4, 0);
    if (total > limits.maxRequestBytes) {
      refuse(
        out,
        inputField(images.at(-1) as InputImageInfo),
        `The input images together come to ${mb(total)} as sent; one request takes at most ${mb(limits.maxRequestBytes)}.`,
        {
          hint: 'Send fewer or smaller images.',
        },
      );
    }
  }
}

function checkMask(
  rules: RouteRules,
  images: readonly InputImageInfo[],
  mask: InputImageInfo | undefined,
  out: Outcome,
): void {
  const m = rules.mask;
  if (!mask || !m) return;
  if (!m.types.includes(mask.mediaType)) {
    refuse(
      out,
      'inputs.mask',
      `The mask must be ${m.types.map((t) => t.replace('image/', '').toUpperCase()).join(' or ')} (got ${mask.mediaType}).`,
      { allowed: m.types },
    );
  } else if (m.alpha && !mask.hasAlpha) {
    refuse(
      out,
      'inputs.mask',
      'The mask needs an alpha channel: its fully transparent pixels mark the area to edit.',
      {
        hint: 'Save the mask as a PNG with transparency (RGBA).',
      },
    );
  }
  if (m.maxBytes !== undefined && mask.byteSize >= m.maxBytes) {
    refuse(
      out,
      'inputs.mask',
      `The mask must be smaller than ${mb(m.maxBytes)} (it is ${mb(mask.byteSize)}).`,
    );
  }
  const first = images[0];
  if (m.sameSizeAsImage && first && (first.width !== mask.width || first.height !== mask.height)) {
    refuse(
      out,
      'inputs.mask',
      `The mask must have the image's size, ${first.width}x${first.height} (it is ${mask.width}x${mask.height}).`,
      {
        allowed: [`${first.width}x${first.height}`],
      },
    );
  }
}
