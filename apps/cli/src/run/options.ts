import type { ModelEntry, Route } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import {
  describeProviderOptions,
  providerOptionsSchema,
  type ProviderOptionField,
  type ProviderOptions,
  type Warning,
} from '@atelier/core/providers';
import { describeIssues } from '@atelier/core/validate';
import type { z } from 'zod';

/*
 * `-o key=value` provider options, the simonw/llm way: typed as strings, checked against the
 * schema the adapter of each model's route reads its namespace with (core's
 * providerOptionsSchema), and sent in that provider's namespace of `providerOptions`.
 * `-o openai.moderation=low` names the namespace outright.
 */

export type Kind = 'image' | 'video';

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
  description?: string;
}

function acceptsText(f: ProviderOptionField): string {
  let accepts = f.allowed ? f.allowed.map(String).join(' | ') : f.type;
  if (f.minimum !== undefined && f.maximum !== undefined) accepts += ` ${f.minimum}–${f.maximum}`;
  if (f.pattern?.startsWith('^gs:')) accepts += ' (gs://bucket/prefix)';
  return accepts;
}

/** What each option accepts, read from its zod schema (so help never drifts from validation). */
export function describeOptions(schema: z.ZodObject): OptionDescription[] {
  return describeProviderOptions(schema).map((f) => ({
    key: f.name,
    accepts: acceptsText(f),
    ...(f.description ? { description: f.description } : {}),
  }));
}

function listOptions(schema: z.ZodObject | undefined): string {
  const options = schema ? describeOptions(schema) : [];
  return options.length ? options.map((o) => `${o.key} (${o.accepts})`).join(', ') : 'none';
}

export interface Routed {
  label: string;
  entry: ModelEntry;
  route: Route;
}

/** The schema a model's route reads its options with. */
function schemaOf(m: Routed): z.ZodObject | undefined {
  return providerOptionsSchema(m.route, m.entry);
}

export interface ResolvedOptions {
  /** Per model (same order as given): its options, in its provider's namespace, as sent. */
  perModel: Record<string, unknown>[];
  /** Every model's options by namespace, for a run that sends all models one request. */
  providerOptions: ProviderOptions;
  /** Per model: options it does not take, reported rather than dropped. */
  warnings: Warning[][];
}

/**
 * Validates every pair against the schema of each model's route. An option no model takes, or
 * a value a schema refuses, is a usage error naming the field and what it accepts; an option
 * only some models take goes to those and is a warning for the others.
 */
export function resolveOptions(
  pairs: readonly OptionPair[],
  models: readonly Routed[],
): ResolvedOptions {
  const perModel: Record<string, unknown>[] = models.map(() => ({}));
  const providerOptions: ProviderOptions = {};
  const warnings: Warning[][] = models.map(() => []);
  for (const pair of pairs) {
    const inNamespace = models.filter(
      (m) => !pair.namespace || pair.namespace === m.route.provider,
    );
    const takers = inNamespace.filter((m) => Object.hasOwn(schemaOf(m)?.shape ?? {}, pair.key));
    if (takers.length === 0) {
      const available = [
        ...new Set(
          inNamespace.map((m) => `${m.label} (${m.route.provider}): ${listOptions(schemaOf(m))}`),
        ),
      ];
      throw new AtelierError(
        'invalid_input',
        `-o ${pair.given}: no model in this run takes "${pair.namespace ? `${pair.namespace}.` : ''}${pair.key}".`,
        {
          hint: available.length
            ? `Options by model: ${available.join('; ')}.`
            : `No model in this run is served through ${pair.namespace}.`,
          details: { option: pair.key },
        },
      );
    }
    models.forEach((m, i) => {
      const field = takers.includes(m) ? (schemaOf(m)?.shape[pair.key] as z.ZodType) : undefined;
      if (field) {
        const value = coerce(field, pair);
        (perModel[i] ??= {})[pair.key] = value;
        (providerOptions[m.route.provider] ??= {})[pair.key] = value;
        return;
      }
      warnings[i]?.push({
        type: 'unsupported',
        setting: `providerOptions.${pair.key}`,
        message: `${m.route.provider} has no option "${pair.key}" for ${m.label}; it was not sent.`,
      });
    });
  }
  return { perModel, providerOptions, warnings };
}
