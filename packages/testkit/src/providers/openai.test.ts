import OpenAI, { APIError, toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAIImageTokens, startOpenAIEmulator, type OpenAIEmulator } from './openai.ts';

let emulator: OpenAIEmulator;
let client: OpenAI;

beforeAll(async () => {
  emulator = await startOpenAIEmulator();
  client = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64');

describe('OpenAI emulator through the openai SDK', () => {
  it('generates images of the requested size and format with usage', async () => {
    const res = await client.images.generate({
      model: 'gpt-image-2',
      prompt: 'a lighthouse at dusk',
      size: '1536x864',
      quality: 'low',
      output_format: 'jpeg',
      n: 2,
    });
    expect(res.data).toHaveLength(2);
    for (const image of res.data ?? []) {
      const meta = await sharp(decode(image.b64_json)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1536, 864]);
    }
    expect(res.output_format).toBe('jpeg');
    expect(res.quality).toBe('low');
    expect(res.size).toBe('1536x864');
    const tokens = openAIImageTokens({ width: 1536, height: 864 }, 'low') * 2;
    expect(res.usage?.output_tokens).toBe(tokens);
    expect(res.usage?.total_tokens).toBe((res.usage?.input_tokens ?? 0) + tokens);
    expect(res.usage?.input_tokens_details.text_tokens).toBeGreaterThan(0);
  });

  it('maps size auto to 1024x1024 PNG and is deterministic per prompt', async () => {
    const a = await client.images.generate({
      model: 'gpt-image-1.5',
      prompt: 'same',
      size: 'auto',
    });
    const b = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'same' });
    const c = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'different' });
    const meta = await sharp(decode(a.data?.[0]?.b64_json)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1024, 1024]);
    expect(a.data?.[0]?.b64_json).toBe(b.data?.[0]?.b64_json);
    expect(a.data?.[0]?.b64_json).not.toBe(c.data?.[0]?.b64_json);
    expect(a.size).toBe('1024x1024');
  });

  it('honours transparent WebP output', async () => {
    const res = await client.images.generate({
      model: 'gpt-image-1.5',
      prompt: 'sticker',
      background: 'transparent',
      output_format: 'webp',
    });
    const meta = await sharp(decode(res.data?.[0]?.b64_json)).metadata();
    expect([meta.format, meta.hasAlpha]).toEqual(['webp', true]);
    expect(res.background).toBe('transparent');
  });

  it('streams partial and completed events', async () => {
    const stream = await client.images.generate({
      model: 'gpt-image-2',
      prompt: 'streamed',
      stream: true,
      partial_images: 2,
      size: '1024x1024',
    });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    const last = events.at(-1);
    if (last?.type !== 'image_generation.completed') throw new Error('no completed event');
    expect(last.usage.output_tokens).toBe(openAIImageTokens({ width: 1024, height: 1024 }, 'high'));
    expect((await sharp(decode(last.b64_json)).metadata()).width).toBe(1024);
    const first = events[0];
    expect(first?.type === 'image_generation.partial_image' && first.partial_image_index).toBe(0);
  });

  it('edits with multipart uploads and records the files', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: '#336699' },
    })
      .png()
      .toBuffer();
    const res = await client.images.edit({
      model: 'gpt-image-1.5',
      prompt: 'add a hat',
      image: [
        await toFile(png, 'a.png', { type: 'image/png' }),
        await toFile(png, 'b.png', { type: 'image/png' }),
      ],
      mask: await toFile(png, 'mask.png', { type: 'image/png' }),
      input_fidelity: 'high',
    });
    // No size is auto, which renders 1024x1024 whatever the input's shape.
    const meta = await sharp(decode(res.data?.[0]?.b64_json)).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
    expect(res.usage?.input_tokens_details.image_tokens).toBeGreaterThan(0);
    const recorded = emulator.lastRequest();
    expect(recorded?.path).toBe('/v1/images/edits');
    expect(recorded?.model).toBe('gpt-image-1.5');
    expect(recorded?.fields?.prompt).toBe('add a hat');
    expect(recorded?.files?.map((f) => [f.field, f.filename, f.size])).toEqual([
      ['image[]', 'a.png', png.length],
      ['image[]', 'b.png', png.length],
      ['mask', 'mask.png', png.length],
    ]);
  });

  it('accepts the JSON variant of edits with image URLs', async () => {
    const png = await sharp({
      create: { width: 512, height: 1024, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const res = await fetch(`${emulator.url}/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-image-2',
        prompt: 'recolor',
        images: [
          { image_url: `data:image/png;base64,${png.toString('base64')}` },
          { file_id: 'file-abc' },
        ],
      }),
    });
    const body = (await res.json()) as { data: Array<{ b64_json: string }>; size: string };
    expect(res.status).toBe(200);
    expect(body.size).toBe('1024x1024');
    expect(emulator.lastRequest()?.body).toMatchObject({ images: [{}, { file_id: 'file-abc' }] });
  });

  it('streams edits as image_edit events', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const stream = await client.images.edit({
      model: 'gpt-image-1.5',
      prompt: 'edit',
      image: await toFile(png, 'a.png', { type: 'image/png' }),
      stream: true,
      partial_images: 1,
    });
    const types = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(['image_edit.partial_image', 'image_edit.completed']);
  });

  it('records the JSON body and headers of each request', async () => {
    await client.images.generate({ model: 'gpt-image-2', prompt: 'record me', quality: 'medium' });
    const recorded = emulator.lastRequest();
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/images/generations',
      model: 'gpt-image-2',
      status: 200,
      body: { model: 'gpt-image-2', prompt: 'record me', quality: 'medium' },
    });
    expect(recorded?.headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('OpenAI emulator errors', () => {
  const generate = (c = client) => c.images.generate({ model: 'gpt-image-2', prompt: 'x' });

  it('answers 401 without or with a wrong key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: emulator.url, maxRetries: 0 });
    const err = await generate(wrong).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(401);
    expect((err as APIError).code).toBe('invalid_api_key');
    expect(JSON.stringify((err as APIError).error)).not.toContain('sk-wrong');

    const res = await fetch(`${emulator.url}/images/generations`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('validates parameters the way the API does', async () => {
    const cases: Array<[Record<string, unknown>, string, string | null]> = [
      [{ model: 'gpt-image-1.5', prompt: 'x', size: '2048x2048' }, 'size', 'invalid_value'],
      [{ model: 'gpt-image-2', prompt: 'x', size: '1000x1000' }, 'size', 'invalid_value'],
      [{ model: 'gpt-image-2', prompt: 'x', quality: 'xhigh' }, 'quality', 'invalid_value'],
      [
        { model: 'gpt-image-2', prompt: 'x', background: 'transparent', output_format: 'jpeg' },
        'background',
        'invalid_value',
      ],
      [
        { model: 'gpt-image-2', prompt: 'x', response_format: 'b64_json' },
        'response_format',
        'unknown_parameter',
      ],
      [{ model: 'gpt-image-2', prompt: 'x', bogus: 1 }, 'bogus', 'unknown_parameter'],
      [{ model: 'gpt-image-2', prompt: 'x', n: 11 }, 'n', 'integer_above_max_value'],
      [{ model: 'gpt-image-2' }, 'prompt', 'missing_required_parameter'],
    ];
    for (const [body, param, code] of cases) {
      const err = (await client.images
        .generate(body as never)
        .catch((e: unknown) => e)) as APIError;
      expect([err.status, err.param, err.code], JSON.stringify(body)).toEqual([400, param, code]);
    }
    const gone = (await client.images
      .generate({ model: 'dall-e-3', prompt: 'x' })
      .catch((e: unknown) => e)) as APIError;
    expect([gone.status, gone.code]).toEqual([404, 'model_not_found']);
  });

  it('injects 429 with Retry-After, and the SDK retry then succeeds', async () => {
    const fault = emulator.inject(429, { retryAfterSeconds: 0 });
    const retrying = new OpenAI({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 1 });
    const res = await generate(retrying);
    expect(res.data).toHaveLength(1);
    expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, '429'],
      [200, undefined],
    ]);
    expect(fault.hits).toBe(1);

    emulator.inject(429, { retryAfterSeconds: 7 });
    const err = (await generate().catch((e: unknown) => e)) as APIError;
    expect([err.status, err.code, err.headers?.get('retry-after')]).toEqual([
      429,
      'rate_limit_exceeded',
      '7',
    ]);
  });

  it('injects 500 and 503 in order, each once', async () => {
    emulator.inject(500);
    emulator.inject(503, { retryAfterSeconds: 2 });
    const first = (await generate().catch((e: unknown) => e)) as APIError;
    const second = (await generate().catch((e: unknown) => e)) as APIError;
    expect([first.status, (first.error as { type?: string }).type]).toEqual([500, 'server_error']);
    expect([second.status, second.headers?.get('retry-after')]).toEqual([503, '2']);
    expect((await generate()).data).toHaveLength(1);
  });

  it('injects a moderation block', async () => {
    emulator.inject('safety', { match: 'gpt-image-2' });
    const err = (await generate().catch((e: unknown) => e)) as APIError;
    expect([err.status, err.code, (err.error as { type?: string }).type]).toEqual([
      400,
      'moderation_blocked',
      'image_generation_user_error',
    ]);
    expect(err.requestID).toMatch(/^req_/);
  });

  it('injects malformed JSON', async () => {
    emulator.inject('malformed-json');
    await expect(generate()).rejects.toThrow();
    expect(emulator.lastRequest()).toMatchObject({ status: 200, fault: 'malformed-json' });
  });

  it('hangs until the client aborts', async () => {
    emulator.inject('hang');
    const controller = new AbortController();
    const pending = client.images.generate(
      { model: 'gpt-image-2', prompt: 'x' },
      { signal: controller.signal },
    );
    await expect.poll(() => emulator.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await expect.poll(() => emulator.lastRequest()?.aborted).toBe(true);
    expect(emulator.lastRequest()?.fault).toBe('hang');
    expect(emulator.lastRequest()?.status).toBeUndefined();
  });

  it('applies faults only to matching requests', async () => {
    emulator.inject(500, { match: 'gpt-image-1.5', times: 2 });
    expect((await generate()).data).toHaveLength(1);
    const err = (await client.images
      .generate({ model: 'gpt-image-1.5', prompt: 'x' })
      .catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(500);
  });
});

describe('OpenAI emulator: what each model accepts', () => {
  const refusal = async (run: Promise<unknown>) => {
    const err = (await run.catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    return {
      status: err.status,
      param: err.param,
      code: err.code,
      type: (err.error as { type?: string }).type,
    };
  };
  const generate = (body: Record<string, unknown>) =>
    client.images.generate({ model: 'gpt-image-2', prompt: 'x', ...body } as never);
  const png = (width: number, height: number, channels: 3 | 4 = 3) =>
    sharp({ create: { width, height, channels, background: '#123456' } })
      .png()
      .toBuffer();
  const edit = async (body: Record<string, unknown>, image?: Buffer) =>
    client.images.edit({
      model: 'gpt-image-1.5',
      prompt: 'x',
      image: await toFile(image ?? (await png(64, 64)), 'a.png', { type: 'image/png' }),
      ...body,
    } as never);

  it('takes any WxH within the gpt-image-2 limits and refuses the rest', async () => {
    for (const size of ['3840x2160', '768x2304', '1280x512']) {
      // JPEG keeps the large renders quick.
      const res = await generate({ size, quality: 'low', output_format: 'jpeg' });
      expect([size, res.size]).toEqual([size, size]);
    }
    for (const size of ['1000x1000', '3856x2160', '2400x768', '3840x2176', '640x640', 'big']) {
      expect([size, await refusal(generate({ size }))]).toMatchObject([
        size,
        { status: 400, param: 'size', code: 'invalid_value', type: 'invalid_request_error' },
      ]);
    }
    expect((await generate({ model: 'gpt-image-2.5-flare', size: '1536x864' })).size).toBe(
      '1536x864',
    );
  });

  it('gives gpt-image-1.5 and gpt-image-1-mini the three standard sizes and auto only', async () => {
    for (const model of ['gpt-image-1.5', 'gpt-image-1-mini']) {
      expect((await generate({ model, size: '1536x1024' })).size).toBe('1536x1024');
      expect(await refusal(generate({ model, size: '1536x864' }))).toMatchObject({
        status: 400,
        param: 'size',
      });
    }
  });

  it('refuses input_fidelity on gpt-image-2.x and gpt-image-1-mini, takes it on gpt-image-1.5 edits', async () => {
    for (const model of ['gpt-image-2', 'gpt-image-2.5-sunburst', 'gpt-image-1-mini']) {
      expect([model, await refusal(edit({ model, input_fidelity: 'high' }))]).toEqual([
        model,
        {
          status: 400,
          param: 'input_fidelity',
          code: 'invalid_input_fidelity_model',
          type: 'invalid_request_error',
        },
      ]);
      expect((await edit({ model })).data).toHaveLength(1);
    }
    expect((await edit({ model: 'gpt-image-1.5', input_fidelity: 'low' })).data).toHaveLength(1);
    expect(await refusal(generate({ input_fidelity: 'high' }))).toMatchObject({
      status: 400,
      param: 'input_fidelity',
      code: 'unknown_parameter',
    });
  });

  it('takes output_compression below 100 only with jpeg or webp (png is the default format)', async () => {
    const png100 = await generate({ output_compression: 100 });
    expect(png100.output_format).toBe('png');
    for (const body of [
      { output_compression: 50 },
      { output_compression: 0, output_format: 'png' },
    ]) {
      expect(await refusal(generate(body))).toEqual({
        status: 400,
        param: 'output_compression',
        code: 'invalid_png_output_compression',
        type: 'invalid_request_error',
      });
    }
    for (const output_format of ['jpeg', 'webp']) {
      const res = await generate({ output_compression: 50, output_format });
      expect(res.output_format).toBe(output_format);
    }
    expect(
      await refusal(generate({ output_compression: 101, output_format: 'jpeg' })),
    ).toMatchObject({ status: 400, param: 'output_compression', code: 'integer_above_max_value' });
  });

  it('makes transparent backgrounds in png or webp, on gpt-image-2 too (preview), never in jpeg', async () => {
    for (const output_format of ['png', 'webp']) {
      const res = await generate({ background: 'transparent', output_format });
      expect((await sharp(decode(res.data?.[0]?.b64_json)).metadata()).hasAlpha).toBe(true);
    }
    expect(
      await refusal(generate({ background: 'transparent', output_format: 'jpeg' })),
    ).toMatchObject({ status: 400, param: 'background' });
  });

  it('bills a request without quality or size as quality high at 1024x1024', async () => {
    const plain = await generate({});
    const high = await generate({ quality: 'high', size: '1024x1024' });
    const auto = await generate({ quality: 'auto', size: 'auto' });
    expect(plain.usage?.output_tokens).toBe(7024);
    expect([high.usage?.output_tokens, auto.usage?.output_tokens]).toEqual([7024, 7024]);
    expect([plain.size, plain.quality]).toEqual(['1024x1024', 'high']);
    const edited = await edit({ model: 'gpt-image-2' }, await png(1536, 1024));
    expect([edited.size, edited.usage?.output_tokens]).toEqual(['1024x1024', 7024]);
    expect(await refusal(generate({ quality: 'hd' }))).toMatchObject({ param: 'quality' });
  });

  it('refuses edit images that are not complete PNG, WebP or JPEG files', async () => {
    const whole = await png(64, 64);
    const truncated = whole.subarray(0, 40);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    for (const bad of [truncated, gif, Buffer.from('not an image')]) {
      expect(await refusal(edit({}, bad))).toEqual({
        status: 400,
        param: 'image',
        code: 'invalid_image_file',
        type: 'invalid_request_error',
      });
    }
    const jpeg = await sharp(whole).jpeg().toBuffer();
    const webp = await sharp(whole).webp().toBuffer();
    for (const good of [jpeg, webp]) expect((await edit({}, good)).data).toHaveLength(1);
  });

  it('takes a mask only as a PNG with alpha, sized like the first image', async () => {
    const image = await png(300, 200);
    const mask = async (data: Buffer) =>
      edit({ mask: await toFile(data, 'mask.png', { type: 'image/png' }) }, image);
    expect((await mask(await png(300, 200, 4))).data).toHaveLength(1);
    for (const [bad, code] of [
      [await png(300, 200, 3), 'invalid_image_format'],
      [
        await sharp(await png(300, 200, 4))
          .webp()
          .toBuffer(),
        'invalid_image_format',
      ],
      [await png(200, 300, 4), 'invalid_image_dimensions'],
      [(await png(300, 200, 4)).subarray(0, 40), 'invalid_image_file'],
    ] as const) {
      expect([code, await refusal(mask(bad))]).toEqual([
        code,
        { status: 400, param: 'mask', code, type: 'invalid_request_error' },
      ]);
    }
  });

  it('checks images and mask sent as data URLs in the JSON variant of edits', async () => {
    const post = async (body: Record<string, unknown>) => {
      const res = await fetch(`${emulator.url}/images/edits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-image-2', prompt: 'x', ...body }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { param: string } } };
    };
    const url = (data: Buffer) => `data:image/png;base64,${data.toString('base64')}`;
    const image = await png(64, 64);
    expect(
      (await post({ images: [{ image_url: url(image.subarray(0, 40)) }] })).body.error,
    ).toMatchObject({ param: 'images', code: 'invalid_image_file' });
    const noAlpha = await post({
      images: [{ image_url: url(image) }],
      mask: { image_url: url(await png(64, 64, 3)) },
    });
    expect([noAlpha.status, noAlpha.body.error?.param]).toEqual([400, 'mask']);
    const ok = await post({
      images: [{ image_url: url(image) }],
      mask: { image_url: url(await png(64, 64, 4)) },
    });
    expect(ok.status).toBe(200);
  });
});
