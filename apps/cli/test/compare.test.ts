import { loadCatalog, sourceLine, withSourceLabels } from '@atelier/core/catalog';
import { compare, UseCase, type Comparison } from '@atelier/core/compare';
import { describe, expect, it } from 'vitest';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier compare', () => {
  it('returns the comparison of the core for the same models and lens', async () => {
    const result = await atelierJson<Comparison>([
      'compare',
      'nano-banana-pro',
      'FLUX.2 [pro]',
      '--use-case',
      'product',
    ]);
    const direct = compare(['nano-banana-pro', 'flux-2-pro'], { useCase: 'product' }, catalog);
    expect(result).toEqual(JSON.parse(JSON.stringify(withSourceLabels(direct))));
    expect(result.models.map((m) => m.id)).toEqual(['nano-banana-pro', 'flux-2-pro']);
    // Every score cell carries the catalog score and its source.
    const realism = result.criteria.find((r) => r.criterion === 'realism');
    expect(realism?.scores['nano-banana-pro']).toMatchObject({
      value: catalog.resolve('nano-banana-pro').scores.realism?.value,
      source: catalog.resolve('nano-banana-pro').scores.realism?.source,
    });
    expect(result.lens?.id).toBe('product');
  });

  it('prints the lower-cost line with what a default run costs on each model', async () => {
    const run = await atelier(['compare', 'gpt-image-2', 'nano-banana-pro']);
    expect(run.code, run.stderr).toBe(0);
    const direct = compare(['gpt-image-2', 'nano-banana-pro'], {}, catalog);
    const line = direct.chooseIf.find((r) => r.criterion === 'costEfficiency');
    expect(line?.because).toMatch(
      /^At default settings, .*GPT Image 2: \$[\d.]+ per image at medium, 1024x1024 on openai/,
    );
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('GPT Image 2: $');
    expect(text).toContain('per image at medium, 1024x1024 on openai');
    // Seed 001's prompt-adherence rating of "Nano Banana Pro" is contested by Google's facts.
    expect(text).toMatch(/Prompt adherence .*3\.0 \[\d+\] contested \[\d+\]/);
    expect(text).toContain('/5 (contested)');
  });

  it('takes up to four models and prints scores, features, the verdict and sources', async () => {
    const run = await atelier([
      'compare',
      'nano-banana-pro',
      'flux-2-pro',
      'veo-3-1',
      'veo-3-1-fast',
    ]);
    expect(run.code).toBe(0);
    for (const heading of ['Scores (0–5)', 'Features', 'If you need…', 'Verdict', 'Sources'])
      expect(run.stdout).toContain(`\n${heading}\n`);
    expect(run.stdout.split('\n')[0]).toBe(
      'Nano Banana Pro vs FLUX.2 [pro] vs Veo 3.1 vs Veo 3.1 Fast',
    );
    const veo = catalog.resolve('veo-3-1');
    if (veo.modality !== 'video') throw new Error('veo-3-1 is a video model');
    const source = veo.video.source;
    expect(run.stdout).toContain(sourceLine(source));
  });

  it('rejects an unknown lens naming every lens', async () => {
    const run = await atelier([
      'compare',
      'nano-banana-pro',
      'flux-2-pro',
      '--use-case',
      'wedding',
      '--json',
    ]);
    expect(run.code).toBe(2);
    const error = jsonError(run);
    expect(error.message).toContain('--use-case');
    for (const lens of UseCase.options) expect(error.message).toContain(`"${lens}"`);
  });

  it('needs two models and suggests a name for a typo', async () => {
    const one = await atelier(['compare', 'nano-banana-pro']);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("missing required argument 'b'");
    const typo = await atelier(['compare', 'nano-banana-pro', 'flux-2-pr']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "flux-2-pro"');
    const five = await atelier([
      'compare',
      'nano-banana-pro',
      'flux-2-pro',
      'veo-3-1',
      'veo-3-1-fast',
      'veo-3-1-lite',
    ]);
    expect(five.code).toBe(2);
    expect(five.stderr).toContain('too many arguments');
  });
});
