import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderImage } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidecarText, startSandbox, type Sandbox } from './emulated.ts';

/**
 * `atelier generate` with the image-in tools that take no prompt: Recraft Vectorize (without
 * --image it is refused before anything is sent, exit 2; with one, the SVG it answers is saved as
 * .svg and charged $0.01) and Stable Image Remove Background (a transparent PNG, $0.05).
 */

let box: Sandbox;
const printed: string[] = [];

beforeAll(async () => {
  box = await startSandbox();
});
afterAll(async () => {
  const everything = printed.join('\n') + sidecarText(box.dir);
  for (const secret of box.secrets()) expect(everything).not.toContain(secret);
  await box.close();
});

async function run(args: readonly string[]) {
  const result = await box.run(args);
  printed.push(result.stdout, result.stderr);
  return result;
}

describe('atelier generate -m recraft-vectorize', () => {
  it('refuses a run without an input image, then saves the vectorized logo as .svg at its input size', async () => {
    const refused = await run([
      'generate',
      'the fox logo',
      '-m',
      'recraft-vectorize',
      '-d',
      'none',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs an input image/);
    expect(box.emulators.recraft.requests).toHaveLength(0);

    writeFileSync(
      join(box.dir, 'logo.png'),
      await renderImage({ format: 'png', width: 480, height: 320, seed: 'fox' }),
    );
    const out = await run([
      'generate',
      'the fox logo',
      '-m',
      'recraft-vectorize',
      '--image',
      'logo.png',
      '-d',
      'traced',
    ]);
    expect(out.code).toBe(0);
    expect(readdirSync(join(box.dir, 'traced')).sort()).toEqual([
      'recraft-vectorize-1.json',
      'recraft-vectorize-1.svg',
    ]);
    expect(readFileSync(join(box.dir, 'traced', 'recraft-vectorize-1.svg'), 'utf8')).toMatch(
      /^<svg [^>]*width="480" height="320"/,
    );
    const sidecar = JSON.parse(
      readFileSync(join(box.dir, 'traced', 'recraft-vectorize-1.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(sidecar).toMatchObject({
      route: { provider: 'recraft', providerModelId: 'vectorize' },
      asset: { mediaType: 'image/svg+xml', width: 480, height: 320 },
      cost: { actualMicros: 10_000, estimated: { expected: 10_000 } },
      warnings: expect.arrayContaining([
        expect.objectContaining({ message: expect.stringMatching(/takes no prompt/) }),
      ]),
    });
    const request = box.emulators.recraft.lastRequest();
    expect(request?.path).toBe('/v1/images/vectorize');
    expect(request?.fields).toStrictEqual({ response_format: 'b64_json' });
    expect(request?.files?.map((f) => [f.field, f.contentType])).toStrictEqual([
      ['file', 'image/png'],
    ]);
  });
});

describe('atelier generate -m stable-image-remove-background', () => {
  it('sends the image alone and saves the transparent cut-out as .png at its size', async () => {
    writeFileSync(
      join(box.dir, 'shoe.jpg'),
      await renderImage({ format: 'jpeg', width: 640, height: 480, seed: 'shoe' }),
    );
    const out = await run([
      'generate',
      'the red sneaker',
      '-m',
      'stable-image-remove-background',
      '--image',
      'shoe.jpg',
      '-d',
      'cut',
    ]);
    expect(out.code).toBe(0);
    expect(readdirSync(join(box.dir, 'cut')).sort()).toEqual([
      'stable-image-remove-background-1.json',
      'stable-image-remove-background-1.png',
    ]);
    const sidecar = JSON.parse(
      readFileSync(join(box.dir, 'cut', 'stable-image-remove-background-1.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(sidecar).toMatchObject({
      route: { provider: 'stability', providerModelId: 'remove-background' },
      asset: { mediaType: 'image/png', width: 640, height: 480 },
      cost: { actualMicros: 50_000, estimated: { expected: 50_000 } },
    });
    const request = box.emulators.stability.lastRequest();
    expect(request?.path).toBe('/v2beta/stable-image/edit/remove-background');
    expect(request?.fields).toStrictEqual({ output_format: 'png' });
    expect(request?.files?.map((f) => [f.field, f.contentType])).toStrictEqual([
      ['image', 'image/jpeg'],
    ]);
  });
});
