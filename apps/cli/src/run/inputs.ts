import { readFile } from 'node:fs/promises';
import { AtelierError } from '@atelier/core/errors';
import { inspectImage, type InspectedImage } from '@atelier/core/providers';

/**
 * Input images (edits, references, masks, video frames) read from disk once and checked whole
 * (type, size, alpha, a file cut short) by core's inspectImage, so a damaged file is the command
 * line's mistake before anything is planned, uploaded or spent.
 */

export interface InputImage extends InspectedImage {
  data: Uint8Array;
  /** As given on the command line, for the sidecar. */
  path: string;
}

export async function readImage(path: string, flag: string): Promise<InputImage> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new AtelierError('invalid_input', `${flag} ${path}: ${why}.`);
  }
  return { data, path, ...inspectImage(data, `${flag} ${path}`) };
}
