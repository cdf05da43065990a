import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getGeneration, ledgerForGeneration, openDatabase } from '@atelier/db';
import {
  renderImage,
  startAllEmulators,
  startS3Server,
  type AllEmulators,
  type S3Server,
} from '@atelier/testkit';
import {
  createTestDatabase,
  skipWithoutPostgres,
  type TestDatabase,
} from '@atelier/testkit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient, submit, until, waitForJob, type Client } from '../helpers.ts';
import {
  cleanEnv,
  documentedNginxConfig,
  findNginx,
  freePort,
  localNginxConfig,
  recordingProxy,
  startInstance,
  startNginx,
  type Instance,
  type Nginx,
  type RecordingProxy,
} from './harness.ts';
import { followProgress } from './progress.ts';

/**
 * The deployment docs/deploy.md describes, for real: Debian's nginx with the documented
 * configuration in front of two built studio processes (team mode, `--trust-proxy loopback`) on
 * the machine's PostgreSQL, their assets in one S3-compatible bucket (an in-process S3 server)
 * and nothing else shared: each has a data folder of its own. Jobs go in and progress comes out
 * through nginx; one instance is killed with SIGKILL in the middle of a job and the other takes
 * it over and finishes it.
 *
 * Needs nginx (CI installs Debian's) and a PostgreSQL server (ATELIER_TEST_DATABASE_URL, default
 * the local one); without either the suite is skipped with a message, except PostgreSQL in CI.
 */

const nginxBinary = findNginx();
if (!nginxBinary) console.warn('nginx is not installed: skipping the deployment test.');
const skip = !nginxBinary || (await skipWithoutPostgres('the deployment test'));

const VIDEO = {
  kind: 'video' as const,
  models: ['veo-3-1'],
  providers: { 'veo-3-1': 'vertex' as const },
  params: { duration: 4 },
};

describe.skipIf(skip)('two instances behind nginx', () => {
  let testDb: TestDatabase | undefined;
  let databaseUrl: string;
  let dir: string;
  let emulators: AllEmulators;
  let s3: S3Server;
  /** Per instance, the way to the Vertex emulator: it tells which instance polled a clip. */
  const vertex = new Map<string, RecordingProxy>();
  const instances = new Map<string, Instance>();
  let nginx: Nginx;
  let token: string;
  let viaNginx: Client;
  const auth = () => ({ authorization: `Bearer ${token}` });

  /** Starts (or restarts) instance `name` on its port, as a deployment's service manager would. */
  async function start(name: 'a' | 'b', port: number, extra: string[] = []) {
    const proxy = vertex.get(name);
    if (!proxy) throw new Error(`no proxy for ${name}`);
    const env = {
      ...cleanEnv(),
      ...emulators.env,
      ...s3.env,
      ATELIER_VERTEX_BASE_URL: proxy.url,
      DATABASE_URL: databaseUrl,
      ATELIER_SECRET: 'deploy-test-secret-'.padEnd(44, 'x'),
      ATELIER_POLL_INTERVAL_MS: '100',
      // The end of the test stops the instances gracefully; nothing is left running by then.
      ATELIER_SHUTDOWN_GRACE_MS: '2000',
      ATELIER_CONFIG_DIR: join(dir, `config-${name}`),
    };
    const instance = await startInstance(
      name,
      port,
      ['--team', '--trust-proxy', 'loopback', '--data-dir', join(dir, `data-${name}`), ...extra],
      env,
    );
    instances.set(name, instance);
    return instance;
  }

  const instance = (name: string) => {
    const found = instances.get(name);
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('atelier_deploy_test');
    databaseUrl = testDb.url;
    dir = await mkdtemp(join(tmpdir(), 'atelier-deploy-'));
    emulators = await startAllEmulators();
    s3 = await startS3Server({ dir: join(dir, 's3') });
    for (const name of ['a', 'b']) vertex.set(name, await recordingProxy(emulators.vertex.url));

    const ports = [await freePort(), await freePort()] as const;
    // Started together, as a deployment would; the first prints the first admin token.
    const [a] = await Promise.all([
      start('a', ports[0], ['--bootstrap-admin']),
      start('b', ports[1]),
    ]);
    await until(() => /First admin token/.test(a.output.join('')));
    token = /First admin token[^:]*: (\S+)/.exec(a.output.join(''))?.[1] ?? '';

    const documented = await documentedNginxConfig();
    nginx = await startNginx(nginxBinary ?? 'nginx', (port) =>
      localNginxConfig(documented, port, [...ports]),
    );
    viaNginx = makeClient(nginx.url, token);
  });

  afterAll(async () => {
    // Every step runs even when one before it failed: no process, folder or database is left.
    const steps: (() => Promise<unknown>)[] = [
      async () => nginx?.stop(),
      () =>
        Promise.all(
          [...instances.values()].map(async (i) => {
            if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
            await i.exited;
          }),
        ),
      () => Promise.all([...vertex.values()].map((p) => p.close())),
      async () => emulators?.close(),
      async () => s3?.close(),
      async () => dir && rm(dir, { recursive: true, force: true }),
      async () => testDb?.drop(),
    ];
    const errors: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  });

  it('the nginx configuration is the documented one, with only addresses changed', async () => {
    const documented = await documentedNginxConfig();
    for (const directive of [
      'proxy_buffering off;',
      'proxy_http_version 1.1;',
      'proxy_cache off;',
      'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    ]) {
      expect(documented).toContain(directive);
      expect(nginx.config).toContain(directive);
    }
    const health = await fetch(`${nginx.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    // Team mode through the balancer: no token, no answer.
    const anonymous = await fetch(`${nginx.url}/trpc/auth.me`);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    expect((await viaNginx.auth.me.query()).mode).toBe('team');
  });

  it('a job through the balancer: progress streams through it, the clip is served by each instance', async () => {
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, runningMs: 3_000 });
    const id = await submit(viaNginx, { ...VIDEO, prompt: 'a lighthouse at dusk' });
    const progress = followProgress(nginx.url, id, auth());
    const events = await progress.done;
    // Passed on as written (proxy_buffering off): progress arrives before, not with, the end.
    const first = events.find((e) => e.type === 'progress');
    const last = events.at(-1);
    expect(last?.status).toBe('succeeded');
    expect(first?.read).toBeLessThan(last?.read ?? 0);
    expect(progress.connections).toBe(1);

    const job = await waitForJob(viaNginx, id);
    const asset = job.assets[0];
    if (!asset) throw new Error('no asset');
    for (const base of [nginx.url, instance('a').url, instance('b').url]) {
      const res = await fetch(`${base}${asset.url}`, { headers: auth() });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(asset.byteSize);
    }
  });

  it("an input image over nginx's default 1 MB body limit uploads through it and is served by each instance", async () => {
    const png = await renderImage({
      format: 'png',
      width: 1024,
      height: 1024,
      seed: 'deploy upload',
      noise: 24,
    });
    expect(png.byteLength).toBeGreaterThan(1024 * 1024);
    const res = await fetch(`${nginx.url}/assets`, {
      method: 'POST',
      body: png,
      headers: { ...auth(), 'content-type': 'image/png' },
    });
    if (res.status !== 201)
      throw new Error(`${res.status} ${await res.text()}\n${await nginx.errors()}`);
    const stored = (await res.json()) as { url: string; byteSize: number };
    expect(stored.byteSize).toBe(png.byteLength);
    for (const base of [instance('a').url, instance('b').url]) {
      const read = await fetch(`${base}${stored.url}`, { headers: auth() });
      expect(read.status).toBe(200);
      expect((await read.arrayBuffer()).byteLength).toBe(png.byteLength);
    }
  });

  it('behind nginx, failed sign-ins count per client address, across both instances', async () => {
    const me = (address: string, bearer: string) =>
      fetch(`${nginx.url}/trpc/auth.me`, {
        headers: { authorization: `Bearer ${bearer}`, 'x-forwarded-for': address },
      }).then(async (res) => (await res.arrayBuffer(), res.status));
    const guesser = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push(await me(guesser, `atl_${'0'.repeat(43)}${i}`));
    // Round robin sent these to both instances; the count is shared, so the limit is one limit.
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client behind the same nginx is not locked out, and a valid token always passes.
    expect(await me('203.0.113.8', 'atl_unknown')).toBe(401);
    expect(await me(guesser, token)).toBe(200);
  });

  it('kill -9 mid-job: the other instance finishes it, charged once; progress follows through nginx', async () => {
    emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, runningMs: 8_000 });
    const started = (path: string) => path.endsWith(':predictLongRunning');
    const polled = (path: string) => path.endsWith(':fetchPredictOperation');
    const before = new Map([...vertex].map(([n, p]) => [n, p.paths.length]));
    const since = (name: string) => vertex.get(name)?.paths.slice(before.get(name)) ?? [];
    const spentBefore = await viaNginx.spend.summary.query();

    const id = await submit(viaNginx, { ...VIDEO, prompt: 'a ferry crossing in fog' });
    // Two browsers watching: nginx's round robin puts one stream on each instance, so one of them
    // is on the instance about to be killed, whichever runs the job.
    const watchers = [followProgress(nginx.url, id, auth())];
    await until(() => (watchers[0]?.events.length ?? 0) > 0);
    watchers.push(followProgress(nginx.url, id, auth()));
    // Polling means the provider's operation is stored: another instance can carry on from it.
    await until(
      () =>
        ['a', 'b'].some((n) => since(n).some(polled)) &&
        watchers.every((w) => w.events.some((e) => e.type === 'progress')),
    );
    const runner = ['a', 'b'].find((n) => since(n).some(started)) ?? '';
    const other = runner === 'a' ? 'b' : 'a';
    const killed = instance(runner);
    const killedAt = Date.now();
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBeNull();
    const pollsBefore = since(other).filter(polled).length;
    const seenBefore = watchers.map((w) => w.events.length);

    // Bounded so a missing takeover fails with what happened rather than at the test's timeout.
    let timer: NodeJS.Timeout | undefined;
    const [first, second] = await Promise.race([
      Promise.all(watchers.map((w) => w.done)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          for (const w of watchers) w.stop();
          const seen = JSON.stringify(watchers.map((w) => w.events));
          const log = instance(other).output.join('');
          reject(
            new Error(`not finished 120 s after ${runner} was killed; events ${seen}\n${log}`),
          );
        }, 120_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const takeoverMs = Date.now() - killedAt;
    console.info(
      `deployment test: the job finished ${takeoverMs} ms after its instance was killed; ` +
        `events after the kill per watcher: ${watchers.map((w, i) => w.events.length - (seenBefore[i] ?? 0)).join(', ')}`,
    );
    expect(first?.at(-1)?.status).toBe('succeeded');
    expect(takeoverMs).toBeLessThan(60_000);
    // The other instance polled the stored operation; nobody started the clip again.
    expect(since(other).filter(polled).length).toBeGreaterThan(pollsBefore);
    expect([...since('a'), ...since('b')].filter(started)).toHaveLength(1);
    // The watcher on the killed instance reconnected through nginx and resumed from its last
    // event: both saw the same events, each once, in the same order.
    expect(watchers.map((w) => w.connections).sort()).toEqual([1, 2]);
    expect(second?.map((e) => e.id)).toEqual(first?.map((e) => e.id));
    expect(new Set(first?.map((e) => e.id)).size).toBe(first?.length);

    // Charged once: one reservation, one settlement, at the job's cost.
    const job = await waitForJob(viaNginx, id);
    expect(job.status).toBe('succeeded');
    const db = await openDatabase({ url: databaseUrl });
    try {
      const ledger = await ledgerForGeneration(db.db, id);
      expect(ledger.filter((l) => l.kind === 'reserve')).toHaveLength(1);
      expect(ledger.filter((l) => l.kind === 'settle').map((l) => l.micros)).toEqual([
        (await getGeneration(db.db, id))?.actualCostMicros,
      ]);
    } finally {
      await db.close();
    }
    const spent = await viaNginx.spend.summary.query();
    expect(spent.totalMicros - spentBefore.totalMicros).toBe(job.actualCostMicros);
    expect(spent.pendingMicros).toBe(0);

    // The killed instance comes back on its port; each instance serves the clip.
    await start(runner as 'a' | 'b', killed.port);
    const asset = job.assets[0];
    if (!asset) throw new Error('no asset');
    for (const base of [nginx.url, instance('a').url, instance('b').url]) {
      const res = await fetch(`${base}${asset.url}`, { headers: auth() });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(asset.byteSize);
    }
  });

  it('a graceful stop (SIGTERM) of one instance: requests through nginx keep being answered', async () => {
    const stopping = instance('a');
    const statuses: number[] = [];
    const load = (async () => {
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${nginx.url}/trpc/auth.me`, { headers: auth() });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    })();
    stopping.child.kill('SIGTERM');
    expect(await stopping.exited).toBe(0);
    await load;
    // A stopping instance's 503s and a stopped one's refused connections go to the other.
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await viaNginx.auth.me.query()).mode).toBe('team');
  });
});
