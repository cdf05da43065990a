import type { AppRouter, UploadedAsset } from '@atelier/api';
import { AtelierError, isAtelierError } from '@atelier/core/errors';
import type { ProviderSettings } from '@atelier/core/providers';
import type { TRPCClient } from '@trpc/client';
import { readConfig, ServerUrl } from './config.ts';
import { studioError } from './errors.ts';

/**
 * How a command reaches the studio. Over HTTP when a server is named (`--server`, then
 * ATELIER_SERVER, then the one saved by `atelier login`) or when a studio is already running on
 * this data folder (`atelier serve` records itself there); otherwise in this process, on the
 * embedded database of the data folder. Either way the same tRPC procedures answer.
 */

export type StudioClient = TRPCClient<AppRouter>;

/** Where the studio in use was found. */
export type StudioSource = 'flag' | 'env' | 'config' | 'running-studio' | 'in-process';

export interface StudioSession {
  client: StudioClient;
  /** `http`: a studio server; `in-process`: this process opened the data folder itself. */
  mode: 'http' | 'in-process';
  source: StudioSource;
  /** The server, over HTTP. */
  url?: string;
  /** Whether an API token is sent (over HTTP). */
  authenticated: boolean;
  /** The data folder, in process. */
  dataDir?: string;
  /** The provider settings jobs run with, in process (over HTTP the server's are not known). */
  providerSettings?: () => Promise<ProviderSettings>;
  /** Unfinished generations of earlier runs picked up at start (in process, job commands). */
  resumed?: { requeued: number; interruptedOrPolled: number };
  /** The bytes of a stored image or clip. */
  asset(sha256: string, mediaType: string): Promise<Uint8Array>;
  /** Stores an input image as the caller's upload; its sha256 names it in `generate.create`. */
  upload(data: Uint8Array): Promise<UploadedAsset>;
  /** Turns a procedure's failure into the AtelierError the CLI reports. */
  error(e: unknown): unknown;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `--server <url>`. */
  server?: string;
  /** The command runs jobs (generate, video). */
  runJobs?: boolean;
  env?: NodeJS.ProcessEnv;
  pollIntervalMs?: number;
}

export const SERVER_ENV = 'ATELIER_SERVER';
export const TOKEN_ENV = 'ATELIER_TOKEN';

function serverUrl(value: string, what: string): string {
  const parsed = ServerUrl.safeParse(value.trim());
  if (parsed.success) return parsed.data;
  throw new AtelierError(
    'invalid_input',
    `${what} "${value}" is not a server URL: it must be an http:// or https:// URL.`,
    { hint: 'e.g. http://127.0.0.1:8787' },
  );
}

export async function connect(opts: ConnectOptions = {}): Promise<StudioSession> {
  const env = opts.env ?? process.env;
  const config = await readConfig();
  const named: { url: string; source: StudioSource } | undefined = opts.server
    ? { url: serverUrl(opts.server, '--server'), source: 'flag' }
    : env[SERVER_ENV]?.trim()
      ? { url: serverUrl(env[SERVER_ENV] ?? '', SERVER_ENV), source: 'env' }
      : config.server
        ? { url: config.server.url, source: 'config' }
        : undefined;
  const tokenFor = (url: string) =>
    env[TOKEN_ENV]?.trim() || (config.server?.url === url ? config.server.token : undefined);
  if (named) return httpSession(named.url, tokenFor(named.url), named.source);

  const { resolveDataDir } = await import('@atelier/db');
  const { findRunningStudio } = await import('@atelier/server/discovery');
  const dataDir = resolveDataDir(env);
  const running = await findRunningStudio(dataDir);
  if (running) return httpSession(running.url, tokenFor(running.url), 'running-studio');

  const { openLocalStudio } = await import('./local.ts');
  try {
    const local = await openLocalStudio({
      dataDir,
      env,
      runJobs: opts.runJobs ?? false,
      ...(opts.pollIntervalMs === undefined ? {} : { pollIntervalMs: opts.pollIntervalMs }),
    });
    return {
      client: local.client,
      mode: 'in-process',
      source: 'in-process',
      authenticated: false,
      dataDir,
      providerSettings: local.providerSettings,
      ...(local.resumed ? { resumed: local.resumed } : {}),
      asset: local.asset,
      upload: local.upload,
      error: (e) => studioError(e, {}),
      close: local.close,
    };
  } catch (error) {
    if (!isLocked(error)) throw error;
    // The studio may have started between the two looks.
    const late = await findRunningStudio(dataDir);
    if (late) return httpSession(late.url, tokenFor(late.url), 'running-studio');
    throw new AtelierError(
      'unsupported',
      `${error.message} The embedded database takes one process at a time.`,
      {
        hint: 'Wait for the other command to finish. To use the studio from several commands at once, run `atelier serve` (or `pnpm start`) on this data folder and the CLI will talk to it; a studio elsewhere is reached with --server <url> or `atelier login <url>`.',
        details: error.details,
      },
    );
  }
}

function isLocked(error: unknown): error is AtelierError {
  return isAtelierError(error) && error.code === 'unsupported' && !!error.details?.['lockFile'];
}

async function httpSession(
  url: string,
  token: string | undefined,
  source: StudioSource,
): Promise<StudioSession> {
  const { createStudioHttpClient, downloadAsset, uploadAsset } = await import('./http.ts');
  return {
    client: createStudioHttpClient(url, token),
    mode: 'http',
    source,
    url,
    authenticated: token !== undefined,
    asset: (sha256) => downloadAsset(url, token, sha256),
    upload: (data) => uploadAsset(url, token, data),
    error: (e) => studioError(e, { url }),
    close: () => Promise.resolve(),
  };
}

/** Runs `body` with a session and closes it; procedure failures come out as AtelierErrors. */
export async function withStudio<T>(
  opts: ConnectOptions,
  body: (session: StudioSession) => Promise<T>,
): Promise<T> {
  const session = await connect(opts);
  try {
    return await body(session);
  } catch (error) {
    throw session.error(error);
  } finally {
    await session.close();
  }
}
