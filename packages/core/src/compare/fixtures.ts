import { Catalog, parseEntries } from '../catalog/index.ts';
import type { z } from 'zod';
import type {
  Criterion,
  ImageCapabilities,
  ModelEntryInput,
  Source,
  VideoCapabilities,
} from '../catalog/schema.ts';
import { usd } from '../money.ts';

/**
 * Small hand-made catalog entries for the compare, recommend and prompt tests: each rule is
 * checked against data whose answer is known, independent of the real catalog's contents.
 */
export const FIXTURE_SOURCE: Source = {
  ref: 'research/provider-facts.md#fixture',
  asOf: '2026-11-23',
  kind: 'editorial',
};

type Scores = Partial<Record<Criterion, number>>;

function scores(values: Scores): ModelEntryInput['scores'] {
  return Object.fromEntries(
    Object.entries(values).map(([c, value]) => [c, { value, source: FIXTURE_SOURCE }]),
  );
}

const PROMPT = {
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
  maxWords: 40,
  tips: ['Fixture tip.'],
  source: FIXTURE_SOURCE,
} satisfies ModelEntryInput['prompt'];

type ImageEntryInput = Extract<ModelEntryInput, { modality: 'image' }>;
type VideoEntryInput = Extract<ModelEntryInput, { modality: 'video' }>;
type ImageCapsInput = z.input<typeof ImageCapabilities>;
type VideoCapsInput = z.input<typeof VideoCapabilities>;

const IMAGE_CAPS: ImageCapsInput = {
  sizes: { kind: 'aspect' },
  aspectRatios: ['1:1', '3:2', '2:3', '16:9', '9:16'],
  qualities: [],
  resolutions: [],
  maxImagesPerCall: 1,
  maxWidth: 2048,
  maxHeight: 2048,
  transparency: false,
  outputFormats: ['png'],
  maxInputImages: 0,
  mask: false,
  seed: false,
  negativePrompt: false,
  source: FIXTURE_SOURCE,
};

export function perImageRoute(
  id: string,
  amount: string,
  provider: 'openai' | 'fal' | 'google' = 'fal',
) {
  return {
    provider,
    providerModelId: `${provider}/${id}`,
    status: 'active' as const,
    price: {
      unit: 'image' as const,
      tiers: [{ when: {}, micros: usd(amount) }],
      source: FIXTURE_SOURCE,
    },
  };
}

export function imageFixture(
  id: string,
  values: Scores,
  overrides: Partial<Omit<ImageEntryInput, 'image'>> & { image?: Partial<ImageCapsInput> } = {},
): ModelEntryInput {
  const { image, ...rest } = overrides;
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'fixture',
    modality: 'image',
    description: `Fixture model ${id}.`,
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', source: FIXTURE_SOURCE },
    scores: scores(values),
    prompt: PROMPT,
    routes: [perImageRoute(id, '0.04')],
    ...rest,
    image: { ...IMAGE_CAPS, ...image },
  };
}

export function videoFixture(
  id: string,
  values: Scores,
  overrides: Partial<Omit<VideoEntryInput, 'video'>> & { video?: Partial<VideoCapsInput> } = {},
): ModelEntryInput {
  const { video, ...rest } = overrides;
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'fixture',
    modality: 'video',
    description: `Fixture video model ${id}.`,
    tasks: ['text-to-video'],
    lifecycle: { status: 'active', source: FIXTURE_SOURCE },
    scores: scores(values),
    prompt: { ...PROMPT, parts: ['subject', 'action', 'environment', 'camera', 'motion'] },
    routes: [
      {
        provider: 'fal',
        providerModelId: `fal/${id}`,
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.10') }],
          source: FIXTURE_SOURCE,
        },
      },
    ],
    ...rest,
    video: {
      durations: [4, 8],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16'],
      audio: 'none',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: FIXTURE_SOURCE,
      ...video,
    },
  };
}

export function fixtureCatalog(entries: readonly ModelEntryInput[]): Catalog {
  return new Catalog(parseEntries(entries));
}
