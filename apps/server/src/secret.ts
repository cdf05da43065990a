import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AtelierError } from '@atelier/core';

/**
 * The server secret encrypts provider keys at rest. `ATELIER_SECRET` wins; otherwise a random
 * one is generated once into `<dataDir>/secret` (mode 0600) and reused by every later start, and
 * by every instance sharing the data folder. Instances sharing one PostgreSQL database must share
 * the secret too, or they cannot read each other's stored keys.
 */

const MIN_LENGTH = 32;

export async function loadServerSecret(
  dataDir: string,
  fromEnv: string | undefined,
): Promise<string> {
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_LENGTH) {
      throw new AtelierError(
        'invalid_input',
        `ATELIER_SECRET must be at least ${MIN_LENGTH} characters.`,
        {
          hint: 'Use a random value, e.g. `openssl rand -base64 32`.',
        },
      );
    }
    return fromEnv;
  }
  const path = join(dataDir, 'secret');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link() fails if the file exists, so of two processes
  // starting together one wins and the other reads the complete file the winner wrote.
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    await rm(tmp, { force: true });
  }
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0)
    await chmod(path, 0o600);
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < MIN_LENGTH) {
    throw new AtelierError(
      'invalid_input',
      `The server secret in ${path} is shorter than ${MIN_LENGTH} characters.`,
      {
        hint: 'Stored provider keys cannot be read without the secret they were saved with; delete the file only if you will set the keys again.',
      },
    );
  }
  return secret;
}
