import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../src/index.ts';
import { startTestStudio, submit, waitForJob, type TestStudio } from './helpers.ts';

let t: TestStudio;
let image: { url: string; sha256: string; width: number };
let video: { url: string };

beforeAll(async () => {
  t = await startTestStudio();
  const client = t.client();
  const imageId = await submit(client, {
    kind: 'image',
    prompt: 'a lighthouse at dusk',
    models: ['gpt-image-2'],
  });
  const videoId = await submit(client, {
    kind: 'video',
    prompt: 'waves rolling onto a pebble beach',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  const [ia] = (await waitForJob(client, imageId)).assets;
  const [va] = (await waitForJob(client, videoId)).assets;
  if (!ia || !va) throw new Error('no assets');
  image = { url: `${t.studio.url}${ia.url}`, sha256: ia.sha256, width: ia.width ?? 0 };
  video = { url: `${t.studio.url}${va.url}` };
});
afterAll(() => t.close());

describe('/assets/<sha256>?w=', () => {
  it('serves a resized WebP made once and kept on disk', async () => {
    expect(image.width).toBeGreaterThan(320);
    const original = await fetch(image.url);
    const originalBytes = Buffer.from(await original.arrayBuffer());
    const res = await fetch(`${image.url}?w=320`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const meta = await sharp(body).metadata();
    expect([meta.format, meta.width]).toEqual(['webp', 320]);
    expect(body.length).toBeLessThan(originalBytes.length / 4);

    const kept = join(t.dataDir, 'thumbnails', `${image.sha256}-w320.webp`);
    expect(existsSync(kept)).toBe(true);
    const again = await fetch(`${image.url}?w=320`);
    expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true);
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${image.sha256}-w320"`);
    const revalidated = await fetch(`${image.url}?w=320`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('never enlarges: a width above the original gives the original size', async () => {
    const res = await fetch(`${image.url}?w=1280`);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta.width).toBe(Math.min(1280, image.width));
  });

  it('refuses widths off the list, naming them, and media that are not raster images', async () => {
    const odd = await fetch(`${image.url}?w=333`);
    expect(odd.status).toBe(400);
    expect(await odd.text()).toBe(
      'w must be one of 160, 320, 480, 640, 960, 1280 (pixels), got "333"',
    );
    const clip = await fetch(`${video.url}?w=320`);
    expect(clip.status).toBe(400);
    expect(await clip.text()).toMatch(
      /^Thumbnails are made of image\/png, .*; this asset is video\/mp4\.$/,
    );
  });

  it('follows the asset rules: unknown ids read as missing', async () => {
    const missing = await fetch(`${t.studio.url}/assets/${'0'.repeat(64)}?w=320`);
    expect(missing.status).toBe(404);
  });
});

describe('/assets/<sha256>?w= in team mode', () => {
  it("needs a token, and someone else's asset reads as missing", async () => {
    const team = await startTestStudio({ team: true });
    try {
      const admin = team.client((await issueAdminToken(team.studio.database.db)).token);
      const member = async (name: string) =>
        (await admin.tokens.create.mutate({ name, user: { name, role: 'member' } })).token;
      const alice = await member('alice');
      const bob = await member('bob');
      const client = team.client(alice);
      const id = await submit(client, { kind: 'image', prompt: 'a kite', models: ['gpt-image-2'] });
      const [asset] = (await waitForJob(client, id)).assets;
      if (!asset) throw new Error('no asset');
      const url = `${team.studio.url}${asset.url}?w=160`;
      const as = (token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect((await fetch(url)).status).toBe(401);
      expect((await as(bob)).status).toBe(404);
      const mine = await as(alice);
      expect(mine.status).toBe(200);
      expect((await sharp(Buffer.from(await mine.arrayBuffer())).metadata()).width).toBe(160);
    } finally {
      await team.close();
    }
  });
});
