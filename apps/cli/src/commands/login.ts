import { readFileSync } from 'node:fs';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import {
  configPath,
  readConfig,
  ServerUrl,
  writeConfig,
  type CliConfig,
} from '../studio/config.ts';
import { studioError } from '../studio/errors.ts';
import { withStudio, type StudioSession } from '../studio/session.ts';

/*
 * `atelier login <url>`, `logout`, `whoami`: which studio server the CLI uses and with which
 * API token. The token is read from stdin or a hidden prompt (never an argument, so never in
 * shell history), checked with the server, and only then saved; it is never printed.
 */

const LoginFlags = z
  .object({ tokenStdin: z.boolean().default(false), json: z.boolean().default(false) })
  .strict();

type Me = Awaited<ReturnType<StudioSession['client']['auth']['me']['query']>>;

function urlArg(value: unknown): string {
  const parsed = ServerUrl.safeParse(String(value ?? '').trim());
  if (parsed.success) return parsed.data;
  throw new AtelierError(
    'invalid_input',
    `"${String(value)}" is not a studio URL: it must be an http:// or https:// URL.`,
    { hint: 'e.g. `atelier login http://127.0.0.1:8787`' },
  );
}

function tokenFromStdin(url: string): string {
  const lines = readFileSync(0, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length !== 1) {
    throw new AtelierError(
      'invalid_input',
      lines.length ? 'Expected one token on stdin, got several lines.' : 'No token on stdin.',
      { hint: `Pipe it in: \`atelier login ${url} --token-stdin < token.txt\`.` },
    );
  }
  return lines[0] ?? '';
}

async function tokenFromPrompt(): Promise<string> {
  const { read } = await import('read');
  try {
    const token = await read({ prompt: 'API token: ', silent: true, output: process.stderr });
    return token.trim();
  } catch {
    throw new AtelierError('cancelled', 'Not logged in; nothing was saved.');
  }
}

/** Who the server says we are with this token (or none). */
async function whoAt(url: string, token: string | undefined): Promise<Me> {
  const { createStudioHttpClient } = await import('../studio/http.ts');
  try {
    return await createStudioHttpClient(url, token).auth.me.query();
  } catch (error) {
    throw studioError(error, { url });
  }
}

function isUnauthorized(error: unknown): boolean {
  return isAtelierError(error) && error.code === 'auth';
}

/** `login <url>` */
export async function login({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(LoginFlags, options);
  const url = urlArg(args[0]);
  let token = flags.tokenStdin ? tokenFromStdin(url) : undefined;
  let me: Me;
  try {
    me = await whoAt(url, token);
  } catch (error) {
    if (!isUnauthorized(error)) throw error;
    if (token !== undefined) {
      throw new AtelierError('auth', `The studio at ${url} refused this API token.`, {
        hint: 'Check that it is whole and not revoked; an admin issues tokens in the studio’s settings.',
      });
    }
    if (!(process.stdin.isTTY && process.stderr.isTTY)) {
      throw new AtelierError(
        'auth',
        `The studio at ${url} runs in team mode and needs an API token.`,
        { hint: `Pipe it in: \`atelier login ${url} --token-stdin < token.txt\`.` },
      );
    }
    token = await tokenFromPrompt();
    if (!token) throw new AtelierError('invalid_input', 'No token was typed; nothing was saved.');
    me = await whoAt(url, token).catch((e: unknown) => {
      throw isUnauthorized(e)
        ? new AtelierError('auth', `The studio at ${url} refused this API token.`)
        : e;
    });
  }

  const path = configPath();
  // A broken file is what `login` is for replacing; every other setting it held is kept.
  const previous: CliConfig = await readConfig(path).catch(() => ({ version: 1 }) as const);
  await writeConfig(
    {
      ...previous,
      server: { url, ...(token ? { token } : {}), savedAt: new Date().toISOString() },
    },
    path,
  );
  const data = {
    url,
    mode: me.mode,
    user: me.user,
    tokenId: me.tokenId,
    token: token !== undefined,
    path,
  };
  return {
    data,
    text: (s) =>
      [
        `Logged in to ${s.c.bold(url)} as ${me.user.name} (${me.user.role}, ${me.mode} mode).`,
        s.c.dim(
          `Saved to ${path}${token ? ' with the token' : ''}; studio commands use this server until \`atelier logout\`.`,
        ),
      ].join('\n'),
  };
}

/** `logout` */
export async function logout(): Promise<Output> {
  const path = configPath();
  const config = await readConfig(path);
  const server = config.server;
  if (!server) {
    return {
      data: { loggedOut: false, path },
      text: () => 'No studio server is saved; commands already use this machine’s studio.',
    };
  }
  const { server: _forgotten, ...rest } = config;
  await writeConfig(rest, path);
  return {
    data: { loggedOut: true, url: server.url, path },
    text: (s) =>
      [
        `Forgot ${server.url}${server.token ? ' and its API token' : ''}; commands use this machine’s studio again.`,
        ...(server.token
          ? [s.c.dim('The token itself stays valid until it is revoked in the studio.')]
          : []),
      ].join('\n'),
  };
}

const WhoamiFlags = z
  .object({ server: z.string().optional(), json: z.boolean().default(false) })
  .strict();

const SOURCE_TEXT: Record<StudioSession['source'], string> = {
  flag: 'named by --server',
  env: 'named by ATELIER_SERVER',
  config: 'saved by `atelier login`',
  'running-studio': 'the studio running on this machine’s data folder (`atelier serve`)',
  'in-process': 'no server is named or running, so this process opens the data folder itself',
};

/** `whoami` */
export async function whoami({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(WhoamiFlags, options);
  return withStudio(flags.server ? { server: flags.server } : {}, async (session) => {
    const me = await session.client.auth.me.query();
    const data = {
      connection: session.mode,
      source: session.source,
      ...(session.url ? { url: session.url } : {}),
      ...(session.dataDir ? { dataDir: session.dataDir } : {}),
      mode: me.mode,
      user: me.user,
      tokenId: me.tokenId,
      config: configPath(),
    };
    return {
      data,
      text: (s) =>
        s.fields([
          [
            'Studio',
            session.url
              ? `${session.url} (${me.mode} mode)`
              : `in this process, embedded database in ${session.dataDir ?? '?'}`,
          ],
          ['Chosen', SOURCE_TEXT[session.source]],
          ['User', `${me.user.name} (${me.user.role})`],
          ['Token', me.tokenId ?? (session.authenticated ? 'sent' : 'none')],
        ]),
    };
  });
}
