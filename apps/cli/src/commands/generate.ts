import { ImageRequest } from '@atelier/core/providers';
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

const GenerateFlags = z
  .object({
    ...RunFlagsShape,
    count: ImageRequest.shape.n,
    size: ImageRequest.shape.size,
    aspectRatio: ImageRequest.shape.aspectRatio,
    quality: ImageRequest.shape.quality,
    resolution: ImageRequest.shape.resolution,
    seed: ImageRequest.shape.seed,
    format: ImageRequest.shape.outputFormat,
    background: ImageRequest.shape.background,
    negativePrompt: ImageRequest.shape.negativePrompt,
    image: z.array(z.string()).max(16).default([]),
    mask: z.string().optional(),
  })
  .strict();

/**
 * `atelier generate "<prompt>" -m a -m b`: one prompt through several image models at once,
 * planned by the studio (launch.ts) with the settings given here and nothing decided here.
 */
export async function run({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(GenerateFlags, options);
  const picks = parseModelPicks(flags.model);
  const { settings, pollIntervalMs } = cliSettings();
  if (flags.options) return listOptions(picks, cliCatalog(), settings);

  const prompt = readPrompt(args[0]);
  const images = await Promise.all(flags.image.map((path) => readImage(path, '--image')));
  const mask = flags.mask === undefined ? undefined : await readImage(flags.mask, '--mask');
  return launch({
    request: {
      kind: 'image',
      prompt,
      picks,
      settings: definedOnly({
        n: flags.count,
        size: flags.size,
        aspectRatio: flags.aspectRatio,
        quality: flags.quality,
        resolution: flags.resolution,
        seed: flags.seed,
        outputFormat: flags.format,
        background: flags.background,
        negativePrompt: flags.negativePrompt,
      }),
      options: parseOptionPairs(flags.option),
      inputs: { images, ...(mask ? { mask } : {}) },
    },
    flags: runFlags(flags),
    files: {
      ...(images.length ? { images: images.map((i) => i.path) } : {}),
      ...(mask ? { mask: mask.path } : {}),
    },
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
}
