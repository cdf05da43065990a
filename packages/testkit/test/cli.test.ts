import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/emulate.mjs', import.meta.url));

describe('emulate CLI', () => {
  it('prints export lines, serves requests and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [script, '--port-base', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await expect
      .poll(() => stdout.includes('ATELIER_VERTEX_API_KEY'), { timeout: 20_000 })
      .toBe(true);

    const env = Object.fromEntries(
      [...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(env)).toContain('ATELIER_FAL_BASE_URL');
    const res = await fetch(`${env.ATELIER_BFL_BASE_URL}/v1/flux-2-pro`, {
      method: 'POST',
      headers: { 'x-key': env.BFL_API_KEY ?? '' },
      body: JSON.stringify({ prompt: 'cli' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => stderr).toMatch(/bfl\s+POST \/v1\/flux-2-pro → 200/);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(fetch(`${env.ATELIER_BFL_BASE_URL}/v1/flux-2-pro`)).rejects.toThrow();
  });

  it('explains bad options', async () => {
    const child = spawn(process.execPath, [script, '--port-base', 'nine'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port-base/);
  });
});
