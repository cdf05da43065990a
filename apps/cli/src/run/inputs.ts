import { readFile } from 'node:fs/promises';
import { AtelierError } from '@atelier/core/errors';
import type { MediaInput } from '@atelier/core/providers';

/** Input images (edits, references, masks, video frames) read from disk and typed by their bytes. */

const SIGNATURES: { mediaType: string; test: (b: Uint8Array) => boolean }[] = [
  {
    mediaType: 'image/png',
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  { mediaType: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mediaType: 'image/webp',
    test: (b) =>
      Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' &&
      Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP',
  },
  {
    mediaType: 'image/gif',
    test: (b) => Buffer.from(b.subarray(0, 4)).toString('latin1') === 'GIF8',
  },
];

export interface InputImage extends MediaInput {
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
  const mediaType = SIGNATURES.find((s) => s.test(data))?.mediaType;
  if (!mediaType) {
    throw new AtelierError('invalid_input', `${flag} ${path}: not a PNG, JPEG, WebP or GIF image.`);
  }
  return { data, mediaType, path };
}

/** The request's view of an input: bytes and type only. */
export function media(image: InputImage): MediaInput {
  return { data: image.data, mediaType: image.mediaType };
}
