import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectMp4 } from '../media/mp4.ts';
import { falAppRoot, startFalEmulator, type FalEmulator } from './fal.ts';

let fal: FalEmulator;

beforeAll(async () => {
  fal = await startFalEmulator({ imageNoise: 0 });
});
afterAll(() => fal.close());
beforeEach(() => {
  fal.reset();
  fal.cdn.reset();
});

interface Submitted {
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  status: string;
  queue_position: number;
}

const auth = () => ({ authorization: `Key ${fal.apiKey}`, 'content-type': 'application/json' });

async function submit(endpoint: string, input: unknown, headers: Record<string, string> = auth()) {
  const res = await fetch(`${fal.url}/${endpoint}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
  });
  return { res, body: (await res.json()) as Submitted & { detail?: unknown } };
}

async function poll(
  statusUrl: string,
): Promise<Array<{ http: number; status: string; queue_position?: number }>> {
  const seen = [];
  for (let i = 0; i < 20; i++) {
    const res = await fetch(statusUrl, { headers: auth() });
    const body = (await res.json()) as { status: string; queue_position?: number };
    seen.push({ http: res.status, ...body });
    if (body.status === 'COMPLETED') return seen;
  }
  throw new Error('never completed');
}

/** Downloads like a careful client: the result host gets no provider credentials. */
const download = (url: string) => fetch(url);

describe('fal queue emulator over raw HTTP', () => {
  it('queues, progresses IN_QUEUE → IN_PROGRESS → COMPLETED and serves images from the CDN', async () => {
    const { res, body } = await submit('fal-ai/flux-2-pro', {
      prompt: 'a fox',
      image_size: { width: 1280, height: 720 },
      num_images: 2,
      output_format: 'png',
    });
    expect(res.status).toBe(200);
    expect(body.status).toBe('IN_QUEUE');
    expect(body.status_url).toBe(`${fal.url}/fal-ai/flux-2-pro/requests/${body.request_id}/status`);
    const seen = await poll(body.status_url);
    expect(seen.map((s) => [s.http, s.status])).toEqual([
      [202, 'IN_QUEUE'],
      [202, 'IN_PROGRESS'],
      [200, 'COMPLETED'],
    ]);
    const result = (await (await fetch(body.response_url, { headers: auth() })).json()) as {
      images: Array<{ url: string; width: number; height: number; content_type: string }>;
    };
    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect(new URL(image.url).origin).toBe(fal.cdn.url);
      expect(new URL(image.url).origin).not.toBe(fal.origin);
      const bytes = Buffer.from(await (await download(image.url)).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1280, 720]);
      expect([image.width, image.height, image.content_type]).toEqual([1280, 720, 'image/png']);
    }
    expect(fal.cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('uses the app root for sub-path endpoints and sizes videos from aspect_ratio, resolution and duration', async () => {
    fal.setLatency({ queuedPolls: 0, runningPolls: 0 });
    const endpoint = 'fal-ai/kling-video/v3/pro/text-to-video';
    expect(falAppRoot(endpoint)).toBe('fal-ai/kling-video');
    const { body } = await submit(endpoint, {
      prompt: 'rain',
      duration: '10',
      aspect_ratio: '9:16',
      resolution: '1080p',
    });
    expect(body.status_url).toBe(
      `${fal.url}/fal-ai/kling-video/requests/${body.request_id}/status`,
    );
    await poll(body.status_url);
    const result = (await (await fetch(body.response_url, { headers: auth() })).json()) as {
      video: { url: string; content_type: string };
    };
    expect(result.video.content_type).toBe('video/mp4');
    const mp4 = inspectMp4(Buffer.from(await (await download(result.video.url)).arrayBuffer()));
    expect([mp4.width, mp4.height, mp4.durationSeconds]).toEqual([1080, 1920, 10]);
    expect(fal.requests[0]?.model).toBe(endpoint);
    expect(fal.lastRequest()?.model).toBe(endpoint);
  });

  it('sizes images from aspect_ratio and resolution (nano-banana style) and from presets', async () => {
    fal.setLatency({ queuedPolls: 0, runningPolls: 0 });
    const a = await submit('fal-ai/nano-banana-pro', {
      prompt: 'x',
      aspect_ratio: '16:9',
      resolution: '2K',
    });
    const b = await submit('fal-ai/flux/dev', {
      prompt: 'x',
      image_size: 'portrait_16_9',
      output_format: 'jpeg',
    });
    for (const [sub, expected] of [
      [a.body, ['png', 2752, 1536]],
      [b.body, ['jpeg', 576, 1024]],
    ] as const) {
      await poll(sub.status_url);
      const result = (await (await fetch(sub.response_url, { headers: auth() })).json()) as {
        images: Array<{ url: string }>;
      };
      const meta = await sharp(
        Buffer.from(await (await download(result.images[0]?.url ?? '')).arrayBuffer()),
      ).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(expected);
    }
  });

  it('shows queue positions that count down and honours per-request latency overrides', async () => {
    fal.setLatency({ queuedPolls: 3, runningPolls: 1 }, { match: 'fal-ai/flux-2-max', times: 1 });
    const { body } = await submit('fal-ai/flux-2-max', { prompt: 'x' });
    expect(body.queue_position).toBe(3);
    const seen = await poll(body.status_url);
    expect(seen.map((s) => s.queue_position ?? s.status)).toEqual([
      2,
      1,
      0,
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    const next = await submit('fal-ai/flux-2-max', { prompt: 'x' });
    expect((await poll(next.body.status_url)).map((s) => s.status)).toEqual([
      'IN_QUEUE',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
  });

  it('answers a result asked for too early with 400, and cancels queued requests', async () => {
    const { body } = await submit('fal-ai/flux-2-pro', { prompt: 'x' });
    expect((await fetch(body.response_url, { headers: auth() })).status).toBe(400);
    const cancel = await fetch(body.cancel_url, { method: 'PUT', headers: auth() });
    expect([cancel.status, await cancel.json()]).toEqual([
      202,
      { status: 'CANCELLATION_REQUESTED' },
    ]);
    const status = (await (await fetch(body.status_url, { headers: auth() })).json()) as {
      status: string;
      error_type?: string;
    };
    expect(status).toMatchObject({ status: 'COMPLETED', error_type: 'request_cancelled' });
    const again = await fetch(body.cancel_url, { method: 'PUT', headers: auth() });
    expect([again.status, await again.json()]).toEqual([400, { status: 'ALREADY_COMPLETED' }]);
  });

  it('streams status updates over SSE', async () => {
    const { body } = await submit('fal-ai/flux-2-pro', { prompt: 'x' });
    const text = await (await fetch(`${body.status_url}/stream`, { headers: auth() })).text();
    const statuses = [...text.matchAll(/^data: (.*)$/gm)].map(
      (m) => (JSON.parse(m[1] ?? '{}') as { status: string }).status,
    );
    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('rejects missing or wrong keys with 401 and invalid input with 422', async () => {
    const none = await submit(
      'fal-ai/flux-2-pro',
      { prompt: 'x' },
      { 'content-type': 'application/json' },
    );
    const wrong = await submit(
      'fal-ai/flux-2-pro',
      { prompt: 'x' },
      { authorization: 'Key nope', 'content-type': 'application/json' },
    );
    expect([none.res.status, wrong.res.status]).toEqual([401, 401]);
    expect(wrong.body).toHaveProperty('detail');
    const bad = await submit('fal-ai/flux-2-pro', { prompt: 'x', image_size: 'huge' });
    expect(bad.res.status).toBe(422);
    expect(bad.body.detail).toMatchObject([{ loc: ['body', 'image_size'] }]);
    const missing = await submit('fal-ai/flux-2-pro', { num_images: 1 });
    expect(missing.body.detail).toMatchObject([{ loc: ['body', 'prompt'], type: 'missing' }]);
  });

  it('reports a content-policy block as 422 at the result', async () => {
    fal.setLatency({ queuedPolls: 0, runningPolls: 0 });
    fal.inject('safety');
    const { res, body } = await submit('fal-ai/flux-2-pro', { prompt: 'bad' });
    expect(res.status).toBe(200);
    const [status] = await poll(body.status_url);
    expect(status).toMatchObject({ status: 'COMPLETED', error_type: 'content_policy_violation' });
    const result = await fetch(body.response_url, { headers: auth() });
    expect(result.status).toBe(422);
    expect(await result.json()).toMatchObject({
      detail: [{ type: 'content_policy_violation', loc: ['body', 'prompt'] }],
    });
  });

  it('hangs a status poll until the client gives up', async () => {
    const { body } = await submit('fal-ai/flux-2-pro', { prompt: 'x' });
    fal.inject('hang', { match: '/status' });
    await expect(
      fetch(body.status_url, { headers: auth(), signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    await expect.poll(() => fal.lastRequest()?.aborted).toBe(true);
    expect(fal.lastRequest()?.fault).toBe('hang');
    expect((await fetch(body.status_url, { headers: auth() })).status).toBe(202);
  });

  it('applies HTTP faults to polls and expired-url faults to downloads', async () => {
    fal.setLatency({ queuedPolls: 0, runningPolls: 0 });
    const { body } = await submit('fal-ai/flux-2-pro', { prompt: 'x' });
    fal.inject(429, { match: '/status', retryAfterSeconds: 4 });
    fal.inject(503, { match: '/status' });
    const limited = await fetch(body.status_url, { headers: auth() });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '4']);
    expect((await fetch(body.status_url, { headers: auth() })).status).toBe(503);
    expect((await fetch(body.status_url, { headers: auth() })).status).toBe(200);

    const result = (await (await fetch(body.response_url, { headers: auth() })).json()) as {
      images: Array<{ url: string }>;
    };
    const url = result.images[0]?.url ?? '';
    fal.inject('expired-url');
    const expired = await download(url);
    expect(expired.status).toBe(404);
    expect(fal.cdn.lastRequest()).toMatchObject({
      fault: 'expired-url',
      model: 'fal-ai/flux-2-pro',
    });
    expect((await download(url)).status).toBe(200);

    fal.inject('malformed-json', { match: body.request_id });
    await expect((await fetch(body.response_url, { headers: auth() })).json()).rejects.toThrow();
  });
});

describe('fal emulator input handling', () => {
  it('answers unparsable JSON with a 400 in fal shape', async () => {
    const res = await fetch(`${fal.url}/fal-ai/flux-2-pro`, {
      method: 'POST',
      headers: auth(),
      body: '{"prompt": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Invalid JSON body/);
  });
});

describe('fal emulator: documented enums per endpoint', () => {
  const status = async (endpoint: string, input: Record<string, unknown>) =>
    (await submit(endpoint, { prompt: 'x', ...input })).res.status;

  it('refuses a Veo duration, resolution or aspect ratio outside the endpoint enum with 422', async () => {
    const bad = await submit('fal-ai/veo3.1', { prompt: 'x', duration: '5s' });
    expect([bad.res.status, bad.body.detail]).toEqual([
      422,
      [
        {
          type: 'enum',
          loc: ['body', 'duration'],
          msg: "Input should be '4s', '6s' or '8s'",
          input: '5s',
          ctx: { expected: "'4s', '6s' or '8s'" },
        },
      ],
    ]);
    expect(await status('fal-ai/veo3.1', { duration: 8 })).toBe(422);
    expect(await status('fal-ai/veo3.1', { duration: '8s', resolution: '4k' })).toBe(200);
    expect(await status('fal-ai/veo3/fast', { resolution: '4k' })).toBe(422);
    expect(await status('fal-ai/veo3', { aspect_ratio: '1:1' })).toBe(422);
    expect(await status('fal-ai/veo3.1/image-to-video', { aspect_ratio: 'auto' })).toBe(200);
    expect(await status('fal-ai/veo3.1', { aspect_ratio: 'auto' })).toBe(422);
  });

  it('holds Hailuo 02 to "6"/"10", Ray 2 Flash to "5s"/"9s" and its resolutions, Image-01 to its ratios', async () => {
    expect(
      await status('fal-ai/minimax/hailuo-02/standard/text-to-video', { duration: '10' }),
    ).toBe(200);
    expect(await status('fal-ai/minimax/hailuo-02/standard/text-to-video', { duration: 6 })).toBe(
      422,
    );
    expect(
      await status('fal-ai/luma-dream-machine/ray-2-flash', {
        duration: '5s',
        resolution: '1080p',
        aspect_ratio: '21:9',
      }),
    ).toBe(200);
    expect(await status('fal-ai/luma-dream-machine/ray-2-flash', { duration: 5 })).toBe(422);
    expect(await status('fal-ai/luma-dream-machine/ray-2-flash', { resolution: '4k' })).toBe(422);
    expect(await status('fal-ai/minimax/image-01', { aspect_ratio: '21:9' })).toBe(200);
    expect(await status('fal-ai/minimax/image-01', { aspect_ratio: '5:4' })).toBe(422);
  });

  it('holds PixVerse v6 to whole seconds 1–15 and its ratios, Vidu Q1 to its three ratios, Pika 2.2 to 5/10 s, Krea to JPEG/PNG, Grok Imagine Image and Kling 1.0 to theirs', async () => {
    expect(
      await status('fal-ai/pixverse/v6/text-to-video', {
        duration: 15,
        resolution: '1080p',
        aspect_ratio: '21:9',
      }),
    ).toBe(200);
    expect(await status('fal-ai/pixverse/v6/text-to-video', { duration: 16 })).toBe(422);
    expect(await status('fal-ai/pixverse/v6/text-to-video', { resolution: '4k' })).toBe(422);
    expect(await status('fal-ai/vidu/q1/text-to-video', { aspect_ratio: '9:16' })).toBe(200);
    expect(await status('fal-ai/vidu/q1/text-to-video', { aspect_ratio: '4:3' })).toBe(422);
    expect(
      await status('fal-ai/pika/v2.2/text-to-video', {
        duration: 5,
        resolution: '1080p',
        aspect_ratio: '4:5',
      }),
    ).toBe(200);
    expect(await status('fal-ai/pika/v2.2/text-to-video', { duration: 6 })).toBe(422);
    expect(await status('fal-ai/flux/krea', { output_format: 'webp' })).toBe(422);
    expect(
      await status('xai/grok-imagine-image', { aspect_ratio: '9:19.5', output_format: 'webp' }),
    ).toBe(200);
    expect(await status('xai/grok-imagine-image', { aspect_ratio: '5:4' })).toBe(422);
    expect(
      await status('fal-ai/kling-video/v1/standard/text-to-video', {
        duration: '10',
        aspect_ratio: '1:1',
      }),
    ).toBe(200);
    expect(await status('fal-ai/kling-video/v1/standard/text-to-video', { duration: 5 })).toBe(422);
    expect(
      await status('fal-ai/minimax/hailuo-2.3/standard/text-to-video', { duration: '10' }),
    ).toBe(200);
    expect(
      await status('fal-ai/minimax/hailuo-2.3/standard/text-to-video', { duration: '8' }),
    ).toBe(422);
  });

  it('holds Kling to its string durations and aspect ratios', async () => {
    expect(await status('fal-ai/kling-video/v2.6/pro/text-to-video', { duration: '10' })).toBe(200);
    expect(await status('fal-ai/kling-video/v2.6/pro/text-to-video', { duration: '8' })).toBe(422);
    expect(await status('fal-ai/kling-video/v2.6/pro/text-to-video', { duration: 5 })).toBe(422);
    expect(await status('fal-ai/kling-video/v3/pro/text-to-video', { duration: '15' })).toBe(200);
    expect(await status('fal-ai/kling-video/v3/standard/text-to-video', { duration: '2' })).toBe(
      422,
    );
    expect(await status('fal-ai/kling-video/v3/pro/text-to-video', { aspect_ratio: '4:3' })).toBe(
      422,
    );
  });

  it('holds LTX-2 to its durations, resolutions and the fast long-clip rule', async () => {
    expect(await status('fal-ai/ltx-2/text-to-video', { duration: 10, resolution: '2160p' })).toBe(
      200,
    );
    expect(await status('fal-ai/ltx-2/text-to-video', { duration: 12 })).toBe(422);
    expect(await status('fal-ai/ltx-2/text-to-video', { resolution: '720p' })).toBe(422);
    expect(await status('fal-ai/ltx-2/text-to-video/fast', { duration: 20 })).toBe(200);
    expect(
      await status('fal-ai/ltx-2/text-to-video/fast', { duration: 20, resolution: '1440p' }),
    ).toBe(422);
  });

  it('holds the Nano Banana and FLUX endpoints to their aspect ratios and resolutions', async () => {
    expect(await status('fal-ai/nano-banana-2', { aspect_ratio: '8:1', resolution: '0.5K' })).toBe(
      200,
    );
    expect(await status('fal-ai/nano-banana-pro', { aspect_ratio: '8:1' })).toBe(422);
    expect(await status('fal-ai/nano-banana-pro', { resolution: '0.5K' })).toBe(422);
    expect(await status('fal-ai/nano-banana', { aspect_ratio: 'auto' })).toBe(422);
    expect(await status('fal-ai/nano-banana/edit', { aspect_ratio: 'auto' })).toBe(200);
    expect(await status('fal-ai/flux-pro/v1.1-ultra', { aspect_ratio: '9:21' })).toBe(200);
    expect(await status('fal-ai/flux-pro/v1.1-ultra', { aspect_ratio: '2:1' })).toBe(422);
    expect(await status('fal-ai/flux-pro/kontext', { safety_tolerance: 2 })).toBe(422);
    expect(await status('fal-ai/flux-pro/kontext', { safety_tolerance: '2' })).toBe(200);
    expect(await status('fal-ai/flux-pro/v1.1', { output_format: 'webp' })).toBe(422);
  });
});
