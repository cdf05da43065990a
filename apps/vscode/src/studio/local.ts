import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '@atelier/db/data-dir';
import { findRunningStudio as findRecordedStudio } from '@atelier/server/discovery';
import { z } from 'zod';

/**
 * The local studio as the CLI finds it: the user's data folder (@atelier/db's rule), the
 * `studio.json` a running `atelier serve` records there (@atelier/server/discovery), else a new
 * `atelier serve --port 0` started from the CLI. Both come from their light entries, so the
 * database is not bundled into the extension.
 */
export { resolveDataDir };

/** The studio serving this data folder, when its process is alive and answers /healthz. */
export async function findRunningStudio(
  dataDir: string,
): Promise<{ url: string; mode: 'local' | 'team' } | undefined> {
  const found = await findRecordedStudio(dataDir);
  return found && { url: found.url.replace(/\/+$/, ''), mode: found.mode };
}

/**
 * The CLI to run (`node <path> serve`, `node <path> mcp`): atelier.cliPath, else the one built
 * beside this extension in a checkout (apps/cli/dist/atelier.mjs), else undefined (then
 * `atelier` from PATH is used).
 */
export function findCli(cliPath: string, extensionPath: string): string | undefined {
  if (cliPath) {
    if (!existsSync(cliPath)) {
      throw new Error(
        `Setting atelier.cliPath names ${cliPath}, which does not exist. Build the CLI (pnpm build) or fix the path.`,
      );
    }
    return cliPath;
  }
  const sibling = join(extensionPath, '..', 'cli', 'dist', 'atelier.mjs');
  return existsSync(sibling) ? sibling : undefined;
}

/** `node <cli> <args>` or `atelier <args>`. */
export function cliCommand(
  cli: string | undefined,
  args: string[],
): { command: string; args: string[] } {
  return cli ? { command: 'node', args: [cli, ...args] } : { command: 'atelier', args };
}

const ServeLine = z.object({ url: z.url(), mode: z.enum(['local', 'team']) });

export interface StartedStudio {
  url: string;
  child: ChildProcess;
}

/**
 * Starts `atelier serve --json --port 0` and waits for the line with its URL. `env` is the
 * child's whole environment (provider keys among it, see provider-keys.ts): only the command
 * and its arguments are logged.
 */
export function startStudio(
  cli: string | undefined,
  log: (line: string) => void,
  o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<StartedStudio> {
  const timeoutMs = o.timeoutMs ?? 120_000;
  const { command, args } = cliCommand(cli, ['serve', '--json', '--port', '0']);
  log(`Starting ${command} ${args.join(' ')}`);
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: o.env ?? process.env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`atelier serve did not start within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.on('error', (e) =>
      fail(
        new Error(`Cannot start ${command}: ${e.message}. Set atelier.cliPath to the Atelier CLI.`),
      ),
    );
    child.on('exit', (code) =>
      fail(new Error(`atelier serve exited (code ${code}): ${err.trim().slice(-500)}`)),
    );
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      log(d.toString().trimEnd());
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      // Complete lines only: the JSON line may arrive in pieces.
      const line = out
        .split('\n')
        .slice(0, -1)
        .find((l) => l.trim().startsWith('{'));
      if (!line) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        json = undefined;
      }
      const parsed = ServeLine.safeParse(json);
      if (!parsed.success)
        return fail(new Error(`atelier serve printed an unexpected line: ${line.slice(0, 200)}`));
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.on('exit', (code) => log(`atelier serve exited (code ${code}).`));
      resolve({ url: parsed.data.url.replace(/\/+$/, ''), child });
    });
  });
}
