import type { ModelEntry, Route } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import {
  describeProviderOptions,
  providerOptionsSchema,
  type ProviderOptionField,
  type Warning,
} from '@atelier/core/providers';
import type { z } from 'zod';

/*
 * `-o key=value` provider options, the simonw/llm way: given as strings, typed by the schema
 * each model's route reads its namespace with (core's providerOptionsSchema), and sent in that
 * route's namespace of `providerOptions`, where the plan checks them. `-o openai.moderation=low`
 * names the namespace outright.
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

/**
 * The value typed as the field takes it. Only typing: a value no reading of which the field
 * takes is sent as its likeliest reading, and the plan refuses it naming the field and what it
 * allows (one check, the planner's).
 */
function typed(field: z.ZodType | undefined, raw: string): unknown {
  const readings = candidates(raw);
  return readings.find((v) => field?.safeParse(v).success) ?? readings.at(-1);
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
  /** Per model (same order as given): its options, for its route's namespace. */
  perModel: Record<string, unknown>[];
  /** Per model: options given for other models, reported rather than dropped. */
  warnings: Warning[][];
}

/**
 * Puts each pair in the namespace of the models whose route reads it (a namespace given as
 * `-o bfl.guidance=…` limits it to that provider); an option only some models take is a
 * warning for the others. An option no model takes goes to all of them, so the plan refuses it
 * naming the field and what each route takes. Models without a route (`undefined`, refused by
 * the plan already) get nothing.
 */
export function resolveOptions(
  pairs: readonly OptionPair[],
  models: readonly (Routed | undefined)[],
): ResolvedOptions {
  const perModel: Record<string, unknown>[] = models.map(() => ({}));
  const warnings: Warning[][] = models.map(() => []);
  const routed = models.flatMap((m) => (m ? [m] : []));
  for (const pair of pairs) {
    const inNamespace = routed.filter(
      (m) => !pair.namespace || pair.namespace === m.route.provider,
    );
    if (routed.length > 0 && inNamespace.length === 0) {
      throw new AtelierError(
        'invalid_input',
        `-o ${pair.given}: no model in this run is served through ${pair.namespace}.`,
        {
          hint: `Routes in this run: ${routed.map((m) => `${m.label} (${m.route.provider})`).join(', ')}.`,
          details: { field: 'option', allowed: [...new Set(routed.map((m) => m.route.provider))] },
        },
      );
    }
    const takers = inNamespace.filter((m) => Object.hasOwn(schemaOf(m)?.shape ?? {}, pair.key));
    const targets = takers.length ? takers : inNamespace;
    models.forEach((m, i) => {
      if (!m) return;
      if (targets.includes(m)) {
        const shape = schemaOf(m)?.shape ?? {};
        const field = Object.hasOwn(shape, pair.key) ? (shape[pair.key] as z.ZodType) : undefined;
        (perModel[i] ??= {})[pair.key] = typed(field, pair.raw);
        return;
      }
      warnings[i]?.push({
        type: 'unsupported',
        setting: `providerOptions.${m.route.provider}.${pair.key}`,
        message: `${m.route.provider} has no option "${pair.key}" for ${m.label}; it was not sent.`,
      });
    });
  }
  return { perModel, warnings };
}
