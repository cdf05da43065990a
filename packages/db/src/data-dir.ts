import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Atelier keeps its data when no PostgreSQL URL is given: `ATELIER_DATA_DIR`, else the
 * platform's per-user data folder.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.ATELIER_DATA_DIR) return env.ATELIER_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'atelier');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'atelier');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'atelier');
}

/** Whether a process with this id exists (on this machine). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Folders that hold prompts, images, keys and the database are the owner's only (0700). Missing
 * folders (and missing parents) are made so; an existing folder with a looser mode is left as
 * its owner set it, with a warning, since a shared host may have a reason (a group that runs the
 * studio).
 */
export const PRIVATE_DIR_MODE = 0o700;
/** Files written into those folders (records, assets, thumbnails, the lock). */
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateDir(
  dir: string,
  warn: ((message: string) => void) | undefined = (message) => console.warn(message),
): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32' || !warn) return;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    warn(
      `The data folder ${dir} can be read by other users of this machine (mode ${mode.toString(8)}); \`chmod 700\` keeps its prompts, images and keys private.`,
    );
  }
}
