import { readFile } from 'node:fs/promises';
import { AtelierError } from '@atelier/core/errors';
import { inputImageInfo, type MediaInput } from '@atelier/core/providers';

/** Input images (edits, references, masks, video frames) read from disk and typed by their bytes. */

export interface InputImage extends MediaInput {
  /** As given on the command line, for the sidecar. */
  path: string;
  width: number;
  height: number;
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
  const info = inputImageInfo(data);
  if (!info) {
    throw new AtelierError('invalid_input', `${flag} ${path}: not a PNG, JPEG, WebP or GIF image.`);
  }
  return { data, path, ...info };
}

/** The request's view of an input: bytes and type only. */
export function media(image: InputImage): MediaInput {
  return { data: image.data, mediaType: image.mediaType };
}
