import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
// The light entry: the editor extension bundles this module without the database.
import { isProcessAlive, PRIVATE_FILE_MODE } from '@atelier/db/data-dir';

/**
 * `<dataDir>/studio.json`: written by every studio (`atelier serve`, `pnpm start`) once it
 * listens, removed when it stops. The embedded database admits one process at a time, so a CLI command that finds a
 * studio running on its data folder talks to it over HTTP instead of opening the database.
 * A file left behind by a process that died is ignored (its pid is gone).
 */

const StudioFile = z.object({
  version: z.literal(1),
  url: z.url(),
  pid: z.number().int().positive(),
  mode: z.enum(['local', 'team']),
  startedAt: z.string(),
});
export type RunningStudio = z.output<typeof StudioFile>;

export function studioFilePath(dataDir: string): string {
  return join(dataDir, 'studio.json');
}

export function recordStudio(dataDir: string, studio: Omit<RunningStudio, 'version'>): () => void {
  const path = studioFilePath(dataDir);
  writeFileSync(path, `${JSON.stringify({ version: 1, ...studio }, null, 2)}\n`, {
    mode: PRIVATE_FILE_MODE,
  });
  return () => {
    // Only our own record: a later studio on the same folder may have replaced it.
    if (readStudioFile(dataDir)?.pid === process.pid) rmSync(path, { force: true });
  };
}

function readStudioFile(dataDir: string): RunningStudio | undefined {
  try {
    const parsed = StudioFile.safeParse(JSON.parse(readFileSync(studioFilePath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The studio serving this data folder, when its process is alive and it answers /healthz. */
export async function findRunningStudio(dataDir: string): Promise<RunningStudio | undefined> {
  const found = readStudioFile(dataDir);
  if (!found || found.pid === process.pid || !isProcessAlive(found.pid)) return undefined;
  try {
    const res = await fetch(new URL('/healthz', found.url), { signal: AbortSignal.timeout(2_000) });
    return res.ok ? found : undefined;
  } catch {
    return undefined;
  }
}
