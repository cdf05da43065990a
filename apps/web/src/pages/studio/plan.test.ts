import { describe, expect, it } from 'vitest';
import {
  describeDefault,
  exactRange,
  formatRange,
  plannedByModel,
  refusalText,
  type PlanResult,
  type RefusedModel,
} from './plan.ts';

const refused = (message: string, names: Partial<RefusedModel> = {}): RefusedModel => ({
  status: 'refused',
  model: 'gpt-image-2',
  warnings: [],
  refusal: { code: 'invalid_request', message },
  ...names,
});

describe('the plan, for people', () => {
  it('says the settings Atelier chose briefly', () => {
    expect(describeDefault({ setting: 'quality', value: 'medium' })).toBe('medium quality');
    expect(describeDefault({ setting: 'duration', value: 8 })).toBe('8 s');
    expect(describeDefault({ setting: 'audio', value: true })).toBe('with audio');
    expect(describeDefault({ setting: 'audio', value: false })).toBe('without audio');
    expect(describeDefault({ setting: 'outputFormat', value: 'png' })).toBe('PNG');
    expect(describeDefault({ setting: 'size', value: '1024x1024' })).toBe('1024x1024');
    expect(describeDefault({ setting: 'n', value: 1 })).toBe('1 image');
    expect(describeDefault({ setting: 'style', value: 'vivid' })).toBe('style vivid');
  });

  it('shows a range as prices and its exact micro-USD for a title', () => {
    const r = { low: 44_244, expected: 55_305, high: 66_366 };
    expect(formatRange(r)).toBe('$0.0442–$0.0664');
    expect(exactRange(r)).toBe('expected $0.055305 (55,305 µUSD), from $0.044244 to $0.066366');
    const point = { low: 3_200_000, expected: 3_200_000, high: 3_200_000 };
    expect(formatRange(point)).toBe('$3.20');
    expect(exactRange(point)).toBe('expected $3.20 (3,200,000 µUSD)');
  });

  it('drops the model name the planner puts before a refusal, which the card already shows', () => {
    expect(refusalText(refused('gpt-image-2: quality must be one of "low" (got "ultra").'))).toBe(
      'quality must be one of "low" (got "ultra").',
    );
    expect(
      refusalText(
        refused('FLUX.1 Fill [pro]: This endpoint needs an input image.', {
          model: 'flux-1-fill-pro',
          modelName: 'FLUX.1 Fill [pro]',
        }),
      ),
    ).toBe('This endpoint needs an input image.');
    expect(refusalText(refused('DALL·E 3 was retired on 2026-05-12.'))).toBe(
      'DALL·E 3 was retired on 2026-05-12.',
    );
  });

  it('finds each model of the first prompt by the name the request gave it', () => {
    const result = {
      plans: [
        {
          prompt: 'a fox',
          plan: {
            kind: 'image',
            prompt: 'a fox',
            notes: [],
            date: '2026-12-06',
            models: [refused('no')],
            total: { low: 0, expected: 0, high: 0 },
          },
        },
      ],
      total: { low: 0, expected: 0, high: 0 },
    } as PlanResult;
    expect(plannedByModel(result).get('gpt-image-2')?.status).toBe('refused');
    expect(plannedByModel(undefined).size).toBe(0);
  });
});
