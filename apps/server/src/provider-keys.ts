import { KeyName, findKey, type KeyStore, type ProviderSettings } from '@atelier/core';
import type { ProviderKeyStatus, ProviderKeyVault } from '@atelier/api';
import {
  getProviderKey,
  listProviderKeys,
  removeProviderKey,
  setProviderKey,
  type Db,
} from '@atelier/db';

/**
 * The server's provider keys. Resolution for every job: the key stored on the server (encrypted
 * with the server secret) → in local mode, the user's CLI key store (`atelier keys set`) → the
 * environment. Decrypted keys live only in the settings handed to an adapter for one call; they
 * are registered as secrets (findKey does it), so provider errors echoing them are masked.
 */

type Env = Record<string, string | undefined>;

export interface ProviderKeysOptions {
  db: Db;
  secret: string;
  /** The environment keys and base URLs are read from (default process.env). */
  env?: Env;
  /** Local mode also reads the user's CLI key store; team mode never does. */
  cliStore?: KeyStore | null;
  /** Everything else adapters need (retries, timeouts); keys and env are set here. */
  base?: Omit<ProviderSettings, 'keys' | 'env'>;
}

export interface ProviderKeys extends ProviderKeyVault {
  /** Provider settings for a job: the engine's `settings` resolver. */
  settings(): Promise<ProviderSettings>;
}

export function createProviderKeys(opts: ProviderKeysOptions): ProviderKeys {
  const env = opts.env ?? process.env;
  const cliStore = opts.cliStore ?? null;

  async function stored(): Promise<Partial<Record<KeyName, string>>> {
    const out: Partial<Record<KeyName, string>> = {};
    for (const info of await listProviderKeys(opts.db)) {
      const name = KeyName.safeParse(info.provider);
      if (!name.success) continue;
      const value = await getProviderKey(opts.db, name.data, opts.secret);
      if (value) out[name.data] = value;
    }
    return out;
  }

  async function statusOf(name: KeyName): Promise<ProviderKeyStatus> {
    const info = (await listProviderKeys(opts.db)).find((k) => k.provider === name);
    return status(name, info);
  }

  async function status(
    name: KeyName,
    info: Awaited<ReturnType<typeof listProviderKeys>>[number] | undefined,
  ): Promise<ProviderKeyStatus> {
    if (info) {
      return {
        provider: name,
        set: true,
        source: 'stored',
        updatedAt: info.updatedAt.toISOString(),
        ...(info.last4 ? { last4: info.last4 } : {}),
      };
    }
    // Presence only: findKey reads the value, which goes no further than this function.
    const found = await findKey(name, { store: cliStore, env });
    if (!found) return { provider: name, set: false, source: null };
    if (found.source === 'env')
      return {
        provider: name,
        set: true,
        source: 'env',
        ...(found.variable ? { variable: found.variable } : {}),
      };
    return { provider: name, set: true, source: 'cli' };
  }

  return {
    async settings() {
      return { ...opts.base, env, keys: { explicit: await stored(), store: cliStore, env } };
    },
    async list() {
      const infos = await listProviderKeys(opts.db);
      return Promise.all(
        KeyName.options.map((name) =>
          status(
            name,
            infos.find((k) => k.provider === name),
          ),
        ),
      );
    },
    async set(name, value) {
      await setProviderKey(opts.db, name, value, opts.secret);
      return statusOf(name);
    },
    async remove(name) {
      const removed = await removeProviderKey(opts.db, name);
      return { removed, status: await statusOf(name) };
    },
  };
}
