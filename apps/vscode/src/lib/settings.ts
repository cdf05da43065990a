import { z } from 'zod';

/**
 * The extension's settings (contributes.configuration), read through one schema so a bad value
 * is reported with its setting name and what it allows instead of being ignored.
 */

const StudioUrl = z
  .string()
  .trim()
  .refine(
    (s) => s === '' || /^https?:\/\/[^\s/]+/.test(s),
    'must be an http:// or https:// URL, or empty',
  )
  .transform((s) => s.replace(/\/+$/, ''));

const OutputFolder = z
  .string()
  .trim()
  .min(1, 'must name a folder of the workspace')
  .refine((s) => !s.split(/[\\/]/).includes('..'), 'must stay inside the workspace (no "..")')
  .refine((s) => !/^([A-Za-z]:)?[\\/]/.test(s), 'must be relative to the workspace folder');

export const Settings = z.object({
  studioUrl: StudioUrl.default(''),
  outputFolder: OutputFolder.default('assets/generated'),
  confirmAboveUsd: z
    .number({ error: 'must be a number of US dollars' })
    .min(0, 'must be 0 or more (0 asks before every run)')
    .max(10_000, 'must be at most 10000')
    .default(0.5),
  cliPath: z.string().trim().default(''),
});
export type Settings = z.output<typeof Settings>;

export const SETTING_KEYS = ['studioUrl', 'outputFolder', 'confirmAboveUsd', 'cliPath'] as const;

export class SettingsError extends Error {}

/** Reads raw values (undefined: unset) into settings; throws naming `atelier.<key>` at fault. */
export function parseSettings(
  raw: Partial<Record<(typeof SETTING_KEYS)[number], unknown>>,
): Settings {
  const result = Settings.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue?.path[0] ?? 'settings');
  throw new SettingsError(`Setting atelier.${key} ${issue?.message ?? 'is not valid'}.`);
}

/** The plan's threshold in micro-USD, computed without floating-point drift ($0.5 → 500000). */
export function confirmAboveMicros(settings: Settings): number {
  return Math.round(settings.confirmAboveUsd * 1_000_000);
}
