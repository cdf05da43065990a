import { describe, expect, it } from 'vitest';
import { isCarriedInputs } from './stored.ts';

describe('carried inputs read back from sessionStorage', () => {
  const input = { role: 'mask', index: 0, sha256: 'a'.repeat(64), url: '/assets/a' };

  it('takes a list of inputs, empty included', () => {
    expect(isCarriedInputs([input, { ...input, role: 'reference' }])).toBe(true);
    expect(isCarriedInputs([])).toBe(true);
  });

  it('refuses anything a re-run could not send', () => {
    expect(isCarriedInputs(input)).toBe(false);
    expect(isCarriedInputs([{ ...input, role: 'frame' }])).toBe(false);
    expect(isCarriedInputs([{ ...input, sha256: 'A'.repeat(64) }])).toBe(false);
    expect(isCarriedInputs([{ ...input, sha256: 'a'.repeat(63) }])).toBe(false);
    expect(isCarriedInputs([{ ...input, index: '0' }])).toBe(false);
    expect(isCarriedInputs([{ role: 'mask', index: 0, sha256: input.sha256 }])).toBe(false);
  });
});
