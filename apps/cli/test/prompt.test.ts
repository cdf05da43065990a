import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@atelier/core/catalog';
import { analyzePrompt, type PromptAnalysis } from '@atelier/core/prompt';
import { describe, expect, it } from 'vitest';
import { atelier, atelierJson } from './cli.ts';

const catalog = loadCatalog();
const PROMPT = 'A neon sign reading "OPEN LATE" above a rainy street --ar 21:9 --no people';

describe('atelier prompt lint', () => {
  it('returns the core analysis against the model’s guidance', async () => {
    const result = await atelierJson<PromptAnalysis>([
      'prompt',
      'lint',
      PROMPT,
      '--model',
      'nano-banana-pro',
    ]);
    expect(result).toEqual(
      JSON.parse(JSON.stringify(analyzePrompt(PROMPT, { model: 'nano-banana-pro' }, catalog))),
    );
    expect(result.maxWords).toBe(catalog.resolve('nano-banana-pro').prompt.maxWords);
    expect(result.quotedText).toEqual(['OPEN LATE']);
    expect(result.flags.aspectRatio).toBe('21:9');
  });

  it('prints missing parts, the template and hints for people', async () => {
    const run = await atelier(['prompt', 'lint', PROMPT, '--model', 'nano-banana-pro']);
    expect(run.code).toBe(0);
    const analysis = analyzePrompt(PROMPT, { model: 'nano-banana-pro' }, catalog);
    expect(run.stdout).toContain(`Missing      ${analysis.missing.join(', ')}`);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      catalog.resolve('nano-banana-pro').prompt.template,
    );
    expect(run.stdout).toContain('Read: --ar 21:9 --no people');
  });

  it('reads the prompt from stdin with "-"', () => {
    const entry = fileURLToPath(new URL('../dist/atelier.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [entry, 'prompt', 'lint', '-', '--json'], {
      input: 'a red fox in snow',
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as PromptAnalysis).words).toBe(5);
  });

  it('rejects an empty prompt and an unknown model (exit 2)', async () => {
    const empty = await atelier(['prompt', 'lint', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('text');
    const unknown = await atelier(['prompt', 'lint', 'a cat', '--model', 'nano-banan']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean');
  });

  it('shows its help and fails as a usage error when the subcommand is missing', async () => {
    const run = await atelier(['prompt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lint');
    expect(run.stderr).not.toContain('Error:');
  });
});
