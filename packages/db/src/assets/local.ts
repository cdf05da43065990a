import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream } from 'node:stream/web';
import { AtelierError } from '@atelier/core';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../data-dir.ts';
import { assetKey, extensionFor, parseAssetKey } from './keys.ts';
import type { AssetBody, AssetStore, ByteRange, StoredObject } from './store.ts';

/**
 * Content-addressed assets in a local folder. Bytes are hashed while they stream into a temp
 * file inside the store (same filesystem), then renamed to `aa/bb/<sha256>.<ext>`: a rename is
 * atomic, so readers never see a partial file, and bytes already present are not written twice.
 * Folders are 0700 and files 0600: prompts' images are their owner's (see data-dir.ts).
 */
export class LocalAssetStore implements AssetStore {
  readonly root: string;
  /** Folders known to exist: a job stores its output without a mkdir call each time. */
  readonly #made = new Set<string>();

  constructor(root: string) {
    this.root = root;
  }

  async #folder(path: string): Promise<void> {
    if (this.#made.has(path)) return;
    await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.#made.add(path);
  }

  async put(body: AssetBody, mediaType: string): Promise<StoredObject> {
    extensionFor(mediaType); // validate before writing anything
    // Bytes already in memory (what provider adapters return) are hashed first: known content
    // is then never written at all.
    if (body instanceof Uint8Array) return this.#putBytes(body, mediaType);
    const tmpDir = join(this.root, 'tmp');
    await this.#folder(tmpDir);
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        toReadable(body),
        async function* (source: AsyncIterable<Uint8Array | string>) {
          for await (const chunk of source) {
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
            hash.update(bytes);
            size += bytes.byteLength;
            yield bytes;
          }
        },
        createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
      );
      const sha256 = hash.digest('hex');
      const key = assetKey(sha256, mediaType);
      const dest = this.pathOf(key);
      if ((await fileSize(dest)) !== undefined) {
        await rm(tmp, { force: true });
      } else {
        await this.#folder(dirname(dest));
        await rename(tmp, dest);
      }
      return { sha256, key, size };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async #putBytes(bytes: Uint8Array, mediaType: string): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = assetKey(sha256, mediaType);
    const dest = this.pathOf(key);
    if ((await fileSize(dest)) === undefined) {
      const tmpDir = join(this.root, 'tmp');
      await Promise.all([this.#folder(tmpDir), this.#folder(dirname(dest))]);
      const tmp = join(tmpDir, `${randomUUID()}.part`);
      try {
        await writeFile(tmp, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
        await rename(tmp, dest);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    }
    return { sha256, key, size: bytes.byteLength };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const size = await fileSize(path);
    if (size === undefined) throw new AtelierError('not_found', `No asset stored at ${key}.`);
    if (range === undefined) return createReadStream(path);
    const end = range.end ?? size - 1;
    if (
      !Number.isSafeInteger(range.start) ||
      !Number.isSafeInteger(end) ||
      range.start < 0 ||
      end < range.start ||
      range.start >= size
    ) {
      throw new AtelierError(
        'invalid_input',
        `Byte range ${range.start}-${range.end ?? ''} is outside asset ${key} (${size} bytes).`,
        {
          details: { size, range },
        },
      );
    }
    return createReadStream(path, { start: range.start, end: Math.min(end, size - 1) });
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    const size = await fileSize(this.pathOf(key));
    return size === undefined ? undefined : { size };
  }

  async has(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    if ((await fileSize(path)) === undefined) return false;
    await rm(path, { force: true });
    return true;
  }

  private pathOf(key: string): string {
    parseAssetKey(key);
    return join(this.root, key);
  }
}

function toReadable(body: AssetBody): Readable {
  if (body instanceof Readable) return body;
  if (body instanceof Uint8Array) return Readable.from([body]);
  if (body instanceof ReadableStream) return Readable.fromWeb(body);
  return Readable.from(body);
}

/** The file's size, or undefined when there is no such file. */
async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
