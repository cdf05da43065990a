import { describe, expect, it } from 'vitest';
import { brushRange, hasPaint, toImagePoint, visibleOps, type MaskOp } from './mask.ts';

const paint = (x: number): MaskOp => ({ kind: 'paint', size: 10, points: [[x, x]] });
const erase = (x: number): MaskOp => ({ kind: 'erase', size: 10, points: [[x, x]] });

describe('mask editing', () => {
  it('shows what was drawn since the last clear; undoing the clear brings it back', () => {
    const ops: MaskOp[] = [paint(1), erase(2), { kind: 'clear' }, paint(3)];
    expect(visibleOps(ops)).toEqual([paint(3)]);
    expect(visibleOps(ops.slice(0, 3))).toEqual([]);
    expect(visibleOps(ops.slice(0, 2))).toEqual([paint(1), erase(2)]);
    expect(hasPaint(ops)).toBe(true);
    expect(hasPaint(ops.slice(0, 3))).toBe(false);
    expect(hasPaint([erase(1)])).toBe(false);
    expect(hasPaint([])).toBe(false);
  });

  it('maps a pointer on the displayed image to image pixels, inside the image', () => {
    const box = { left: 100, top: 50, width: 512, height: 256 };
    const image = { width: 2048, height: 1024 };
    expect(toImagePoint(100, 50, box, image)).toEqual([0, 0]);
    expect(toImagePoint(356, 178, box, image)).toEqual([1024, 512]);
    expect(toImagePoint(700, 10, box, image)).toEqual([2048, 0]);
  });

  it('sizes the brush by the image', () => {
    expect(brushRange(1024, 1536)).toEqual({ min: 2, max: 256, start: 61 });
    expect(brushRange(16, 16)).toEqual({ min: 2, max: 8, start: 4 });
  });
});
