import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestCount, startSandbox, type Sandbox } from './emulated.ts';

/*
 * `atelier mcp` as an editor agent meets it: the SDK's own client spawns the built CLI over
 * stdio, against the provider emulators and the studio of a scratch data folder.
 */

const entry = fileURLToPath(new URL('../dist/atelier.mjs', import.meta.url));

let box: Sandbox;
let client: Client;
let stderr = '';

beforeAll(async () => {
  box = await startSandbox();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry, 'mcp'],
    env: {
      ...(process.env as Record<string, string>),
      NO_COLOR: '1',
      ATELIER_DEBUG: '',
      ...box.env,
    },
    cwd: box.dir,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  client = new Client({ name: 'atelier-test', version: '0.0.0' });
  await client.connect(transport);
});
beforeEach(() => box.emulators.reset());
afterAll(async () => {
  await client?.close();
  // The log says it is ready and never prints a key.
  expect(stderr).toContain('atelier mcp: ready on stdio');
  for (const secret of box.secrets()) if (secret) expect(stderr).not.toContain(secret);
  await box?.close();
});

const LONG = { timeout: 150_000 };

/** A 1×1 PNG, enough to stand for an image to edit. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function call(
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: Progress) => void,
) {
  return (await client.callTool({ name, arguments: args }, undefined, {
    ...LONG,
    ...(onprogress ? { onprogress, resetTimeoutOnProgress: true } : {}),
  })) as CallToolResult;
}

const textOf = (r: CallToolResult) =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

interface Money {
  micros: number;
  usd: string;
}
interface PlanModel {
  model: string;
  modelId: string;
  status: 'ready' | 'refused';
  route?: { provider: string; providerModelId: string };
  params: Record<string, unknown>;
  defaults: { setting: string; value: unknown }[];
  refusal?: { code: string; field?: string; allowed?: unknown[]; message: string };
  estimate?: {
    low: Money;
    expected: Money;
    high: Money;
    lines: { cost: Money; source: { ref: string } }[];
  };
}
interface GenerateResult {
  outDir: string;
  estimate: { expected: Money; high: Money };
  cost: Money;
  succeeded: number;
  failed: number;
  models: {
    modelId: string;
    provider: string;
    status: string;
    files: { path: string; sidecar: string; mediaType: string }[];
    cost: Money;
    latency?: { totalMs: number };
    generationId?: string;
    error?: { message: string };
  }[];
}

describe('atelier mcp', () => {
  it('lists its tools with their input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'compare_models',
      'generate',
      'lint_prompt',
      'model_card',
      'plan_generation',
      'recommend_models',
      'search_history',
      'search_models',
    ]);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    const generate = byName['generate'];
    expect(generate?.inputSchema.required).toEqual(
      expect.arrayContaining(['prompt', 'models', 'maxCostUsd']),
    );
    const props = generate?.inputSchema.properties as Record<
      string,
      { type?: string; enum?: string[] }
    >;
    expect(props['kind']?.enum).toEqual(['image', 'video']);
    expect(props['maxCostUsd']?.type).toBe('number');
    expect(props['outDir']?.type).toBe('string');
    expect(byName['plan_generation']?.inputSchema.properties).not.toHaveProperty('maxCostUsd');
    expect(byName['compare_models']?.inputSchema.properties).toHaveProperty('useCase');
    expect(byName['search_models']?.inputSchema.properties).toEqual(
      expect.objectContaining({
        kind: expect.anything(),
        vendor: expect.anything(),
        runnable: expect.anything(),
        query: expect.anything(),
      }),
    );
    for (const tool of tools) expect(tool.outputSchema?.type, tool.name).toBe('object');
    expect(byName['generate']?.annotations?.readOnlyHint).toBe(false);
    expect(byName['plan_generation']?.annotations?.readOnlyHint).toBe(true);
  });

  it('plans a run through the studio: routes, explicit params, estimates, and a refusal naming its field', async () => {
    const r = await call('plan_generation', {
      prompt: 'a lighthouse at dusk',
      models: ['gpt-image-2', 'flux-2-pro'],
      settings: { size: '1024x1024' },
    });
    expect(r.isError).toBeFalsy();
    const plan = r.structuredContent as {
      models: PlanModel[];
      total: { low: Money; expected: Money; high: Money };
    };
    expect(plan.models.map((m) => [m.modelId, m.status, m.route?.provider])).toEqual([
      ['gpt-image-2', 'ready', 'openai'],
      ['flux-2-pro', 'ready', 'bfl'],
    ]);
    for (const m of plan.models) {
      expect(m.params['n']).toBe(1);
      expect(m.estimate?.expected.micros).toBeGreaterThan(0);
      expect(m.estimate?.expected.usd).toMatch(/^\$\d/);
      expect(m.estimate?.lines[0]?.source.ref).toBeTruthy();
    }
    const sum = plan.models.reduce((s, m) => s + (m.estimate?.expected.micros ?? 0), 0);
    expect(plan.total.expected.micros).toBe(sum);
    expect(textOf(r)).toContain('gpt-image-2 via openai');
    // Nothing is called to plan.
    expect(requestCount(box.emulators)).toBe(0);

    const refused = await call('plan_generation', {
      prompt: 'a lighthouse at dusk',
      models: ['gpt-image-2'],
      settings: { quality: 'ultra' },
    });
    const [m] = (refused.structuredContent as { models: PlanModel[] }).models;
    expect(m?.status).toBe('refused');
    expect(m?.refusal?.field).toBe('quality');
    expect(m?.refusal?.allowed).toEqual(expect.arrayContaining(['low', 'medium', 'high']));
  });

  it('compares models for a use case', async () => {
    const r = await call('compare_models', {
      models: ['gpt-image-2', 'Nano Banana Pro'],
      useCase: 'portrait',
    });
    expect(r.isError).toBeFalsy();
    const c = r.structuredContent as {
      models: { id: string }[];
      criteria: { criterion: string; winner: string | null }[];
      verdict: { firstPick: string; text: string };
    };
    expect(c.models.map((m) => m.id)).toEqual(['gpt-image-2', 'nano-banana-pro']);
    expect(c.criteria.length).toBeGreaterThan(3);
    expect(['gpt-image-2', 'nano-banana-pro']).toContain(c.verdict.firstPick);
    expect(textOf(r)).toContain(c.verdict.text);
  });

  it('generates side by side: files written, costs and latencies returned, the charge recorded, progress sent', async () => {
    const progress: Progress[] = [];
    const r = await call(
      'generate',
      {
        prompt: 'a copper kettle on a windowsill',
        models: ['gpt-image-2', 'flux-2-pro'],
        settings: { outputFormat: 'png' },
        maxCostUsd: 2,
        outDir: 'mcp-out',
      },
      (p) => progress.push(p),
    );
    expect(textOf(r)).toContain('2 of 2 model(s) succeeded');
    expect(r.isError).toBeFalsy();
    const g = r.structuredContent as unknown as GenerateResult;
    expect(g.outDir).toBe(join(box.dir, 'mcp-out'));
    expect(g.succeeded).toBe(2);
    for (const m of g.models) {
      expect(m.status).toBe('succeeded');
      const [file] = m.files;
      expect(file && isAbsolute(file.path)).toBe(true);
      expect(file?.path).toBe(join(box.dir, 'mcp-out', `${m.modelId}-1.png`));
      expect(existsSync(file?.path ?? '')).toBe(true);
      const sidecar = JSON.parse(readFileSync(file?.sidecar ?? '', 'utf8')) as {
        generationId: string;
        cost: { actualMicros: number };
      };
      expect(sidecar.generationId).toBe(m.generationId);
      expect(m.cost.micros).toBeGreaterThan(0);
      expect(sidecar.cost.actualMicros).toBe(m.cost.micros);
      expect(m.cost.usd).toMatch(/^\$\d/);
      expect(m.latency?.totalMs).toBeGreaterThanOrEqual(0);
    }
    expect(g.cost.micros).toBe(g.models.reduce((s, m) => s + m.cost.micros, 0));
    // Each model reached its provider once.
    expect(box.emulators.openai.requests.length).toBeGreaterThan(0);
    expect(box.emulators.bfl.requests.length).toBeGreaterThan(0);

    // Progress: growing, ending with every model done.
    expect(progress.length).toBeGreaterThan(0);
    const values = progress.map((p) => p.progress);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(progress.at(-1)).toMatchObject({ progress: 2, total: 2 });

    // The studio recorded each run and its charge.
    const h = await call('search_history', { query: 'copper kettle' });
    const items = (
      h.structuredContent as { items: { id: string; status: string; cost: Money | null }[] }
    ).items;
    for (const m of g.models) {
      const item = items.find((i) => i.id === m.generationId);
      expect(item).toMatchObject({ status: 'succeeded', cost: { micros: m.cost.micros } });
    }
  });

  it('edits an input image: the file is uploaded to the studio and reaches the provider as an edit', async () => {
    writeFileSync(join(box.dir, 'in.png'), TINY_PNG);
    const r = await call('generate', {
      prompt: 'make it blue',
      models: ['gpt-image-2'],
      images: ['in.png'],
      maxCostUsd: 1,
      outDir: 'edit-out',
    });
    expect(r.isError).toBeFalsy();
    expect(box.emulators.openai.lastRequest()?.path).toBe('/v1/images/edits');
    const [m] = (r.structuredContent as unknown as GenerateResult).models;
    const sidecar = JSON.parse(readFileSync(m?.files[0]?.sidecar ?? '', 'utf8')) as {
      params: { images?: string[] };
    };
    expect(sidecar.params.images).toEqual(['in.png']);

    const missing = await call('generate', {
      prompt: 'make it blue',
      models: ['gpt-image-2'],
      images: ['nope.png'],
      maxCostUsd: 1,
    });
    expect(textOf(missing)).toMatch(/MCP error -32602: images\[0\] nope\.png: no such file/);
  });

  it('reports a provider failure as an error result with the studio’s message', async () => {
    box.emulators.gemini.inject('safety');
    const r = await call('generate', {
      prompt: 'a copper kettle',
      models: ['nano-banana-pro'],
      maxCostUsd: 1,
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('Gemini blocked the prompt');
    expect(textOf(r)).not.toContain('MCP error');
    const g = r.structuredContent as unknown as GenerateResult;
    expect(g.failed).toBe(1);
    expect(g.models[0]?.files).toEqual([]);
  });

  it('cancels the jobs when the client cancels the call', async () => {
    box.emulators.openai.inject('hang');
    const controller = new AbortController();
    const call = client.callTool(
      {
        name: 'generate',
        arguments: {
          prompt: 'a lantern that never arrives',
          models: ['gpt-image-2'],
          maxCostUsd: 1,
        },
      },
      undefined,
      {
        ...LONG,
        signal: controller.signal,
        // The job has started: the provider now holds the request open.
        onprogress: (p) => {
          if (p.message?.includes('started')) controller.abort('changed my mind');
        },
      },
    );
    await expect(call).rejects.toThrow();
    // The studio records the generation as cancelled once the job has stopped.
    let status = '';
    for (let i = 0; i < 600 && status !== 'cancelled'; i++) {
      const h = await client.callTool({ name: 'search_history', arguments: { query: 'lantern' } });
      const items = (h.structuredContent as { items: { status: string }[] }).items;
      status = items[0]?.status ?? '';
      if (status !== 'cancelled') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('cancelled');
  });

  it('plans video with its own settings, and refuses image-only ones for it', async () => {
    const r = await call('plan_generation', {
      kind: 'video',
      prompt: 'a lantern drifting down a river',
      models: ['veo-3-1'],
      settings: { seconds: 8, audio: false },
    });
    const [m] = (r.structuredContent as { models: PlanModel[] }).models;
    expect(m).toMatchObject({ status: 'ready', params: { duration: 8, audio: false } });
    const wrong = await call('plan_generation', {
      kind: 'video',
      prompt: 'a lantern',
      models: ['veo-3-1'],
      settings: { count: 2 },
    });
    expect(textOf(wrong)).toMatch(/MCP error -32602: settings\.count: is for image runs only/);
  });

  it('answers bad input with an MCP error naming the field, before anything is spent', async () => {
    const wrongId = await call('generate', {
      prompt: 'a fox',
      models: ['gpt-image-2', 'nano-banan-pro'],
      maxCostUsd: 1,
    });
    expect(wrongId.isError).toBe(true);
    expect(textOf(wrongId)).toMatch(
      /MCP error -32602: models\[1\]: Unknown model "nano-banan-pro"/,
    );
    expect(textOf(wrongId)).toContain('Did you mean "nano-banana-pro"');
    expect(textOf(wrongId)).toContain('search_models lists them all');

    const missing = await call('generate', { prompt: 'a fox', models: ['gpt-image-2'] });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('MCP error -32602');
    expect(textOf(missing)).toContain('maxCostUsd');

    const below = await call('generate', {
      prompt: 'a fox',
      models: ['gpt-image-2', 'flux-2-pro'],
      maxCostUsd: 0.01,
    });
    expect(below.isError).toBe(true);
    expect(textOf(below)).toMatch(/MCP error -32602: maxCostUsd: the plan could cost up to \$/);
    expect(textOf(below)).toContain('nothing was spent');

    const wrongKind = await call('search_models', { kind: 'audio' });
    expect(textOf(wrongKind)).toMatch(/"image"\|"video".*kind/);

    const refusedSetting = await call('generate', {
      prompt: 'a fox',
      models: ['gpt-image-2'],
      settings: { quality: 'ultra' },
      maxCostUsd: 1,
    });
    expect(textOf(refusedSetting)).toMatch(/MCP error -32602: settings\.quality: /);
    expect(textOf(refusedSetting)).toContain('medium');

    const card = await call('model_card', { model: 'gpt-imag-2' });
    expect(textOf(card)).toMatch(
      /MCP error -32602: model: Unknown model.*Did you mean "gpt-image-2"/,
    );

    // None of it reached a provider.
    expect(requestCount(box.emulators)).toBe(0);
  });
});
