import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { registerSecret } from './errors.ts';

/**
 * Provider credentials. Resolution order: explicit option → the user's key store → environment.
 * Keys are never logged or put in messages; `maskKey` is the only form that leaves this module
 * for display.
 */

export const KeyName = z.enum([
  'openai',
  'google',
  'vertex',
  'fal',
  'bfl',
  'byteplus',
  'stability',
  'recraft',
  'replicate',
  'dashscope',
]);
export type KeyName = z.infer<typeof KeyName>;

/** Environment variables read for each key, first set wins. */
export const KEY_ENV: Record<KeyName, readonly string[]> = {
  openai: ['OPENAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  // Vertex express mode (API key); without one, Vertex uses an access token or Application Default Credentials.
  vertex: ['GOOGLE_CLOUD_API_KEY', 'ATELIER_VERTEX_API_KEY'],
  fal: ['FAL_KEY'],
  bfl: ['BFL_API_KEY'],
  byteplus: ['ARK_API_KEY'],
  stability: ['STABILITY_API_KEY'],
  recraft: ['RECRAFT_API_TOKEN'],
  replicate: ['REPLICATE_API_TOKEN'],
  dashscope: ['DASHSCOPE_API_KEY'],
};

/**
 * A key as a person pastes it, checked before it is stored anywhere (the server's vault, VS
 * Code's SecretStorage): trimmed, long enough to be a key, printable ASCII without spaces.
 */
export const ProviderKeyValue = z
  .string()
  .trim()
  .min(8, 'is too short to be an API key')
  .max(4096, 'is too long to be an API key')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (paste it exactly as issued)');

/** What each key is called in "No … API key is configured." */
const KEY_LABEL: Record<KeyName, string> = {
  openai: 'OpenAI',
  google: 'Gemini',
  vertex: 'Vertex AI',
  fal: 'fal',
  bfl: 'Black Forest Labs',
  byteplus: 'BytePlus ModelArk',
  stability: 'Stability AI',
  recraft: 'Recraft',
  replicate: 'Replicate',
  dashscope: 'DashScope (Alibaba Model Studio)',
};

type Env = Record<string, string | undefined>;

/** The user's config dir: ATELIER_CONFIG_DIR, else the platform's convention. */
export function configDir(
  env: Env = process.env,
  os: string = platform(),
  home: string = homedir(),
): string {
  if (env['ATELIER_CONFIG_DIR']) return env['ATELIER_CONFIG_DIR'];
  if (env['XDG_CONFIG_HOME']) return join(env['XDG_CONFIG_HOME'], 'atelier');
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'atelier');
  if (os === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'atelier');
  return join(home, '.config', 'atelier');
}

/** "sk-…f3Qz": enough to tell keys apart, never enough to use one. */
export function maskKey(key: string): string {
  if (key.length < 12) return '****';
  const prefix = /^(sk-proj-|sk-|AIza)/.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

const StoreFile = z.object({
  version: z.literal(1),
  keys: z.partialRecord(
    KeyName,
    z.object({ value: z.string().min(1), addedAt: z.string() }).strict(),
  ),
});
type StoreFile = z.infer<typeof StoreFile>;

export interface StoredKeyInfo {
  name: KeyName;
  masked: string;
  addedAt: string;
}

/** A JSON file readable by its owner only (mode 0600, in a 0700 directory). */
export class KeyStore {
  readonly path: string;

  constructor(dir: string = configDir()) {
    this.path = join(dir, 'keys.json');
  }

  async get(name: KeyName): Promise<string | undefined> {
    const value = (await this.read()).keys[name]?.value;
    if (value) registerSecret(value);
    return value;
  }

  async set(name: KeyName, value: string, now: Date = new Date()): Promise<StoredKeyInfo> {
    const key = value.trim();
    if (!key) throw new AtelierError('invalid_input', 'The key is empty.');
    if (/\s/.test(key))
      throw new AtelierError(
        'invalid_input',
        'The key contains whitespace; paste it exactly as issued.',
      );
    const file = await this.read();
    file.keys[name] = { value: key, addedAt: now.toISOString() };
    await this.write(file);
    return { name, masked: maskKey(key), addedAt: now.toISOString() };
  }

  async remove(name: KeyName): Promise<boolean> {
    const file = await this.read();
    if (!file.keys[name]) return false;
    delete file.keys[name];
    await this.write(file);
    return true;
  }

  async list(): Promise<StoredKeyInfo[]> {
    const file = await this.read();
    return KeyName.options.flatMap((name) => {
      const entry = file.keys[name];
      return entry ? [{ name, masked: maskKey(entry.value), addedAt: entry.addedAt }] : [];
    });
  }

  private async read(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: {} };
      throw e;
    }
    // A store that others can read is tightened rather than trusted as is.
    if (platform() !== 'win32' && ((await stat(this.path)).mode & 0o077) !== 0)
      await chmod(this.path, 0o600);
    const parsed = StoreFile.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new AtelierError('invalid_input', `The key store ${this.path} is not valid.`, {
        hint: 'Fix or delete the file, then run `atelier keys set <provider>` again.',
      });
    }
    return parsed.data;
  }

  private async write(file: StoreFile): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
    if (platform() !== 'win32') await chmod(this.path, 0o600);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface KeySources {
  /** Explicit keys, e.g. from command-line options. */
  explicit?: Partial<Record<KeyName, string>>;
  /** The key store; `null` disables it. Defaults to the user's store. */
  store?: KeyStore | null;
  env?: Env;
}

export interface ResolvedKey {
  value: string;
  source: 'explicit' | 'store' | 'env';
  /** The variable it came from, when source is env. */
  variable?: string;
}

/** Finds a key without failing; undefined when none is configured. */
export async function findKey(
  name: KeyName,
  sources: KeySources = {},
): Promise<ResolvedKey | undefined> {
  const explicit = sources.explicit?.[name]?.trim();
  if (explicit) {
    registerSecret(explicit);
    return { value: explicit, source: 'explicit' };
  }
  const store = sources.store === undefined ? new KeyStore() : sources.store;
  const stored = store ? await store.get(name) : undefined;
  if (stored) return { value: stored, source: 'store' };
  const env = sources.env ?? process.env;
  for (const variable of KEY_ENV[name]) {
    const value = env[variable]?.trim();
    if (value) {
      registerSecret(value);
      return { value, source: 'env', variable };
    }
  }
  return undefined;
}

/** Like findKey, but a missing key is an 'auth' error that says how to add one. */
export async function resolveKey(name: KeyName, sources: KeySources = {}): Promise<ResolvedKey> {
  const found = await findKey(name, sources);
  if (found) return found;
  throw missingKeyError(name);
}

export function missingKeyError(name: KeyName): AtelierError {
  const vars = KEY_ENV[name].join(' or ');
  return new AtelierError('auth', `No ${KEY_LABEL[name]} API key is configured.`, {
    hint: `Run \`atelier keys set ${name}\` or set ${vars}.`,
    details: { provider: name, variables: [...KEY_ENV[name]] },
  });
}

export interface VertexCredentials {
  project?: string;
  location?: string;
  /** Express-mode API key. */
  apiKey?: string;
  /** An OAuth access token (e.g. `gcloud auth print-access-token`), used instead of ADC. */
  accessToken?: string;
}

/**
 * Vertex needs a project and location, authenticated by Application Default Credentials or an
 * access token (ATELIER_VERTEX_ACCESS_TOKEN), or an express-mode API key.
 */
export const VERTEX_ACCESS_TOKEN_ENV = 'ATELIER_VERTEX_ACCESS_TOKEN';

export async function resolveVertex(
  explicit: VertexCredentials = {},
  sources: KeySources = {},
): Promise<VertexCredentials> {
  const env = sources.env ?? process.env;
  const apiKey = explicit.apiKey?.trim() || (await findKey('vertex', sources))?.value;
  if (apiKey) registerSecret(apiKey);
  const project = explicit.project ?? env['GOOGLE_CLOUD_PROJECT']?.trim();
  const location = explicit.location ?? env['GOOGLE_CLOUD_LOCATION']?.trim();
  const accessToken =
    explicit.accessToken?.trim() || env[VERTEX_ACCESS_TOKEN_ENV]?.trim() || undefined;
  if (accessToken) registerSecret(accessToken);
  if (!apiKey && !project) {
    throw new AtelierError(
      'auth',
      'Vertex AI needs a Google Cloud project (with Application Default Credentials) or an API key.',
      {
        hint: 'Set GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION and run `gcloud auth application-default login`, or run `atelier keys set vertex` (or set GOOGLE_CLOUD_API_KEY) for express mode; ATELIER_VERTEX_ACCESS_TOKEN may stand in for Application Default Credentials.',
        details: {
          provider: 'vertex',
          variables: ['GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_LOCATION', 'GOOGLE_CLOUD_API_KEY'],
        },
      },
    );
  }
  const out: VertexCredentials = {
    project: project || undefined,
    location: project ? location || 'us-central1' : location || undefined,
    apiKey,
  };
  if (accessToken && project) out.accessToken = accessToken;
  return out;
}
