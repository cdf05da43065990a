import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecraftEmulator, type RecraftEmulator } from './recraft.ts';
import { startStabilityEmulator, type StabilityEmulator } from './stability.ts';

let stability: StabilityEmulator;
let recraft: RecraftEmulator;

beforeAll(async () => {
  stability = await startStabilityEmulator({ imageNoise: 0 });
  recraft = await startRecraftEmulator({ imageNoise: 0 });
});
afterAll(async () => {
  await stability.close();
  await recraft.close();
});

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const generate = (
  endpoint: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(`${stability.url}/v2beta/stable-image/generate/${endpoint}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stability.apiKey}`,
      accept: 'application/json',
      ...headers,
    },
    body: form(fields),
  });

describe('Stability AI emulator', () => {
  it('renders the aspect ratio at about one megapixel in the asked format, and records the multipart fields', async () => {
    stability.reset();
    const res = await generate('sd3', {
      prompt: 'a bay',
      model: 'sd3.5-medium',
      aspect_ratio: '21:9',
      output_format: 'jpeg',
      unknown_field: 'x',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { image: string; finish_reason: string; seed: number };
    expect(body.finish_reason).toBe('SUCCESS');
    const meta = await sharp(Buffer.from(body.image, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1536, 640]);
    const req = stability.lastRequest();
    expect(req?.model).toBe('sd3.5-medium');
    expect(req?.fields).toMatchObject({ prompt: 'a bay', aspect_ratio: '21:9' });
    expect(req?.ignoredFields).toEqual(['unknown_field']);
  });

  it('answers 400 bad_request naming each field out of range, 401 without the key, 400 for a JSON body', async () => {
    const res = await generate('sd3', {
      prompt: 'x',
      model: 'sd3.5-large-turbo',
      negative_prompt: 'y',
      output_format: 'webp',
      seed: '-1',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { name: string; errors: string[] };
    expect(body.name).toBe('bad_request');
    expect(body.errors.map((e) => e.split(':')[0])).toEqual([
      'output_format',
      'seed',
      'negative_prompt',
    ]);

    const anonymous = await fetch(`${stability.url}/v2beta/stable-image/generate/core`, {
      method: 'POST',
      body: form({ prompt: 'x' }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ name: 'unauthorized' });

    const json = await fetch(`${stability.url}/v2beta/stable-image/generate/core`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stability.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x' }),
    });
    expect(json.status).toBe(400);
  });

  it('image-to-image on sd3 needs strength and takes the input image’s proportions', async () => {
    const png = await sharp({
      create: { width: 600, height: 400, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer();
    const without = new FormData();
    without.append('prompt', 'x');
    without.append('mode', 'image-to-image');
    without.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'in.png');
    const refused = await fetch(`${stability.url}/v2beta/stable-image/generate/sd3`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stability.apiKey}`, accept: 'application/json' },
      body: without,
    });
    expect(((await refused.json()) as { errors: string[] }).errors).toEqual([
      'strength: is required when mode is image-to-image',
    ]);
    without.append('strength', '0.5');
    const ok = await fetch(`${stability.url}/v2beta/stable-image/generate/sd3`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stability.apiKey}`, accept: 'application/json' },
      body: without,
    });
    const meta = await sharp(
      Buffer.from(((await ok.json()) as { image: string }).image, 'base64'),
    ).metadata();
    expect([meta.width, meta.height]).toEqual([1216, 832]);
  });

  it('takes faults: 503, a flagged prompt (403 content_moderation), a filtered output', async () => {
    stability.inject(503);
    expect((await generate('core', { prompt: 'x' })).status).toBe(503);
    stability.inject('safety');
    const flagged = await generate('core', { prompt: 'x' });
    expect(flagged.status).toBe(403);
    expect(await flagged.json()).toMatchObject({ name: 'content_moderation' });
    stability.inject('safety', { stage: 'output' });
    expect(await (await generate('core', { prompt: 'x' })).json()).toMatchObject({
      finish_reason: 'CONTENT_FILTERED',
    });
  });
});

const recraftCall = (body: unknown) =>
  fetch(`${recraft.url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${recraft.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Recraft emulator', () => {
  it('answers PNG for raster models at the appendix sizes, by WxH or aspect ratio, with credits', async () => {
    const res = await recraftCall({
      prompt: 'a poster',
      model: 'recraftv4_pro',
      size: '16:9',
      response_format: 'b64_json',
    });
    const body = (await res.json()) as {
      credits: number;
      data: { image_id: string; b64_json: string }[];
    };
    expect(body.credits).toBe(250);
    const meta = await sharp(Buffer.from(body.data[0]?.b64_json ?? '', 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 2688, 1536]);
  });

  it('answers SVG for a vector style on V3', async () => {
    const res = await recraftCall({
      prompt: 'an icon',
      model: 'recraftv3',
      style: 'icon',
      response_format: 'b64_json',
    });
    const body = (await res.json()) as { data: { b64_json: string }[] };
    expect(Buffer.from(body.data[0]?.b64_json ?? '', 'base64').toString()).toMatch(/^<svg /);
  });

  it('refuses what the model cannot take with 400 { code, message }', async () => {
    const cases: [unknown, string][] = [
      [{ prompt: 'x', model: 'recraftv4', style: 'icon' }, 'style_not_supported'],
      [{ prompt: 'x', model: 'recraftv4', size: '1024x1365' }, 'invalid_size'],
      [{ prompt: 'x', model: 'recraftv9' }, 'invalid_model'],
      [{ prompt: 'x'.repeat(1001), model: 'recraftv3' }, 'prompt_too_long'],
      [{ prompt: 'x', model: 'recraftv4', n: 7 }, 'invalid_n'],
    ];
    for (const [body, code] of cases) {
      const res = await recraftCall(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code });
    }
  });

  it('edits on V3 only: imageToImage needs strength, inpaint a mask of the image size; the result has the input size', async () => {
    const png = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
    const edit = async (
      path: string,
      fields: Record<string, string>,
      files: Record<string, Buffer>,
    ) => {
      const f = form(fields);
      for (const [name, data] of Object.entries(files))
        f.append(name, new Blob([new Uint8Array(data)], { type: 'image/png' }), `${name}.png`);
      const res = await fetch(`${recraft.url}/v1/images/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${recraft.apiKey}` },
        body: f,
      });
      return {
        status: res.status,
        body: (await res.json()) as { code?: string; data?: { b64_json: string }[] },
      };
    };
    const image = await png(640, 480);
    expect(
      (await edit('imageToImage', { prompt: 'x', model: 'recraftv3' }, { image })).body.code,
    ).toBe('invalid_strength');
    expect(
      (await edit('imageToImage', { prompt: 'x', model: 'recraftv4', strength: '0.5' }, { image }))
        .body.code,
    ).toBe('model_not_supported');
    expect(
      (
        await edit(
          'inpaint',
          { prompt: 'x', model: 'recraftv3' },
          { image, mask: await png(64, 64) },
        )
      ).body.code,
    ).toBe('invalid_mask');
    const ok = await edit(
      'inpaint',
      { prompt: 'x', model: 'recraftv3', response_format: 'b64_json' },
      { image, mask: await png(640, 480) },
    );
    expect(ok.status).toBe(200);
    const meta = await sharp(Buffer.from(ok.body.data?.[0]?.b64_json ?? '', 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([640, 480]);
  });

  it('takes faults and records requests', async () => {
    recraft.reset();
    recraft.inject(429, { retryAfterSeconds: 2 });
    const limited = await recraftCall({ prompt: 'x', model: 'recraftv4' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    recraft.inject('safety');
    expect(await (await recraftCall({ prompt: 'x', model: 'recraftv4' })).json()).toMatchObject({
      code: 'prompt_blocked',
    });
    expect(recraft.requests.map((r) => [r.model, r.status, r.fault])).toEqual([
      ['recraftv4', 429, '429'],
      ['recraftv4', 400, 'safety'],
    ]);
  });
});
