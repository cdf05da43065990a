import {
  ImageSettings,
  VideoSettings,
  type ImageRequestInput,
  type Kind,
  type VideoRequestInput,
} from '@atelier/core';

/**
 * What a job runs with. A generation stores the plan's request for its model (core's planner:
 * every priced setting explicit, plain JSON), so the request is rebuilt from it, the prompt and
 * the inputs' bytes, and replayed as it is after a restart.
 */

/** The settings a request may carry: the provider spec's request minus prompt and input bytes. */
export const ImageParams = ImageSettings;
export type ImageParams = ImageSettings;
export const VideoParams = VideoSettings;
export type VideoParams = VideoSettings;

export type JobKind = Kind;

/** The request a stored generation runs with: its params, the prompt and its inputs' bytes. */
export function imageRequestOf(
  prompt: string,
  params: Record<string, unknown>,
  inputs: Pick<ImageRequestInput, 'referenceImages' | 'mask'> = {},
): ImageRequestInput {
  return { ...(params as Omit<ImageRequestInput, 'prompt'>), ...inputs, prompt };
}

export function videoRequestOf(
  prompt: string,
  params: Record<string, unknown>,
  inputs: Pick<VideoRequestInput, 'firstFrame' | 'lastFrame'> = {},
): VideoRequestInput {
  return { ...(params as Omit<VideoRequestInput, 'prompt'>), ...inputs, prompt };
}
