import { describe, expect, it } from 'vitest';
import { clampPan, placement, rescalePan, scaleOf, stepZoom, zoomLabel } from './zoom.ts';

describe('judge zoom', () => {
  it('fits the whole image in its pane, and 100 % is one image pixel per CSS pixel', () => {
    expect(scaleOf('fit', { w: 1024, h: 1024 }, { w: 512, h: 300 })).toBeCloseTo(300 / 1024);
    expect(scaleOf(1, { w: 1024, h: 1024 }, { w: 512, h: 300 })).toBe(1);
    expect(scaleOf(4, { w: 1024, h: 1024 }, { w: 512, h: 300 })).toBe(4);
    expect(zoomLabel(2)).toBe('200 %');
    expect(zoomLabel('fit')).toBe('Fit');
  });

  it('keeps the pan where there is image to see, and centres an image smaller than its pane', () => {
    expect(clampPan({ x: 900, y: -900 }, { w: 2048, h: 1024 }, { w: 1000, h: 800 })).toEqual({
      x: 524,
      y: -112,
    });
    expect(clampPan({ x: 50, y: 50 }, { w: 300, h: 300 }, { w: 1000, h: 800 })).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('keeps the same point in the middle across zooms, and steps stop at the ends', () => {
    expect(rescalePan({ x: 10, y: -20 }, 1, 4)).toEqual({ x: 40, y: -80 });
    expect(stepZoom('fit', -1)).toBe('fit');
    expect(stepZoom('fit', 1)).toBe(1);
    expect(stepZoom(4, 1)).toBe(4);
    expect(placement({ w: 200, h: 100 }, { w: 400, h: 400 }, { x: 10, y: 0 })).toEqual({
      x: 110,
      y: 150,
    });
  });
});
