import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetKey, parseAssetKey } from '../src/assets/keys.ts';
import { LocalAssetStore } from '../src/assets/local.ts';

describe('LocalAssetStore', () => {
  let root: string;
  let store: LocalAssetStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atelier-assets-'));
    store = new LocalAssetStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const bytes = Buffer.from('0123456789abcdefghij');
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('stores bytes under their content address', async () => {
    const stored = await store.put(bytes, 'image/png');
    expect(stored).toEqual({
      sha256: sha,
      key: `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}.png`,
      size: 20,
    });
    expect(await store.has(stored.key)).toBe(true);
    expect(await store.head(stored.key)).toEqual({ size: 20 });
    expect(await text(await store.get(stored.key))).toBe(bytes.toString());
  });

  it('keeps assets owner-only: folders 0700, files 0600', async () => {
    const mode = (path: string) => statSync(join(root, 'assets', path)).mode & 0o777;
    const inside = new LocalAssetStore(join(root, 'assets'));
    const fromBytes = await inside.put(bytes, 'image/png');
    const fromStream = await inside.put(Readable.from([Buffer.from('streamed')]), 'image/webp');
    expect(mode('.')).toBe(0o700);
    expect(mode(sha.slice(0, 2))).toBe(0o700);
    expect(mode(fromBytes.key)).toBe(0o600);
    expect(mode(fromStream.key)).toBe(0o600);
  });

  it('hashes streamed input chunk by chunk and stores the same bytes once', async () => {
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 13), bytes.subarray(13)];
    const fromStream = await store.put(Readable.from(chunks), 'image/png');
    const fromWeb = await store.put(Readable.toWeb(Readable.from(chunks)) as never, 'image/png');
    async function* generate() {
      yield* chunks;
    }
    const fromIterable = await store.put(generate(), 'image/png');
    const fromBytes = await store.put(new Uint8Array(bytes), 'image/png');
    expect(new Set([fromStream.key, fromWeb.key, fromIterable.key, fromBytes.key]).size).toBe(1);
    expect(fromStream.sha256).toBe(sha);
    const files = readdirSync(join(root, sha.slice(0, 2), sha.slice(2, 4)));
    expect(files).toEqual([`${sha}.png`]);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('reads inclusive byte ranges', async () => {
    const { key } = await store.put(bytes, 'video/mp4');
    expect(key.endsWith('.mp4')).toBe(true);
    expect(await text(await store.get(key, { start: 0, end: 0 }))).toBe('0');
    expect(await text(await store.get(key, { start: 10, end: 14 }))).toBe('abcde');
    expect(await text(await store.get(key, { start: 15 }))).toBe('fghij');
    expect(await text(await store.get(key, { start: 18, end: 500 }))).toBe('ij');
    await expect(store.get(key, { start: 20 })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { size: 20 },
    });
    await expect(store.get(key, { start: 5, end: 4 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(store.get(key, { start: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('deletes, and reports missing keys', async () => {
    const { key } = await store.put(bytes, 'image/webp');
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    expect(await store.has(key)).toBe(false);
    expect(await store.head(key)).toBeUndefined();
    await expect(store.get(key)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('leaves no temp file when the source fails midway', async () => {
    async function* broken() {
      yield bytes;
      throw new Error('connection reset');
    }
    await expect(store.put(broken(), 'image/png')).rejects.toThrow('connection reset');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('accepts only content-address keys (no way out of the folder)', async () => {
    for (const key of [
      '../etc/passwd',
      `aa/bb/${sha}.png`,
      `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}.PNG`,
      '',
    ]) {
      await expect(store.has(key)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await expect(store.put(bytes, 'not a type')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('maps media types to extensions', () => {
    expect(assetKey(sha, 'image/jpeg; charset=binary')).toMatch(/\.jpg$/);
    expect(assetKey(sha, 'application/x-custom')).toMatch(/\.bin$/);
    expect(parseAssetKey(assetKey(sha, 'image/png'))).toEqual({ sha256: sha, extension: 'png' });
  });
});
