import { AtelierError } from '@atelier/core/errors';
import { VideoRequest } from '@atelier/core/providers';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { readImage } from '../run/inputs.ts';
import { launch } from '../run/launch.ts';
import { parseOptionPairs } from '../run/options.ts';
import { parseModelPicks } from '../run/picks.ts';
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

/**
 * `atelier video "<prompt>" -m a -m b`: one prompt through several video models at once,
 * planned by the studio (launch.ts) with the settings given here.
 */
export async function run({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(VideoFlags, options);
  const picks = parseModelPicks(flags.model);
  const { settings, pollIntervalMs } = cliSettings();
  if (flags.options) return listOptions(picks, cliCatalog(), settings);

  const prompt = readPrompt(args[0]);
  // The studio takes a video's frames by position (the first, then the last): a last frame
  // alone would be read as the first.
  if (flags.lastFrame !== undefined && flags.image === undefined) {
    throw new AtelierError('invalid_input', '--last-frame needs --image, the first frame.', {
      details: { field: 'lastFrame' },
    });
  }
  const first = flags.image === undefined ? undefined : await readImage(flags.image, '--image');
  const last =
    flags.lastFrame === undefined ? undefined : await readImage(flags.lastFrame, '--last-frame');
  return launch({
    request: {
      kind: 'video',
      prompt,
      picks,
      settings: definedOnly({
        duration: flags.seconds,
        resolution: flags.resolution,
        aspectRatio: flags.aspectRatio,
        audio: flags.audio,
        seed: flags.seed,
        negativePrompt: flags.negativePrompt,
      }),
      options: parseOptionPairs(flags.option),
      inputs: { images: [first, last].filter((f) => f !== undefined) },
    },
    flags: runFlags(flags),
    files: {
      ...(first ? { image: first.path } : {}),
      ...(last ? { lastFrame: last.path } : {}),
    },
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
}
