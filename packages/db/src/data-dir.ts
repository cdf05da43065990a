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
