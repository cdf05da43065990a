import { z } from 'zod';
import type { Modality, ModelEntry, Provider, Route } from '../catalog/schema.ts';
import { BflImageOptions } from '../rules/bfl.ts';
import { ByteplusImageOptions, ByteplusVideoOptions } from '../rules/byteplus.ts';
import { DashscopeOptions } from '../rules/dashscope.ts';
import { GoogleImageOptions } from '../rules/google.ts';
import { OpenAIImageOptions } from '../rules/openai.ts';
import { RecraftImageOptions } from '../rules/recraft.ts';
import { ReplicateImageOptions } from '../rules/replicate.ts';
import { StabilityImageOptions } from '../rules/stability.ts';
import { routeRules } from '../rules/routes.ts';
import { VertexVideoOptions } from './vertex-video.ts';

/**
 * Which schema `providerOptions[provider]` is read with, for every frontend (CLI `-o` and
 * `--options`, API checks at submit, web forms): the route's row of the rule tables (rules/),
 * the same one the adapters and the planner check with, so help and validation never drift
 * apart and each model lists only what it takes.
 */

/** Without a model: every option the provider's adapter reads for some model. */
const BY_PROVIDER: Record<Modality, Partial<Record<Provider, z.ZodObject>>> = {
  image: {
    openai: OpenAIImageOptions,
    google: GoogleImageOptions,
    vertex: GoogleImageOptions,
    bfl: BflImageOptions,
    byteplus: ByteplusImageOptions,
    stability: StabilityImageOptions,
    recraft: RecraftImageOptions,
    replicate: ReplicateImageOptions,
    dashscope: DashscopeOptions,
  },
  video: {
    vertex: VertexVideoOptions,
    byteplus: ByteplusVideoOptions,
    dashscope: DashscopeOptions,
  },
};

/**
 * The strict schema `providerOptions[provider]` is checked with when `target` serves `model`
 * (a catalog entry, or just its modality). Given a route, or an entry that has a route of that
 * provider, it is that route's own (per model for OpenAI and Gemini, per endpoint for BFL and
 * fal). Given only a modality, it is every option the provider takes; fal, whose options all
 * depend on the endpoint, then has none. Undefined when nothing reads options there.
 */
export function providerOptionsSchema(
  target: Route | Provider,
  model: ModelEntry | Modality,
): z.ZodObject | undefined {
  const modality = typeof model === 'string' ? model : model.modality;
  const provider = typeof target === 'string' ? target : target.provider;
  const route =
    typeof target !== 'string'
      ? target
      : typeof model === 'string'
        ? undefined
        : (model.routes.find((r) => r.provider === provider && r.status !== 'retired') ??
          model.routes.find((r) => r.provider === provider));
  if (route) return routeRules(route, modality)?.options;
  return provider === 'fal' ? undefined : BY_PROVIDER[modality][provider];
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

const FIELD_TYPES = new Set<ProviderOptionField['type']>([
  'string',
  'number',
  'integer',
  'boolean',
  'array',
  'object',
]);

function fieldType(f: JsonField, allowed: unknown[] | undefined): ProviderOptionField['type'] {
  const declared = f.type ?? f.anyOf?.find((a) => a.type)?.type;
  if (declared === 'number' && allowed?.length && allowed.every((v) => Number.isInteger(v)))
    return 'integer';
  if (declared && FIELD_TYPES.has(declared as ProviderOptionField['type']))
    return declared as ProviderOptionField['type'];
  const first = allowed?.[0];
  if (typeof first === 'number') return Number.isInteger(first) ? 'integer' : 'number';
  if (typeof first === 'boolean') return 'boolean';
  return 'string';
}

/** The fields of an options schema, read from the schema itself (JSON Schema of its input). */
export function describeProviderOptions(schema: z.ZodObject): ProviderOptionField[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, JsonField>;
  };
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
