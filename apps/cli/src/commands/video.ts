import { VideoRequest } from '@atelier/core/providers';
import { parseInput } from '@atelier/core/validate';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { media, readImage } from '../run/inputs.ts';
import { launch } from '../run/launch.ts';
import { parseOptionPairs } from '../run/options.ts';
import { parseModelPicks } from '../run/picks.ts';
import { planVideo, resolvePicks } from '../run/plan.ts';
import {
  cliSettings,
  definedOnly,
  listOptions,
  readPrompt,
  runFlags,
  RunFlagsShape,
} from '../run/shared.ts';

const VideoFlags = z
  .object({
    ...RunFlagsShape,
    seconds: VideoRequest.shape.duration,
    resolution: VideoRequest.shape.resolution,
    aspectRatio: VideoRequest.shape.aspectRatio,
    audio: VideoRequest.shape.audio,
    seed: VideoRequest.shape.seed,
    negativePrompt: VideoRequest.shape.negativePrompt,
    image: z.string().optional(),
    lastFrame: z.string().optional(),
  })
  .strict();

/** `atelier video "<prompt>" -m a -m b`: one prompt through several video models at once. */
export async function run({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(VideoFlags, options);
  const picks = parseModelPicks(flags.model);
  const catalog = cliCatalog();
  const { settings, pollIntervalMs } = cliSettings();
  if (flags.options) return listOptions(picks, catalog, settings);
  resolvePicks('video', picks, catalog);

  const prompt = readPrompt(args[0]);
  const first = flags.image === undefined ? undefined : await readImage(flags.image, '--image');
  const last =
    flags.lastFrame === undefined ? undefined : await readImage(flags.lastFrame, '--last-frame');
  const settingsOnly = definedOnly({
    duration: flags.seconds,
    resolution: flags.resolution,
    aspectRatio: flags.aspectRatio,
    audio: flags.audio,
    seed: flags.seed,
    negativePrompt: flags.negativePrompt,
  });
  const base = {
    ...settingsOnly,
    ...(first ? { firstFrame: media(first) } : {}),
    ...(last ? { lastFrame: media(last) } : {}),
  };
  const request = parseInput(VideoRequest, { ...base, prompt }, 'video request');

  return launch({
    kind: 'video',
    prompt,
    flags: runFlags(flags),
    seed: flags.seed,
    params: {
      ...settingsOnly,
      ...(first ? { image: first.path } : {}),
      ...(last ? { lastFrame: last.path } : {}),
    },
    jobParams: settingsOnly,
    // The studio takes a video's frames as its input images: the first, then the last.
    inputs: { images: [first, last].filter((f) => f !== undefined) },
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    plan: (credentials, price) =>
      planVideo({
        prompt,
        picks,
        request,
        options: parseOptionPairs(flags.option),
        catalog,
        credentials,
        price,
        keysRequired: !flags.dryRun,
      }),
  });
}
