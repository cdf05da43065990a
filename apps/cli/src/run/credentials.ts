import type { Provider } from '@atelier/core/catalog';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import { resolveVertex, type ProviderSettings } from '@atelier/core/providers';
import {
  findKey,
  KEY_ENV,
  KeyName,
  missingKeyError,
  type KeySources,
} from '@atelier/core/providers/keys';

/**
 * Which providers a run can call, decided before anything is sent: the routes are chosen the way
 * the runner will choose them, and a missing key stops the run (exit 2) instead of failing each
 * model after the spending gate.
 */
export interface Credentials {
  /** Settings the routes are chosen with. */
  settings: ProviderSettings;
  /** The error a call through this provider would fail with for want of a key, if any. */
  missing(provider: Provider): Promise<AtelierError | undefined>;
}

/** Keys as the adapters of this process find them (explicit, key store, environment). */
export function localCredentials(settings: ProviderSettings): Credentials {
  return {
    settings,
    async missing(provider) {
      const name = KeyName.safeParse(provider);
      if (!name.success) return undefined;
      // As the adapters read them: the settings' own environment unless the keys name another.
      const sources: KeySources = { ...settings.keys, env: settings.keys?.env ?? settings.env };
      try {
        if (name.data === 'vertex') await resolveVertex(settings.vertex ?? {}, sources);
        else if (!(await findKey(name.data, sources))) return missingKeyError(name.data);
      } catch (error) {
        if (isAtelierError(error) && error.code === 'auth') return error;
        throw error;
      }
      return undefined;
    },
  };
}

/** Stands for a key the server holds: only its presence is known here, never its value. */
const HELD_BY_SERVER = 'atelier-key-held-by-the-studio-server';

/**
 * A studio server's keys, from `keys.list` (which providers have one and where from). Vertex
 * passes unchecked: the server may authenticate with Application Default Credentials, which
 * the list cannot show.
 */
export function serverCredentials(
  url: string,
  status: readonly { provider: string; set: boolean }[],
): Credentials {
  const held = status.filter((s) => s.set).map((s) => s.provider);
  const explicit = Object.fromEntries(held.map((p) => [p, HELD_BY_SERVER]));
  return {
    settings: { env: {}, keys: { explicit, store: null, env: {} } },
    missing(provider) {
      const name = KeyName.safeParse(provider);
      if (!name.success || name.data === 'vertex' || held.includes(name.data))
        return Promise.resolve(undefined);
      const base = missingKeyError(name.data);
      return Promise.resolve(
        new AtelierError('auth', `${base.message.replace(/\.$/, '')} on the studio at ${url}.`, {
          hint: `An admin adds it in the studio's settings, or sets ${KEY_ENV[name.data].join(' or ')} where the studio runs.`,
          details: base.details,
        }),
      );
    },
  };
}
