import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPngText } from '@atelier/core/providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/run/report.ts';
import { jsonError } from './cli.ts';
import { requestCount, sidecarText, startSandbox, type Sandbox } from './emulated.ts';

let box: Sandbox;
const printed: string[] = [];

beforeAll(async () => {
  box = await startSandbox();
});
beforeEach(() => box.emulators.reset());
afterAll(async () => {
  // Nothing the CLI printed or wrote in this file holds a key.
  const everything = printed.join('\n') + sidecarText(box.dir);
  for (const secret of box.secrets()) expect(everything).not.toContain(secret);
  await box.close();
});

async function run(args: readonly string[], env: Record<string, string> = {}) {
  const result = await box.run(args, env);
  printed.push(result.stdout, result.stderr);
  return result;
}

interface Sidecar {
  prompt: string;
  model: string;
  route: { provider: string; providerModelId: string };
  /** The plan's request, as sent. */
  params: Record<string, unknown> & { providerOptions?: Record<string, unknown> };
  /** The settings as given on the command line. */
  requested: Record<string, unknown>;
  defaults: { setting: string; value: unknown }[];
  seed: number | null;
  asset: {
    file: string;
    mediaType: string;
    width: number;
    height: number;
    metadataEmbedded: boolean;
  };
  warnings: { type: string; message: string }[];
  cost: { estimated: { expected: number }; actualMicros: number };
  latency: { totalMs: number };
  providerRequestId: string | null;
  /** The studio's id for the job that made it. */
  generationId?: string;
}

const sidecar = (path: string) => JSON.parse(readFileSync(join(box.dir, path), 'utf8')) as Sidecar;

/** A 1×1 PNG, enough to stand for an image to edit. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('atelier generate', () => {
  it('runs three models side by side; one failing leaves the others’ files, sidecars and PNG text, and exits 1', async () => {
    box.emulators.gemini.inject('safety');
    const prompt = 'a copper kettle on a windowsill, morning light';
    const out = await run([
      'generate',
      prompt,
      '-m',
      'gpt-image-2',
      '-m',
      'nano-banana-pro',
      '-m',
      'flux-2-pro',
      '--seed',
      '7',
      '--format',
      'png',
      '-d',
      'three',
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/gpt-image-2\s+ok/);
    expect(out.stdout).toMatch(/nano-banana-pro\s+failed/);
    expect(out.stdout).toMatch(/flux-2-pro\s+ok/);
    expect(out.stdout).toContain('2 of 3 succeeded');
    expect(out.stdout).toContain('Gemini blocked the prompt');
    // Plain progress lines on stderr when it is not a terminal.
    expect(out.stderr).toMatch(/gpt-image-2\s+calling openai gpt-image-2/);
    expect(out.stderr).toMatch(/nano-banana-pro\s+failed:/);

    expect(readdirSync(join(box.dir, 'three')).sort()).toEqual([
      'flux-2-pro-1.json',
      'flux-2-pro-1.png',
      'gpt-image-2-1.json',
      'gpt-image-2-1.png',
    ]);
    for (const [model, provider, seed] of [
      ['gpt-image-2', 'openai', undefined],
      ['flux-2-pro', 'bfl', 7],
    ] as const) {
      const png = new Uint8Array(readFileSync(join(box.dir, 'three', `${model}-1.png`)));
      const text = readPngText(png);
      expect(text).toMatchObject({ prompt, model });
      // A seed is claimed only where the model took it; gpt-image-2 takes none.
      expect(text.seed).toBe(seed === undefined ? undefined : String(seed));
      const meta = sidecar(`three/${model}-1.json`);
      expect(meta).toMatchObject({
        prompt,
        model,
        seed: seed ?? null,
        route: { provider },
        params: { n: 1, outputFormat: 'png' },
        requested: { n: 1, seed: 7, outputFormat: 'png' },
        asset: { file: `${model}-1.png`, mediaType: 'image/png', metadataEmbedded: true },
      });
      // The request as sent carries the seed only where the model takes one.
      expect(meta.params['seed']).toBe(seed);
      expect(meta.cost.actualMicros).toBeGreaterThan(0);
      expect(meta.cost.estimated.expected).toBeGreaterThan(0);
      expect(meta.latency.totalMs).toBeGreaterThanOrEqual(0);
      expect(typeof meta.providerRequestId).toBe('string');
      const seedWarning = meta.warnings.some((w) => /does not accept a seed/.test(w.message));
      expect(seedWarning).toBe(seed === undefined);
    }
  });

  it('runs Stability AI and Recraft side by side with OpenAI; Recraft as SVG with --format svg', async () => {
    const out = await run([
      'generate',
      'a fox logo, flat colours',
      '-m',
      'gpt-image-2',
      '-m',
      'stable-image-core',
      '-m',
      'recraft-v4',
      '--format',
      'png',
      '-d',
      'new-providers',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('3 of 3 succeeded');
    expect(readdirSync(join(box.dir, 'new-providers')).sort()).toEqual([
      'gpt-image-2-1.json',
      'gpt-image-2-1.png',
      'recraft-v4-1.json',
      'recraft-v4-1.png',
      'stable-image-core-1.json',
      'stable-image-core-1.png',
    ]);
    expect(sidecar('new-providers/stable-image-core-1.json')).toMatchObject({
      route: { provider: 'stability', providerModelId: 'stable-image-core' },
      params: { aspectRatio: '1:1', outputFormat: 'png' },
      asset: { mediaType: 'image/png', width: 1024, height: 1024 },
      cost: { actualMicros: 30_000 },
    });
    expect(box.emulators.stability.requests[0]?.fields).toMatchObject({
      prompt: 'a fox logo, flat colours',
      aspect_ratio: '1:1',
      output_format: 'png',
    });
    expect(sidecar('new-providers/recraft-v4-1.json')).toMatchObject({
      route: { provider: 'recraft', providerModelId: 'recraftv4' },
      cost: { actualMicros: 40_000 },
    });

    const svg = await run([
      'generate',
      'a fox logo',
      '-m',
      'recraft-v4',
      '--format',
      'svg',
      '-d',
      'vector',
    ]);
    expect(svg.code).toBe(0);
    expect(readdirSync(join(box.dir, 'vector')).sort()).toEqual([
      'recraft-v4-1.json',
      'recraft-v4-1.svg',
    ]);
    expect(readFileSync(join(box.dir, 'vector', 'recraft-v4-1.svg'), 'utf8')).toMatch(/^<svg /);
    expect(sidecar('vector/recraft-v4-1.json')).toMatchObject({
      params: { outputFormat: 'svg' },
      asset: { mediaType: 'image/svg+xml', metadataEmbedded: false },
      // The vector variant's price.
      cost: { actualMicros: 80_000, estimated: { expected: 80_000 } },
    });
    expect(box.emulators.recraft.lastRequest()?.body).toMatchObject({ model: 'recraftv4_vector' });
  });

  it('runs BytePlus and DashScope side by side with OpenAI: Seedream 4.0 and Wan 2.5 Image, each charged as planned', async () => {
    const out = await run([
      'generate',
      'a paper lantern at dusk',
      '-m',
      'gpt-image-2',
      '-m',
      'seedream-4-0',
      '-m',
      'wan-2-5-image',
      '-d',
      'asia',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('3 of 3 succeeded');
    const files = readdirSync(join(box.dir, 'asia')).sort();
    expect(files.filter((f) => f.endsWith('.json'))).toEqual([
      'gpt-image-2-1.json',
      'seedream-4-0-1.json',
      'wan-2-5-image-1.json',
    ]);
    expect(files).toContain('wan-2-5-image-1.png');

    const wan = sidecar('asia/wan-2-5-image-1.json');
    expect(wan).toMatchObject({
      route: { provider: 'dashscope', providerModelId: 'wan2.5-t2i-preview' },
      asset: { mediaType: 'image/png', width: 1280, height: 1280 },
      // $0.03 an image, as planned.
      cost: { actualMicros: 30_000, estimated: { expected: 30_000 } },
    });
    // One async task on the text-to-image endpoint, polled to its end.
    const task = box.emulators.dashscope.requests.find((r) => r.method === 'POST');
    expect(task?.path).toBe('/api/v1/services/aigc/text2image/image-synthesis');
    expect(task?.headers['x-dashscope-async']).toBe('enable');
    expect(task?.body).toStrictEqual({
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'a paper lantern at dusk' },
      parameters: { size: '1280*1280', n: 1, prompt_extend: false, watermark: false },
    });
    expect(wan.providerRequestId).toBe(
      (box.emulators.dashscope.requests.find((r) => r.method === 'GET')?.path ?? '')
        .split('/')
        .pop(),
    );

    const seedream = sidecar('asia/seedream-4-0-1.json');
    expect(seedream).toMatchObject({
      route: { provider: 'byteplus', providerModelId: 'seedream-4-0-250828' },
    });
    expect(seedream.cost.actualMicros).toBe(seedream.cost.estimated.expected);
    expect(box.emulators.byteplus.requests[0]?.body).toMatchObject({
      model: 'seedream-4-0-250828',
      prompt: 'a paper lantern at dusk',
      response_format: 'b64_json',
    });
  });

  it('runs Replicate side by side with OpenAI: Flux Kontext Fast edits the input image, charged per image', async () => {
    writeFileSync(join(box.dir, 'kettle.png'), TINY_PNG);
    const out = await run([
      'generate',
      'make the kettle copper',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-kontext-fast',
      '-i',
      'kettle.png',
      '--format',
      'png',
      '-d',
      'replicate',
    ]);
    if (out.code !== 0) console.log('DEBUG', out.stdout, out.stderr);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('2 of 2 succeeded');
    expect(readdirSync(join(box.dir, 'replicate')).sort()).toEqual([
      'flux-kontext-fast-1.json',
      'flux-kontext-fast-1.png',
      'gpt-image-2-1.json',
      'gpt-image-2-1.png',
    ]);
    expect(sidecar('replicate/flux-kontext-fast-1.json')).toMatchObject({
      route: { provider: 'replicate', providerModelId: 'prunaai/flux-kontext-fast' },
      params: { outputFormat: 'png', images: ['kettle.png'] },
      asset: { mediaType: 'image/png' },
      // $0.01 per image, as planned.
      cost: { actualMicros: 10_000, estimated: { expected: 10_000 } },
      providerRequestId: expect.stringMatching(/^[a-z0-9]{26}$/),
    });
    const call = box.emulators.replicate.requests.find((r) => r.method === 'POST');
    expect(call?.path).toBe('/v1/models/prunaai/flux-kontext-fast/predictions');
    // No aspect ratio asked: Replicate matches the input image's.
    expect(call?.body).toStrictEqual({
      input: {
        prompt: 'make the kettle copper',
        output_format: 'png',
        img_cond_path: `data:image/png;base64,${TINY_PNG.toString('base64')}`,
      },
    });
    // The output came from the delivery origin, which never sees the token.
    expect(
      box.emulators.cdn.requests
        .filter((r) => r.path.startsWith('/replicate/'))
        .every((r) => r.headers['authorization'] === undefined),
    ).toBe(true);
    expect(box.emulators.openai.lastRequest()?.path).toBe('/v1/images/edits');
  });

  it('--json prints one document: totals, and per model the route, costs, files and errors', async () => {
    box.emulators.gemini.inject('safety');
    const out = await run([
      'generate',
      'a lighthouse at dusk',
      '-m',
      'gpt-image-2',
      '-m',
      'nano-banana-pro@google',
      '-n',
      '2',
      '--quality',
      'low',
      '-d',
      'json-run',
      '--json',
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as RunReport;
    expect(report).toMatchObject({
      kind: 'image',
      prompt: 'a lighthouse at dusk',
      dryRun: false,
      outDir: 'json-run',
      succeeded: 1,
      failed: 1,
    });
    const [gpt, banana] = report.models;
    expect(gpt).toMatchObject({
      model: 'gpt-image-2',
      modelId: 'gpt-image-2',
      provider: 'openai',
      providerModelId: 'gpt-image-2',
      status: 'succeeded',
    });
    expect(gpt?.files?.map((f) => f.path)).toEqual([
      'json-run/gpt-image-2-1.png',
      'json-run/gpt-image-2-2.png',
    ]);
    expect(gpt?.files?.[0]).toMatchObject({
      sidecar: 'json-run/gpt-image-2-1.json',
      mediaType: 'image/png',
    });
    expect(gpt?.actualCost).toBeGreaterThan(0);
    // What the studio charged, a failure the provider may have billed included.
    expect(report.actualCost).toBe((gpt?.actualCost ?? 0) + (banana?.actualCost ?? 0));
    expect(report.estimate.expected).toBe(
      (gpt?.estimate?.expected ?? 0) + (banana?.estimate?.expected ?? 0),
    );
    // Exact micro-USD, with the request the plan priced.
    expect(Number.isInteger(gpt?.estimate?.expected)).toBe(true);
    expect(gpt?.params).toMatchObject({ n: 2, quality: 'low' });
    expect(banana).toMatchObject({
      model: 'nano-banana-pro@google',
      provider: 'google',
      status: 'failed',
    });
    expect(banana?.error?.code).toBe('content_policy');
    expect(banana?.files).toBeUndefined();
  });

  it('--dry-run plans and prices without a single request', async () => {
    const before = requestCount(box.emulators);
    const out = await run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'seedream-4-5',
      '--ar',
      '16:9',
      '--dry-run',
      '--json',
    ]);
    expect(out.code).toBe(0);
    expect(requestCount(box.emulators)).toBe(before);
    const plan = JSON.parse(out.stdout) as RunReport;
    expect(plan.dryRun).toBe(true);
    expect(plan.models.map((m) => [m.modelId, m.provider, m.status])).toEqual([
      ['gpt-image-2', 'openai', undefined],
      ['seedream-4-5', 'fal', undefined],
    ]);
    for (const m of plan.models) expect(m.estimate?.low).toBeLessThanOrEqual(m.estimate?.high ?? 0);
    // The size gpt-image-2 will be sent instead of the ratio is in the plan.
    expect(plan.models[0]?.warnings[0]?.message).toMatch(/aspectRatio 16:9 was sent as size/);
    expect(existsSync(join(box.dir, 'atelier-out'))).toBe(false);

    const text = await run(['generate', 'a fox', '-m', 'gpt-image-2', '--dry-run']);
    expect(text.stdout).toContain('Dry run: nothing was sent.');
    expect(text.stdout).toMatch(/Total\s+\$/);
  });

  it('a dry run without keys still prices, naming the missing key', async () => {
    const out = await run(['generate', 'a fox', '-m', 'flux-2-pro', '--dry-run', '--json'], {
      BFL_API_KEY: '',
    });
    expect(out.code).toBe(0);
    const plan = JSON.parse(out.stdout) as RunReport;
    expect(plan.models[0]?.refusal).toMatchObject({ code: 'auth' });
    expect(plan.models[0]?.refusal?.hint).toContain('atelier keys set bfl');
    expect(plan.models[0]?.estimate?.expected).toBeGreaterThan(0);
    const text = await run(['generate', 'a fox', '-m', 'flux-2-pro', '--dry-run'], {
      BFL_API_KEY: '',
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/flux-2-pro\s+bfl flux-2-pro\s+no key/);
  });

  it('refuses before calling when the high estimate is above --max-cost', async () => {
    const before = requestCount(box.emulators);
    const out = await run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'flux-2-pro',
      '--max-cost',
      '0.01',
      '--yes',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('above --max-cost $0.01; nothing was sent');
    expect(requestCount(box.emulators)).toBe(before);
  });

  it('asks for confirmation above the threshold and, with no terminal to ask, refuses without --yes', async () => {
    const before = requestCount(box.emulators);
    const refused = await run([
      'generate',
      'a fox',
      '-m',
      'nano-banana-pro',
      '--confirm-above',
      '0.05',
      '--json',
    ]);
    expect(refused.code).toBe(2);
    expect(jsonError(refused)).toMatchObject({
      code: 'invalid_input',
      details: { reason: 'confirmation_required' },
    });
    expect(jsonError(refused).hint).toContain('--yes');
    const byEnv = await run(['generate', 'a fox', '-m', 'nano-banana-pro'], {
      ATELIER_CONFIRM_ABOVE: '0.05',
    });
    expect(byEnv.code).toBe(2);
    expect(byEnv.stderr).toContain('no terminal to ask');
    expect(requestCount(box.emulators)).toBe(before);

    const confirmed = await run([
      'generate',
      'a fox',
      '-m',
      'nano-banana-pro',
      '--confirm-above',
      '0.05',
      '--yes',
      '-d',
      'yes',
    ]);
    expect(confirmed.code).toBe(0);
    expect(existsSync(join(box.dir, 'yes', 'nano-banana-pro-1.png'))).toBe(true);
  });

  it('sends -o provider options that pass the model’s schema, and names the field and allowed values otherwise', async () => {
    const ok = await run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-o',
      'moderation=low',
      '-o',
      'output_compression=80',
      '--format',
      'webp',
      '-d',
      'opts',
    ]);
    expect(ok.code).toBe(0);
    expect(box.emulators.openai.lastRequest()?.body).toMatchObject({
      moderation: 'low',
      output_compression: 80,
    });
    expect(sidecar('opts/gpt-image-2-1.json').params.providerOptions).toEqual({
      openai: { moderation: 'low', outputCompression: 80 },
    });

    // The plan checks them: a refusal names the field and what it allows, and nothing is sent.
    const before = requestCount(box.emulators);
    const bad = await run(['generate', 'a fox', '-m', 'gpt-image-2', '-o', 'moderation=strict']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('providerOptions.openai.moderation: must be one of "auto", "low"');
    const unknown = await run(['generate', 'a fox', '-m', 'gpt-image-2', '-o', 'steps=4']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The openai option "steps" is not taken by gpt-image-2');
    expect(unknown.stderr).toContain('allowed: moderation, outputCompression');
    const notNumber = await run(['generate', 'a fox', '-m', 'flux-2-flex', '-o', 'guidance=lots']);
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain(
      'providerOptions.bfl.guidance: Invalid input: expected number',
    );
    expect(requestCount(box.emulators)).toBe(before);
  });

  it('--image sends an edit as a job: the files reach the OpenAI emulator as multipart', async () => {
    writeFileSync(join(box.dir, 'in.png'), TINY_PNG);
    writeFileSync(join(box.dir, 'ref.png'), TINY_PNG);
    const out = await run([
      'generate',
      'make it blue',
      '-m',
      'gpt-image-2',
      '-i',
      'in.png',
      '--image',
      'ref.png',
      '-d',
      'edit',
    ]);
    expect(out.code).toBe(0);
    const request = box.emulators.openai.lastRequest();
    expect(request?.path).toBe('/v1/images/edits');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request?.files?.map((f) => [f.contentType, f.size])).toEqual([
      ['image/png', TINY_PNG.length],
      ['image/png', TINY_PNG.length],
    ]);
    expect(sidecar('edit/gpt-image-2-1.json')).toMatchObject({
      params: { images: ['in.png', 'ref.png'] },
      generationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    });

    const missing = await run(['generate', 'x', '-m', 'gpt-image-2', '-i', 'nope.png']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--image nope.png: no such file');
    const mask = await run([
      'generate',
      'x',
      '-m',
      'nano-banana-pro',
      '-i',
      'in.png',
      '--mask',
      'ref.png',
    ]);
    expect(mask.code).toBe(2);
    expect(mask.stderr).toContain('does not support mask inpainting');
  });

  it('never replaces a file: a second run into the same folder adds a suffix', async () => {
    for (let i = 0; i < 2; i++)
      expect((await run(['generate', 'a fox', '-m', 'gpt-image-2', '-d', 'twice'])).code).toBe(0);
    expect(readdirSync(join(box.dir, 'twice')).sort()).toEqual([
      'gpt-image-2-1.json',
      'gpt-image-2-1.png',
      'gpt-image-2-1_2.json',
      'gpt-image-2-1_2.png',
    ]);
  });

  it('exits 2 for an unknown model (with a suggestion), a retired one (naming replacements) and a video model', async () => {
    const unknown = await run(['generate', 'x', '-m', 'gpt-imag-2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean "gpt-image-2"');
    const retired = await run(['generate', 'x', '-m', 'gpt-image-1']);
    expect(retired.code).toBe(2);
    expect(retired.stderr).toMatch(/retired[\s\S]*Use GPT Image/);
    const video = await run(['generate', 'x', '-m', 'veo-3-1']);
    expect(video.code).toBe(2);
    expect(video.stderr).toContain('atelier video');
    const noModel = await run(['generate', 'x']);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('-m <model>');
  });

  it('a missing key names the command and the variable that fix it', async () => {
    const out = await run(['generate', 'a fox', '-m', 'gpt-image-2'], {
      OPENAI_API_KEY: '',
      FAL_KEY: '',
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('atelier keys set openai');
    expect(out.stderr).toContain('OPENAI_API_KEY');
  });

  it('--options lists what -o takes for each model’s route', async () => {
    const out = await run([
      'generate',
      '--options',
      '-m',
      'gpt-image-2',
      '-m',
      'seedream-4-5',
      '--json',
    ]);
    expect(out.code).toBe(0);
    const { models } = JSON.parse(out.stdout) as {
      models: { modelId: string; options: { key: string }[] }[];
    };
    expect(models[0]?.options.map((o) => o.key)).toContain('moderation');
    // fal reads the options of each endpoint family (Seedream's on fal).
    expect(models[1]?.options.map((o) => o.key)).toContain('enableSafetyChecker');
  });
});

describe('atelier video', () => {
  it('renders through fal and Vertex with progress, and writes each clip with its sidecar', async () => {
    const out = await run([
      'video',
      'a lantern drifting down a river at night',
      '-m',
      'kling-v3',
      '-m',
      'veo-3-1@vertex',
      '--seconds',
      '6',
      '--no-audio',
      '--yes',
      '-d',
      'clips',
    ]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/kling-v3\s+in the provider’s queue/);
    expect(out.stderr).toMatch(/kling-v3\s+rendering/);
    expect(out.stderr).toMatch(/veo-3-1\s+calling vertex veo-3.1/);
    expect(out.stdout).toContain('2 of 2 succeeded');
    for (const model of ['kling-v3', 'veo-3-1']) {
      expect(
        readFileSync(join(box.dir, 'clips', `${model}-1.mp4`))
          .subarray(4, 8)
          .toString('latin1'),
      ).toBe('ftyp');
      const meta = sidecar(`clips/${model}-1.json`);
      expect(meta.params).toMatchObject({ duration: 6, audio: false });
      expect(meta.asset).toMatchObject({ mediaType: 'video/mp4', durationSeconds: 6 });
      // The estimate is for the route that ran.
      expect(meta.cost.actualMicros).toBe(meta.cost.estimated.expected);
    }
  });

  it('animates a first frame given with --image (image-to-video on Vertex)', async () => {
    writeFileSync(join(box.dir, 'frame.png'), TINY_PNG);
    const out = await run([
      'video',
      'the fox looks up',
      '-m',
      'veo-3-1@vertex',
      '-i',
      'frame.png',
      '--seconds',
      '4',
      '--yes',
      '-d',
      'i2v',
    ]);
    expect(out.code).toBe(0);
    const submit = box.emulators.vertex.requests.find((r) =>
      r.path.endsWith(':predictLongRunning'),
    );
    const instance = (submit?.body as { instances: { image?: { bytesBase64Encoded?: string } }[] })
      .instances[0];
    expect(instance?.image?.bytesBase64Encoded).toBe(TINY_PNG.toString('base64'));
    expect(sidecar('i2v/veo-3-1-1.json')).toMatchObject({
      params: { image: 'frame.png', duration: 4 },
      generationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    });
  });

  it('checks the clip settings against each model before calling', async () => {
    const out = await run(['video', 'x', '-m', 'veo-3-1', '--seconds', '5', '--yes']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('duration must be one of "4", "6", "8"');
    const image = await run(['video', 'x', '-m', 'nano-banana-pro']);
    expect(image.code).toBe(2);
    expect(image.stderr).toContain('atelier generate');
  });
});
