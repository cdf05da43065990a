import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ensurePrivateDir, resolveDataDir } from '../src/data-dir.ts';

it('resolves the data folder per platform, ATELIER_DATA_DIR first', () => {
  const home = '/home/ada';
  expect(resolveDataDir({ ATELIER_DATA_DIR: '/srv/atelier' }, 'linux', home)).toBe('/srv/atelier');
  expect(resolveDataDir({}, 'linux', home)).toBe(join(home, '.local', 'share', 'atelier'));
  expect(resolveDataDir({ XDG_DATA_HOME: '/data' }, 'linux', home)).toBe(join('/data', 'atelier'));
  expect(resolveDataDir({}, 'darwin', home)).toBe(
    join(home, 'Library', 'Application Support', 'atelier'),
  );
  expect(resolveDataDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', home)).toBe(
    join('C:/Users/ada/AppData/Roaming', 'atelier'),
  );
});

it('makes a missing data folder owner-only, and leaves a looser existing one with a warning', () => {
  const root = mkdtempSync(join(tmpdir(), 'atelier-dir-'));
  try {
    const warnings: string[] = [];
    const fresh = join(root, 'a', 'b');
    ensurePrivateDir(fresh, (m) => warnings.push(m));
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([]);

    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o750);
    ensurePrivateDir(shared, (m) => warnings.push(m));
    expect(statSync(shared).mode & 0o777).toBe(0o750);
    expect(warnings).toEqual([
      expect.stringMatching(/can be read by other users .*mode 750.*chmod 700/),
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
