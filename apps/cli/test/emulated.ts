import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { atelier, type Run } from './cli.ts';

/**
 * The provider emulators plus a scratch folder, for running the built CLI against them: the
 * child gets the emulators' environment only through variables, as a user's shell would give it.
 */

/** Every variable a provider key or project is read from; blanked so the host's never leak in. */
export const PROVIDER_VARIABLES = [
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_CLOUD_API_KEY',
  'ATELIER_VERTEX_API_KEY',
  'ATELIER_VERTEX_ACCESS_TOKEN',
  'GOOGLE_CLOUD_PROJECT',
  'GOOGLE_CLOUD_LOCATION',
  'FAL_KEY',
  'BFL_API_KEY',
  'ATELIER_CONFIRM_ABOVE',
  'ATELIER_SERVER',
  'ATELIER_TOKEN',
  'DATABASE_URL',
];

export interface Sandbox {
  emulators: AllEmulators;
  /** Temporary working directory; outputs land in `<dir>/atelier-out` by default. */
  dir: string;
  configDir: string;
  /** The studio's data folder (embedded database, assets) for in-process runs. */
  dataDir: string;
  env: Record<string, string>;
  run(args: readonly string[], env?: Record<string, string>, input?: string): Promise<Run>;
  /** Every secret the emulators accept, to prove none is ever printed or written. */
  secrets(): string[];
  close(): Promise<void>;
}

export async function startSandbox(): Promise<Sandbox> {
  const emulators = await startAllEmulators({ imageNoise: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-run-'));
  const configDir = join(dir, 'config');
  const dataDir = join(dir, 'data');
  const blank = Object.fromEntries(PROVIDER_VARIABLES.map((v) => [v, '']));
  const env = {
    ...blank,
    ...emulators.env,
    ATELIER_CONFIG_DIR: configDir,
    ATELIER_DATA_DIR: dataDir,
    ATELIER_POLL_INTERVAL_MS: '5',
  };
  return {
    emulators,
    dir,
    configDir,
    dataDir,
    env,
    run: (args, extra = {}, input) => atelier(args, { ...env, ...extra }, { cwd: dir, input }),
    secrets: () =>
      [
        'OPENAI_API_KEY',
        'GEMINI_API_KEY',
        'FAL_KEY',
        'BFL_API_KEY',
        'ATELIER_VERTEX_API_KEY',
        'ATELIER_VERTEX_ACCESS_TOKEN',
        'REPLICATE_API_TOKEN',
        'ARK_API_KEY',
        'DASHSCOPE_API_KEY',
      ].map((v) => emulators.env[v] ?? ''),
    close: async () => {
      await emulators.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests every emulator has received so far. */
export function requestCount(e: AllEmulators): number {
  return [e.openai, e.gemini, e.vertex, e.fal, e.bfl].reduce((n, s) => n + s.requests.length, 0);
}

/** All text files under a folder, concatenated (sidecars), to search for leaks. */
export function sidecarText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.json')) out += readFileSync(join(dir, name), 'utf8');
  }
  return out;
}
