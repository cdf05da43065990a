import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtelierError, isAtelierError, parseInput } from '@atelier/core';
import { AssetsUrl, openDatabase, resolveDataDir } from '@atelier/db';
import { z } from 'zod';
import { bootstrapAdmin, issueAdminToken } from './admin.ts';
import { startStudio, type Studio, type StudioOptions } from './studio.ts';

/**
 * `atelier-server [serve] [options]` starts the studio; `atelier-server admin-token` issues an
 * admin API token for team mode and exits. Flags beat environment variables.
 */

type Env = Record<string, string | undefined>;

export const USAGE = `Usage: atelier-server [serve] [options]
       atelier-server admin-token [--data-dir DIR] [--name NAME]

Options (environment variable in brackets):
  --port N              port to listen on, 0 for any free one (default 8787) [ATELIER_PORT]
  --host HOST           address to listen on (default 127.0.0.1; other addresses need --team) [ATELIER_HOST]
  --team                team mode: every request needs an API token [ATELIER_TEAM=1]
  --cors-origin ORIGIN  allow browser calls from ORIGIN (repeatable) [ATELIER_CORS_ORIGINS, comma-separated]
  --data-dir DIR        assets, server secret and embedded database [ATELIER_DATA_DIR]
  --trust-proxy ADDR    team mode behind a proxy: believe X-Forwarded-For from these addresses,
                        CIDR ranges or loopback/linklocal/uniquelocal (repeatable or
                        comma-separated) [ATELIER_TRUST_PROXY, comma-separated]
  --bootstrap-admin     team mode: print a first admin token unless an admin already has one
  -h, --help            show this help

Also read: DATABASE_URL (PostgreSQL instead of the embedded database), ATELIER_SECRET (encrypts
stored provider keys; default <data-dir>/secret), ATELIER_ASSETS_URL (where images and clips
live: s3://bucket/prefix[?path_style=1] with AWS_ENDPOINT_URL_S3, AWS_REGION and the AWS
credential variables, or file:///folder; default <data-dir>/assets), ATELIER_MAX_BODY_BYTES (default 1000000),
ATELIER_MAX_UPLOAD_BYTES (input images at POST /assets, default 26214400),
ATELIER_RATE_LIMIT (requests per token and window, "600/60"; with DATABASE_URL counted across
all instances), ATELIER_POLL_INTERVAL_MS (video
status checks, default 5000), ATELIER_SHUTDOWN_GRACE_MS (default 30000), and the provider key and
base-URL variables (OPENAI_API_KEY, GEMINI_API_KEY, FAL_KEY, BFL_API_KEY, ...).`;

const Port = z.coerce.number().int('must be a whole number').min(0).max(65_535);
const Flag = z
  .enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const PositiveInt = z.coerce.number().int('must be a whole number').positive();

const List = z.string().transform((s) =>
  s
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
);

const ServerEnv = z
  .object({
    ATELIER_PORT: Port.optional(),
    ATELIER_HOST: z.string().min(1).optional(),
    ATELIER_TEAM: Flag.optional(),
    ATELIER_CORS_ORIGINS: List.optional(),
    ATELIER_TRUST_PROXY: List.optional(),
    ATELIER_DATA_DIR: z.string().min(1).optional(),
    // Checked here for a clear message at start; the studio reads it from the environment.
    ATELIER_ASSETS_URL: AssetsUrl.optional(),
    ATELIER_MAX_BODY_BYTES: PositiveInt.optional(),
    ATELIER_MAX_UPLOAD_BYTES: PositiveInt.optional(),
    ATELIER_RATE_LIMIT: z
      .string()
      .regex(/^\d+\/\d+$/, 'must be "<requests>/<seconds>", e.g. 600/60')
      .transform((s) => {
        const [points, windowSeconds] = s.split('/').map(Number) as [number, number];
        return { points, windowSeconds };
      })
      .optional(),
    ATELIER_POLL_INTERVAL_MS: PositiveInt.optional(),
    ATELIER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).optional(),
  })
  .loose();

const Flags = z
  .object({
    port: Port.optional(),
    host: z.string().min(1).optional(),
    team: z.boolean().optional(),
    'cors-origin': z.array(z.string()).optional(),
    'data-dir': z.string().min(1).optional(),
    'trust-proxy': z.array(List).optional(),
    'bootstrap-admin': z.boolean().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    help: z.boolean().optional(),
  })
  .strict();

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export interface ParsedCommand {
  command: 'serve' | 'admin-token' | 'help';
  studio: StudioOptions;
  bootstrapAdmin: boolean;
  tokenName?: string;
}

export function parseCommand(argv: readonly string[], env: Env): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        team: { type: 'boolean' },
        'cors-origin': { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
        'bootstrap-admin': { type: 'boolean' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new AtelierError('invalid_input', (error as Error).message, {
      hint: 'Run `atelier-server --help` for the options.',
    });
  }
  const [command = 'serve', ...extra] = parsed.positionals;
  if (extra.length > 0 || !['serve', 'admin-token'].includes(command)) {
    throw new AtelierError('invalid_input', `Unknown command "${[command, ...extra].join(' ')}".`, {
      hint: 'Commands: serve (default), admin-token.',
    });
  }
  const flags = parseInput(Flags, parsed.values, 'options');
  const e = parseInput(ServerEnv, env, 'environment');
  const studio: StudioOptions = {
    port: flags.port ?? e.ATELIER_PORT ?? 8787,
    team: flags.team ?? e.ATELIER_TEAM ?? false,
    corsOrigins: flags['cors-origin'] ?? e.ATELIER_CORS_ORIGINS ?? [],
  };
  const host = flags.host ?? e.ATELIER_HOST;
  if (host) studio.host = host;
  const trustProxy = flags['trust-proxy']?.flat() ?? e.ATELIER_TRUST_PROXY;
  if (trustProxy) studio.trustProxy = trustProxy;
  const dataDir = flags['data-dir'] ?? e.ATELIER_DATA_DIR;
  if (dataDir) studio.dataDir = dataDir;
  if (e.ATELIER_MAX_BODY_BYTES) studio.maxBodyBytes = e.ATELIER_MAX_BODY_BYTES;
  if (e.ATELIER_MAX_UPLOAD_BYTES) studio.maxUploadBytes = e.ATELIER_MAX_UPLOAD_BYTES;
  if (e.ATELIER_RATE_LIMIT) studio.rateLimit = e.ATELIER_RATE_LIMIT;
  if (e.ATELIER_POLL_INTERVAL_MS) studio.pollIntervalMs = e.ATELIER_POLL_INTERVAL_MS;
  if (e.ATELIER_SHUTDOWN_GRACE_MS !== undefined)
    studio.shutdownGraceMs = e.ATELIER_SHUTDOWN_GRACE_MS;
  return {
    command: flags.help ? 'help' : (command as 'serve' | 'admin-token'),
    studio,
    bootstrapAdmin: flags['bootstrap-admin'] ?? false,
    ...(flags.name ? { tokenName: flags.name } : {}),
  };
}

export interface RunOptions {
  env?: Env;
  io?: CliIo;
  /** Migrations carried by the bundle. */
  migrationsFolder?: string;
  /** Exit on SIGINT/SIGTERM after a graceful shutdown (the real process; not tests). */
  handleSignals?: boolean;
}

/** Runs a command; resolves to the exit code (serve: once the server is up, with the studio). */
export async function run(
  argv: readonly string[],
  runOpts: RunOptions = {},
): Promise<{ code: number; studio?: Studio }> {
  const env = runOpts.env ?? process.env;
  const io = runOpts.io ?? consoleIo;
  const migrationsFolder =
    runOpts.migrationsFolder && existsSync(runOpts.migrationsFolder)
      ? runOpts.migrationsFolder
      : undefined;
  try {
    const cmd = parseCommand(argv, env);
    if (cmd.command === 'help') {
      io.out(USAGE);
      return { code: 0 };
    }
    if (cmd.command === 'admin-token')
      return { code: await adminToken(cmd, env, io, migrationsFolder) };

    const studio = await startStudio(cmd.studio, {
      env,
      ...(migrationsFolder ? { migrationsFolder } : {}),
    });
    const where =
      studio.database.dialect === 'postgres'
        ? 'PostgreSQL (DATABASE_URL)'
        : `embedded database in ${studio.dataDir}`;
    io.out(`Atelier studio running at ${studio.url} (${studio.mode} mode, ${where})`);
    const r = studio.resumed;
    if (r.requeued + r.interruptedOrPolled + r.closedReservations > 0) {
      io.out(
        `Resumed after a restart: ${r.requeued} queued job(s) re-queued, ${r.interruptedOrPolled} running job(s) resumed or marked interrupted.`,
      );
    }
    if (cmd.bootstrapAdmin) {
      if (studio.mode !== 'team') io.err('--bootstrap-admin only applies in team mode (--team).');
      else {
        const issued = await bootstrapAdmin(studio.database.db);
        if (issued)
          io.out(
            `First admin token for ${issued.user.name} (shown once; keep it secret): ${issued.token}`,
          );
        else
          io.out(
            'An admin token exists already; `atelier-server admin-token` issues another while the server is stopped.',
          );
      }
    } else if (studio.mode === 'team') {
      io.out(
        'Team mode: every request needs "Authorization: Bearer <token>". Start once with --bootstrap-admin for the first admin token.',
      );
    }
    if (runOpts.handleSignals) handleSignals(studio, io);
    return { code: 0, studio };
  } catch (error) {
    return { code: report(error, io) };
  }
}

async function adminToken(
  cmd: ParsedCommand,
  env: Env,
  io: CliIo,
  migrationsFolder: string | undefined,
): Promise<number> {
  const dataDir = cmd.studio.dataDir ?? resolveDataDir(env as NodeJS.ProcessEnv);
  const url = env['DATABASE_URL'] || undefined;
  const migrations = migrationsFolder ? { migrationsFolder } : {};
  const database = await openDatabase(
    url ? { url, ...migrations } : { dataDir, ...migrations },
    env as NodeJS.ProcessEnv,
  );
  try {
    const issued = await issueAdminToken(database.db, cmd.tokenName);
    io.out(`Admin token for ${issued.user.name} (shown once; keep it secret): ${issued.token}`);
    return 0;
  } finally {
    await database.close();
  }
}

function report(error: unknown, io: CliIo): number {
  if (isAtelierError(error)) {
    io.err(`Error: ${error.message}`);
    if (error.hint) io.err(`Hint: ${error.hint}`);
    return error.code === 'invalid_input' ? 2 : 1;
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    io.err(`Error: the port is in use (${(error as Error).message}).`);
    io.err('Hint: stop the other server or pick another port with --port.');
    return 1;
  }
  io.err(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

/** First SIGINT/SIGTERM: graceful shutdown, then exit. A second one: exit now. */
function handleSignals(studio: Studio, io: CliIo): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      io.err(`${signal} again: exiting now.`);
      process.exit(130);
    }
    stopping = true;
    io.err(`${signal}: finishing requests and jobs in flight (${signal} again to exit now)…`);
    studio.close().then(
      () => process.exit(0),
      (error: unknown) => {
        io.err(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
