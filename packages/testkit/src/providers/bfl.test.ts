import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bflCredits, startBflEmulator, type BflEmulator } from './bfl.ts';

let bfl: BflEmulator;

beforeAll(async () => {
  bfl = await startBflEmulator({ imageNoise: 0 });
});
afterAll(() => bfl.close());
beforeEach(() => {
  bfl.reset();
  bfl.cdn.reset();
});

const headers = (key = bfl.apiKey) => ({ 'x-key': key, 'content-type': 'application/json' });

interface Result {
  id: string;
  status: string;
  result: { sample: string; seed: number; prompt: string } | null;
  progress: number | null;
  details: Record<string, unknown> | null;
}

async function submit(model: string, input: unknown, key?: string, emulator = bfl) {
  const res = await fetch(`${emulator.url}/v1/${model}`, {
    method: 'POST',
    headers: headers(key),
    body: JSON.stringify(input),
  });
  return {
    res,
    body: (await res.json()) as {
      id: string;
      polling_url: string;
      cost?: number;
      input_mp: number;
      output_mp: number;
      detail?: unknown;
    },
  };
}

async function sampleMeta(pollingUrl: string) {
  const done = (await pollUntilDone(pollingUrl)).at(-1);
  const bytes = Buffer.from(await (await fetch(done?.result?.sample ?? '')).arrayBuffer());
  const meta = await sharp(bytes).metadata();
  return [meta.format, meta.width, meta.height];
}

async function pollUntilDone(pollingUrl: string): Promise<Result[]> {
  const seen: Result[] = [];
  for (let i = 0; i < 20; i++) {
    const body = (await (await fetch(pollingUrl, { headers: headers() })).json()) as Result;
    seen.push(body);
    if (body.status !== 'Pending') return seen;
  }
  throw new Error('never finished');
}

describe('BFL emulator over raw HTTP', () => {
  it('submits, polls Pending → Ready and serves the sample from the CDN', async () => {
    const { res, body } = await submit('flux-2-pro', {
      prompt: 'a cabin',
      width: 1440,
      height: 816,
      seed: 42,
      output_format: 'png',
    });
    expect(res.status).toBe(200);
    expect(body.polling_url).toBe(`${bfl.url}/v1/get_result?id=${body.id}`);
    expect(body.output_mp).toBe(1.18);
    expect(body.cost).toBe(bflCredits('flux-2-pro', 1.18, 0));
    const seen = await pollUntilDone(body.polling_url);
    expect(seen.map((s) => s.status)).toEqual(['Pending', 'Ready']);
    const sample = seen.at(-1)?.result?.sample ?? '';
    expect(new URL(sample).origin).toBe(bfl.cdn.url);
    expect(new URL(sample).searchParams.get('se')).toBeTruthy();
    const image = await fetch(sample);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1440, 816]);
    expect(seen.at(-1)?.result).toMatchObject({ seed: 42, prompt: 'a cabin' });
    expect(bfl.cdn.lastRequest()?.headers['x-key']).toBeUndefined();
    expect(bfl.requests.map((r) => r.model)).toEqual(['flux-2-pro', 'flux-2-pro', 'flux-2-pro']);
  });

  it('measures input images for input_mp; without width/height an edit keeps the input size', async () => {
    const input = (
      await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#123' } })
        .png()
        .toBuffer()
    ).toString('base64');
    const { body } = await submit('flux-2-max', { prompt: 'edit', input_image: input });
    // FLUX.2 floors sides to multiples of 16: 1000×500 → 992×496.
    expect([body.input_mp, body.output_mp]).toEqual([0.5, 0.49]);
    expect(body.cost).toBe(bflCredits('flux-2-max', 0.49, 0.5));
    expect(await sampleMeta(body.polling_url)).toEqual(['jpeg', 992, 496]);
    const plain = await submit('flux-2-max', { prompt: 'no input' });
    expect(await sampleMeta(plain.body.polling_url)).toEqual(['jpeg', 1024, 1024]);
  });

  it('reports moderation as Request Moderated / Content Moderated', async () => {
    bfl.inject('safety');
    bfl.inject('safety', { stage: 'output' });
    const a = await submit('flux-2-pro', { prompt: 'x' });
    const b = await submit('flux-2-pro', { prompt: 'y' });
    expect((await pollUntilDone(a.body.polling_url)).at(-1)?.status).toBe('Request Moderated');
    const content = (await pollUntilDone(b.body.polling_url)).at(-1);
    expect(content?.status).toBe('Content Moderated');
    expect(content?.details).toHaveProperty('Moderation Reasons');
  });

  it('answers unknown ids with Task not found, and validates input with 422', async () => {
    const res = (await (
      await fetch(`${bfl.url}/v1/get_result?id=nope`, { headers: headers() })
    ).json()) as Result;
    expect(res.status).toBe('Task not found');
    const small = await submit('flux-2-pro', { prompt: 'x', width: 32, height: 1024 });
    expect(small.res.status).toBe(422);
    expect(small.body.detail).toEqual([
      {
        type: 'greater_than_equal',
        loc: ['body', 'width'],
        msg: 'Input should be greater than or equal to 64',
        input: 32,
        ctx: { ge: 64 },
      },
    ]);
    expect(
      (await submit('flux-2-pro', { prompt: 'x', width: 4096, height: 4096 })).res.status,
    ).toBe(422);
    expect((await submit('flux-2-pro', {})).body.detail).toMatchObject([
      { loc: ['body', 'prompt'], type: 'missing', msg: 'Field required' },
    ]);
  });

  it('rejects a missing or wrong x-key with 401', async () => {
    const wrong = await submit('flux-2-pro', { prompt: 'x' }, 'wrong');
    const none = await fetch(`${bfl.url}/v1/flux-2-pro`, {
      method: 'POST',
      body: '{"prompt":"x"}',
    });
    expect([wrong.res.status, none.status]).toEqual([401, 401]);
    expect(await none.json()).toEqual({ detail: 'Not authenticated' });
  });

  it('expires sample links after the TTL and on an expired-url fault, in Azure Blob style', async () => {
    const short = await startBflEmulator({ cdn: bfl.cdn, resultTtlMs: 50, imageNoise: 0 });
    try {
      const { body } = await submit('flux-2-pro', { prompt: 'x' }, short.apiKey, short);
      let sample = '';
      for (let i = 0; i < 5 && !sample; i++) {
        const r = (await (
          await fetch(body.polling_url, { headers: headers(short.apiKey) })
        ).json()) as Result;
        sample = r.result?.sample ?? '';
      }
      await new Promise((resolve) => setTimeout(resolve, 80));
      const expired = await fetch(sample);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('<Code>AuthenticationFailed</Code>');
    } finally {
      await short.close();
    }

    const { body } = await submit('flux-2-pro', { prompt: 'x' });
    const sample = (await pollUntilDone(body.polling_url)).at(-1)?.result?.sample ?? '';
    bfl.inject('expired-url');
    expect((await fetch(sample)).status).toBe(403);
    expect((await fetch(sample)).status).toBe(200);
    const tampered = sample.replace(/sig=[^&]+/, 'sig=forged');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('applies faults in order to matching requests', async () => {
    bfl.inject(500, { match: '/v1/get_result' });
    bfl.inject(429, { match: 'flux-2-flex' });
    const flex = await submit('flux-2-flex', { prompt: 'x' });
    expect([flex.res.status, flex.body]).toEqual([
      429,
      { error: 'rate_limit_exceeded', message: 'Too many concurrent requests', retry_after: 1 },
    ]);
    const pro = await submit('flux-2-pro', { prompt: 'x' });
    expect(pro.res.status).toBe(200);
    expect((await fetch(pro.body.polling_url, { headers: headers() })).status).toBe(500);
    expect((await fetch(pro.body.polling_url, { headers: headers() })).status).toBe(200);
    expect(bfl.requests.map((r) => r.fault ?? '-')).toEqual(['429', '-', '500', '-']);
  });
});

describe('BFL emulator: each endpoint validates its own request model', () => {
  const png = async (width: number, height: number) =>
    (
      await sharp({ create: { width, height, channels: 3, background: '#456' } })
        .png()
        .toBuffer()
    ).toString('base64');
  const status = async (model: string, input: Record<string, unknown>) =>
    (await submit(model, { prompt: 'x', ...input })).res.status;

  it('bounds safety_tolerance 0–5 on FLUX.2 and 0–6 on FLUX.1', async () => {
    const refused = await submit('flux-2-pro', { prompt: 'x', safety_tolerance: 6 });
    expect([refused.res.status, refused.body.detail]).toEqual([
      422,
      [
        {
          type: 'less_than_equal',
          loc: ['body', 'safety_tolerance'],
          msg: 'Input should be less than or equal to 5',
          input: 6,
          ctx: { le: 5 },
        },
      ],
    ]);
    expect(await status('flux-2-pro', { safety_tolerance: 5 })).toBe(200);
    expect(await status('flux-2-flex', { safety_tolerance: 6 })).toBe(422);
    expect(await status('flux-2-klein-9b', { safety_tolerance: 6 })).toBe(422);
    for (const model of ['flux-kontext-pro', 'flux-pro-1.1', 'flux-pro-1.1-ultra']) {
      expect([model, await status(model, { safety_tolerance: 6 })]).toEqual([model, 200]);
      expect([model, await status(model, { safety_tolerance: 7 })]).toEqual([model, 422]);
    }
  });

  it('sizes FLUX1.1 [pro] Ultra from aspect_ratio between 21:9 and 9:21 and ignores width/height', async () => {
    for (const ratio of ['21:9', '9:21', '1:1']) {
      expect([ratio, await status('flux-pro-1.1-ultra', { aspect_ratio: ratio })]).toEqual([
        ratio,
        200,
      ]);
    }
    const wide = await submit('flux-pro-1.1-ultra', { prompt: 'x', aspect_ratio: '3:1' });
    expect([wide.res.status, wide.body.detail]).toMatchObject([
      422,
      [{ type: 'value_error', loc: ['body', 'aspect_ratio'], input: '3:1' }],
    ]);
    const { body } = await submit('flux-pro-1.1-ultra', { prompt: 'x', width: 512, height: 512 });
    expect(bfl.lastRequest()?.ignoredFields).toEqual(['width', 'height']);
    // Default 16:9 at about 4 MP.
    expect(await sampleMeta(body.polling_url)).toEqual(['jpeg', 2736, 1536]);
  });

  it('takes the FLUX1.1 [pro] reference as image_prompt and sizes it on a 32-pixel grid up to 1440', async () => {
    const ref = await png(500, 400);
    const withPrompt = await submit('flux-pro-1.1', { prompt: 'x', image_prompt: ref });
    expect(withPrompt.body.input_mp).toBe(0.2);
    const withInput = await submit('flux-pro-1.1', { prompt: 'x', input_image: ref });
    expect(withInput.body.input_mp).toBe(0);
    expect(bfl.lastRequest()?.ignoredFields).toEqual(['input_image']);
    expect(await sampleMeta(withInput.body.polling_url)).toEqual(['jpeg', 1024, 768]);

    const offGrid = await submit('flux-pro-1.1', { prompt: 'x', width: 1000, height: 768 });
    expect(offGrid.body.detail).toMatchObject([
      { type: 'multiple_of', loc: ['body', 'width'], msg: 'Input should be a multiple of 32' },
    ]);
    expect(await status('flux-pro-1.1', { width: 1472, height: 768 })).toBe(422);
    expect(await status('flux-pro-1.1', { width: 1440, height: 256 })).toBe(200);
  });

  it('takes prompt_upsampling where the endpoint declares it and ignores it elsewhere', async () => {
    for (const model of ['flux-2-flex', 'flux-kontext-pro', 'flux-pro-1.1', 'flux-pro-1.1-ultra']) {
      expect(await status(model, { prompt_upsampling: true })).toBe(200);
      expect([model, bfl.lastRequest()?.ignoredFields]).toEqual([model, undefined]);
    }
    for (const model of ['flux-2-pro', 'flux-2-max']) {
      expect(await status(model, { prompt_upsampling: true })).toBe(200);
      expect([model, bfl.lastRequest()?.ignoredFields]).toEqual([model, ['prompt_upsampling']]);
    }
    expect(await status('flux-2-pro', { prompt_upsampling: 'yes' })).toBe(200);
    expect(await status('flux-2-flex', { prompt_upsampling: 'yes' })).toBe(422);
  });

  it('floors FLUX.2 sides to multiples of 16 and refuses more than 4 MP', async () => {
    const { body } = await submit('flux-2-pro', { prompt: 'x', width: 1920, height: 1080 });
    expect(await sampleMeta(body.polling_url)).toEqual(['jpeg', 1920, 1072]);
    expect(await status('flux-2-pro', { width: 2048, height: 2048 })).toBe(200);
    expect(await status('flux-2-pro', { width: 2064, height: 2048 })).toBe(422);
  });

  it('offers jpeg or png only, png by default on Kontext', async () => {
    const webp = await submit('flux-2-pro', { prompt: 'x', output_format: 'webp' });
    expect(webp.body.detail).toMatchObject([
      { type: 'enum', loc: ['body', 'output_format'], msg: "Input should be 'jpeg' or 'png'" },
    ]);
    const kontext = await submit('flux-kontext-pro', { prompt: 'x', aspect_ratio: '16:9' });
    const [format, width, height] = await sampleMeta(kontext.body.polling_url);
    expect(format).toBe('png');
    expect(Math.abs(Number(width) / Number(height) - 16 / 9)).toBeLessThan(0.02);
    expect(await status('flux-kontext-pro', { aspect_ratio: '4:1' })).toBe(422);
  });

  it('bounds FLUX.2 [flex] steps and guidance', async () => {
    expect(await status('flux-2-flex', { steps: 50, guidance: 10 })).toBe(200);
    expect(await status('flux-2-flex', { steps: 0 })).toBe(422);
    expect(await status('flux-2-flex', { guidance: 11 })).toBe(422);
  });

  it('fills at the size of the image, with a mask of the same size', async () => {
    const image = await png(640, 480);
    const { res, body } = await submit('flux-pro-1.0-fill', { image, mask: await png(640, 480) });
    expect(res.status).toBe(200);
    expect(await sampleMeta(body.polling_url)).toEqual(['jpeg', 640, 480]);
    const wrong = await submit('flux-pro-1.0-fill', { image, mask: await png(320, 240) });
    expect(wrong.body.detail).toMatchObject([{ type: 'value_error', loc: ['body', 'mask'] }]);
    expect((await submit('flux-pro-1.0-fill', { prompt: 'x' })).body.detail).toMatchObject([
      { type: 'missing', loc: ['body', 'image'] },
    ]);
  });

  it('refuses an input image that does not decode', async () => {
    const truncated = Buffer.from(await png(64, 64), 'base64').subarray(0, 40);
    const bad = await submit('flux-2-pro', {
      prompt: 'x',
      input_image: truncated.toString('base64'),
    });
    expect([bad.res.status, bad.body.detail]).toMatchObject([
      422,
      [{ type: 'value_error', loc: ['body', 'input_image'] }],
    ]);
  });
});
