import { parseRatio, videoSize, type Size } from '../media/sizes.ts';

/**
 * What each Wan model on DashScope accepts, from Alibaba Cloud Model Studio's API references
 * (help.aliyun.com model-studio, "Text-to-image V2", "Wan 2.5 image edit", "Text-to-video",
 * "Image-to-video" and "Wan2.7 text-to-video / image-to-video"): the endpoint each answers on,
 * its sizes or tiers, clip lengths and the protocol of its body.
 */

export type Endpoint = 'text2image' | 'image2image' | 'video';

export interface WanModel {
  endpoint: Endpoint;
  /** legacy: parameters.size / input.img_url; wan27: parameters.resolution + ratio / input.media. */
  protocol: 'legacy' | 'wan27';
  /** Video: needs a first frame (image-to-video models). */
  frames?: boolean;
  /** Video tiers ("720P"…) the model renders. */
  resolutions?: readonly string[];
  /** Video clip lengths, as [shortest, longest] for a range or the exact list. */
  durations?: readonly number[];
  durationRange?: readonly [number, number];
}

export const WAN_MODELS: Readonly<Record<string, WanModel>> = {
  'wan2.5-t2i-preview': { endpoint: 'text2image', protocol: 'legacy' },
  'wan2.5-i2i-preview': { endpoint: 'image2image', protocol: 'legacy' },
  'wan2.5-t2v-preview': {
    endpoint: 'video',
    protocol: 'legacy',
    resolutions: ['480P', '720P', '1080P'],
    durations: [5, 10],
  },
  'wan2.5-i2v-preview': {
    endpoint: 'video',
    protocol: 'legacy',
    frames: true,
    resolutions: ['480P', '720P', '1080P'],
    durations: [5, 10],
  },
  'wan2.7-t2v': {
    endpoint: 'video',
    protocol: 'wan27',
    resolutions: ['720P', '1080P'],
    durationRange: [2, 15],
  },
  'wan2.7-i2v': {
    endpoint: 'video',
    protocol: 'wan27',
    frames: true,
    resolutions: ['720P', '1080P'],
    durationRange: [2, 15],
  },
};

/** The legacy text-to-video sizes ("W*H") by tier. */
export const WAN_VIDEO_SIZES: Readonly<Record<string, readonly string[]>> = {
  '480P': ['832*480', '480*832', '624*624'],
  '720P': ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'],
  '1080P': ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'],
};

export const WAN27_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;

/** "W*H" as DashScope writes sizes. */
export function parseStarSize(size: string): Size | undefined {
  const m = /^(\d{1,5})\*(\d{1,5})$/.exec(size);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** wan2.5 image sizes: total pixels within [768*768, 1440*1440], aspect ratio within [1:4, 4:1]. */
export function wanImageSize(size: string | undefined): { size: Size } | { error: string } {
  if (size === undefined) return { size: { width: 1280, height: 1280 } };
  const parsed = parseStarSize(size);
  if (!parsed) return { error: 'size must be "width*height", e.g. 1280*1280' };
  const pixels = parsed.width * parsed.height;
  if (pixels < 768 * 768 || pixels > 1440 * 1440)
    return { error: 'the total pixels of size must be between 768*768 and 1440*1440' };
  const ratio = parsed.width / parsed.height;
  if (ratio < 1 / 4 || ratio > 4)
    return { error: 'the aspect ratio of size must be between 1:4 and 4:1' };
  return { size: parsed };
}

/** The frame a tier renders at a ratio, or in an input image's shape. */
export function wanVideoFrame(tier: string, ratio: string | Size): Size {
  const r = typeof ratio === 'string' ? ratio : `${ratio.width}:${ratio.height}`;
  return (
    videoSize(tier.toLowerCase(), parseRatio(r) !== undefined ? r : '16:9') ?? {
      width: 1280,
      height: 720,
    }
  );
}

/** The short side DashScope's usage reports as SR. */
export function shortSide(tier: string): number {
  return Number(tier.replace(/p$/i, '')) || 720;
}
