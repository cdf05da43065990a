import { AtelierError } from '@atelier/core/errors';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { migrationsFolder, webDir } from '../studio/paths.ts';

/*
 * `atelier serve`: the studio server of apps/server in this process, with its flags and
 * environment variables read by the server's own parser, the web app and migrations found
 * beside the CLI. The studio records itself in the data folder so other commands reach it.
 */

const ServeFlags = z
  .object({
    port: z.string().optional(),
    host: z.string().optional(),
    team: z.boolean().optional(),
    corsOrigin: z.array(z.string()).optional(),
    trustProxy: z.array(z.string()).optional(),
    dataDir: z.string().optional(),
    bootstrapAdmin: z.boolean().optional(),
    json: z.boolean().default(false),
  })
  .strict();

/** The server's command line for these flags: it applies them over its environment variables. */
function serverArgv(f: z.output<typeof ServeFlags>): string[] {
  return [
    'serve',
    ...(f.port === undefined ? [] : ['--port', f.port]),
    ...(f.host === undefined ? [] : ['--host', f.host]),
    ...(f.team ? ['--team'] : []),
    ...(f.corsOrigin ?? []).flatMap((o) => ['--cors-origin', o]),
    ...(f.trustProxy ?? []).flatMap((a) => ['--trust-proxy', a]),
    ...(f.dataDir === undefined ? [] : ['--data-dir', f.dataDir]),
    ...(f.bootstrapAdmin ? ['--bootstrap-admin'] : []),
  ];
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', on);
      process.removeListener('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export async function run({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(ServeFlags, options);
  const { bootstrapAdmin, parseCommand, startStudio } = await import('@atelier/server');
  const cmd = parseCommand(serverArgv(flags), process.env);
  const web = webDir();
  const migrations = migrationsFolder();
  const studio = await startStudio(
    { ...cmd.studio, ...(web ? { webDir: web } : {}) },
    migrations ? { migrationsFolder: migrations } : {},
  ).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new AtelierError(
      'unsupported',
      `Port ${String(cmd.studio.port)} on ${cmd.studio.host ?? '127.0.0.1'} is in use.`,
      { hint: 'Stop the other server, or pick another port with --port (0 takes any free one).' },
    );
  });

  const database =
    studio.database.dialect === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded database in ${studio.dataDir}`;
  let adminToken: string | undefined;
  const notes: string[] = [];
  if (cmd.bootstrapAdmin && studio.mode === 'team') {
    const issued = await bootstrapAdmin(studio.database.db);
    adminToken = issued?.token;
    notes.push(
      issued
        ? `First admin token for ${issued.user.name} (shown once; keep it secret): ${issued.token}`
        : 'An admin token exists already; `atelier-server admin-token` issues another while the studio is stopped.',
    );
  } else if (cmd.bootstrapAdmin) {
    notes.push('--bootstrap-admin only applies in team mode (--team).');
  } else if (studio.mode === 'team') {
    notes.push(
      'Team mode: every request needs "Authorization: Bearer <token>"; start once with --bootstrap-admin for the first admin token.',
    );
  }
  const r = studio.resumed;
  if (r.requeued + r.interruptedOrPolled > 0) {
    notes.push(
      `Resumed after a restart: ${r.requeued} queued job(s) re-queued, ${r.interruptedOrPolled} running job(s) resumed or marked interrupted.`,
    );
  }
  const started = {
    url: studio.url,
    mode: studio.mode,
    dataDir: studio.dataDir,
    database: studio.database.dialect,
    ...(adminToken ? { adminToken } : {}),
  };
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(started)}\n`
      : [
          `Atelier studio running at ${studio.url} (${studio.mode} mode, ${database})`,
          ...notes,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
  );

  const signal = await untilSignal();
  process.stderr.write(
    `${signal}: finishing requests and jobs in flight (${signal} again to exit now)…\n`,
  );
  const now = () => process.exit(130);
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  await studio.close();
  process.stderr.write('Studio stopped.\n');
  return { data: started, text: () => '', printed: true };
}
