import { renderImage, startStabilityEmulator } from '@atelier/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.ts';
import { AtelierError } from '../errors.ts';
import { planGeneration } from '../plan/plan.ts';
import { inspectImage } from '../rules/inspect.ts';
import { priceRun } from './cost.ts';
import { imageModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

/** Stable Image Remove Background: an image in, no prompt, a transparent cut-out out (rules/stability.ts). */

type Emu = Awaited<ReturnType<typeof startStabilityEmulator>>;
let emu: Emu;
let photo: { data: Uint8Array; mediaType: string };

beforeAll(async () => {
  emu = await startStabilityEmulator({ imageNoise: 0 });
  photo = {
    data: new Uint8Array(
      await renderImage({ format: 'jpeg', width: 768, height: 512, seed: 'product' }),
    ),
    mediaType: 'image/jpeg',
  };
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function settings(): ProviderSettings {
  const env = { STABILITY_API_KEY: emu.apiKey, ATELIER_STABILITY_BASE_URL: emu.url };
  return {
    env,
    keys: { store: null, env },
    retry: { initialDelayMs: 1, random: () => 0, sleep: async () => {} },
  };
}
const open = () =>
  imageModel({
    model: 'stable-image-remove-background',
    provider: 'stability',
    settings: settings(),
  });

async function failure(p: Promise<unknown>): Promise<AtelierError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AtelierError);
  return error as AtelierError;
}

describe('Stable Image Remove Background', () => {
  test('sends the image and output_format only to /edit/remove-background; a transparent PNG of the input size, $0.05', async () => {
    const model = await open();
    const result = await model.doGenerate({ prompt: 'the red sneaker', referenceImages: [photo] });
    const req = emu.requests[0];
    expect(req?.path).toBe('/v2beta/stable-image/edit/remove-background');
    expect(req?.headers['authorization']).toBe(`Bearer ${emu.apiKey}`);
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.fields).toStrictEqual({ output_format: 'png' });
    expect(req?.files?.map((f) => [f.field, f.contentType, f.size])).toStrictEqual([
      ['image', 'image/jpeg', photo.data.byteLength],
    ]);
    expect(req?.ignoredFields).toBeUndefined();
    expect(result.assets[0]).toMatchObject({ mediaType: 'image/png', width: 768, height: 512 });
    expect(inspectImage(result.assets[0]?.data ?? new Uint8Array(), 'output').hasAlpha).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        setting: 'prompt',
        message: expect.stringMatching(/takes no prompt/),
      }),
    );
    const cost = priceRun(
      { modelId: model.modelId, provider: 'stability', providerModelId: 'remove-background' },
      'image',
      {},
      result,
    );
    expect(cost.micros).toBe(50_000);

    emu.reset();
    const webp = await model.doGenerate({
      prompt: 'the red sneaker',
      referenceImages: [photo],
      outputFormat: 'webp',
    });
    expect(emu.requests[0]?.fields).toStrictEqual({ output_format: 'webp' });
    expect(webp.assets[0]?.mediaType).toBe('image/webp');
  });

  test('the planner refuses it without an image (inputs.images), makes a jpeg ask a png with a warning; the adapter sends nothing without an image', async () => {
    const catalog = loadCatalog();
    const ctx = { catalog, hasKey: () => true };
    const without = planGeneration(
      {
        kind: 'image',
        prompt: 'cut out',
        models: [{ model: 'stable-image-remove-background' }],
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    expect(without).toMatchObject({ status: 'refused', refusal: { field: 'inputs.images[0]' } });
    const input = [
      { role: 'reference' as const, index: 0, mediaType: 'image/jpeg', width: 768, height: 512 },
    ];
    const jpeg = planGeneration(
      {
        kind: 'image',
        prompt: 'cut out',
        models: [{ model: 'stable-image-remove-background' }],
        params: { outputFormat: 'jpeg' },
        inputs: input,
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    // No JPEG (it has no transparency): PNG is asked for instead, with a warning.
    expect(jpeg).toMatchObject({ status: 'ready', params: { outputFormat: 'png' } });
    expect(jpeg?.warnings).toContainEqual(
      expect.objectContaining({
        setting: 'outputFormat',
        message: expect.stringMatching(/returns png or webp/),
      }),
    );
    const ready = planGeneration(
      {
        kind: 'image',
        prompt: 'cut out',
        models: [{ model: 'stable-image-remove-background' }],
        inputs: input,
        date: '2026-12-06',
      },
      ctx,
    ).models[0];
    expect(ready).toMatchObject({
      status: 'ready',
      route: { provider: 'stability', providerModelId: 'remove-background' },
      estimate: { expected: 50_000 },
    });

    const missing = await failure((await open()).doGenerate({ prompt: 'cut out' }));
    expect(missing.code).toBe('invalid_request');
    expect(emu.requests).toHaveLength(0);
  });

  test("the emulator answers as Stability's Edit reference: 400 without an image or with a jpeg output_format", async () => {
    const post = (form: FormData) =>
      fetch(`${emu.url}/v2beta/stable-image/edit/remove-background`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emu.apiKey}`, accept: 'application/json' },
        body: form,
      });
    const none = new FormData();
    none.append('output_format', 'png');
    const noImage = await post(none);
    expect(noImage.status).toBe(400);
    expect(await noImage.json()).toMatchObject({
      name: 'bad_request',
      errors: ['image: is required'],
    });
    const jpeg = new FormData();
    jpeg.append('image', new Blob([new Uint8Array(photo.data)], { type: 'image/jpeg' }), 'a.jpg');
    jpeg.append('output_format', 'jpeg');
    const wrongFormat = await post(jpeg);
    expect(wrongFormat.status).toBe(400);
    expect(await wrongFormat.json()).toMatchObject({
      errors: ['output_format: must be one of png, webp'],
    });
  });
});
