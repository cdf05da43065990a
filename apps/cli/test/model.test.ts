import { loadCatalog, sourceLine, withRunnability, withSourceLabels } from '@atelier/core/catalog';
import { describe, expect, it } from 'vitest';
import { atelier, atelierJson, jsonError } from './cli.ts';

const catalog = loadCatalog();

describe('atelier model', () => {
  it('prints the full catalog entry as JSON, resolved from an alias', async () => {
    const model = withRunnability(catalog.resolve('nano-banana-pro'));
    const card = await atelierJson<Record<string, unknown>>(['model', 'Gemini 3 Pro Image']);
    const { lifecycle, ...rest } = card as { lifecycle: Record<string, unknown> };
    const { lifecycle: expectedLifecycle, ...expectedRest } = model;
    // --json keeps each source's key and adds its title, publisher and link.
    expect(rest).toEqual(JSON.parse(JSON.stringify(withSourceLabels(expectedRest))));
    expect(lifecycle).toMatchObject(
      JSON.parse(JSON.stringify(withSourceLabels(expectedLifecycle))),
    );
  });

  it('says whether Atelier can run it here, and why not, route by route', async () => {
    const card = await atelierJson<{
      runnable: boolean;
      notRunnableReason?: string;
      routes: { provider: string; runnable: boolean; notRunnableReason?: string }[];
    }>(['model', 'wan-2-7']);
    expect(card.runnable).toBe(true);
    // DashScope runs Wan beside fal.
    expect(card.routes.map((r) => [r.provider, r.runnable, r.notRunnableReason])).toEqual([
      ['dashscope', true, undefined],
      ['fal', true, undefined],
    ]);
    const text = await atelier(['model', 'wan-2-7']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Atelier can run it here.');
    expect(text.stdout).not.toContain("can't run here");

    const wan = await atelier(['model', 'wan-2-7-image-pro']);
    expect(wan.code).toBe(0);
    expect(wan.stdout).toContain(
      "Atelier can't run it here: no sourced price: No DashScope / Model Studio list price",
    );
  });

  it('names the replacements of a retired model', async () => {
    const retired = catalog.models.find(
      (m) => m.lifecycle.status === 'retired' && m.lifecycle.replacements.length > 0,
    );
    if (!retired) throw new Error('the catalog has no retired model with a replacement');
    const card = await atelierJson<{
      lifecycle: { replacementModels: { id: string; name: string }[] };
    }>(['model', retired.id]);
    expect(card.lifecycle.replacementModels.map((r) => r.id)).toEqual(
      retired.lifecycle.replacements,
    );

    const text = await atelier(['model', retired.id]);
    expect(text.code).toBe(0);
    const replacement = catalog.resolve(retired.lifecycle.replacements[0] ?? '');
    expect(text.stdout).toMatch(
      new RegExp(
        `Replaced by\\s+${replacement.id} \\(${replacement.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`,
      ),
    );
    expect(text.stdout).toContain(`Shutdown     ${retired.lifecycle.shutdown}`);
  });

  it('shows specs, every route with its price source and date, scores, prompt template and claims', async () => {
    const model = catalog.resolve('nano-banana-pro');
    const run = await atelier(['model', 'nano-banana-pro']);
    expect(run.code).toBe(0);
    const out = run.stdout;
    for (const heading of [
      'Specs',
      'Lifecycle',
      'Routes and prices',
      'Scores (0–5)',
      'Prompt',
      'Claims',
    ]) {
      expect(out).toContain(`\n${heading}\n`);
    }
    for (const route of model.routes) {
      expect(out).toContain(route.providerModelId);
      expect(out).toContain(`source: ${sourceLine(route.price.source)}`);
    }
    expect(out).toContain(model.prompt.template);
    for (const claim of model.claims) expect(out).toContain(claim.text.slice(0, 40));
    const realism = model.scores.realism;
    expect(out).toMatch(
      new RegExp(
        `realism\\s+${realism?.value.toFixed(1)}\\s+${(realism ? sourceLine(realism.source) : '').slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
  });

  it('fails on an unknown model with a suggestion and exit code 2', async () => {
    const run = await atelier(['model', 'nano-banan-pro']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown model "nano-banan-pro".');
    expect(run.stderr).toContain('Did you mean "nano-banana-pro"');
    expect(run.stderr).not.toMatch(/\n\s+at /);

    const json = await atelier(['model', 'nano-banan-pro', '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    const error = jsonError(json);
    expect(error.code).toBe('unknown_model');
    expect(error.hint).toContain('"nano-banana-pro"');
  });

  it('reports a missing argument as a usage error', async () => {
    const run = await atelier(['model']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'model'");
    expect(run.stderr).toContain('atelier model --help');
  });
});
