import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/atelier.mjs', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, without a TTY and without colour. `input` is written to its
 * stdin, which is then closed (as it is for a pipe).
 */
export function atelier(
  args: readonly string[],
  env: Record<string, string> = {},
  opts: { input?: string; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [entry, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ATELIER_DEBUG: '', ...env },
        maxBuffer: 32 * 1024 * 1024,
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(opts.input ?? '');
  });
}

/** Runs with --json and parses stdout; fails the test with stderr when the command failed. */
export async function atelierJson<T = unknown>(args: readonly string[]): Promise<T> {
  const run = await atelier([...args, '--json']);
  if (run.code !== 0)
    throw new Error(`atelier ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The JSON error a failing --json run prints on stderr. */
export function jsonError(run: Run): {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
} {
  const parsed = JSON.parse(run.stderr) as {
    error: { code: string; message: string; hint?: string };
  };
  return parsed.error;
}

/** Starts the built CLI without waiting for it (long-running commands, signals). */
export function spawnAtelier(
  args: readonly string[],
  env: Record<string, string> = {},
  opts: { cwd?: string } = {},
): { child: ChildProcessWithoutNullStreams; exited: Promise<Run> } {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ATELIER_DEBUG: '', ...env },
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Run>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
  return { child, exited };
}
