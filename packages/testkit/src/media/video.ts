import { H264IntraEncoder } from './h264.ts';
import { checkDimensions, renderPattern } from './image.ts';
import { buildMp4 } from './mp4.ts';

export interface VideoSpec {
  width: number;
  height: number;
  durationSeconds: number;
  seed: string;
  /** Frames per second (default 1: small files, still a real video that plays). */
  fps?: number;
  /** Per-cell noise amplitude of the pattern (0–64, default 4). */
  noise?: number;
}

/**
 * A playable H.264 MP4 of exactly the requested size and duration: the seed's test pattern as a
 * grey mosaic of 16×16 cells (what the tiny encoder can draw) that scrolls one cell per frame.
 */
export function renderVideo(spec: VideoSpec): Promise<Buffer> {
  checkDimensions(spec.width, spec.height);
  const fps = spec.fps ?? 1;
  const count = Math.max(1, Math.ceil(spec.durationSeconds * fps));
  const encoder = new H264IntraEncoder(spec.width, spec.height);
  const { mbWidth, mbHeight } = encoder;
  // One pattern wide enough for the whole scroll, rendered at one pixel per cell.
  const stripWidth = mbWidth + count - 1;
  const rgb = renderPattern(stripWidth, mbHeight, 3, spec.seed, spec.noise);
  const frames: Buffer[] = [];
  const levels = new Uint8Array(mbWidth * mbHeight);
  for (let f = 0; f < count; f++) {
    for (let y = 0; y < mbHeight; y++) {
      for (let x = 0; x < mbWidth; x++) {
        const p = (y * stripWidth + x + f) * 3;
        // BT.601 luma of the pattern's pixel.
        levels[y * mbWidth + x] =
          (77 * (rgb[p] ?? 0) + 150 * (rgb[p + 1] ?? 0) + 29 * (rgb[p + 2] ?? 0)) >> 8;
      }
    }
    frames.push(encoder.encodeFrame(levels));
  }
  return Promise.resolve(
    buildMp4({
      width: spec.width,
      height: spec.height,
      durationSeconds: spec.durationSeconds,
      stream: encoder.stream,
      frames,
    }),
  );
}
