import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand, findRunningStudio, resolveDataDir, startStudio } from '../src/studio/local.ts';

describe('resolveDataDir', () => {
  it('follows the CLI: ATELIER_DATA_DIR, else the platform folder', () => {
    expect(resolveDataDir({ ATELIER_DATA_DIR: '/d' }, 'linux', '/home/u')).toBe('/d');
    expect(resolveDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/atelier');
    expect(resolveDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/atelier');
    expect(resolveDataDir({}, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Application Support/atelier',
    );
  });
});

describe('findRunningStudio', () => {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok');
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const dataDir = (record?: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-vscode-'));
    if (record !== undefined) writeFileSync(join(dir, 'studio.json'), JSON.stringify(record));
    return dir;
  };

  it('reuses the studio recorded in studio.json when its process lives and /healthz answers', async () => {
    const dir = dataDir({
      version: 1,
      url: `${url}/`,
      // A live process other than this one (a studio never reuses itself).
      pid: process.ppid,
      mode: 'local',
      startedAt: new Date().toISOString(),
    });
    expect(await findRunningStudio(dir)).toEqual({ url, mode: 'local' });
  });
  it('ignores a missing file, a bad one, and a record left by a dead process', async () => {
    expect(await findRunningStudio(dataDir())).toBeUndefined();
    expect(await findRunningStudio(dataDir({ version: 2 }))).toBeUndefined();
    expect(
      await findRunningStudio(
        dataDir({ version: 1, url, pid: 2 ** 22 + 12345, mode: 'local', startedAt: '' }),
      ),
    ).toBeUndefined();
  });
});

describe('cliCommand', () => {
  it('runs the configured CLI with node, else atelier from the PATH', () => {
    expect(cliCommand('/repo/apps/cli/dist/atelier.mjs', ['serve'])).toEqual({
      command: 'node',
      args: ['/repo/apps/cli/dist/atelier.mjs', 'serve'],
    });
    expect(cliCommand(undefined, ['mcp'])).toEqual({ command: 'atelier', args: ['mcp'] });
  });
});

describe('startStudio', () => {
  const fakeCli = (script: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-vscode-cli-'));
    const file = join(dir, 'atelier.mjs');
    writeFileSync(file, script);
    return file;
  };

  it('runs `serve --json --port 0` and reads the URL from its JSON line, even in pieces', async () => {
    const cli = fakeCli(`
      if (process.argv.slice(2).join(' ') !== 'serve --json --port 0') process.exit(3);
      process.stderr.write('starting\\n');
      process.stdout.write('{"url":"http://127.0.0.1:4');
      setTimeout(() => process.stdout.write('321/","mode":"local","dataDir":"/d","database":"pglite"}\\n'), 50);
      setInterval(() => {}, 1000);
    `);
    const lines: string[] = [];
    const started = await startStudio(cli, (l) => lines.push(l));
    try {
      expect(started.url).toBe('http://127.0.0.1:4321');
      expect(lines).toContain('starting');
    } finally {
      started.child.kill();
    }
  });

  it('reports a studio that exits before it listens, with its last words', async () => {
    const cli = fakeCli(
      `process.stderr.write('The data folder is locked by process 42.\\n'); process.exit(2);`,
    );
    await expect(startStudio(cli, () => undefined)).rejects.toThrow(
      /exited \(code 2\): The data folder is locked by process 42\./,
    );
  });
});
