import { loadCatalog, type Provider } from '@atelier/core/catalog';
import { describe, expect, it } from 'vitest';
import { parseOptionPairs, resolveOptions, type Routed } from '../src/run/options.ts';

const catalog = loadCatalog();

/** A model on its route of one provider, as a plan holds it. */
function on(id: string, provider: Provider): Routed {
  const entry = catalog.resolve(id);
  const route = entry.routes.find((r) => r.provider === provider);
  if (!route) throw new Error(`${id} has no ${provider} route`);
  return { label: entry.id, entry, route };
}

const models = [on('gpt-image-2', 'openai'), on('flux-2-flex', 'bfl'), on('seedream-4-5', 'fal')];

describe('-o provider options', () => {
  it('types each value by its schema and puts it in the namespace of the models that take it', () => {
    const pairs = parseOptionPairs([
      'moderation=low',
      'output-compression=80',
      'prompt_upsampling=true',
      'user=42',
      'enable_safety_checker=false',
    ]);
    expect(pairs.map((p) => p.key)).toEqual([
      'moderation',
      'outputCompression',
      'promptUpsampling',
      'user',
      'enableSafetyChecker',
    ]);
    const { perModel, warnings } = resolveOptions(pairs, models);
    expect(perModel).toEqual([
      { moderation: 'low', outputCompression: 80, user: '42' },
      { promptUpsampling: true },
      { enableSafetyChecker: false },
    ]);
    // Each option another provider takes is reported for the models that do not, never dropped silently.
    expect(warnings[1]?.map((w) => w.setting)).toEqual([
      'providerOptions.bfl.moderation',
      'providerOptions.bfl.outputCompression',
      'providerOptions.bfl.user',
      'providerOptions.bfl.enableSafetyChecker',
    ]);
    expect(warnings[2]).toHaveLength(4);
  });

  it('reads each fal route’s own options: one model’s option is not sent to another on fal', () => {
    const both = [on('seedream-4-5', 'fal'), on('nano-banana-pro', 'fal')];
    const { perModel, warnings } = resolveOptions(parseOptionPairs(['safety_tolerance=4']), both);
    expect(perModel).toEqual([{}, { safetyTolerance: 4 }]);
    expect(warnings[0]?.[0]?.message).toBe(
      'fal has no option "safetyTolerance" for seedream-4-5; it was not sent.',
    );
  });

  it('a namespace limits an option to one provider, and must be one of the run’s', () => {
    const { perModel } = resolveOptions(parseOptionPairs(['bfl.guidance=2.5']), models);
    expect(perModel).toEqual([{}, { guidance: 2.5 }, {}]);
    expect(() => resolveOptions(parseOptionPairs(['vertex.guidance=2.5']), models)).toThrow(
      /no model in this run is served through vertex/,
    );
  });

  it('leaves the checking to the plan: a value or key no model takes is sent for it to refuse', () => {
    // The likeliest reading of a value the schema refuses, so the plan names the field and range.
    expect(resolveOptions(parseOptionPairs(['partial_images=9']), models).perModel[0]).toEqual({
      partialImages: 9,
    });
    expect(resolveOptions(parseOptionPairs(['raw=maybe']), models).perModel[1]).toEqual({
      raw: 'maybe',
    });
    // Taken by none: every model gets it, so each route's refusal lists what it takes.
    const none = resolveOptions(parseOptionPairs(['input_fidelity=high']), models);
    expect(none.perModel).toEqual([
      { inputFidelity: 'high' },
      { inputFidelity: 'high' },
      { inputFidelity: 'high' },
    ]);
    expect(none.warnings.flat()).toEqual([]);
    expect(resolveOptions(parseOptionPairs(['toString=1']), models).perModel[0]).toEqual({
      toString: 1,
    });
    expect(() => parseOptionPairs(['moderation'])).toThrow(/expected key=value/);
  });

  it('a model the plan refused before routing gets no options', () => {
    const { perModel, warnings } = resolveOptions(parseOptionPairs(['moderation=low']), [
      undefined,
      on('gpt-image-2', 'openai'),
    ]);
    expect(perModel).toEqual([{}, { moderation: 'low' }]);
    expect(warnings[0]).toEqual([]);
  });
});
