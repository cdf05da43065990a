import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { AtelierError } from '@atelier/core';
import { isProcessAlive, PRIVATE_FILE_MODE } from './data-dir.ts';

/**
 * An embedded database folder must have one process at a time: two PGlite instances on the same
 * files corrupt them. The lock file holds the owner's pid; a lock left by a dead process is taken
 * over.
 */
/** Locks this process holds: a file naming our own pid but not listed here is from an earlier
 * process that had the same pid (containers restart as pid 1). */
const held = new Set<string>();

export function acquireLockFile(path: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      return () => {
        if (held.delete(path)) rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      const ours = holder === process.pid;
      if (Number.isInteger(holder) && (ours ? held.has(path) : isProcessAlive(holder))) {
        throw new AtelierError('unsupported', `${what} is already open in process ${holder}.`, {
          hint: 'Stop the other Atelier process, or set DATABASE_URL to share a PostgreSQL database.',
          details: { lockFile: path, pid: holder },
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new AtelierError('internal', `Could not take the lock ${path}.`);
}
