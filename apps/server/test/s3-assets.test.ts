import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetKey, openAssetStore, type OpenedAssetStore } from '@atelier/db';
import { renderImage, startS3Server, type S3Server } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio } from '../src/index.ts';
import { startTestStudio, submit, waitForJob, type TestStudio } from './helpers.ts';

/**
 * A studio whose ATELIER_ASSETS_URL names a bucket on an S3-compatible server: generated images
 * and uploads go to the bucket (nothing to the data folder's assets/), and come back over HTTP
 * with byte ranges and thumbnails as from the local folder.
 */

let dir: string;
let s3: S3Server;
let t: TestStudio;
/** The same bucket opened beside the studio, to look at what it holds. */
let bucket: OpenedAssetStore;
let image: { url: string; sha256: string; mediaType: string; size: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-s3-studio-'));
  s3 = await startS3Server({ dir });
  t = await startTestStudio({}, { env: s3.env });
  bucket = await openAssetStore({ dataDir: t.dataDir, env: s3.env });
  const client = t.client();
  const job = await waitForJob(
    client,
    await submit(client, {
      kind: 'image',
      prompt: 'a lighthouse at dusk',
      models: ['gpt-image-2'],
    }),
  );
  expect(job.status).toBe('succeeded');
  const [asset] = job.assets;
  if (!asset) throw new Error('no asset');
  image = {
    url: `${t.studio.url}${asset.url}`,
    sha256: asset.sha256,
    mediaType: asset.mediaType,
    size: asset.byteSize,
  };
});
afterAll(async () => {
  await t?.close();
  bucket?.close?.();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('assets in an S3-compatible bucket', () => {
  it('stores a generated image in the bucket, not in the data folder', async () => {
    expect(await bucket.head(assetKey(image.sha256, image.mediaType))).toEqual({
      size: image.size,
    });
    expect(existsSync(join(t.dataDir, 'assets'))).toBe(false);
  });

  it('serves it whole and by byte range over HTTP', async () => {
    const whole = Buffer.from(await (await fetch(image.url)).arrayBuffer());
    expect(whole.length).toBe(image.size);

    const first = await fetch(image.url, { headers: { range: 'bytes=0-7' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-7/${image.size}`);
    expect(first.headers.get('content-length')).toBe('8');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(whole.subarray(0, 8));

    const last = await fetch(image.url, { headers: { range: 'bytes=-100' } });
    expect(last.status).toBe(206);
    expect(last.headers.get('content-range')).toBe(
      `bytes ${image.size - 100}-${image.size - 1}/${image.size}`,
    );
    expect(Buffer.from(await last.arrayBuffer())).toEqual(whole.subarray(image.size - 100));

    const past = await fetch(image.url, { headers: { range: `bytes=${image.size}-` } });
    expect(past.status).toBe(416);
    await past.arrayBuffer();
  });

  it('makes thumbnails from the bucket', async () => {
    const res = await fetch(`${image.url}?w=160`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('stores uploads in the bucket', async () => {
    const png = await renderImage({ format: 'png', width: 64, height: 48, seed: 's3-upload' });
    const res = await fetch(`${t.studio.url}/assets`, {
      method: 'POST',
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(res.status).toBe(201);
    const { sha256 } = (await res.json()) as { sha256: string };
    expect(await bucket.head(assetKey(sha256, 'image/png'))).toEqual({ size: png.byteLength });
    const back = await fetch(`${t.studio.url}/assets/${sha256}`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(Buffer.from(png));
  });

  it('refuses to start on a malformed ATELIER_ASSETS_URL, naming it and the allowed forms', async () => {
    const start = startStudio(
      { port: 0, inMemoryDatabase: true, dataDir: join(dir, 'bad') },
      { env: { ATELIER_ASSETS_URL: 'minio://atelier' }, cliKeyStore: null },
    );
    await expect(start).rejects.toThrow(/ATELIER_ASSETS_URL.*minio:.*s3:\/\/<bucket>/);
  });
});
