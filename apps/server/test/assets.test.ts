import { renderImage } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStudio, submit, waitForJob, type Client, type TestStudio } from './helpers.ts';

let t: TestStudio;
let client: Client;
let video: { url: string; size: number; sha256: string };
let image: { url: string; size: number };

beforeAll(async () => {
  t = await startTestStudio();
  client = t.client();
  const videoId = await submit(client, {
    kind: 'video',
    prompt: 'waves rolling onto a pebble beach',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  const imageId = await submit(client, {
    kind: 'image',
    prompt: 'a lighthouse at dusk',
    models: ['gpt-image-2'],
  });
  const v = await waitForJob(client, videoId);
  const i = await waitForJob(client, imageId);
  expect(v.status).toBe('succeeded');
  expect(i.status).toBe('succeeded');
  const [va] = v.assets;
  const [ia] = i.assets;
  if (!va || !ia) throw new Error('no assets');
  video = { url: `${t.studio.url}${va.url}`, size: va.byteSize, sha256: va.sha256 };
  image = { url: `${t.studio.url}${ia.url}`, size: ia.byteSize };
});
afterAll(() => t.close());

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('/assets/<sha256>', () => {
  it('serves the whole asset with its type, length and validators', async () => {
    const res = await fetch(video.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(res.headers.get('content-length'))).toBe(video.size);
    expect(res.headers.get('etag')).toBe(`"${video.sha256}"`);
    const body = await bytes(res);
    expect(body.length).toBe(video.size);
    expect(body.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const img = await fetch(image.url);
    expect(img.headers.get('content-type')).toMatch(/^image\//);
    expect((await bytes(img)).length).toBe(image.size);
  });

  it('serves a Recraft vector run as an SVG document, sandboxed', async () => {
    const id = await submit(client, {
      kind: 'image',
      prompt: 'a fox logo',
      models: ['recraft-v4'],
      params: { outputFormat: 'svg', size: '1024x1024' },
    });
    const job = await waitForJob(client, id);
    expect(job.status).toBe('succeeded');
    const [svg] = job.assets;
    if (!svg) throw new Error('no asset');
    expect(svg.mediaType).toBe('image/svg+xml');
    const res = await fetch(`${t.studio.url}${svg.url}`);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(await res.text()).toMatch(/^<svg /);
  });

  it('runs Recraft Vectorize on an uploaded image: the SVG is stored as image/svg+xml and served sandboxed', async () => {
    const png = await renderImage({ format: 'png', width: 480, height: 320, seed: 'badge' });
    const uploaded = await fetch(`${t.studio.url}/assets`, {
      method: 'POST',
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(uploaded.status).toBe(201);
    const { sha256 } = (await uploaded.json()) as { sha256: string };
    const id = await submit(client, {
      kind: 'image',
      prompt: 'the badge, as SVG',
      models: ['recraft-vectorize'],
      inputs: { images: [sha256] },
    });
    const job = await waitForJob(client, id);
    expect(job.status).toBe('succeeded');
    const [svg] = job.assets;
    if (!svg) throw new Error('no asset');
    expect(svg).toMatchObject({ mediaType: 'image/svg+xml', width: 480, height: 320 });
    const res = await fetch(`${t.studio.url}${svg.url}`);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(await res.text()).toMatch(/^<svg [^>]*width="480" height="320"/);
  });

  it('answers byte ranges with 206 and Content-Range, as video players ask', async () => {
    const whole = await bytes(await fetch(video.url));

    const first = await fetch(video.url, { headers: { range: 'bytes=0-9' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-9/${video.size}`);
    expect(first.headers.get('content-length')).toBe('10');
    expect(await bytes(first)).toEqual(whole.subarray(0, 10));

    const open = await fetch(video.url, { headers: { range: `bytes=${video.size - 100}-` } });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(
      `bytes ${video.size - 100}-${video.size - 1}/${video.size}`,
    );
    expect(await bytes(open)).toEqual(whole.subarray(video.size - 100));

    const suffix = await fetch(video.url, { headers: { range: 'bytes=-16' } });
    expect(suffix.status).toBe(206);
    expect(await bytes(suffix)).toEqual(whole.subarray(video.size - 16));

    // An end past the last byte is clamped to it (RFC 9110 §14.1.1).
    const past = await fetch(video.url, { headers: { range: `bytes=5-${video.size + 1000}` } });
    expect(past.status).toBe(206);
    expect(past.headers.get('content-range')).toBe(`bytes 5-${video.size - 1}/${video.size}`);
  });

  it('refuses unsatisfiable ranges with 416 and ignores malformed or multiple ones', async () => {
    const beyond = await fetch(video.url, {
      headers: { range: `bytes=${video.size}-${video.size + 10}` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${video.size}`);

    const malformed = await fetch(video.url, { headers: { range: 'bytes=abc' } });
    expect(malformed.status).toBe(200);
    expect((await bytes(malformed)).length).toBe(video.size);

    const several = await fetch(video.url, { headers: { range: 'bytes=0-1,100-200' } });
    expect(several.status).toBe(200);
    await several.arrayBuffer();

    const otherValidator = await fetch(video.url, {
      headers: { range: 'bytes=0-1', 'if-range': '"something-else"' },
    });
    expect(otherValidator.status).toBe(200);
    await otherValidator.arrayBuffer();
  });

  it('answers HEAD and If-None-Match without a body', async () => {
    const head = await fetch(video.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(video.size);
    const cached = await fetch(video.url, { headers: { 'if-none-match': `"${video.sha256}"` } });
    expect(cached.status).toBe(304);
  });

  it('answers 404 for unknown or malformed ids and 405 for other methods', async () => {
    expect((await fetch(`${t.studio.url}/assets/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${t.studio.url}/assets/%2e%2e%2fsecret`)).status).toBe(404);
    expect((await fetch(`${t.studio.url}/assets/not-a-hash`)).status).toBe(404);
    expect((await fetch(video.url, { method: 'DELETE' })).status).toBe(405);
  });
});
