/**
 * The mask editor's drawing: strokes in image pixels, replayed onto a canvas the size of the
 * image. The exported mask follows OpenAI's convention, which the studio uses for every model
 * that edits inside a mask: a PNG the size of the image, opaque where the image stays and fully
 * transparent (alpha 0) where the edit may paint.
 */

export type MaskOp =
  { kind: 'paint' | 'erase'; size: number; points: [number, number][] } | { kind: 'clear' };

/** The ops that still show: everything after the last clear (a clear is undone like a stroke). */
export function visibleOps(ops: readonly MaskOp[]): Exclude<MaskOp, { kind: 'clear' }>[] {
  const start = ops.findLastIndex((op) => op.kind === 'clear') + 1;
  return ops.slice(start).filter((op) => op.kind !== 'clear');
}

/** Whether anything is painted (an erase after it may still have removed it all). */
export function hasPaint(ops: readonly MaskOp[]): boolean {
  return visibleOps(ops).some((op) => op.kind === 'paint');
}

/** Brush diameters in image pixels: from fine detail up to a quarter of the shorter side. */
export function brushRange(
  width: number,
  height: number,
): { min: number; max: number; start: number } {
  const short = Math.max(1, Math.min(width, height));
  const max = Math.max(8, Math.round(short / 4));
  return { min: 2, max, start: Math.min(max, Math.max(4, Math.round(short * 0.06))) };
}

/** A point on the displayed image, in image pixels, kept inside the image. */
export function toImagePoint(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
  image: { width: number; height: number },
): [number, number] {
  const x = ((clientX - box.left) / Math.max(1, box.width)) * image.width;
  const y = ((clientY - box.top) / Math.max(1, box.height)) * image.height;
  return [Math.min(image.width, Math.max(0, x)), Math.min(image.height, Math.max(0, y))];
}

/**
 * Draws one stroke: round dabs joined by round segments (a single point is a dot). The colour is
 * for the screen; the mask reads only where paint is.
 */
export function drawOp(
  ctx: CanvasRenderingContext2D,
  op: Exclude<MaskOp, { kind: 'clear' }>,
  color = '#000',
): void {
  const [first, ...rest] = op.points;
  if (!first) return;
  ctx.save();
  ctx.globalCompositeOperation = op.kind === 'erase' ? 'destination-out' : 'source-over';
  ctx.fillStyle = ctx.strokeStyle = color;
  ctx.lineWidth = op.size;
  ctx.lineCap = ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.arc(first[0], first[1], op.size / 2, 0, Math.PI * 2);
  ctx.fill();
  if (rest.length) {
    ctx.beginPath();
    ctx.moveTo(first[0], first[1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Clears the canvas and draws what still shows. */
export function replay(
  ctx: CanvasRenderingContext2D,
  ops: readonly MaskOp[],
  color = '#000',
): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (const op of visibleOps(ops)) drawOp(ctx, op, color);
}

/**
 * The mask as a PNG the size of `painted` (the image's size): opaque black everywhere, with
 * what was painted cut out to full transparency.
 */
export function maskPng(painted: HTMLCanvasElement): Promise<Blob> {
  const out = document.createElement('canvas');
  out.width = painted.width;
  out.height = painted.height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw the mask.'));
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.globalCompositeOperation = 'destination-out';
  ctx.drawImage(painted, 0, 0);
  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The mask could not be encoded.'))),
      'image/png',
    ),
  );
}
