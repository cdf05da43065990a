import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectMp4 } from '../media/mp4.ts';
import { startByteplusEmulator, type ByteplusEmulator } from './byteplus.ts';

let ark: ByteplusEmulator;

beforeAll(async () => {
  ark = await startByteplusEmulator({ imageNoise: 0 });
});
afterAll(() => ark.close());
beforeEach(() => {
  ark.reset();
  ark.cdn.reset();
});

const headers = (key = ark.apiKey) => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
});

/** The fields of Ark's answers these tests read. */
interface Answer {
  id: string;
  status: string;
  data: { size: string; b64_json: string; url: string }[];
  usage: unknown;
  content: { video_url: string };
  error: { code: string; message: string; param: string; type: string } | null;
  [field: string]: unknown;
}

async function call(method: string, path: string, body?: unknown, key?: string) {
  const res = await fetch(`${ark.url}${path}`, {
    method,
    headers: headers(key),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}
const images = (body: unknown) => call('POST', '/api/v3/images/generations', body);
const createTask = (body: unknown) => call('POST', '/api/v3/contents/generations/tasks', body);
const getTask = (id: string) => call('GET', `/api/v3/contents/generations/tasks/${id}`);

describe('BytePlus ModelArk emulator: images', () => {
  it('makes a real image at the size asked for, as b64_json, with Ark usage', async () => {
    const { status, body } = await images({
      model: 'seedream-4-5-251128',
      prompt: 'a lantern',
      size: '2560x1440',
      response_format: 'b64_json',
      watermark: false,
    });
    expect(status).toBe(200);
    expect(body.data[0]?.size).toBe('2560x1440');
    const meta = await sharp(Buffer.from(body.data[0]?.b64_json ?? '', 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 2560, 1440]);
    expect(body['usage']).toEqual({
      generated_images: 1,
      output_tokens: 14_400,
      total_tokens: 14_400,
    });
  });

  it('serves url results from the CDN, without the key; resolution words size a square', async () => {
    const { body } = await images({
      model: 'seedream-4-0-250828',
      prompt: 'a lantern',
      size: '1K',
    });
    const url = body.data[0]?.url ?? '';
    expect(url.startsWith(ark.cdn.url)).toBe(true);
    const meta = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it("answers Ark's 400 for invalid values, naming the parameter", async () => {
    const small = await images({ model: 'seedream-4-5-251128', prompt: 'x', size: '1024x1024' });
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({
      error: { code: 'InvalidParameter', param: 'size', type: 'BadRequest' },
    });
    expect(small.body.error?.message).toMatch(/3686400/);
    const format = await images({
      model: 'seedream-4-0-250828',
      prompt: 'x',
      response_format: 'png',
    });
    expect(format.body).toMatchObject({
      error: { code: 'InvalidParameter', param: 'response_format' },
    });
    const broken = await images({
      model: 'seedream-4-0-250828',
      prompt: 'x',
      image: 'data:image/png;base64,AAAA',
    });
    expect(broken.body).toMatchObject({ error: { param: 'image' } });
    const unknown = await images({ model: 'seedream-9', prompt: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'InvalidEndpointOrModel.NotFound' } });
  });

  it('401 without the Bearer key; unknown fields are ignored and recorded', async () => {
    const denied = await call(
      'POST',
      '/api/v3/images/generations',
      { model: 'seedream-4-0-250828', prompt: 'x' },
      'wrong',
    );
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: { code: 'AuthenticationError' } });
    await images({ model: 'seedream-4-0-250828', prompt: 'x', size: '1K', aspect_ratio: '16:9' });
    expect(ark.lastRequest()?.ignoredFields).toEqual(['aspect_ratio']);
  });

  it('a safety fault is Ark’s sensitive-content 400', async () => {
    ark.inject('safety');
    const { status, body } = await images({
      model: 'seedream-4-0-250828',
      prompt: 'x',
      size: '1K',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'InputTextSensitiveContentDetected' } });
  });
});

describe('BytePlus ModelArk emulator: video tasks', () => {
  it('queued → running → succeeded with a real MP4 and W × H × 24 × s / 1024 tokens', async () => {
    ark.setLatency({ queuedPolls: 1, runningPolls: 1 });
    const created = await createTask({
      model: 'seedance-1-5-pro-251215',
      content: [{ type: 'text', text: 'waves' }],
      resolution: '480p',
      ratio: '16:9',
      duration: 4,
      generate_audio: false,
    });
    expect(created.status).toBe(200);
    const id = created.body['id'] as string;
    expect(id).toMatch(/^cgt-\d{14}-\w{5}$/);
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await getTask(id);
      seen.push(body['status']);
      if (body['status'] === 'succeeded') {
        expect(body).toMatchObject({
          resolution: '480p',
          ratio: '16:9',
          duration: 4,
          framespersecond: 24,
          generate_audio: false,
          error: null,
        });
        expect(body['usage']).toEqual({ completion_tokens: 38_430, total_tokens: 38_430 });
        const clip = new Uint8Array(await (await fetch(body.content.video_url)).arrayBuffer());
        expect(inspectMp4(clip)).toMatchObject({ width: 854, height: 480, durationSeconds: 4 });
        break;
      }
    }
    expect(seen).toEqual(['queued', 'running', 'succeeded']);
  });

  it('refuses values the model does not take with a 400 naming the parameter', async () => {
    const bad = async (body: Record<string, unknown>) =>
      (
        await createTask({
          model: 'seedance-1-5-pro-251215',
          content: [{ type: 'text', text: 'x' }],
          ...body,
        })
      ).body['error'];
    expect(await bad({ resolution: '4k' })).toMatchObject({
      code: 'InvalidParameter',
      param: 'resolution',
    });
    expect(await bad({ duration: 20 })).toMatchObject({ param: 'duration' });
    expect(await bad({ ratio: '2:1' })).toMatchObject({ param: 'ratio' });
    expect(await bad({ watermark: 'no' })).toMatchObject({ param: 'watermark' });
    expect(
      await bad({
        content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }],
      }),
    ).toMatchObject({ param: 'content[0].image_url.url' });
  });

  it('DELETE cancels a queued task; a running one cannot be cancelled', async () => {
    ark.setLatency({ queuedPolls: 3, runningPolls: 3 });
    const queued = (
      await createTask({
        model: 'dreamina-seedance-2-0-260128',
        content: [{ type: 'text', text: 'x' }],
      })
    ).body['id'] as string;
    expect((await call('DELETE', `/api/v3/contents/generations/tasks/${queued}`)).status).toBe(200);
    expect((await getTask(queued)).body['status']).toBe('cancelled');

    ark.setLatency({ queuedPolls: 0, runningPolls: 3 });
    const running = (
      await createTask({
        model: 'dreamina-seedance-2-0-260128',
        content: [{ type: 'text', text: 'x' }],
      })
    ).body['id'] as string;
    expect((await getTask(running)).body['status']).toBe('running');
    const refused = await call('DELETE', `/api/v3/contents/generations/tasks/${running}`);
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ type: 'BadRequest' });
  });

  it('an output safety fault fails the task with Ark’s code; a 500 fault is Ark’s error body', async () => {
    ark.inject('safety', { stage: 'output' });
    const id = (
      await createTask({ model: 'seedance-1-5-pro-251215', content: [{ type: 'text', text: 'x' }] })
    ).body['id'] as string;
    let body = {} as Answer;
    for (let i = 0; i < 4 && body['status'] !== 'failed'; i++) body = (await getTask(id)).body;
    expect(body).toMatchObject({
      status: 'failed',
      error: { code: 'OutputVideoSensitiveContentDetected' },
    });

    ark.inject(500);
    const failed = await getTask(id);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: { code: 'InternalServiceError' } });
  });
});
