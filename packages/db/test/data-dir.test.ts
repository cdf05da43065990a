import { join } from 'node:path';
import { expect, it } from 'vitest';
import { resolveDataDir } from '../src/data-dir.ts';

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
