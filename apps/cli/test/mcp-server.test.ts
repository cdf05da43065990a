import { fileURLToPath } from 'node:url';
import { usd } from '@atelier/core/money';
import { setBudget } from '@atelier/db';
import { issueAdminToken, startStudio, type Studio } from '@atelier/server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './emulated.ts';

/*
 * `atelier mcp` as the VS Code extension launches it for a team studio: `node atelier.mjs mcp`
 * with ATELIER_SERVER and ATELIER_TOKEN in its environment. Every call goes to that server,
 * whose keys, history and budgets apply; the token is never logged.
 */

const entry = fileURLToPath(new URL('../dist/atelier.mjs', import.meta.url));

let box: Sandbox;
let studio: Studio;
let token: string;

beforeAll(async () => {
  box = await startSandbox();
  studio = await startStudio(
    {
      port: 0,
      team: true,
      dataDir: `${box.dir}/server-data`,
      inMemoryDatabase: true,
      pollIntervalMs: 5,
    },
    {
      env: {},
      providerEnv: box.emulators.env,
      providerSettings: {
        retry: { initialDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
        pollIntervalMs: 5,
      },
      cliKeyStore: null,
    },
  );
  token = (await issueAdminToken(studio.database.db, 'mcp test')).token;
});
afterAll(async () => {
  await studio?.close();
  await box?.close();
});

/** A client of `atelier mcp` with only the studio's URL and token: no provider key of its own. */
async function connect(
  env: Record<string, string>,
): Promise<{ client: Client; log: () => string }> {
  const noKeys = Object.fromEntries(Object.keys(box.emulators.env).map((k) => [k, '']));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry, 'mcp'],
    env: {
      ...(process.env as Record<string, string>),
      ...box.env,
      ...noKeys,
      ATELIER_DATA_DIR: `${box.dir}/unused-data`,
      ...env,
    },
    cwd: box.dir,
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const client = new Client({ name: 'atelier-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, log: () => log };
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 150_000,
  })) as CallToolResult;
const textOf = (r: CallToolResult) =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

describe('atelier mcp against a team studio (ATELIER_SERVER + ATELIER_TOKEN)', () => {
  it('plans and generates on the server, whose budgets still apply, and never logs the token', async () => {
    const { client, log } = await connect({ ATELIER_SERVER: studio.url, ATELIER_TOKEN: token });
    try {
      // The server's keys: planned as ready although this process has none.
      const plan = await call(client, 'plan_generation', {
        prompt: 'a paper boat',
        models: ['gpt-image-2'],
      });
      expect(plan.isError).toBeFalsy();
      const planned = plan.structuredContent as {
        models: { status: string }[];
        total: { high: { micros: number } };
      };
      expect(planned.models[0]?.status).toBe('ready');

      // Two calls at once share the connection.
      const [a, b] = await Promise.all([
        call(client, 'search_models', { query: 'flux', limit: 2 }),
        call(client, 'search_history', {}),
      ]);
      expect(a.isError).toBeFalsy();
      expect(b.isError).toBeFalsy();

      const ok = await call(client, 'generate', {
        prompt: 'a paper boat',
        models: ['gpt-image-2'],
        maxCostUsd: 1,
        outDir: 'team-out',
      });
      expect(textOf(ok)).toContain('1 of 1 model(s) succeeded');
      const run = ok.structuredContent as {
        studio: { mode: string; url?: string };
        models: { generationId: string; cost: { micros: number } }[];
      };
      expect(run.studio).toEqual({ mode: 'http', url: studio.url });
      const history = await call(client, 'search_history', { query: 'paper boat' });
      const items = (
        history.structuredContent as { items: { id: string; cost: { micros: number } }[] }
      ).items;
      expect(items.find((i) => i.id === run.models[0]?.generationId)?.cost.micros).toBe(
        run.models[0]?.cost.micros,
      );

      // A budget below the plan: maxCostUsd allows it, the studio does not.
      const who = await studio.database.db.query.users.findFirst();
      await setBudget(studio.database.db, {
        scope: 'user',
        userId: who?.id ?? '',
        period: 'monthly',
        capMicros: usd('0.01'),
      });
      const over = await call(client, 'generate', {
        prompt: 'a paper boat, again',
        models: ['gpt-image-2'],
        maxCostUsd: 1,
      });
      expect(over.isError).toBe(true);
      expect(textOf(over)).toMatch(/budget/i);
      expect(textOf(over)).not.toContain('MCP error');
    } finally {
      await client.close();
    }
    expect(log()).toContain('atelier mcp: ready on stdio');
    expect(log()).not.toContain(token);
  });

  it('a wrong token is an error result saying how to sign in, without the token', async () => {
    const wrong = 'atl_not_a_real_token_0000000000';
    const { client, log } = await connect({ ATELIER_SERVER: studio.url, ATELIER_TOKEN: wrong });
    try {
      const r = await call(client, 'search_history', {});
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/^auth: /);
      expect(textOf(r)).not.toContain(wrong);
    } finally {
      await client.close();
    }
    expect(log()).not.toContain(wrong);
  });
});
