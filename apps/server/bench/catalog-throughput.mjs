#!/usr/bin/env node
// catalog.list over HTTP: the studio server (dist/main.mjs, local mode, embedded database)
// against a plain node:http handler that returns the very same JSON bytes, measured in the same
// run with autocannon, in interleaved rounds so that drift on a shared machine hits both alike.
// Each server runs in its own process; autocannon runs in this one.
//
//   node bench/catalog-throughput.mjs [--rounds 5] [--duration 5] [--connections 10] [--team] [--postgres] [--path /trpc/catalog.get?input=…]
//
// --team also measures the studio in team mode, where every request carries an API token (checked
// in the database once, then kept by the process: see src/token-cache.ts). --postgres adds team
// mode on PostgreSQL (ATELIER_BENCH_DATABASE_URL, default the local server; a database of its own
// is made and dropped), where the per-token rate limit is counted in the database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensureBuilt, entryFile } from '../scripts/build.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    team: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    /** Another catalog query, e.g. a small one, where the per-request work around it shows more. */
    path: { type: 'string', default: '/trpc/catalog.list' },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
for (const [name, n] of Object.entries({ rounds, duration, connections })) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
}

const PATH = values.path;
if (!PATH.startsWith('/trpc/catalog.')) throw new Error('--path must be a /trpc/catalog.… query');
const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
const children = [];
/** Drops the PostgreSQL database made for the run, if any. */
let dropDatabase = async () => {};

/** A fresh database on the PostgreSQL server, dropped at the end of the run. */
async function createDatabase() {
  const { default: postgres } = await import('postgres');
  const serverUrl =
    process.env.ATELIER_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `atelier_bench_${process.pid}_${Date.now()}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const sql = admin();
  await sql.unsafe(`create database ${name}`);
  await sql.end({ timeout: 5 });
  dropDatabase = async () => {
    const a = admin();
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end({ timeout: 5 });
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A team-mode studio with its bootstrap admin token. */
async function startTeam(name, dataDir, env) {
  // The per-token rate limit is raised for the run: it would refuse most of the requests.
  const team = await start(
    [entryFile, '--team', '--bootstrap-admin', '--port', '0', '--data-dir', dataDir],
    {
      ...env,
      ATELIER_RATE_LIMIT: '1000000/1',
    },
  );
  await new Promise((r) => setTimeout(r, 200));
  const token = /(atl_\S+)/.exec(team.out())?.[1];
  if (!token) throw new Error(`${name}: no bootstrap token printed`);
  return { name, url: team.url, headers: { authorization: `Bearer ${token}` } };
}

/** Spawns a process and resolves with the URL it prints ("... http://127.0.0.1:PORT ..."). */
function start(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ url: match[1], out: () => out });
    });
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)),
    );
  });
}

function run(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url: url + PATH, connections, duration, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  await ensureBuilt();
  const serverEnv = { ATELIER_SECRET: 'x'.repeat(40), DATABASE_URL: '' };
  const studio = await start(
    [entryFile, '--port', '0', '--data-dir', join(dir, 'local')],
    serverEnv,
  );
  const body = Buffer.from(await (await fetch(studio.url + PATH)).arrayBuffer());
  const bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, body);
  // The baseline: the same bytes from a handler that does nothing else.
  const plainSource = `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(${JSON.stringify(bodyFile)});
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));`;
  const plain = await start(['-e', plainSource]);
  const targets = [
    { name: 'plain node:http, same bytes', url: plain.url },
    { name: 'studio server, local mode', url: studio.url },
  ];
  if (values.team) {
    targets.push(
      await startTeam('studio server, team mode (bearer token)', join(dir, 'team'), serverEnv),
    );
  }
  if (values.postgres) {
    targets.push(
      await startTeam(
        'studio server, team mode on PostgreSQL (bearer token)',
        join(dir, 'team-pg'),
        {
          ...serverEnv,
          DATABASE_URL: await createDatabase(),
        },
      ),
    );
  }

  // Warm-up (JIT, caches), not counted.
  for (const t of targets) await run(t.url, t.headers);
  const results = new Map(targets.map((t) => [t.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      const res = await run(t.url, t.headers);
      if (res.non2xx || res.errors)
        throw new Error(`${t.name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
      results.get(t.name).push({ rps: res.requests.average, p99: res.latency.p99 });
    }
  }

  const base = results.get(targets[0].name);
  const baseRps = median(base.map((x) => x.rps));
  const baseP99 = median(base.map((x) => x.p99));
  console.log(
    `${PATH}: ${body.length} bytes, ${connections} connections, ${rounds} interleaved rounds of ${duration} s, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log('| target | req/s (median) | p99 ms (median) | req/s vs plain |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const t of targets) {
    const xs = results.get(t.name);
    const rps = median(xs.map((x) => x.rps));
    const p99 = median(xs.map((x) => x.p99));
    console.log(
      `| ${t.name} | ${rps.toFixed(0)} | ${p99.toFixed(0)} | ${(rps / baseRps).toFixed(2)}× |`,
    );
  }
  console.log(
    `\nper round req/s: ${targets
      .map(
        (t) =>
          `${t.name}: ${results
            .get(t.name)
            .map((x) => x.rps.toFixed(0))
            .join(', ')}`,
      )
      .join('; ')}`,
  );
  console.log(`baseline p99 ${baseP99} ms`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
}
