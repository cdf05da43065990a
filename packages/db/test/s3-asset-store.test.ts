import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startS3Server, type S3Server } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAssetStore } from '../src/assets/local.ts';
import { openAssetStore, parseAssetsUrl } from '../src/assets/open.ts';
import { S3AssetStore } from '../src/assets/s3.ts';

describe('ATELIER_ASSETS_URL', () => {
  it('defaults to the data folder and reads s3:// and file:// URLs', () => {
    expect(parseAssetsUrl(undefined, '/data')).toEqual({ kind: 'local', root: '/data/assets' });
    expect(parseAssetsUrl('  ', '/data')).toEqual({ kind: 'local', root: '/data/assets' });
    expect(parseAssetsUrl('file:///srv/assets', '/data')).toEqual({
      kind: 'local',
      root: '/srv/assets',
    });
    expect(parseAssetsUrl('s3://my-bucket', '/data')).toEqual({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: '',
      forcePathStyle: false,
    });
    expect(parseAssetsUrl('s3://my.bucket/team/assets/?path_style=1', '/data')).toEqual({
      kind: 's3',
      bucket: 'my.bucket',
      prefix: 'team/assets/',
      forcePathStyle: true,
    });
  });

  it.each([
    ['https://key:secret@example.com/bucket', 'the scheme https: is not supported'],
    ['s3://Bad_Bucket/x', 'is not a bucket name'],
    ['s3://bucket/../x', 'prefix segment'],
    ['s3://bucket/x?region=eu', 'unknown parameter "region"'],
    ['s3://bucket?path_style=yes', 'path_style must be'],
    ['bucket/prefix', 'not a URL'],
  ])('refuses %s naming the variable and the allowed forms', (value, why) => {
    let message = '';
    try {
      parseAssetsUrl(value, '/data');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('ATELIER_ASSETS_URL');
    expect(message).toContain(why);
    expect(message).toContain('s3://<bucket>[/<prefix>][?path_style=1]');
    expect(message).not.toContain('secret');
  });

  it('opens the local folder when unset', async () => {
    const store = await openAssetStore({ dataDir: '/data', env: {} });
    expect(store).toBeInstanceOf(LocalAssetStore);
    expect((store as LocalAssetStore).root).toBe('/data/assets');
  });
});

describe('S3AssetStore against an S3-compatible server', () => {
  let dir: string;
  let s3: S3Server;
  let store: S3AssetStore;
  /** The SDK commands the store sent, in order. */
  const sent: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-s3-'));
    s3 = await startS3Server({ dir: join(dir, 'objects') });
    store = (await openAssetStore({ dataDir: join(dir, 'data'), env: s3.env })) as S3AssetStore;
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
  });
  afterAll(async () => {
    store?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bytes = Buffer.from('0123456789abcdefghij');
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('is the store ATELIER_ASSETS_URL names, and writes nothing to the data folder', async () => {
    expect(store).toBeInstanceOf(S3AssetStore);
    expect(store.prefix).toBe('assets/');
    await store.put(bytes, 'image/png');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('stores bytes under their content address, below the prefix, with their type', async () => {
    const stored = await store.put(bytes, 'image/png');
    const key = `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}.png`;
    expect(stored).toEqual({ sha256: sha, key, size: 20 });
    expect(await store.has(key)).toBe(true);
    expect(await store.head(key)).toEqual({ size: 20 });
    expect(await text(await store.get(key))).toBe(bytes.toString());
    const raw = await store.client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `assets/${key}` }),
    );
    expect(raw.ContentType).toBe('image/png');
    await raw.Body?.transformToString();
  });

  it('puts known bytes no second time', async () => {
    await store.put(bytes, 'image/png');
    sent.length = 0;
    await store.put(bytes, 'image/png');
    expect(sent).toEqual(['HeadObjectCommand']);
  });

  it('reads inclusive byte ranges, clamps an end past the last byte, refuses a start past it', async () => {
    const { key } = await store.put(bytes, 'image/png');
    expect(await text(await store.get(key, { start: 3, end: 7 }))).toBe('34567');
    expect(await text(await store.get(key, { start: 15 }))).toBe('fghij');
    expect(await text(await store.get(key, { start: 18, end: 99 }))).toBe('ij');
    await expect(store.get(key, { start: 20 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.get(key, { start: 5, end: 2 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('streams a multi-MB upload in parts, hashing it on the way, and leaves no temporary object', async () => {
    const size = 20 * 1024 * 1024 + 123;
    const hash = createHash('sha256');
    // Made chunk by chunk: neither the test nor the store holds the whole clip.
    function* chunks() {
      for (let offset = 0, n = 0; offset < size; offset += 64 * 1024, n++) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, size - offset), n % 251);
        hash.update(chunk);
        yield chunk;
      }
    }
    sent.length = 0;
    const stored = await store.put(Readable.from(chunks()), 'video/mp4');
    const expected = hash.digest('hex');
    expect(stored).toEqual({
      sha256: expected,
      key: `${expected.slice(0, 2)}/${expected.slice(2, 4)}/${expected}.mp4`,
      size,
    });
    expect(sent).toContain('CreateMultipartUploadCommand');
    expect(sent.filter((c) => c === 'UploadPartCommand').length).toBe(3);
    expect(sent).toContain('CopyObjectCommand');
    expect(await store.head(stored.key)).toEqual({ size });
    const tail = await buffer(await store.get(stored.key, { start: size - 10 }));
    expect(tail).toEqual(Buffer.alloc(10, Math.floor((size - 1) / (64 * 1024)) % 251));
    const whole = createHash('sha256');
    for await (const chunk of await store.get(stored.key)) whole.update(chunk as Buffer);
    expect(whole.digest('hex')).toBe(expected);
    const left = await store.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'assets/tmp/' }),
    );
    expect(left.KeyCount ?? 0).toBe(0);
  });

  it('stores web streams and async iterables by content too', async () => {
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7)];
    const fromWeb = await store.put(Readable.toWeb(Readable.from(chunks)) as never, 'image/png');
    async function* generate() {
      yield* chunks;
    }
    const fromIterable = await store.put(generate(), 'image/png');
    expect(fromWeb.sha256).toBe(sha);
    expect(fromIterable).toEqual(fromWeb);
  });

  it("answers a missing object as the store's not-found", async () => {
    const missing = `${'ab'}/${'cd'}/${'abcd'.padEnd(64, '0')}.png`;
    expect(await store.head(missing)).toBeUndefined();
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.get(missing, { start: 0 })).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.delete(missing)).toBe(false);
  });

  it('deletes', async () => {
    const { key } = await store.put(Buffer.from('to delete'), 'image/webp');
    expect(await store.delete(key)).toBe(true);
    expect(await store.has(key)).toBe(false);
  });

  it('refuses keys that are not content addresses', async () => {
    await expect(store.get('../secret')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.head('tmp/x.part')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('passes the SDK checksum settings from the environment, for servers that refuse its defaults', async () => {
    const strict = (await openAssetStore({
      dataDir: dir,
      env: {
        ...s3.env,
        AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      },
    })) as S3AssetStore;
    try {
      expect(await strict.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
      expect(await strict.client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
      const { key } = await strict.put(Readable.from([Buffer.from('no checksums')]), 'image/gif');
      expect(await text(await strict.get(key))).toBe('no checksums');
    } finally {
      strict.close();
    }
  });

  it('fails at open with a clear error when the bucket is missing or the keys are wrong', async () => {
    await expect(
      openAssetStore({
        dataDir: dir,
        env: { ...s3.env, ATELIER_ASSETS_URL: 's3://no-such-bucket?path_style=1' },
      }),
    ).rejects.toThrow(/s3:\/\/no-such-bucket\/ cannot be reached.*404/);
    const refused = openAssetStore({
      dataDir: dir,
      env: { ...s3.env, AWS_ACCESS_KEY_ID: 'UNKNOWN', AWS_SECRET_ACCESS_KEY: 'wrong-secret' },
    });
    await expect(refused).rejects.toThrow(/cannot be reached.*403/);
    await expect(refused).rejects.not.toThrow(/wrong-secret/);
  });
});
