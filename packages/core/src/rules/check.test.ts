import { describe, expect, test } from 'vitest';
import { loadCatalog, type Provider } from '../catalog/index.ts';
import { checkRouteRules, refusalError } from './check.ts';
import type { InputImageInfo, RuleOutcome } from './types.ts';

const catalog = loadCatalog();
const MB = 1024 * 1024;

function check(
  model: string,
  provider: Provider,
  request: Record<string, unknown> = {},
  inputs: InputImageInfo[] = [],
  options: Record<string, unknown> = {},
): RuleOutcome {
  const entry = catalog.resolve(model);
  const route = entry.routes.find((r) => r.provider === provider);
  if (!route) throw new Error(`${model} has no ${provider} route`);
  return checkRouteRules({
    entry,
    route,
    request: {
      kind: entry.modality,
      ...request,
      providerOptions: { [provider]: options, other: { anything: 1 } },
    },
    inputs,
  });
}

const image = (over: Partial<InputImageInfo> = {}): InputImageInfo => ({
  role: 'image',
  index: 0,
  mediaType: 'image/png',
  width: 1024,
  height: 1024,
  byteSize: 200_000,
  hasAlpha: false,
  ...over,
});
const mask = (over: Partial<InputImageInfo> = {}) =>
  image({ role: 'mask', hasAlpha: true, ...over });
const fields = (o: RuleOutcome) => o.refusals.map((r) => r.field);

describe('OpenAI', () => {
  test('input_fidelity: refused on gpt-image-2 and gpt-image-1-mini with the options they take; taken by gpt-image-1.5 on edits', () => {
    const two = check('gpt-image-2', 'openai', { outputFormat: 'png' }, [image()], {
      inputFidelity: 'high',
    });
    expect(two.refusals).toEqual([
      expect.objectContaining({
        code: 'invalid_request',
        field: 'providerOptions.openai.inputFidelity',
        allowed: ['moderation', 'outputCompression', 'partialImages', 'user'],
        hint: expect.stringMatching(/high fidelity/),
      }),
    ]);
    expect(
      fields(check('gpt-image-1-mini', 'openai', {}, [image()], { inputFidelity: 'low' })),
    ).toEqual(['providerOptions.openai.inputFidelity']);
    const ok = check('gpt-image-1-5', 'openai', { outputFormat: 'png' }, [image()], {
      inputFidelity: 'high',
    });
    expect(ok.refusals).toEqual([]);
    expect(ok.providerOptions).toEqual({ inputFidelity: 'high' });
    // OpenAI's default for edits, made explicit.
    expect(
      check('gpt-image-1-5', 'openai', { outputFormat: 'png' }, [image()]).providerOptions,
    ).toEqual({ inputFidelity: 'low' });
  });

  test('a value outside an enum names the allowed values', () => {
    const o = check('gpt-image-2', 'openai', {}, [], { moderation: 'strict' });
    expect(o.refusals).toEqual([
      expect.objectContaining({
        field: 'providerOptions.openai.moderation',
        allowed: ['auto', 'low'],
      }),
    ]);
  });

  test('moderation belongs to generations, input_fidelity to edits: on the other call they are not sent, with a warning', () => {
    const edit = check('gpt-image-1-5', 'openai', { outputFormat: 'png' }, [image()], {
      moderation: 'low',
    });
    expect(edit.refusals).toEqual([]);
    expect(edit.providerOptions).not.toHaveProperty('moderation');
    expect(edit.warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported',
        setting: 'providerOptions.openai.moderation',
      }),
    ]);
    const generate = check('gpt-image-1-5', 'openai', { outputFormat: 'png' }, [], {
      inputFidelity: 'high',
    });
    expect(generate.providerOptions).toEqual({ moderation: 'auto' });
    expect(generate.warnings.map((w) => w.setting)).toEqual([
      'providerOptions.openai.inputFidelity',
    ]);
  });

  test('output_compression only with jpeg or webp; OpenAI’s 100 made explicit there and never with png', () => {
    expect(
      check('gpt-image-2', 'openai', { outputFormat: 'png' }, [], { outputCompression: 80 })
        .refusals,
    ).toEqual([
      expect.objectContaining({
        field: 'providerOptions.openai.outputCompression',
        hint: expect.stringMatching(/jpeg or webp/),
      }),
    ]);
    // No format asked: OpenAI makes png.
    expect(fields(check('gpt-image-2', 'openai', {}, [], { outputCompression: 80 }))).toEqual([
      'providerOptions.openai.outputCompression',
    ]);
    expect(
      check('gpt-image-2', 'openai', { outputFormat: 'jpeg' }, [], { outputCompression: 80 }),
    ).toMatchObject({ refusals: [], providerOptions: { outputCompression: 80 } });
    expect(check('gpt-image-2', 'openai', { outputFormat: 'webp' }).providerOptions).toEqual({
      moderation: 'auto',
      outputCompression: 100,
    });
    expect(check('gpt-image-2', 'openai', { outputFormat: 'png' }).providerOptions).toEqual({
      moderation: 'auto',
    });
  });

  test('a transparent background needs png or webp; on gpt-image-2 it is a preview', () => {
    const jpeg = check('gpt-image-1-5', 'openai', {
      background: 'transparent',
      outputFormat: 'jpeg',
    });
    expect(jpeg.refusals).toEqual([
      expect.objectContaining({ field: 'outputFormat', allowed: ['png', 'webp'] }),
    ]);
    expect(
      check('gpt-image-1-5', 'openai', { background: 'transparent', outputFormat: 'webp' }),
    ).toMatchObject({ refusals: [], warnings: [] });
    const preview = check('gpt-image-2', 'openai', {
      background: 'transparent',
      outputFormat: 'png',
    });
    expect(preview.refusals).toEqual([]);
    expect(preview.warnings).toEqual([
      expect.objectContaining({ setting: 'background', message: expect.stringMatching(/preview/) }),
    ]);
  });

  test('gpt-image-2 sizes: multiples of 16, edge ≤ 3840, ratio ≤ 3:1, 655,360–8,294,400 pixels; above 2560x1440 experimental', () => {
    const size = (s: string) => check('gpt-image-2', 'openai', { size: s, outputFormat: 'png' });
    for (const bad of ['1000x1000', '4096x1024', '3088x1024', '800x800', '3840x2176']) {
      expect([bad, fields(size(bad))]).toEqual([bad, ['size']]);
    }
    for (const good of ['1024x1024', '3072x1024', '816x816', '2560x1440']) {
      expect([good, size(good).refusals, size(good).warnings]).toEqual([good, [], []]);
    }
    expect(size('3840x2160')).toMatchObject({
      refusals: [],
      warnings: [
        expect.objectContaining({
          setting: 'size',
          message: expect.stringMatching(/experimental/),
        }),
      ],
    });
    // The same bounds hold on fal, which passes the size on to OpenAI's model.
    expect(fields(check('gpt-image-2', 'fal', { size: '1000x1000' }))).toEqual(['size']);
  });

  test('the catalog’s size range for gpt-image-2 agrees with these bounds', () => {
    const entry = catalog.resolve('gpt-image-2');
    if (entry.modality !== 'image' || entry.image.sizes.kind !== 'range')
      throw new Error('gpt-image-2 sizes by range');
    expect(entry.image.sizes).toMatchObject({
      multipleOf: 16,
      maxEdge: 3840,
      maxAspect: 3,
      minPixels: 655_360,
      maxPixels: 8_294_400,
    });
  });

  test('input images: png, jpeg or webp under 50 MB', () => {
    const gif = check('gpt-image-2', 'openai', {}, [image({ mediaType: 'image/gif' })]);
    expect(gif.refusals).toEqual([
      expect.objectContaining({
        field: 'inputs.images[0]',
        allowed: ['image/png', 'image/jpeg', 'image/webp'],
      }),
    ]);
    expect(
      fields(check('gpt-image-2', 'openai', {}, [image(), image({ index: 1, byteSize: 50 * MB })])),
    ).toEqual(['inputs.images[1]']);
    expect(
      check('gpt-image-2', 'openai', {}, [image({ mediaType: 'image/jpeg', byteSize: 49 * MB })])
        .refusals,
    ).toEqual([]);
  });

  test('masks: a PNG with alpha, the first image’s size, under 4 MB', () => {
    const ok = check('gpt-image-2', 'openai', {}, [image(), mask()]);
    expect(ok.refusals).toEqual([]);
    expect(
      check('gpt-image-2', 'openai', {}, [
        image(),
        mask({ mediaType: 'image/jpeg', hasAlpha: false }),
      ]).refusals,
    ).toEqual([expect.objectContaining({ field: 'inputs.mask', allowed: ['image/png'] })]);
    expect(
      check('gpt-image-2', 'openai', {}, [image(), mask({ hasAlpha: false })]).refusals,
    ).toEqual([
      expect.objectContaining({ field: 'inputs.mask', message: expect.stringMatching(/alpha/) }),
    ]);
    expect(check('gpt-image-2', 'openai', {}, [image({ width: 1536 }), mask()]).refusals).toEqual([
      expect.objectContaining({ field: 'inputs.mask', allowed: ['1536x1024'] }),
    ]);
    expect(
      fields(check('gpt-image-2', 'openai', {}, [image(), mask({ byteSize: 4 * MB })])),
    ).toEqual(['inputs.mask']);
  });
});

describe('Black Forest Labs', () => {
  test('safety_tolerance: 0–5 on FLUX.2, 0–6 on FLUX.1 (Kontext, 1.1, Ultra); BFL’s 2 made explicit', () => {
    expect(check('flux-2-pro', 'bfl', {}, [], { safetyTolerance: 6 }).refusals).toEqual([
      expect.objectContaining({
        field: 'providerOptions.bfl.safetyTolerance',
        message: expect.stringMatching(/<=5/),
        hint: 'safetyTolerance takes an integer 0–5 here.',
      }),
    ]);
    expect(check('flux-2-pro', 'bfl', {}, [], { safetyTolerance: 5 })).toMatchObject({
      refusals: [],
      providerOptions: { safetyTolerance: 5 },
    });
    for (const model of ['flux-1-kontext-pro', 'flux-1-1-pro', 'flux-1-1-pro-ultra']) {
      expect([model, check(model, 'bfl', {}, [], { safetyTolerance: 6 }).refusals]).toEqual([
        model,
        [],
      ]);
      expect([model, fields(check(model, 'bfl', {}, [], { safetyTolerance: 7 }))]).toEqual([
        model,
        ['providerOptions.bfl.safetyTolerance'],
      ]);
    }
    expect(check('flux-2-klein-4b', 'bfl').providerOptions).toEqual({ safetyTolerance: 2 });
  });

  test('prompt_upsampling where the endpoint declares it: FLUX.2 [flex], Kontext, FLUX1.1 [pro] and Ultra, not [pro], [max] or [klein]', () => {
    for (const model of ['flux-2-pro', 'flux-2-max', 'flux-2-klein-9b']) {
      expect([model, check(model, 'bfl', {}, [], { promptUpsampling: true }).refusals]).toEqual([
        model,
        [
          expect.objectContaining({
            field: 'providerOptions.bfl.promptUpsampling',
            allowed: ['safetyTolerance'],
            hint: expect.stringMatching(/\[flex\]/),
          }),
        ],
      ]);
    }
    for (const model of [
      'flux-2-flex',
      'flux-1-kontext-max',
      'flux-1-1-pro',
      'flux-1-1-pro-ultra',
    ]) {
      expect([model, check(model, 'bfl', {}, [], { promptUpsampling: true }).refusals]).toEqual([
        model,
        [],
      ]);
    }
  });

  test('steps and guidance on [flex] (1–50, 1.5–10, defaults 50 and 4.5), raw and the image prompt strength on Ultra', () => {
    expect(check('flux-2-flex', 'bfl').providerOptions).toEqual({
      safetyTolerance: 2,
      steps: 50,
      guidance: 4.5,
    });
    expect(fields(check('flux-2-flex', 'bfl', {}, [], { guidance: 11 }))).toEqual([
      'providerOptions.bfl.guidance',
    ]);
    expect(fields(check('flux-2-pro', 'bfl', {}, [], { steps: 20 }))).toEqual([
      'providerOptions.bfl.steps',
    ]);
    expect(fields(check('flux-1-1-pro', 'bfl', {}, [], { raw: true }))).toEqual([
      'providerOptions.bfl.raw',
    ]);
    // Ultra's image prompt strength is made explicit only when there is an image prompt.
    expect(check('flux-1-1-pro-ultra', 'bfl', { aspectRatio: '16:9' }).providerOptions).toEqual({
      safetyTolerance: 2,
      raw: false,
    });
    expect(
      check('flux-1-1-pro-ultra', 'bfl', { aspectRatio: '16:9' }, [image()]).providerOptions,
    ).toEqual({ safetyTolerance: 2, raw: false, imagePromptStrength: 0.1 });
  });

  test('Ultra and Kontext take aspect ratios between 21:9 and 9:21', () => {
    const wide = check('flux-1-1-pro-ultra', 'bfl', { aspectRatio: '4:1' });
    expect(wide.refusals).toEqual([
      expect.objectContaining({
        field: 'aspectRatio',
        allowed: ['9:21', '9:16', '2:3', '3:4', '1:1', '4:3', '3:2', '16:9', '21:9'],
      }),
    ]);
    expect(fields(check('flux-1-1-pro-ultra', 'bfl', { aspectRatio: '1:4' }))).toEqual([
      'aspectRatio',
    ]);
    expect(check('flux-1-1-pro-ultra', 'bfl', { aspectRatio: '21:9' }).refusals).toEqual([]);
    expect(check('flux-1-kontext-pro', 'bfl', { aspectRatio: '3:7' }).refusals).toEqual([]);
    expect(fields(check('flux-1-kontext-pro', 'bfl', { aspectRatio: '5:2' }))).toEqual([
      'aspectRatio',
    ]);
  });

  test('output formats jpeg or png; input images per endpoint (Kontext 4, FLUX1.1 one image prompt)', () => {
    expect(check('flux-2-pro', 'bfl', { outputFormat: 'webp' }).refusals).toEqual([
      expect.objectContaining({ field: 'outputFormat', allowed: ['jpeg', 'png'] }),
    ]);
    expect(check('flux-2-pro', 'bfl', { outputFormat: 'png' }).refusals).toEqual([]);
    const five = [0, 1, 2, 3, 4].map((index) => image({ index }));
    expect(fields(check('flux-1-kontext-max', 'bfl', {}, five))).toEqual(['inputs.images[4]']);
    expect(check('flux-1-kontext-max', 'bfl', {}, five.slice(0, 4)).refusals).toEqual([]);
    expect(fields(check('flux-1-1-pro', 'bfl', {}, five.slice(0, 2)))).toEqual([
      'inputs.images[1]',
    ]);
  });

  test('Fill: the mask must have the image’s size, alpha not needed', () => {
    expect(
      check('flux-1-fill-pro', 'bfl', {}, [
        image(),
        mask({ hasAlpha: false, mediaType: 'image/jpeg' }),
      ]).refusals,
    ).toEqual([]);
    expect(
      fields(check('flux-1-fill-pro', 'bfl', {}, [image(), mask({ width: 512, height: 512 })])),
    ).toEqual(['inputs.mask']);
    // Fill needs the image it paints into.
    expect(fields(check('flux-1-fill-pro', 'bfl'))).toEqual(['inputs.images[0]']);
  });
});

describe('Gemini (Gemini API, Vertex and the fal endpoints in front of them)', () => {
  test('aspect ratios per model: 9:21 is in no Nano Banana list, 1:4 … 8:1 only in Nano Banana 2’s', () => {
    const nine = check('nano-banana-2', 'vertex', { aspectRatio: '9:21' });
    expect(nine.refusals).toEqual([
      expect.objectContaining({
        field: 'aspectRatio',
        allowed: expect.arrayContaining(['1:8', '8:1', '21:9']),
      }),
    ]);
    expect(nine.refusals[0]?.allowed).not.toContain('9:21');
    expect(check('nano-banana-2', 'vertex', { aspectRatio: '8:1' }).refusals).toEqual([]);
    expect(fields(check('nano-banana-pro', 'google', { aspectRatio: '1:4' }))).toEqual([
      'aspectRatio',
    ]);
    expect(check('nano-banana-pro', 'google', { aspectRatio: '4:5' }).refusals).toEqual([]);
    expect(fields(check('nano-banana-2', 'fal', { aspectRatio: '9:21' }))).toEqual(['aspectRatio']);
  });

  test('imageSize tiers per model: none on 2.5 Flash Image (1K is what it makes), 1K–4K on 3 Pro, 512 too on 3.1 Flash', () => {
    expect(check('nano-banana', 'google', { resolution: '1K' }).refusals).toEqual([]);
    expect(check('nano-banana', 'google', { resolution: '2K' }).refusals).toEqual([
      expect.objectContaining({ field: 'resolution', allowed: ['1K'] }),
    ]);
    expect(check('nano-banana-pro', 'vertex', { resolution: '4K' }).refusals).toEqual([]);
    expect(fields(check('nano-banana-pro', 'vertex', { resolution: '512' }))).toEqual([
      'resolution',
    ]);
    expect(check('nano-banana-2', 'vertex', { resolution: '512' }).refusals).toEqual([]);
  });

  test('Google Search grounding on Nano Banana Pro and 2, not on 2.5 Flash Image', () => {
    expect(
      check('nano-banana-pro', 'google', {}, [], { googleSearch: true }).providerOptions,
    ).toEqual({ googleSearch: true });
    expect(check('nano-banana', 'google', {}, [], { googleSearch: true }).refusals).toEqual([
      expect.objectContaining({ field: 'providerOptions.google.googleSearch', allowed: [] }),
    ]);
  });

  test('inline images: png, jpeg, webp (no gif); 7 MB each on Vertex, 20 MB per request as base64 on the Gemini API', () => {
    expect(
      fields(check('nano-banana-pro', 'google', {}, [image({ mediaType: 'image/gif' })])),
    ).toEqual(['inputs.images[0]']);
    expect(fields(check('nano-banana-pro', 'vertex', {}, [image({ byteSize: 7 * MB })]))).toEqual([
      'inputs.images[0]',
    ]);
    expect(check('nano-banana-pro', 'google', {}, [image({ byteSize: 7 * MB })]).refusals).toEqual(
      [],
    );
    const two = [image({ byteSize: 8 * MB }), image({ index: 1, byteSize: 8 * MB })];
    expect(fields(check('nano-banana-pro', 'google', {}, two))).toEqual(['inputs.images[1]']);
  });
});

describe('every route', () => {
  test('fal and video routes read their own option schemas; other namespaces are left alone', () => {
    expect(fields(check('seedream-4-5', 'fal', {}, [], { safetyTolerance: 3 }))).toEqual([
      'providerOptions.fal.safetyTolerance',
    ]);
    expect(check('nano-banana-pro', 'fal', {}, [], { safetyTolerance: 3 })).toMatchObject({
      refusals: [],
      providerOptions: { safetyTolerance: 3 },
    });
    expect(fields(check('veo-3-1', 'vertex', {}, [], { noSuchOption: true }))).toEqual([
      'providerOptions.vertex.noSuchOption',
    ]);
  });

  test('refusalError: one invalid_request naming the first field', () => {
    const entry = catalog.resolve('gpt-image-2');
    const error = refusalError(
      entry,
      check('gpt-image-2', 'openai', {}, [image()], { inputFidelity: 'high' }).refusals,
    );
    expect(error).toMatchObject({
      code: 'invalid_request',
      details: { model: 'gpt-image-2', field: 'providerOptions.openai.inputFidelity' },
    });
    expect(error?.message).toMatch(/^GPT Image 2: /);
    expect(refusalError(entry, [])).toBeUndefined();
  });
});
