import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderImage } from '../media/image.ts';
import { REPLICATE_MODELS } from './replicate-models.ts';
import { startReplicateEmulator, type ReplicateEmulator } from './replicate.ts';

let emu: ReplicateEmulator;
let image: string;

beforeAll(async () => {
  emu = await startReplicateEmulator({ imageNoise: 0 });
  image = `data:image/png;base64,${(await renderImage({ format: 'png', width: 640, height: 480, seed: 'fox' })).toString('base64')}`;
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const MODEL = 'prunaai/flux-kontext-fast';

function call(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token !== null) headers['authorization'] = `Bearer ${init.token ?? emu.apiKey}`;
  return fetch(`${emu.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}
const predict = (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(`/models/${MODEL}/predictions`, { body: { input }, headers });

type Prediction = {
  id: string;
  status: string;
  output: string[] | null;
  error: string | null;
  metrics?: { predict_time: number };
  urls: { get: string; cancel: string };
};

describe('Replicate emulator', () => {
  it('refuses a request without a token or with a wrong one: 401 problem details', async () => {
    expect((await predict({ prompt: 'x', img_cond_path: image })).status).toBe(201);
    for (const token of [null, 'r8_wrong']) {
      const denied = await call(`/models/${MODEL}/predictions`, {
        body: { input: { prompt: 'x' } },
        token,
      });
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual({
        title: 'Unauthenticated',
        detail: 'You did not pass a valid authentication token',
        status: 401,
      });
    }
  });

  it('creates a prediction by model (201, starting), then answers polls: processing, succeeded with an output on the delivery origin and metrics', async () => {
    const res = await predict({
      prompt: 'make it snow',
      img_cond_path: image,
      aspect_ratio: '16:9',
      output_format: 'png',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Prediction & {
      model: string;
      input: Record<string, unknown>;
    };
    expect(created).toMatchObject({
      status: 'starting',
      model: MODEL,
      version: REPLICATE_MODELS[MODEL]?.version,
      output: null,
      error: null,
    });
    // Defaults are filled in, as Replicate echoes the input it ran.
    expect(created.input).toMatchObject({
      prompt: 'make it snow',
      aspect_ratio: '16:9',
      output_format: 'png',
      image_size: 1024,
      output_quality: 80,
    });
    expect(created.urls.get).toBe(`${emu.origin}/v1/predictions/${created.id}`);

    const first = (await (await call(`/predictions/${created.id}`)).json()) as Prediction;
    expect(first.status).toBe('processing');
    const done = (await (await call(`/predictions/${created.id}`)).json()) as Prediction;
    expect(done.status).toBe('succeeded');
    expect(done.metrics?.predict_time).toBeGreaterThan(0);
    const url = done.output?.[0] ?? '';
    expect(new URL(url).origin).toBe(emu.cdn.url);
    expect(new URL(url).origin).not.toBe(emu.origin);
    const file = await fetch(url);
    expect(file.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 576]);
    expect(emu.cdn.lastRequest()?.headers['authorization']).toBeUndefined();
  });

  it('Prefer: wait holds the answer until the prediction ends; wait=n out of 1–60 is refused', async () => {
    const res = await predict({ prompt: 'a red door', img_cond_path: image }, { prefer: 'wait' });
    const held = (await res.json()) as Prediction;
    expect(held.status).toBe('succeeded');
    expect(held.output?.[0]).toMatch(/\/replicate\/xezq\/\w+\/out-0\.webp$/);
    expect(
      (await predict({ prompt: 'x', img_cond_path: image }, { prefer: 'wait=0' })).status,
    ).toBe(400);
    // A slow prediction is returned in its current state when the wait runs out.
    emu.setLatency({ runningMs: 5_000 }, { times: 1 });
    const slow = (await (
      await predict({ prompt: 'x', img_cond_path: image }, { prefer: 'wait=1' })
    ).json()) as Prediction;
    expect(slow.status).toBe('processing');
  });

  it('creates by version at POST /v1/predictions; an unknown version is 422', async () => {
    const version = REPLICATE_MODELS[MODEL]?.version ?? '';
    const ok = await call('/predictions', {
      body: { version, input: { prompt: 'x', img_cond_path: image } },
    });
    expect(ok.status).toBe(201);
    expect(emu.lastRequest()?.model).toBe(MODEL);
    const named = await call('/predictions', {
      body: { version: `${MODEL}:${version}`, input: { prompt: 'x', img_cond_path: image } },
    });
    expect(named.status).toBe(201);
    const bad = await call('/predictions', {
      body: { version: 'f'.repeat(64), input: { prompt: 'x' } },
    });
    expect(bad.status).toBe(422);
  });

  it('refuses an input the schema does not allow with 422 invalid_fields naming the field; undeclared fields are dropped', async () => {
    const missing = await predict({ prompt: 'x' });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      title: 'Input validation failed',
      detail: '- input: img_cond_path is required\n',
      status: 422,
      invalid_fields: [
        { type: 'required', field: 'input', description: 'img_cond_path is required' },
      ],
    });
    const ratio = (await (
      await predict({ prompt: 'x', img_cond_path: image, aspect_ratio: '5:1' })
    ).json()) as { invalid_fields: { field: string; type: string }[] };
    expect(ratio.invalid_fields[0]).toMatchObject({ field: 'input.aspect_ratio', type: 'enum' });
    const size = (await (
      await predict({ prompt: 'x', img_cond_path: image, image_size: 4096 })
    ).json()) as { invalid_fields: { field: string }[] };
    expect(size.invalid_fields[0]?.field).toBe('input.image_size');
    expect((await predict({ prompt: 'x', img_cond_path: 'not a url' })).status).toBe(422);
    expect((await call('/models/nobody/nothing/predictions', { body: { input: {} } })).status).toBe(
      404,
    );

    await predict({ prompt: 'x', img_cond_path: image, negative_prompt: 'blur' });
    expect(emu.lastRequest()?.ignoredFields).toEqual(['input.negative_prompt']);
  });

  it('cancels a prediction that has not ended; a finished one stays as it was', async () => {
    emu.setLatency({ queuedPolls: 5 }, { times: 1 });
    const p = (await (await predict({ prompt: 'x', img_cond_path: image })).json()) as Prediction;
    const canceled = (await (
      await call(`/predictions/${p.id}/cancel`, { method: 'POST' })
    ).json()) as Prediction;
    expect(canceled.status).toBe('canceled');
    expect(((await (await call(`/predictions/${p.id}`)).json()) as Prediction).status).toBe(
      'canceled',
    );
    const done = (await (
      await predict({ prompt: 'x', img_cond_path: image }, { prefer: 'wait' })
    ).json()) as Prediction;
    expect(
      (
        (await (
          await call(`/predictions/${done.id}/cancel`, { method: 'POST' })
        ).json()) as Prediction
      ).status,
    ).toBe('succeeded');
    expect((await call('/predictions/nope')).status).toBe(404);
  });

  it('faults: safety fails the prediction with an NSFW error, 429 carries Retry-After, expired output links are 404', async () => {
    emu.inject('safety');
    const flagged = (await (
      await predict({ prompt: 'x', img_cond_path: image }, { prefer: 'wait' })
    ).json()) as Prediction;
    expect(flagged.status).toBe('failed');
    expect(flagged.error).toMatch(/NSFW/);
    expect(flagged.output).toBeNull();

    emu.inject(429, { retryAfterSeconds: 2 });
    const limited = await predict({ prompt: 'x', img_cond_path: image });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');

    const done = (await (
      await predict({ prompt: 'x', img_cond_path: image }, { prefer: 'wait' })
    ).json()) as Prediction;
    emu.inject('expired-url');
    expect((await fetch(done.output?.[0] ?? '')).status).toBe(404);
    expect(emu.requests.map((r) => r.fault).filter(Boolean)).toEqual(['safety', '429']);
  });
});
