import { GENERATION_STATUSES, isTerminal } from '@atelier/core/jobs';
import type { RouterOutputs } from '../trpc.ts';
export { formatWhen } from './format.ts';

/** A generation as the API returns it: the row plus its assets' URLs. */
export type Generation = RouterOutputs['jobs']['get'];
export type GenerationStatus = Generation['status'];
export type GenerationAsset = Generation['assets'][number];

export const STATUS_LABELS: Record<GenerationStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const ALL_STATUSES: GenerationStatus[] = [...GENERATION_STATUSES];

export const isFinished: (status: GenerationStatus) => boolean = isTerminal;

/** Time from queueing to the finished asset, as the job measured it (queue + provider + download). */
export function latencyMs(g: Generation): number | undefined {
  const parts = [g.queueMs, g.generationMs, g.downloadMs].filter((v): v is number => v !== null);
  if (parts.length) return parts.reduce((a, b) => a + b, 0);
  if (!g.finishedAt) return undefined;
  return new Date(g.finishedAt).getTime() - new Date(g.queuedAt).getTime();
}

/** "850 ms", "3.2 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The cost to show: what the provider charged once known, else the estimate made at submit. */
export function costOf(g: Generation): { micros: number; actual: boolean } {
  return g.actualCostMicros !== null
    ? { micros: g.actualCostMicros, actual: true }
    : { micros: g.estimatedCostMicros, actual: false };
}

/** "fox-lighthouse-gpt-image-1-5.png": a download name people can recognise later. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' };

/**
 * Whether an output can be given to another run (edit with a mask, hand off): the studio takes
 * PNG, JPEG, WebP and GIF inputs only, so an SVG (Recraft's vectors) is shown and downloaded, not
 * handed on.
 */
export function canBeInput(asset: Pick<GenerationAsset, 'mediaType'>): boolean {
  return /^image\/(png|jpeg|webp|gif)$/.test(asset.mediaType);
}

export function downloadName(g: Generation, asset: GenerationAsset): string {
  const words = g.prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 6)
    .join('-');
  const ext =
    EXTENSIONS[asset.mediaType] ?? asset.mediaType.split('/')[1]?.replace(/\W.*$/, '') ?? 'bin';
  const index = g.assets.length > 1 ? `-${asset.index + 1}` : '';
  return `${words || 'generation'}-${g.modelId}${index}.${ext}`;
}

/**
 * Whose it is and whether the team can see it, for people: "Shared by Ada" (someone's shared
 * generation), "By Ada" (someone's, seen by an admin), "Shared with the team" (your own), or
 * nothing for your own unshared one.
 */
export function sharingLabel(g: Generation): string | undefined {
  if (g.ownerName !== null) return `${g.sharedAt !== null ? 'Shared by' : 'By'} ${g.ownerName}`;
  return g.sharedAt !== null ? 'Shared with the team' : undefined;
}

export type GenerationInput = Generation['inputs'][number];

/** What `generate.create` takes to run a generation again with the images it was given. */
export function rerunInputs(
  inputs: readonly Pick<GenerationInput, 'role' | 'index' | 'sha256'>[],
): { images?: string[]; mask?: string } | undefined {
  const images = inputs
    .filter((i) => i.role === 'reference')
    .sort((a, b) => a.index - b.index)
    .map((i) => i.sha256);
  const mask = inputs.find((i) => i.role === 'mask')?.sha256;
  if (images.length === 0 && mask === undefined) return undefined;
  return { ...(images.length > 0 ? { images } : {}), ...(mask === undefined ? {} : { mask }) };
}

/** "Reference 1", "Reference 2", "Mask": how an input is named where it is shown. */
export function inputLabel(input: Pick<GenerationInput, 'role' | 'index'>): string {
  return input.role === 'mask' ? 'Mask' : `Reference ${input.index + 1}`;
}
