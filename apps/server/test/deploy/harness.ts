import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryFile } from '../../scripts/build.mjs';

/**
 * What the deployment test runs: the built studio as separate processes, Debian's nginx in front
 * with the configuration docs/deploy.md gives, and small recording proxies that tell which
 * instance talked to a provider.
 */

const DOC = fileURLToPath(new URL('../../../../docs/deploy.md', import.meta.url));

/** Debian's nginx, when installed (CI installs it; elsewhere the test is skipped without it). */
export function findNginx(): string | undefined {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(path)) return path;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A port free right now (the OS's pick), for processes that need theirs before they start. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The nginx block of docs/deploy.md, as printed there. */
export async function documentedNginxConfig(): Promise<string> {
  const match = /```nginx\n([\s\S]*?)```/.exec(await readFile(DOC, 'utf8'));
  if (!match?.[1]) throw new Error(`${DOC} has no nginx block`);
  return match[1];
}

/**
 * The documented block for this machine: its instances in the upstream and plain HTTP on a
 * loopback port in place of TLS (the only changes; every proxy directive stays as documented).
 */
export function localNginxConfig(documented: string, listenPort: number, upstreams: number[]) {
  const lines = documented.split('\n');
  const servers = lines.filter((l) => /^\s*server\s+\S+:\d+/.test(l));
  if (servers.length === 0) throw new Error('the documented upstream lists no server');
  const options = /:\d+(\s[^;]*)?;/.exec(servers[0] ?? '')?.[1] ?? '';
  const out: string[] = [];
  for (const line of lines) {
    if (line === servers[0]) {
      for (const port of upstreams) out.push(`    server 127.0.0.1:${port}${options};`);
    } else if (servers.includes(line) || /^\s*ssl_/.test(line)) {
      continue;
    } else if (/^\s*listen\s/.test(line)) {
      out.push(`    listen 127.0.0.1:${listenPort};`);
    } else out.push(line);
  }
  return out.join('\n');
}

export interface Nginx {
  url: string;
  config: string;
  /** Its error log so far, for failure messages. */
  errors(): Promise<string>;
  stop(): Promise<void>;
}

/** nginx in the foreground with its own prefix, pid, logs and temp folders in a temp folder. */
export async function startNginx(
  binary: string,
  site: (listenPort: number) => string,
): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-nginx-'));
  // Run as root, nginx's workers drop to `nobody` and write request bodies to client_body_temp.
  if (process.getuid?.() === 0) await chmod(dir, 0o755);
  const port = await freePort();
  const config = [
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (t) => `  ${t}_temp_path ${join(dir, `${t}_temp`)};`,
    ),
    site(port),
    '}',
    '',
  ].join('\n');
  const file = join(dir, 'nginx.conf');
  await writeFile(file, config);
  const output: string[] = [];
  const child = spawn(binary, ['-p', dir, '-c', file, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  // Up when it answers; a failed start (bad config, port taken) ends the process instead.
  for (;;) {
    const state = await Promise.race([
      exited.then(() => 'exited' as const),
      fetch(`${url}/nginx-probe`).then(
        async (r) => (await r.arrayBuffer(), 'up' as const),
        () => new Promise<'retry'>((r) => setTimeout(() => r('retry'), 50)),
      ),
    ]);
    if (state === 'up') break;
    if (state === 'exited') {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx did not start:\n${output.join('')}${log}`);
    }
  }
  return {
    url,
    config,
    errors: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''),
    async stop() {
      // SIGTERM is nginx's fast stop; SIGQUIT would wait for open event streams to end.
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Starts dist/main.mjs with these arguments and environment; resolves once it is listening. */
export async function startInstance(
  name: string,
  port: number,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Instance> {
  const output: string[] = [];
  const child = spawn(process.execPath, [entryFile, '--port', String(port), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const match = /running at (http:\/\/\S+)/.exec(output.join(''));
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then((code) =>
      reject(new Error(`instance ${name} exited with ${code}:\n${output.join('')}`)),
    );
  });
  return { name, port, url, child, output, exited };
}

/** The environment of a spawned instance: the test's own minus any Atelier or provider setting. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !k.startsWith('ATELIER_') &&
      !k.startsWith('AWS_') &&
      k !== 'DATABASE_URL' &&
      !/_API_KEY$|_API_TOKEN$|^FAL_KEY$|^GOOGLE_/.test(k)
    )
      env[k] = v;
  }
  return env;
}

export interface RecordingProxy {
  url: string;
  /** Paths of the requests that went through, in order. */
  paths: string[];
  close(): Promise<void>;
}

/** Forwards everything to `target` and notes the paths: which instance called the provider. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push((req.url ?? '').split('?')[0] ?? '');
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
