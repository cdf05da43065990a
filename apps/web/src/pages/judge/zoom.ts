/**
 * The judge viewer's zoom and pan, as plain arithmetic. A zoom is "fit" (the whole output in its
 * pane) or a factor of the output's own pixels: 1 is 100 %, one image pixel per CSS pixel. The
 * pan is the offset of the image's centre from the pane's centre in CSS pixels, shared by every
 * pane so the same part of each output is in view.
 */

export type Zoom = 'fit' | 1 | 2 | 4;
export const ZOOMS: readonly Zoom[] = ['fit', 1, 2, 4];

export interface Size {
  w: number;
  h: number;
}
export interface Pan {
  x: number;
  y: number;
}

export const CENTRED: Pan = { x: 0, y: 0 };

export function zoomLabel(zoom: Zoom): string {
  return zoom === 'fit' ? 'Fit' : `${zoom * 100} %`;
}

/** CSS pixels per image pixel: the whole image inside the pane for "fit". */
export function scaleOf(zoom: Zoom, image: Size, pane: Size): number {
  if (zoom !== 'fit') return zoom;
  if (image.w <= 0 || image.h <= 0 || pane.w <= 0 || pane.h <= 0) return 1;
  return Math.min(pane.w / image.w, pane.h / image.h);
}

/** The pan kept inside what can be seen: an image smaller than its pane stays centred. */
export function clampPan(pan: Pan, shown: Size, pane: Size): Pan {
  const mx = Math.max(0, (shown.w - pane.w) / 2);
  const my = Math.max(0, (shown.h - pane.h) / 2);
  return { x: clamp(pan.x, -mx, mx), y: clamp(pan.y, -my, my) };
}

/** The same point stays in the middle when the zoom changes (the pan scales with the image). */
export function rescalePan(pan: Pan, from: number, to: number): Pan {
  if (from <= 0) return CENTRED;
  return { x: (pan.x * to) / from, y: (pan.y * to) / from };
}

/** One step in or out through ZOOMS, stopping at the ends. */
export function stepZoom(zoom: Zoom, by: 1 | -1): Zoom {
  const i = ZOOMS.indexOf(zoom);
  return ZOOMS[clamp(i + by, 0, ZOOMS.length - 1)] ?? zoom;
}

/** Where the image's top-left corner sits in its pane. */
export function placement(shown: Size, pane: Size, pan: Pan): Pan {
  return { x: (pane.w - shown.w) / 2 + pan.x, y: (pane.h - shown.h) / 2 + pan.y };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
