import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type ProviderSettings } from '@atelier/core';
import { createUser, LocalAssetStore, openDatabase } from '@atelier/db';
import { createJobEngine, type JobEngineOptions, type SessionUser } from '../src/index.ts';

/**
 * The provider emulators in their own process (`pnpm emulate`), as real providers are: their
 * image rendering does not share this process's event loop or CPU time with the engine.
 */
export async function spawnEmulators(args: string[] = []) {
  const script = fileURLToPath(new URL('../../testkit/scripts/emulate.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--port-base', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const env: Record<string, string> = {};
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) env[m[1]] = m[2];
    if (env['ATELIER_BFL_BASE_URL'] && env['OPENAI_API_KEY'] && env['ATELIER_VERTEX_API_KEY'])
      break;
  }
  return {
    env,
    async close() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

export function settingsFor(env: Record<string, string>): ProviderSettings {
  return { env, keys: { store: null, env }, retry: { initialDelayMs: 1, maxDelayMs: 1 } };
}

/** A studio on in-memory PGlite whose engine calls the emulators at `env`. */
export async function benchStudio(
  env: Record<string, string>,
  extra: Partial<JobEngineOptions> = {},
) {
  const catalog = loadCatalog();
  const database = await openDatabase({ inMemory: true });
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  const assets = new LocalAssetStore(dir);
  const admin = await createUser(database.db, { name: 'local', role: 'admin' });
  const user: SessionUser = { id: admin.id, role: 'admin' };
  const engine = createJobEngine({
    db: database.db,
    assets,
    catalog,
    settings: settingsFor(env),
    ...extra,
  });
  return {
    catalog,
    database,
    assets,
    engine,
    user,
    async close() {
      await engine.drain();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
