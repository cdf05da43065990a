import { describe, expect, it } from 'vitest';
import { isGivenInputs } from './stored.ts';

describe('the run’s inputs read back from sessionStorage', () => {
  const input = { role: 'mask', sha256: 'a'.repeat(64), url: '/assets/a', name: 'mask.png' };

  it('takes a list of inputs, empty included, with or without their size', () => {
    expect(isGivenInputs([input, { ...input, role: 'edit', width: 512, height: 512 }])).toBe(true);
    expect(isGivenInputs([])).toBe(true);
  });

  it('refuses anything a run could not send', () => {
    expect(isGivenInputs(input)).toBe(false);
    expect(isGivenInputs([{ ...input, role: 'frame' }])).toBe(false);
    expect(isGivenInputs([{ ...input, sha256: 'A'.repeat(64) }])).toBe(false);
    expect(isGivenInputs([{ ...input, sha256: 'a'.repeat(63) }])).toBe(false);
    expect(isGivenInputs([{ ...input, width: '512' }])).toBe(false);
    expect(isGivenInputs([{ role: 'mask', sha256: input.sha256, url: '/assets/a' }])).toBe(false);
  });
});
