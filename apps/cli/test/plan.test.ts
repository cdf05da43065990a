import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/run/report.ts';
import { requestCount, startSandbox, type Sandbox } from './emulated.ts';

/**
 * `generate` and `video` run the studio's one plan (`generate.plan`): what the dry run shows is
 * the route, the request and the estimate the job gets, and what the plan refuses is refused
 * before anything is spent.
 */

let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox();
});
beforeEach(() => box.emulators.reset());
afterAll(() => box.close());

async function report(args: readonly string[]): Promise<RunReport> {
  const out = await box.run([...args, '--json']);
  if (out.code !== 0)
    throw new Error(`atelier ${args.join(' ')} exited ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as RunReport;
}

/** What the OpenAI emulator was last sent to make an image. */
function sentToOpenAI(): { prompt?: string; size?: string } {
  return (box.emulators.openai.lastRequest()?.body ?? {}) as { prompt?: string; size?: string };
}

const sidecar = (path: string) =>
  JSON.parse(readFileSync(join(box.dir, path), 'utf8')) as {
    prompt: string;
    route: { provider: string; providerModelId: string };
    params: Record<string, unknown>;
    generationId: string;
  };

describe('the run is the plan', () => {
  it('gpt-image-2 with no settings: the dry run’s expected cost is what the run is charged', async () => {
    const plan = await report(['generate', 'a red fox in snow', '-m', 'gpt-image-2', '--dry-run']);
    const planned = plan.models[0];
    // The settings the request left open are chosen, listed, and priced as chosen.
    expect(planned?.defaults?.map((d) => d.setting)).toContain('quality');
    expect(planned?.params).toMatchObject({ quality: 'medium', size: expect.any(String) });
    const run = await report(['generate', 'a red fox in snow', '-m', 'gpt-image-2', '-d', 'fox']);
    const charged = run.models[0]?.actualCost ?? 0;
    expect(charged).toBeGreaterThan(0);
    const expected = planned?.estimate?.expected ?? 0;
    expect(Math.abs(expected - charged) / charged).toBeLessThanOrEqual(0.05);
    expect(sentToOpenAI()).toMatchObject({ quality: 'medium', size: planned?.params?.['size'] });

    const text = await box.run(['generate', 'a red fox in snow', '-m', 'gpt-image-2', '--dry-run']);
    expect(text.stdout).toContain('quality medium — chosen; set --quality to change');
  });

  it('kling-v3: the dry run, the sidecar and history name one route, chosen by the resolution', async () => {
    const args = ['video', 'a kite over a beach', '-m', 'kling-v3', '--seconds', '5'];
    const standard = await report([...args, '--resolution', '720p', '--dry-run']);
    const route = standard.models[0];
    expect(route?.providerModelId).toMatch(/\/standard\//);
    const pro = await report([...args, '--resolution', '1080p', '--dry-run']);
    expect(pro.models[0]?.providerModelId).toMatch(/\/pro\//);

    const run = await report([...args, '--resolution', '720p', '--yes', '-d', 'kite']);
    expect(run.models[0]).toMatchObject({
      status: 'succeeded',
      provider: route?.provider,
      providerModelId: route?.providerModelId,
    });
    const meta = sidecar('kite/kling-v3-1.json');
    expect(meta.route).toEqual({
      provider: route?.provider,
      providerModelId: route?.providerModelId,
    });
    const shown = await box.run(['history', 'show', meta.generationId, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      routeProvider: route?.provider,
      providerModelId: route?.providerModelId,
    });
  });

  it('--ar 4:1 on gpt-image-2 sends a size within 3:1, with the warning, as the dry run said', async () => {
    const plan = await report([
      'generate',
      'a skyline',
      '-m',
      'gpt-image-2',
      '--ar',
      '4:1',
      '--dry-run',
    ]);
    const size = plan.models[0]?.params?.['size'] as string;
    const [w = 0, h = 1] = size.split('x').map(Number);
    expect(w / h).toBeLessThanOrEqual(3);
    const run = await report([
      'generate',
      'a skyline',
      '-m',
      'gpt-image-2',
      '--ar',
      '4:1',
      '-d',
      'wide',
    ]);
    expect(sentToOpenAI().size).toBe(size);
    expect(run.models[0]?.warnings.map((w) => w.message).join(' ')).toContain(
      `4:1 was narrowed to ${size}`,
    );
  });

  it('an option the model does not take is refused by the plan, naming the field', async () => {
    const out = await box.run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-o',
      'input_fidelity=high',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('providerOptions.openai.inputFidelity');
    expect(out.stderr).toContain('moderation');
    expect(requestCount(box.emulators)).toBe(0);
  });

  it('an --ar flag inside the prompt is read by the plan: the prompt goes without it, at the flag’s size', async () => {
    const inPrompt = await report([
      'generate',
      'Poster --ar 21:9',
      '-m',
      'gpt-image-2',
      '-d',
      'p1',
    ]);
    const sent = sentToOpenAI();
    expect(sent.prompt).toBe('Poster');
    expect(inPrompt.prompt).toBe('Poster');
    expect(inPrompt.notes?.join(' ')).toContain('--ar 21:9');
    expect(sidecar('p1/gpt-image-2-1.json').prompt).toBe('Poster');
    await report(['generate', 'Poster', '--ar', '21:9', '-m', 'gpt-image-2', '-d', 'p2']);
    expect(sentToOpenAI().size).toBe(sent.size);
    const lint = await box.run([
      'prompt',
      'lint',
      'Poster --ar 21:9',
      '--model',
      'gpt-image-2',
      '--json',
    ]);
    const mapped = (JSON.parse(lint.stdout) as { sizeMapping: { value: string }[] }).sizeMapping;
    expect(mapped[0]?.value).toBe(sent.size);
  });

  it('a model that cannot run here is refused with the reason before anything is spent', async () => {
    const history = async () =>
      (JSON.parse((await box.run(['history', '--json'])).stdout) as { items: unknown[] }).items
        .length;
    const before = await history();
    const out = await box.run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'wan-2-7-image-pro',
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('wan-2-7-image-pro');
    expect(out.stderr).toContain(
      'No price is known for Wan 2.7 Image Pro, so Atelier cannot run it',
    );
    expect(requestCount(box.emulators)).toBe(0);
    expect(await history()).toBe(before);

    // A dry run shows it refused beside the model that can run.
    const plan = await box.run([
      'generate',
      'a fox',
      '-m',
      'gpt-image-2',
      '-m',
      'wan-2-7-image-pro',
      '--dry-run',
      '--json',
    ]);
    expect(plan.code).toBe(0);
    const models = (JSON.parse(plan.stdout) as RunReport).models;
    expect(models.map((m) => m.refusal?.code)).toEqual([undefined, 'price_unavailable']);
    const alone = await box.run(['generate', 'a fox', '-m', 'wan-2-7-image-pro', '--dry-run']);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toContain(
      'No price is known for Wan 2.7 Image Pro, so Atelier cannot run it',
    );
  });

  it('a truncated PNG given with -i exits 2 naming the flag', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    writeFileSync(join(box.dir, 'cut.png'), png.subarray(0, 40));
    const out = await box.run(['generate', 'make it blue', '-m', 'gpt-image-2', '-i', 'cut.png']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--image cut.png');
    expect(out.stderr).toContain('damaged or incomplete');
    expect(requestCount(box.emulators)).toBe(0);
  });
});
