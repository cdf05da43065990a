import sharp from 'sharp';
import { checkDimensions, renderPattern } from './image.ts';
import { buildMp4 } from './mp4.ts';

export interface VideoSpec {
  width: number;
  height: number;
  durationSeconds: number;
  seed: string;
  /** Frames per second of the Motion JPEG track (default 1: small files, still a real video). */
  fps?: number;
  noise?: number;
}

export async function renderVideo(spec: VideoSpec): Promise<Buffer> {
  checkDimensions(spec.width, spec.height);
  const fps = spec.fps ?? 1;
  const count = Math.max(1, Math.ceil(spec.durationSeconds * fps));
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const raw = renderPattern(
      spec.width,
      spec.height,
      3,
      `${spec.seed}\u0000frame${i}`,
      spec.noise,
    );
    frames.push(
      await sharp(raw, { raw: { width: spec.width, height: spec.height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer(),
    );
  }
  return buildMp4({
    width: spec.width,
    height: spec.height,
    durationSeconds: spec.durationSeconds,
    frames,
  });
}
