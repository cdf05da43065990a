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

const models = [on('gpt-image-2', 'openai'), on('flux-2-pro', 'bfl'), on('seedream-4-5', 'fal')];

describe('-o provider options', () => {
  it('types each value by its schema and sends it in the provider’s namespace only', () => {
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
    const { providerOptions, perModel, warnings } = resolveOptions(pairs, models);
    expect(providerOptions).toEqual({
      openai: { moderation: 'low', outputCompression: 80, user: '42' },
      bfl: { promptUpsampling: true },
      fal: { enableSafetyChecker: false },
    });
    expect(perModel).toEqual([
      { moderation: 'low', outputCompression: 80, user: '42' },
      { promptUpsampling: true },
      { enableSafetyChecker: false },
    ]);
    // Each option another provider takes is reported for the models that do not, never dropped silently.
    expect(warnings[1]?.map((w) => w.setting)).toEqual([
      'providerOptions.moderation',
      'providerOptions.outputCompression',
      'providerOptions.user',
      'providerOptions.enableSafetyChecker',
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

  it('a namespace limits an option to one provider', () => {
    const { providerOptions } = resolveOptions(parseOptionPairs(['bfl.guidance=2.5']), models);
    expect(providerOptions).toEqual({ bfl: { guidance: 2.5 } });
    expect(() => resolveOptions(parseOptionPairs(['openai.guidance=2.5']), models)).toThrow(
      /no model in this run takes "openai.guidance"/,
    );
  });

  it('names the field and what it accepts when a value or key is wrong', () => {
    expect(() => resolveOptions(parseOptionPairs(['partial_images=9']), models)).toThrow(
      /-o partial_images=9: partialImages: Too big: expected number to be <=3/,
    );
    expect(() => resolveOptions(parseOptionPairs(['raw=maybe']), models)).toThrow(
      /raw: Invalid input: expected boolean/,
    );
    expect(() => resolveOptions(parseOptionPairs(['toString=1']), models)).toThrow(
      /no model in this run takes "toString"/,
    );
    expect(() => parseOptionPairs(['moderation'])).toThrow(/expected key=value/);
    let error: unknown;
    try {
      resolveOptions(parseOptionPairs(['moderation=low']), [on('veo-3-1', 'vertex')]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as { hint: string }).hint).toMatch(/^Options by model: veo-3-1 \(vertex\): \w+/);
  });
});
