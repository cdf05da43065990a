import { REPLICATE_MODELS, renderImage, startReplicateEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AtelierError } from '../errors.ts';
import { priceRun } from './cost.ts';
import { loadCatalog } from '../catalog/index.ts';
import type { ImageModelEntry } from '../catalog/schema.ts';
import { imageModel } from './models.ts';
import { ReplicateImageModel } from './replicate.ts';
import { describeReplicateError } from './replicate-client.ts';
import type { ProviderSettings } from './settings.ts';

type Emu = Awaited<ReturnType<typeof startReplicateEmulator>>;
let emu: Emu;
let waits: number[];
let source: { data: Uint8Array; mediaType: string };
let sourceUri: string;

beforeAll(async () => {
  emu = await startReplicateEmulator({ imageNoise: 0 });
  const png = await renderImage({ format: 'png', width: 256, height: 192, seed: 'kettle' });
  source = { data: new Uint8Array(png), mediaType: 'image/png' };
  sourceUri = `data:image/png;base64,${png.toString('base64')}`;
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.cdn.reset();
  waits = [];
});

function settings(
  extra: Partial<ProviderSettings> = {},
  env: Record<string, string> = {},
  key = emu.apiKey,
): ProviderSettings {
  const all = { REPLICATE_API_TOKEN: key, ATELIER_REPLICATE_BASE_URL: emu.url, ...env };
  return {
    env: all,
    keys: { store: null, env: all },
    pollIntervalMs: 1,
    retry: { initialDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    ...extra,
  };
}
const open = (extra?: Partial<ProviderSettings>, env?: Record<string, string>, key?: string) =>
  imageModel({
    model: 'flux-kontext-fast',
    provider: 'replicate',
    settings: settings(extra, env, key),
  });
const posts = () => emu.requests.filter((r) => r.method === 'POST');

async function failure(p: Promise<unknown>): Promise<AtelierError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtelierError);
  return error as AtelierError;
}

describe('Replicate predictions', () => {
  test('one POST by model with Bearer token and Prefer: wait; the exact input; the output fetched from the delivery origin without the token; priced per image', async () => {
    const model = await open();
    const result = await model.doGenerate({
      prompt: 'make it snow',
      referenceImages: [source],
      aspectRatio: '16:9',
      outputFormat: 'png',
      seed: 7,
    });
    expect(emu.requests).toHaveLength(1);
    const call = emu.requests[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/models/prunaai/flux-kontext-fast/predictions');
    expect(call?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(call?.headers['prefer']).toBe('wait=60');
    expect(call?.body).toStrictEqual({
      input: {
        prompt: 'make it snow',
        aspect_ratio: '16:9',
        output_format: 'png',
        seed: 7,
        img_cond_path: sourceUri,
      },
    });
    expect(call?.ignoredFields).toBeUndefined();

    expect(emu.cdn.requests).toHaveLength(1);
    expect(new URL(`http://x${emu.cdn.requests[0]?.path}`).pathname).toMatch(
      /^\/replicate\/xezq\/\w+\/out-0\.png$/,
    );
    expect(emu.cdn.requests[0]?.headers['authorization']).toBeUndefined();
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 1024, height: 576 });
    expect(result.usage).toEqual({ images: 1 });
    expect(result.providerRequestId).toMatch(/^[a-z0-9]{26}$/);
    const cost = priceRun(
      { modelId: model.modelId, provider: 'replicate', providerModelId: model.providerModelId },
      'image',
      { aspectRatio: '16:9' },
      result,
    );
    expect(cost.micros).toBe(10_000);
  });

  test('jpeg goes as jpg; a prediction still starting when the wait ends is polled at GET /v1/predictions/{id}', async () => {
    // Held for one second (at most 40 ticks of 25 ms), and queued for a few polls more than that.
    emu.setLatency({ queuedPolls: 45 }, { times: 1 });
    const events: string[] = [];
    const result = await (
      await open({}, { ATELIER_REPLICATE_PREFER_WAIT: '1' })
    ).doGenerate(
      { prompt: 'a red door', referenceImages: [source], aspectRatio: '1:1', outputFormat: 'jpeg' },
      { onProgress: (e) => events.push(e.type) },
    );
    expect(posts()[0]?.headers['prefer']).toBe('wait=1');
    expect((posts()[0]?.body as { input: Record<string, unknown> }).input['output_format']).toBe(
      'jpg',
    );
    const id = result.providerRequestId;
    const gets = emu.requests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.path === `/v1/predictions/${id}`)).toBe(true);
    expect(events).toContain('queued');
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/jpeg', width: 1024, height: 1024 });
  });

  test('refused before anything is sent: no input image, two images, an unknown option; a ratio it lacks is mapped with a warning', async () => {
    const model = await open();
    expect((await failure(model.doGenerate({ prompt: 'x', aspectRatio: '1:1' }))).message).toMatch(
      /input image/,
    );
    expect(
      await failure(model.doGenerate({ prompt: 'x', referenceImages: [source, source] })),
    ).toMatchObject({ code: 'invalid_request' });
    expect(
      await failure(
        model.doGenerate({
          prompt: 'x',
          referenceImages: [source],
          providerOptions: { replicate: { speedMode: 'fast' } },
        }),
      ),
    ).toMatchObject({ code: 'invalid_request' });
    expect(emu.requests).toHaveLength(0);
    const mapped = await model.doGenerate({
      prompt: 'x',
      referenceImages: [source],
      aspectRatio: '21:9',
    });
    expect((posts()[0]?.body as { input: Record<string, unknown> }).input['aspect_ratio']).toBe(
      '16:9',
    );
    expect(mapped.warnings.map((w) => w.setting)).toContain('aspectRatio');
  });

  test('a wrong token is an auth error naming Replicate, never the token; a truncated image is refused before sending', async () => {
    const denied = await failure(
      (await open({}, {}, 'r8_wrong')).doGenerate({ prompt: 'x', referenceImages: [source] }),
    );
    expect(denied).toMatchObject({ code: 'auth', details: { provider: 'replicate', status: 401 } });
    expect(denied.message).not.toContain('r8_wrong');
    emu.reset();
    const broken = {
      data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      mediaType: 'image/png',
    };
    await failure((await open()).doGenerate({ prompt: 'x', referenceImages: [broken] }));
    expect(emu.requests).toHaveLength(0);
  });

  test('429 on create is retried with Retry-After by the one policy (the SDK does not retry on its own); a 500 then succeeds', async () => {
    emu.inject(429, { retryAfterSeconds: 2 });
    emu.inject(500);
    const result = await (await open()).doGenerate({ prompt: 'x', referenceImages: [source] });
    expect(posts().map((r) => r.status)).toEqual([429, 500, 201]);
    expect(waits).toEqual([2000, 20]);
    expect(result.assets).toHaveLength(1);
  });

  test('failing status reads of an accepted prediction are retried within the window; the result still arrives', async () => {
    emu.setLatency({ queuedPolls: 45 }, { times: 1 });
    emu.inject(503, { times: 2, match: (r) => r.method === 'GET' });
    const result = await (
      await open({}, { ATELIER_REPLICATE_PREFER_WAIT: '1' })
    ).doGenerate({ prompt: 'x', referenceImages: [source] });
    expect(emu.requests.filter((r) => r.method === 'GET' && r.status === 503)).toHaveLength(2);
    expect(result.assets).toHaveLength(1);
  });

  test("a failed prediction is Replicate's verdict: accepted, failed, content policy for an NSFW error", async () => {
    emu.inject('safety');
    const error = await failure(
      (await open()).doGenerate({ prompt: 'x', referenceImages: [source] }),
    );
    expect(error).toMatchObject({
      code: 'content_policy',
      details: { provider: 'replicate', accepted: true, jobFailed: true },
    });
    expect(error.details?.['requestId']).toMatch(/^[a-z0-9]{26}$/);
  });

  test('an expired output link after acceptance is an accepted failure (Replicate may have billed it)', async () => {
    emu.cdn.inject('expired-url');
    const error = await failure(
      (await open()).doGenerate({ prompt: 'x', referenceImages: [source] }),
    );
    expect(error).toMatchObject({
      details: { provider: 'replicate', accepted: true, reason: 'result_expired' },
    });
    expect(error.details?.['jobFailed']).toBeUndefined();
  });

  test('cancelling while the prediction runs cancels it at Replicate', async () => {
    emu.setLatency({ queuedPolls: 100_000 }, { times: 1 });
    const controller = new AbortController();
    const running = (await open({}, { ATELIER_REPLICATE_PREFER_WAIT: '1' })).doGenerate(
      { prompt: 'x', referenceImages: [source] },
      {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    const error = await failure(running);
    expect(error).toMatchObject({
      code: 'cancelled',
      details: { provider: 'replicate', accepted: true },
    });
    const cancel = emu.requests.find((r) => r.path.endsWith('/cancel'));
    expect(cancel?.method).toBe('POST');
    expect(cancel?.status).toBe(200);
  });

  test('a route written owner/name:version creates by version at POST /v1/predictions', async () => {
    const entry = loadCatalog().resolve('flux-kontext-fast') as ImageModelEntry;
    const version = REPLICATE_MODELS['prunaai/flux-kontext-fast']?.version ?? '';
    const first = entry.routes[0];
    if (!first) throw new Error('no route');
    const route = { ...first, providerModelId: `prunaai/flux-kontext-fast:${version}` };
    await new ReplicateImageModel(entry, route, settings()).doGenerate({
      prompt: 'x',
      referenceImages: [source],
      aspectRatio: '1:1',
    });
    expect(posts()[0]?.path).toBe('/v1/predictions');
    expect(posts()[0]?.body).toStrictEqual({
      version,
      input: { prompt: 'x', aspect_ratio: '1:1', img_cond_path: sourceUri },
    });
  });

  test('text-to-image models send the prompt, ratio and seed the schema takes, and are priced per image: Photon, Photon Flash, Ideogram 3.0 Turbo and Quality, FLUX.1 [pro]', async () => {
    const cases = [
      ['luma-photon', 'luma/photon', { aspect_ratio: '21:9', seed: 3 }, 30_000],
      ['luma-photon-flash', 'luma/photon-flash', { aspect_ratio: '21:9', seed: 3 }, 10_000],
      [
        'ideogram-3-turbo',
        'ideogram-ai/ideogram-v3-turbo',
        { aspect_ratio: '16:10', seed: 3 },
        30_000,
      ],
      [
        'ideogram-3-quality',
        'ideogram-ai/ideogram-v3-quality',
        { aspect_ratio: '1:3', seed: 3 },
        90_000,
      ],
      [
        'flux-1-pro',
        'black-forest-labs/flux-pro',
        { aspect_ratio: '16:9', seed: 3, output_format: 'png' },
        55_000,
      ],
    ] as const;
    for (const [id, slug, input, micros] of cases) {
      emu.reset();
      const model = await imageModel({ model: id, provider: 'replicate', settings: settings() });
      const ratio = input.aspect_ratio;
      const result = await model.doGenerate({
        prompt: 'a lighthouse at dusk',
        aspectRatio: ratio,
        seed: 3,
        ...(id === 'flux-1-pro' ? { outputFormat: 'png' as const } : {}),
      });
      expect(posts()[0]?.path, id).toBe(`/v1/models/${slug}/predictions`);
      expect(posts()[0]?.body, id).toStrictEqual({
        input: { prompt: 'a lighthouse at dusk', ...input },
      });
      expect(posts()[0]?.ignoredFields, id).toBeUndefined();
      expect(result.warnings, id).toEqual([]);
      const cost = priceRun(
        { modelId: model.modelId, provider: 'replicate', providerModelId: model.providerModelId },
        'image',
        { aspectRatio: ratio },
        result,
      );
      expect(cost.micros, id).toBe(micros);
    }
  });

  test("Replicate's 422 problem details name the field in the message", () => {
    const body = {
      title: 'Input validation failed',
      detail: '- input.aspect_ratio: …\n',
      status: 422,
      invalid_fields: [
        {
          type: 'enum',
          field: 'input.aspect_ratio',
          description: 'aspect_ratio must be one of the following: "1:1"',
        },
      ],
    };
    expect(describeReplicateError(body)).toEqual({
      message: 'input.aspect_ratio: aspect_ratio must be one of the following: "1:1"',
      code: 'enum',
    });
    expect(
      describeReplicateError({
        title: 'Unauthenticated',
        detail: 'You did not pass a valid authentication token',
        status: 401,
      }).message,
    ).toBe('You did not pass a valid authentication token');
  });
});
