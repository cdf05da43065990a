import type { Provider } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import {
  BflImageOptions,
  GoogleImageOptions,
  OpenAIImageOptions,
  VertexVideoOptions,
  type ProviderOptions,
  type Warning,
} from '@atelier/core/providers';
import { describeIssues } from '@atelier/core/validate';
import { z } from 'zod';

/*
 * `-o key=value` provider options, the simonw/llm way: typed as strings, checked against the
 * schema of the adapter that serves each model, and sent in that provider's namespace of
 * `providerOptions`. `-o openai.moderation=low` names the namespace outright.
 */

export type Kind = 'image' | 'video';

type OptionsSchema = z.ZodObject;

/** Which schema each adapter reads its namespace with (fal routes take none yet). */
const SCHEMAS: Record<Kind, Partial<Record<Provider, OptionsSchema>>> = {
  image: {
    openai: OpenAIImageOptions,
    google: GoogleImageOptions,
    vertex: GoogleImageOptions,
    bfl: BflImageOptions,
  },
  video: { vertex: VertexVideoOptions },
};

export function optionsSchema(kind: Kind, provider: Provider): OptionsSchema | undefined {
  return SCHEMAS[kind][provider];
}

export interface OptionPair {
  given: string;
  namespace?: string;
  key: string;
  raw: string;
}

/** `output_compression` and `output-compression` mean `outputCompression`. */
function camelCase(key: string): string {
  return key.replace(/[-_]+([a-z0-9])/gi, (_, ch: string) => ch.toUpperCase());
}

export function parseOptionPairs(values: readonly string[] | undefined): OptionPair[] {
  return (values ?? []).map((given) => {
    const eq = given.indexOf('=');
    if (eq <= 0) {
      throw new AtelierError('invalid_input', `-o ${given}: expected key=value.`, {
        hint: 'e.g. -o moderation=low; --options lists what each model takes.',
      });
    }
    const name = given.slice(0, eq).trim();
    const dot = name.indexOf('.');
    return {
      given,
      namespace: dot > 0 ? name.slice(0, dot).toLowerCase() : undefined,
      key: camelCase(dot > 0 ? name.slice(dot + 1) : name),
      raw: given.slice(eq + 1),
    };
  });
}

/** The string as typed first, then the number or boolean it spells, for schemas that want those. */
function candidates(raw: string): unknown[] {
  const out: unknown[] = [raw];
  if (raw === 'true' || raw === 'false') out.push(raw === 'true');
  if (raw.trim() !== '' && Number.isFinite(Number(raw))) out.push(Number(raw));
  return out;
}

function coerce(field: z.ZodType, pair: OptionPair): unknown {
  let failure: z.ZodError | undefined;
  for (const value of candidates(pair.raw)) {
    const result = field.safeParse(value);
    if (result.success) return result.data;
    failure = result.error;
  }
  const issues = (failure?.issues ?? []).map((issue) => ({ ...issue, path: [pair.key] }));
  throw new AtelierError('invalid_input', `-o ${pair.given}: ${describeIssues(issues)}`, {
    details: { option: pair.key, issues: issues.map((i) => i.message) },
  });
}

export interface OptionDescription {
  key: string;
  /** "auto | low", "integer 0–100", "boolean". */
  accepts: string;
}

interface JsonSchemaField {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** What each option accepts, read from its zod schema (so help never drifts from validation). */
export function describeOptions(schema: OptionsSchema): OptionDescription[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, JsonSchemaField>;
  };
  return Object.entries(json.properties ?? {}).map(([key, f]) => {
    let accepts = f.enum ? f.enum.map(String).join(' | ') : (f.type ?? 'any');
    if (f.minimum !== undefined && f.maximum !== undefined) accepts += ` ${f.minimum}–${f.maximum}`;
    if (f.pattern?.startsWith('^gs:')) accepts += ' (gs://bucket/prefix)';
    return { key, accepts };
  });
}

function listOptions(schema: OptionsSchema | undefined): string {
  if (!schema) return 'none';
  return describeOptions(schema)
    .map((o) => `${o.key} (${o.accepts})`)
    .join(', ');
}

export interface Routed {
  label: string;
  provider: Provider;
}

export interface ResolvedOptions {
  providerOptions: ProviderOptions;
  /** Per model (same order as given): options it does not take, reported rather than dropped. */
  warnings: Warning[][];
}

/**
 * Validates every pair against the schema of each model's provider. An option no model takes, or a
 * value its schema refuses, is a usage error naming the field and what it accepts; an option only
 * some models take goes to those and is a warning for the others.
 */
export function resolveOptions(
  kind: Kind,
  pairs: readonly OptionPair[],
  models: readonly Routed[],
): ResolvedOptions {
  const providerOptions: ProviderOptions = {};
  const warnings: Warning[][] = models.map(() => []);
  for (const pair of pairs) {
    const takers = models.filter((m) => {
      if (pair.namespace && pair.namespace !== m.provider) return false;
      return Object.hasOwn(optionsSchema(kind, m.provider)?.shape ?? {}, pair.key);
    });
    if (takers.length === 0) {
      const available = [...new Set(models.map((m) => m.provider))]
        .filter((p) => !pair.namespace || p === pair.namespace)
        .map((p) => `${p}: ${listOptions(optionsSchema(kind, p))}`);
      throw new AtelierError(
        'invalid_input',
        `-o ${pair.given}: no model in this run takes "${pair.namespace ? `${pair.namespace}.` : ''}${pair.key}".`,
        {
          hint: available.length
            ? `Options by provider: ${available.join('; ')}.`
            : `No model in this run is served through ${pair.namespace}.`,
          details: { option: pair.key },
        },
      );
    }
    for (const m of takers) {
      const schema = optionsSchema(kind, m.provider);
      const field = schema?.shape[pair.key] as z.ZodType | undefined;
      if (!field) continue;
      const value = coerce(field, pair);
      (providerOptions[m.provider] ??= {})[pair.key] = value;
    }
    models.forEach((m, i) => {
      if (takers.includes(m)) return;
      warnings[i]?.push({
        type: 'unsupported',
        setting: `providerOptions.${pair.key}`,
        message: `${m.provider} has no option "${pair.key}" for ${m.label}; it was not sent.`,
      });
    });
  }
  return { providerOptions, warnings };
}
