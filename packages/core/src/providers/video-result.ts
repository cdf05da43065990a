import type { Route } from '../catalog/schema.ts';
import { videoDimensions } from './capabilities.ts';
import { mp4Info } from './media.ts';
import type { Latency, ReportedUsage, VideoOperation, VideoResult } from './spec.ts';

/** Builds a video result from downloaded clips; measured facts beat requested ones. */
export function videoResult(
  route: Route,
  operation: VideoOperation,
  clips: { data: Uint8Array; mediaType: string }[],
  usage: ReportedUsage,
  latency: Latency,
  providerRequestId?: string,
): VideoResult {
  const { duration, resolution, aspectRatio } = operation.params;
  const fallback = videoDimensions(resolution, aspectRatio);
  const assets = clips.map((clip) => {
    const info = mp4Info(clip.data);
    return {
      data: clip.data,
      mediaType: clip.mediaType === 'application/octet-stream' ? 'video/mp4' : clip.mediaType,
      width: info?.width ?? fallback.width,
      height: info?.height ?? fallback.height,
      durationSeconds: info?.durationSeconds ?? duration,
    };
  });
  const seconds = assets.reduce((sum, a) => sum + (a.durationSeconds ?? duration), 0);
  const reported: ReportedUsage = { ...usage, videoSeconds: usage.videoSeconds ?? seconds };
  return { assets, usage: reported, warnings: operation.warnings, providerRequestId, latency };
}
