import { describe, expect, it } from 'vitest';
import { parseOptionPairs, resolveOptions } from '../src/run/options.ts';

const models = [
  { label: 'gpt-image-2', provider: 'openai' as const },
  { label: 'flux-2-pro', provider: 'bfl' as const },
  { label: 'seedream-4-5', provider: 'fal' as const },
];

describe('-o provider options', () => {
  it('types each value by its schema and sends it in the provider’s namespace only', () => {
    const pairs = parseOptionPairs([
      'moderation=low',
      'output-compression=80',
      'prompt_upsampling=true',
      'user=42',
    ]);
    expect(pairs.map((p) => p.key)).toEqual([
      'moderation',
      'outputCompression',
      'promptUpsampling',
      'user',
    ]);
    const { providerOptions, warnings } = resolveOptions('image', pairs, models);
    expect(providerOptions).toEqual({
      openai: { moderation: 'low', outputCompression: 80, user: '42' },
      bfl: { promptUpsampling: true },
    });
    // Each option another provider takes is reported for the models that do not, never dropped silently.
    expect(warnings[1]?.map((w) => w.setting)).toEqual([
      'providerOptions.moderation',
      'providerOptions.outputCompression',
      'providerOptions.user',
    ]);
    expect(warnings[2]).toHaveLength(4);
  });

  it('a namespace limits an option to one provider', () => {
    const { providerOptions } = resolveOptions(
      'image',
      parseOptionPairs(['bfl.guidance=2.5']),
      models,
    );
    expect(providerOptions).toEqual({ bfl: { guidance: 2.5 } });
    expect(() =>
      resolveOptions('image', parseOptionPairs(['openai.guidance=2.5']), models),
    ).toThrow(/no model in this run takes "openai.guidance"/);
  });

  it('names the field and what it accepts when a value or key is wrong', () => {
    expect(() => resolveOptions('image', parseOptionPairs(['partial_images=9']), models)).toThrow(
      /-o partial_images=9: partialImages: Too big: expected number to be <=3/,
    );
    expect(() => resolveOptions('image', parseOptionPairs(['raw=maybe']), models)).toThrow(
      /raw: Invalid input: expected boolean/,
    );
    expect(() => resolveOptions('image', parseOptionPairs(['toString=1']), models)).toThrow(
      /no model in this run takes "toString"/,
    );
    expect(() => parseOptionPairs(['moderation'])).toThrow(/expected key=value/);
    let error: unknown;
    try {
      resolveOptions('video', parseOptionPairs(['moderation=low']), [
        { label: 'kling-v3', provider: 'fal' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input', hint: 'Options by provider: fal: none.' });
  });
});
