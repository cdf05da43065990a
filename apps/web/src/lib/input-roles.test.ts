import { describe, expect, it } from 'vitest';
import {
  addInputs,
  convertRoles,
  fromGenerationInputs,
  inputProblem,
  requestInputs,
  setRole,
  takesRole,
  type GivenInput,
} from './input-roles.ts';
import { INPUT_NAME_MAX, inputHref, outputName } from './studio-link.ts';
import { readStudioState } from '../pages/studio/state.ts';

const sha = (c: string) => c.repeat(64);
const given = (c: string, role: GivenInput['role']): GivenInput => ({
  sha256: sha(c),
  url: `/assets/${sha(c)}`,
  role,
  name: `${c}.png`,
});

describe('the images a run is given', () => {
  it('sends the images to edit before the references, and the mask apart', () => {
    const inputs = [given('a', 'reference'), given('b', 'mask'), given('c', 'edit')];
    expect(requestInputs('image', inputs)).toEqual({
      images: [sha('c'), sha('a')],
      mask: sha('b'),
    });
    expect(requestInputs('image', [])).toBeUndefined();
  });

  it('sends a video its first frame, then its last; a last frame alone is not sent', () => {
    expect(requestInputs('video', [given('a', 'last'), given('b', 'first')])).toEqual({
      images: [sha('b'), sha('a')],
    });
    expect(inputProblem('video', [given('a', 'last')])).toMatch(/first frame/);
    expect(requestInputs('video', [given('a', 'last')])).toBeUndefined();
  });

  it('swaps a one-only role between images, and a new mask replaces the old one', () => {
    const two = [given('a', 'first'), given('b', 'last')];
    expect(setRole(two, sha('b'), 'first').map((i) => i.role)).toEqual(['last', 'first']);
    const masked = addInputs([given('a', 'edit'), given('b', 'mask')], [given('c', 'mask')]);
    expect(masked.map((i) => [i.name, i.role])).toEqual([
      ['a.png', 'edit'],
      ['c.png', 'mask'],
    ]);
    // An image already given takes its new role in its place.
    expect(addInputs(two, [given('a', 'last')]).map((i) => i.role)).toEqual(['last', 'first']);
  });

  it('reads the inputs as the other kind of run takes them', () => {
    const image = [given('a', 'edit'), given('b', 'reference'), given('m', 'mask')];
    expect(convertRoles(image, 'video').map((i) => i.role)).toEqual(['first', 'last', 'mask']);
    expect(convertRoles(convertRoles(image, 'video'), 'image').map((i) => i.role)).toEqual([
      'edit',
      'reference',
      'mask',
    ]);
  });

  it('carries a stored generation’s inputs: with a mask, its first image is the one edited', () => {
    const stored = [
      { role: 'mask' as const, index: 0, sha256: sha('m'), url: '/m' },
      { role: 'reference' as const, index: 0, sha256: sha('a'), url: '/a' },
    ];
    expect(fromGenerationInputs('image', stored).map((i) => i.role)).toEqual(['edit', 'mask']);
    expect(fromGenerationInputs('image', stored.slice(1)).map((i) => i.role)).toEqual([
      'reference',
    ]);
    expect(fromGenerationInputs('video', stored.slice(1)).map((i) => i.role)).toEqual(['first']);
  });

  it('offers a model for a role as the catalog’s capabilities say', () => {
    const edits = { modality: 'image' as const, image: { maxInputImages: 4, mask: false } };
    const textOnly = { modality: 'image' as const, image: { maxInputImages: 0, mask: false } };
    const animates = {
      modality: 'video' as const,
      video: { imageToVideo: true, lastFrame: false },
    };
    expect(takesRole(edits, 'edit')).toBe(true);
    expect(takesRole(edits, 'mask')).toBe(false);
    expect(takesRole(textOnly, 'reference')).toBe(false);
    expect(takesRole(animates, 'first')).toBe(true);
    expect(takesRole(animates, 'last')).toBe(false);
    expect(takesRole(animates, 'edit')).toBe(false);
  });

  it('hands an image to the Studio in the address, read back once', () => {
    const href = inputHref(sha('a'), 'first', ['veo-3-1']);
    expect(href).toBe(`/studio?kind=video&models=veo-3-1&input=${sha('a')}&role=first`);
    const state = readStudioState(new URL(href, 'http://x').searchParams);
    expect(state).toMatchObject({
      kind: 'video',
      models: ['veo-3-1'],
      input: { sha256: sha('a'), role: 'first' },
    });
    expect(readStudioState(new URLSearchParams('input=nothex&role=edit')).input).toBeUndefined();
    // The name it goes by in the Studio travels with it.
    const named = inputHref(sha('a'), 'edit', ['flux-1-kontext-pro'], 'GPT Image 2: a kettle');
    expect(readStudioState(new URL(named, 'http://x').searchParams).input).toEqual({
      sha256: sha('a'),
      role: 'edit',
      name: 'GPT Image 2: a kettle',
    });
    expect(
      readStudioState(new URLSearchParams(`input=${sha('a')}&role=frame`)).input,
    ).toBeUndefined();
  });

  it('names a handed-on output by its model and the start of its prompt', () => {
    expect(outputName('GPT Image 2', '  a copper\n kettle ')).toBe('GPT Image 2: a copper kettle');
    const long = outputName(
      'FLUX.1 Kontext [pro]',
      'a copper kettle on a windowsill in the morning light, steam rising, film grain',
    );
    expect(long.length).toBeLessThanOrEqual(INPUT_NAME_MAX);
    expect(long).toMatch(/^FLUX\.1 Kontext \[pro\]: a copper kettle on a \S.*[^ ]…$/);
  });
});
