import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AtelierError } from '@atelier/core/errors';
import { configDir } from '@atelier/core/providers/keys';
import { describeIssues } from '@atelier/core/validate';
import { z } from 'zod';

/**
 * The CLI's settings file, config.json beside keys.json in the config directory: which studio
 * server to talk to and the API token for it. It holds a token, so it is written like the key
 * store (mode 0600 in a 0700 folder) and read through a schema, so a hand-edited file that is
 * wrong fails with the field named rather than somewhere deep inside a request.
 */

export const ServerUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

export const CliConfig = z
  .object({
    version: z.literal(1),
    server: z
      .object({
        url: ServerUrl,
        /** An API token (team mode); absent for a studio in local mode, which asks for none. */
        token: z.string().trim().min(1, 'must not be empty').optional(),
        savedAt: z.iso.datetime().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CliConfig = z.output<typeof CliConfig>;

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json');
}

export async function readConfig(path = configPath()): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1 };
    throw new AtelierError(
      'invalid_input',
      `The config file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AtelierError('invalid_input', `The config file ${path} is not valid JSON.`, {
      hint: 'Fix it, or delete it and run `atelier login <url>` again.',
    });
  }
  const parsed = CliConfig.safeParse(json);
  if (!parsed.success) {
    throw new AtelierError(
      'invalid_input',
      `The config file ${path} is not valid: ${describeIssues(parsed.error.issues)}.`,
      {
        hint: 'Fix that field, or delete the file and run `atelier login <url>` again.',
        details: {
          path,
          issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        },
      },
    );
  }
  return parsed.data;
}

export async function writeConfig(config: CliConfig, path = configPath()): Promise<void> {
  const valid = CliConfig.parse(config);
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  if (process.platform !== 'win32') await chmod(path, 0o600);
}
