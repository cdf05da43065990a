import { readFileSync } from 'node:fs';
import { AtelierError } from '@atelier/core/errors';
import { findKey, KEY_ENV, KeyName, KeyStore, maskKey } from '@atelier/core/providers/keys';
import type { Invocation, Output } from '../command.ts';

/*
 * `atelier keys set|list|remove|path`: provider keys in keys.json (mode 0600) under the config
 * directory (ATELIER_CONFIG_DIR, else the platform's). A key is read from a hidden prompt or from
 * stdin, never from the command line, so it stays out of shell history; it is shown masked only.
 */

const LABELS: Record<KeyName, string> = {
  openai: 'OpenAI API key',
  google: 'Gemini API key',
  vertex: 'Vertex AI API key (express mode)',
  fal: 'fal key',
  bfl: 'Black Forest Labs API key',
  stability: 'Stability AI API key',
  recraft: 'Recraft API token',
  byteplus: 'BytePlus ModelArk API key',
  replicate: 'Replicate API token',
  dashscope: 'DashScope (Alibaba Model Studio) API key',
};

function keyName(arg: unknown): KeyName {
  const parsed = KeyName.safeParse(String(arg ?? '').toLowerCase());
  if (parsed.success) return parsed.data;
  throw new AtelierError(
    'invalid_input',
    `"${String(arg)}" is not a provider with a key; use one of ${KeyName.options.join(', ')}.`,
    { details: { allowed: KeyName.options } },
  );
}

async function readKey(name: KeyName): Promise<string> {
  if (process.stdin.isTTY) {
    const { read } = await import('read');
    try {
      return await read({
        prompt: `${LABELS[name]}: `,
        silent: true,
        output: process.stderr,
      });
    } catch {
      // Ctrl-C or Ctrl-D at the prompt.
      throw new AtelierError('cancelled', 'No key was saved.');
    }
  }
  const lines = readFileSync(0, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length !== 1) {
    throw new AtelierError(
      'invalid_input',
      lines.length ? 'Expected one key on stdin, got several lines.' : 'No key on stdin.',
      {
        hint: `Run \`atelier keys set ${name}\` in a terminal to paste it, or pipe it in: \`atelier keys set ${name} < key.txt\`.`,
      },
    );
  }
  return lines[0] ?? '';
}

/** `keys set <provider>` */
export async function set({ args }: Invocation): Promise<Output> {
  const name = keyName(args[0]);
  const store = new KeyStore();
  const info = await store.set(name, await readKey(name));
  const data = { provider: name, masked: info.masked, path: store.path, addedAt: info.addedAt };
  return {
    data,
    text: (s) =>
      `Saved the ${LABELS[name]} ${s.c.dim(`(${info.masked})`)} to ${store.path}.\n${s.c.dim(
        `It is used before ${KEY_ENV[name].join(' or ')}.`,
      )}`,
  };
}

export interface KeyRow {
  provider: KeyName;
  /** Where the key in use comes from; null when none is configured. */
  source: 'stored' | 'env' | null;
  variable?: string;
  masked?: string;
  /** Variables that are set but not used, because a stored key comes first. */
  overridden?: string[];
}

/** `keys list` */
export async function list(): Promise<Output> {
  const store = new KeyStore();
  const rows: KeyRow[] = [];
  for (const name of KeyName.options) {
    const found = await findKey(name, { store, env: process.env });
    const row: KeyRow = {
      provider: name,
      source: found ? (found.source === 'store' ? 'stored' : 'env') : null,
    };
    if (found) row.masked = maskKey(found.value);
    if (found?.variable) row.variable = found.variable;
    const setVars = KEY_ENV[name].filter((v) => process.env[v]?.trim());
    if (found?.source === 'store' && setVars.length) row.overridden = setVars;
    rows.push(row);
  }
  return {
    data: { path: store.path, keys: rows },
    text: (s) => {
      const table = s.table(
        ['Provider', 'Source', 'Key', 'Variables'],
        rows.map((r) => [
          r.provider,
          r.source === 'stored'
            ? `stored${r.overridden ? s.c.dim(` (over ${r.overridden.join(', ')})`) : ''}`
            : r.source === 'env'
              ? `env ${r.variable ?? ''}`
              : s.c.dim('none'),
          r.masked ?? '',
          s.c.dim(KEY_ENV[r.provider].join(', ')),
        ]),
      );
      return `${table}\n\n${s.c.dim('Key file:')} ${store.path}`;
    },
  };
}

/** `keys remove <provider>` */
export async function remove({ args }: Invocation): Promise<Output> {
  const name = keyName(args[0]);
  const store = new KeyStore();
  if (!(await store.remove(name))) {
    const setVars = KEY_ENV[name].filter((v) => process.env[v]?.trim());
    throw new AtelierError('not_found', `No ${name} key is stored in ${store.path}.`, {
      hint: setVars.length
        ? `The key in use comes from ${setVars.join(', ')}; unset it in your shell.`
        : undefined,
    });
  }
  return {
    data: { provider: name, removed: true, path: store.path },
    text: () => `Removed the ${LABELS[name]} from ${store.path}.`,
  };
}

/** `keys path` */
export function path(): Output {
  const store = new KeyStore();
  return { data: { path: store.path }, text: () => store.path };
}
