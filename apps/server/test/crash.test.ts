import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getGeneration, ledgerForGeneration, listAssets, openDatabase } from '@atelier/db';
import { DEMO_KEYS, startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureBuilt, entryFile } from '../scripts/build.mjs';
import { makeClient, submit, until, waitForJob } from './helpers.ts';

/**
 * The built server (dist/main.mjs) as a child process, killed with SIGKILL while a video job is
 * at the provider, then started again on the same data folder: the job completes once and is
 * charged once.
 */

let emulators: AllEmulators;
let dir: string;
const output: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  emulators = await startAllEmulators();
  dir = await mkdtemp(join(tmpdir(), 'atelier-crash-'));
});
afterAll(async () => {
  await emulators.close();
  await rm(dir, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts dist/main.mjs and resolves with the URL it prints. */
async function spawnServer(): Promise<Server> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The server under test reads only what this test gives it.
    if (!k.startsWith('ATELIER_') && k !== 'DATABASE_URL' && !/_API_KEY$|^FAL_KEY$/.test(k))
      env[k] = v;
  }
  Object.assign(env, emulators.env, {
    ATELIER_POLL_INTERVAL_MS: '50',
    ATELIER_CONFIG_DIR: join(dir, 'config'),
  });
  const child = spawn(
    process.execPath,
    [entryFile, '--port', '0', '--data-dir', join(dir, 'data')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      buffered += text;
      const match = /running at (http:\/\/\S+)/.exec(buffered);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then((code) =>
      reject(new Error(`server exited with ${code}:\n${output.join('')}`)),
    );
  });
  return { child, url, exited };
}

test('kill -9 during a video job, restart: the job completes once and is charged once', async () => {
  // The clip stays queued at the provider long enough to kill the server while it polls.
  emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 4_000 });
  const first = await spawnServer();
  const id = await submit(makeClient(first.url), {
    kind: 'video',
    prompt: 'a kite over a windy beach',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  // A status poll means the operation is stored: it is only polled after being saved.
  await until(() =>
    emulators.vertex.requests.some((r) => r.path.endsWith(':fetchPredictOperation')),
  );
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();

  const second = await spawnServer();
  const job = await waitForJob(makeClient(second.url), id);
  expect(job.status).toBe('succeeded');
  expect(job.assets).toHaveLength(1);
  const asset = await fetch(`${second.url}${job.assets[0]?.url ?? ''}`, {
    headers: { range: 'bytes=0-7' },
  });
  expect(asset.status).toBe(206);
  await asset.arrayBuffer();
  expect(
    emulators.vertex.requests.filter((r) => r.path.endsWith(':predictLongRunning')),
  ).toHaveLength(1);

  // A graceful stop (SIGTERM) exits 0, and the database shows one charge.
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
  const db = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    const row = await getGeneration(db.db, id);
    expect(row?.status).toBe('succeeded');
    const ledger = await ledgerForGeneration(db.db, id);
    expect(ledger.map((l) => l.kind)).toEqual(['reserve', 'release', 'settle']);
    expect(ledger.at(-1)?.micros).toBe(row?.actualCostMicros);
    expect(await listAssets(db.db, id)).toHaveLength(1);
  } finally {
    await db.close();
  }

  // Nothing the server printed carries a provider key.
  const printed = output.join('');
  expect(printed).toContain('running at');
  for (const key of [
    DEMO_KEYS.openai,
    DEMO_KEYS.gemini,
    DEMO_KEYS.vertexAccessToken,
    DEMO_KEYS.fal,
    DEMO_KEYS.bfl,
  ]) {
    expect(printed).not.toContain(key);
  }
});
