import { z } from 'zod';
import type { Modality, ModelEntry, Provider, Route } from '../catalog/schema.ts';
import { BflImageOptions } from './bfl.ts';
import { falOptionsSchema } from './fal-options.ts';
import { GoogleImageOptions } from './google.ts';
import { OpenAIImageOptions } from './openai.ts';
import { VertexVideoOptions } from './vertex-video.ts';

/**
 * Which schema each adapter reads its namespace of `providerOptions` with, for every frontend
 * (CLI `-o` and `--options`, API checks at submit, web forms): the same schemas the adapters
 * parse with, so help and validation never drift apart.
 */

const BY_PROVIDER: Record<Modality, Partial<Record<Provider, z.ZodObject>>> = {
  image: { openai: OpenAIImageOptions, google: GoogleImageOptions, vertex: GoogleImageOptions, bfl: BflImageOptions },
  video: { vertex: VertexVideoOptions },
};

/**
 * The strict schema `providerOptions[provider]` is checked with when `target` serves `model`
 * (a catalog entry, or just its modality). fal's options depend on the endpoint: give the route,
 * or the entry so its fal route can be found. Undefined when nothing reads options there (no
 * adapter for that provider and modality, or fal without an endpoint to go by).
 */
export function providerOptionsSchema(target: Route | Provider, model: ModelEntry | Modality): z.ZodObject | undefined {
  const modality = typeof model === 'string' ? model : model.modality;
  const provider = typeof target === 'string' ? target : target.provider;
  if (provider !== 'fal') return BY_PROVIDER[modality][provider];
  const endpoint =
    typeof target === 'string'
      ? typeof model === 'string'
        ? undefined
        : (model.routes.find((r) => r.provider === 'fal' && r.status !== 'retired') ?? model.routes.find((r) => r.provider === 'fal'))?.providerModelId
      : target.providerModelId;
  return endpoint === undefined ? undefined : falOptionsSchema(modality, endpoint);
}

/** One option as help shows it: `-o name=value`. */
export interface ProviderOptionField {
  /** The key in `providerOptions[provider]`. */
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  /** The only values accepted, when the field is an enumeration. */
  allowed?: (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  /** A regular expression string values must match. */
  pattern?: string;
  description?: string;
}

interface JsonField {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonField[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  description?: string;
}

const FIELD_TYPES = new Set<ProviderOptionField['type']>(['string', 'number', 'integer', 'boolean', 'array', 'object']);

function fieldType(f: JsonField, allowed: unknown[] | undefined): ProviderOptionField['type'] {
  const declared = f.type ?? f.anyOf?.find((a) => a.type)?.type;
  if (declared === 'number' && allowed?.length && allowed.every((v) => Number.isInteger(v))) return 'integer';
  if (declared && FIELD_TYPES.has(declared as ProviderOptionField['type'])) return declared as ProviderOptionField['type'];
  const first = allowed?.[0];
  if (typeof first === 'number') return Number.isInteger(first) ? 'integer' : 'number';
  if (typeof first === 'boolean') return 'boolean';
  return 'string';
}

/** The fields of an options schema, read from the schema itself (JSON Schema of its input). */
export function describeProviderOptions(schema: z.ZodObject): ProviderOptionField[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonField> };
  return Object.entries(json.properties ?? {}).map(([name, f]) => {
    const literals = f.anyOf?.every((a) => 'const' in a) ? f.anyOf.map((a) => a.const) : undefined;
    const allowed = (f.enum ?? literals) as (string | number | boolean)[] | undefined;
    const description = f.description ?? f.anyOf?.find((a) => a.description)?.description;
    const field: ProviderOptionField = { name, type: fieldType(f, allowed) };
    if (allowed) field.allowed = allowed;
    if (f.minimum !== undefined) field.minimum = f.minimum;
    if (f.maximum !== undefined) field.maximum = f.maximum;
    if (f.pattern !== undefined) field.pattern = f.pattern;
    if (description !== undefined) field.description = description;
    return field;
  });
}
