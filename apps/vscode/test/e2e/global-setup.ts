import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The code-server launcher the install script printed. */
    codeServer: string;
  }
}

const SCRIPT = fileURLToPath(new URL('../../scripts/install-code-server.sh', import.meta.url));

/**
 * Finds or installs code-server before the end-to-end tests: CI has no other hook than
 * `pnpm test`, and the script's cache makes later runs take seconds.
 */
export default async function setup(project: TestProject): Promise<void> {
  const { stdout } = await promisify(execFile)('bash', [SCRIPT], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60_000,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`install-code-server.sh failed: ${error.message}\n${error.stderr ?? ''}`);
  });
  const launcher = stdout.trim().split('\n').pop() ?? '';
  if (!launcher) throw new Error('install-code-server.sh printed no launcher path');
  project.provide('codeServer', launcher);
}
