import { z } from 'zod';
import { AspectRatio, Provider, SizeString } from '../catalog/schema.ts';

/**
 * What a caller may say about the assets it wants priced. Every field is optional: whatever is
 * left out becomes a range (low/high) with the provider default as the expected value.
 */
export const PriceParamsSchema = z
  .object({
    /** Assets to produce (images or clips). */
    count: z.number().int().positive().max(1_000_000).optional(),
    /** Provider quality word ("low", "medium", "high", "auto"…). */
    quality: z.string().trim().min(1).optional(),
    /** Output size; "auto" lets the provider choose. */
    size: z.union([SizeString, z.literal('auto')]).optional(),
    /** Resolution tier: "1K" / "2K" / "4K" for images, "720p" / "1080p" / "4k" for video. */
    resolution: z.string().trim().min(1).optional(),
    aspectRatio: AspectRatio.optional(),
    /** Clip length of each video. */
    seconds: z.number().positive().max(3600).optional(),
    audio: z.boolean().optional(),
    /** Route-specific variant ("pro", "standard", "vector"…). */
    variant: z.string().trim().min(1).optional(),
    /** Reference / edit images sent with each request. */
    inputImages: z.number().int().min(0).max(64).optional(),
    /** Total pixels of the input images of one request (megapixel-priced edits). */
    inputPixels: z.number().int().min(0).optional(),
    /** Prompt length in tokens, when known. */
    promptTokens: z.number().int().min(0).optional(),
  })
  .strict();
export type PriceParams = z.input<typeof PriceParamsSchema>;

export const EstimateRequestSchema = PriceParamsSchema.extend({
  model: z.string().trim().min(1),
  provider: Provider.optional(),
  /** Price exactly this route (the one `selectRoute` picked), not the cheapest. */
  providerModelId: z.string().trim().min(1).optional(),
  prompt: z.string().optional(),
}).strict();
export type EstimateRequest = z.input<typeof EstimateRequestSchema>;

export interface Dimensions {
  width: number;
  height: number;
}

export function parseSize(size: string): Dimensions {
  const [w, h] = size.toLowerCase().split('x');
  return { width: Number(w), height: Number(h) };
}

export function formatSize({ width, height }: Dimensions): string {
  return `${width}x${height}`;
}

function ratioOf(aspectRatio: string | undefined, fallback: string): number {
  const [w, h] = (aspectRatio ?? fallback).split(':').map(Number);
  return (w ?? 1) / (h ?? 1);
}

/** Nearest even integer: video encoders need even edges (854x480, not 853x480). */
function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/**
 * The frame a named video resolution produces: "720p" at 16:9 is 1280x720; "2k" and "4k"
 * follow the common 1440/2160-line conventions. The short edge is the line count.
 */
export function videoFrame(resolution: string, aspectRatio?: string): Dimensions | undefined {
  const r = resolution.toLowerCase();
  const lines = /^(\d+)p$/.exec(r)?.[1];
  const short = lines ? Number(lines) : r === '2k' ? 1440 : r === '4k' ? 2160 : undefined;
  if (!short) return undefined;
  const ratio = ratioOf(aspectRatio, '16:9');
  const long = even(short * Math.max(ratio, 1 / ratio));
  return ratio >= 1 ? { width: long, height: short } : { width: short, height: long };
}

/** The frame an image resolution tier ("2K" = long edge 2048) produces at an aspect ratio. */
export function tierFrame(longEdge: number, aspectRatio?: string): Dimensions {
  const ratio = ratioOf(aspectRatio, '1:1');
  const short = Math.round(longEdge / Math.max(ratio, 1 / ratio));
  return ratio >= 1 ? { width: longEdge, height: short } : { width: short, height: longEdge };
}

/**
 * A rough token count for a prompt: English averages about 0.75 words per token, so tokens ≈
 * words × 4/3. Good enough for a cost line worth fractions of a cent.
 */
export function promptTokensFromText(prompt: string): number {
  const words = prompt.trim().split(/\s+/).filter(Boolean).length;
  return Math.ceil((words * 4) / 3);
}
