import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PORT_OFFSETS, startAllEmulators } from './all.ts';
import type { RecordedRequest } from './http/types.ts';

/**
 * `pnpm emulate`: every provider emulator in the foreground on fixed ports, printing the
 * `export` lines a client needs, logging requests to stderr, stopping cleanly on Ctrl-C.
 */

export const DEFAULT_PORT_BASE = 7370;

const USAGE = `Usage: pnpm emulate [options]

Starts the OpenAI, Gemini, Vertex, fal, BFL, Stability AI, Recraft, BytePlus ModelArk,
DashScope and Replicate emulators and their CDN on consecutive ports (openai, gemini, vertex,
fal, bfl, cdn, stability, recraft, byteplus, dashscope, replicate) and prints the environment to
point a client at them.

Options:
  --port-base <n>      first port (default ${DEFAULT_PORT_BASE}; 0 picks free ports)
  --host <address>     interface to listen on (default 127.0.0.1)
  --latency <ms>       delay before every answer (default 0)
  --queued-polls <n>   status polls a job stays queued (default 1 for fal, 0 for BFL, BytePlus, DashScope, Replicate and Vertex)
  --running-polls <n>  status polls a job stays running (default 1)
  --queued-ms <ms>     minimum time a job stays queued (default 0)
  --running-ms <ms>    minimum time a job runs (default 0)
  --image-noise <0..1> grain in generated images (default 1; 0 renders flat, small images)
  --quiet              do not log requests
  -h, --help           show this help`;

const count = z.coerce.number().int().min(0);
const Args = z
  .object({
    'port-base': z.coerce.number().int().min(0).max(65_530).default(DEFAULT_PORT_BASE),
    host: z.string().min(1).default('127.0.0.1'),
    latency: count.optional(),
    'queued-polls': count.optional(),
    'running-polls': count.optional(),
    'queued-ms': count.optional(),
    'running-ms': count.optional(),
    'image-noise': z.coerce.number().min(0).max(1).optional(),
    quiet: z.boolean().default(false),
    help: z.boolean().default(false),
  })
  .strict();

function logRequest(emulator: string, request: RecordedRequest): void {
  const status = request.aborted ? 'aborted' : String(request.status ?? '-');
  const notes = [request.model, request.fault ? `fault=${request.fault}` : undefined]
    .filter(Boolean)
    .join(' ');
  process.stderr.write(
    `${emulator.padEnd(6)} ${request.method} ${request.path} → ${status}${notes ? `  ${notes}` : ''}\n`,
  );
}

export async function main(argv: string[]): Promise<void> {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'port-base': { type: 'string' },
        host: { type: 'string' },
        latency: { type: 'string' },
        'queued-polls': { type: 'string' },
        'running-polls': { type: 'string' },
        'queued-ms': { type: 'string' },
        'running-ms': { type: 'string' },
        'image-noise': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `--${i.path.join('.')}: ${i.message}`)
      .join('\n');
    process.stderr.write(`${problems}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const args = parsed.data;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const latency = {
    ...(args.latency !== undefined ? { requestMs: args.latency } : {}),
    ...(args['queued-polls'] !== undefined ? { queuedPolls: args['queued-polls'] } : {}),
    ...(args['running-polls'] !== undefined ? { runningPolls: args['running-polls'] } : {}),
    ...(args['queued-ms'] !== undefined ? { queuedMs: args['queued-ms'] } : {}),
    ...(args['running-ms'] !== undefined ? { runningMs: args['running-ms'] } : {}),
  };
  let emulators;
  try {
    emulators = await startAllEmulators({
      host: args.host,
      portBase: args['port-base'],
      ...(Object.keys(latency).length > 0 ? { latency } : {}),
      ...(args['image-noise'] !== undefined ? { imageNoise: args['image-noise'] } : {}),
      ...(args.quiet ? {} : { onRequest: logRequest }),
    });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    const last = args['port-base'] + Object.keys(PORT_OFFSETS).length - 1;
    process.stderr.write(
      inUse
        ? `Port in use: ports ${args['port-base']}–${last} must be free. Pick others with --port-base.\n`
        : `Could not start the emulators: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    return;
  }

  const lines = Object.entries(emulators.env).map(([name, value]) => `export ${name}=${value}`);
  process.stdout.write(
    `# Atelier provider emulators (CDN ${emulators.cdn.url}). Paste into a shell; Ctrl-C stops them.\n${lines.join('\n')}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`\n${signal}: stopping emulators…\n`);
    emulators.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
