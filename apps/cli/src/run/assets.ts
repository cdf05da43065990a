import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes one asset and its JSON sidecar as `<stem>.<ext>` + `<stem>.json`, never replacing a file:
 * when either name is taken the stem gets `_2`, `_3`… Files are created exclusively ('wx'), so two
 * runs writing into one folder at once cannot take the same name either.
 */

async function create(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
}

export interface Written {
  path: string;
  sidecar: string;
}

export async function writeAsset(
  dir: string,
  stem: string,
  ext: string,
  data: Uint8Array,
  sidecar: (path: string) => unknown,
): Promise<Written> {
  for (let n = 1; ; n++) {
    const base = join(dir, n === 1 ? stem : `${stem}_${n}`);
    const path = `${base}.${ext}`;
    const sidecarPath = `${base}.json`;
    const file = await create(path);
    if (!file) continue;
    const meta = await create(sidecarPath).catch(async (e: unknown) => {
      await file.close();
      await unlink(path).catch(() => undefined);
      throw e;
    });
    if (!meta) {
      await file.close();
      await unlink(path);
      continue;
    }
    try {
      await file.writeFile(data);
      await meta.writeFile(`${JSON.stringify(sidecar(path), null, 2)}\n`);
    } finally {
      await file.close();
      await meta.close();
    }
    return { path, sidecar: sidecarPath };
  }
}

/** A file-name-safe form of a model id (ids are already lowercase words and dashes). */
export function fileStem(modelId: string, index: number): string {
  return `${modelId.replace(/[^a-z0-9._-]+/gi, '-')}-${index}`;
}
