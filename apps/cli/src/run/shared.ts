import { readFileSync } from 'node:fs';
import type { Catalog, Provider } from '@atelier/core/catalog';
import { AtelierError } from '@atelier/core/errors';
import { usd } from '@atelier/core/money';
import { providerOptionsSchema, selectRoute, type ProviderSettings } from '@atelier/core/providers';
import { z } from 'zod';
import type { Output } from '../command.ts';
import { confirmThreshold } from './gate.ts';
import type { RunFlags } from './execute.ts';
import { describeOptions, type OptionDescription } from './options.ts';
import type { ModelPick } from './picks.ts';

/** What `generate` and `video` share: run flags, the prompt, settings, and `--options`. */

export const POLL_INTERVAL_ENV = 'ATELIER_POLL_INTERVAL_MS';

/** Flags of every paid run; commander hands them over camelCased. */
export const RunFlagsShape = {
  model: z.array(z.string()).optional(),
  option: z.array(z.string()).optional(),
  out: z.string().trim().min(1, 'must name a folder').default('atelier-out'),
  dryRun: z.boolean().default(false),
  yes: z.boolean().default(false),
  maxCost: z.string().optional(),
  confirmAbove: z.string().optional(),
  json: z.boolean().default(false),
  options: z.boolean().default(false),
  server: z.string().optional(),
};

export function runFlags(f: {
  out: string;
  dryRun: boolean;
  yes: boolean;
  maxCost?: string;
  confirmAbove?: string;
  json: boolean;
  server?: string;
}): RunFlags & { server?: string } {
  return {
    json: f.json,
    dryRun: f.dryRun,
    yes: f.yes,
    ...(f.maxCost === undefined ? {} : { maxCost: usd(f.maxCost) }),
    confirmAbove: confirmThreshold(f.confirmAbove),
    out: f.out,
    ...(f.server === undefined ? {} : { server: f.server }),
  };
}

/** The settings that were given (flags left out are absent, not undefined). */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** The prompt argument, or stdin when it is "-". */
export function readPrompt(arg: unknown): string {
  const given = typeof arg === 'string' ? arg : '';
  const text = given === '-' ? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8')) : given;
  if (!text.trim()) {
    throw new AtelierError(
      'invalid_input',
      'Give a prompt: the first argument, quoted ("-" reads stdin).',
    );
  }
  return text.trim();
}

/**
 * Environment settings for the adapters. ATELIER_POLL_INTERVAL_MS shortens the wait between
 * status checks of queued jobs (useful against the local emulators); providers' defaults otherwise.
 */
export function cliSettings(env: NodeJS.ProcessEnv = process.env): {
  settings: ProviderSettings;
  pollIntervalMs?: number;
} {
  const raw = env[POLL_INTERVAL_ENV]?.trim();
  if (!raw) return { settings: { env } };
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new AtelierError(
      'invalid_input',
      `${POLL_INTERVAL_ENV}="${raw}" is not a whole number of milliseconds.`,
    );
  }
  return { settings: { env, pollIntervalMs: ms }, pollIntervalMs: ms };
}

interface ModelOptions {
  model: string;
  modelId: string;
  provider: Provider;
  options: OptionDescription[];
}

/** `--options`: what `-o` accepts for each model's route, read from the schemas that validate it. */
export async function listOptions(
  picks: readonly ModelPick[],
  catalog: Catalog,
  settings: ProviderSettings,
): Promise<Output> {
  const rows: ModelOptions[] = [];
  for (const pick of picks) {
    const entry = catalog.resolve(pick.name);
    const route = await selectRoute(entry, pick.provider, settings);
    const schema = providerOptionsSchema(route, entry);
    rows.push({
      model: pick.given,
      modelId: entry.id,
      provider: route.provider,
      options: schema ? describeOptions(schema) : [],
    });
  }
  return {
    data: { models: rows },
    text: (s) =>
      rows
        .map((r) => {
          const head = `${s.c.bold(r.modelId)} via ${r.provider}`;
          if (!r.options.length) return `${head}\n  ${s.c.dim('no provider options')}`;
          const table = s.table(
            ['-o option', 'Accepts'],
            r.options.map((o) => [o.key, o.accepts]),
          );
          return `${head}\n${table
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n')}`;
        })
        .join('\n\n'),
  };
}
