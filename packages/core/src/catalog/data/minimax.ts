import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * MiniMax through fal: Image-01 ($0.01 per image) and Hailuo video. Hailuo 02 Standard is priced
 * per second ($0.045/s at 768P). Hailuo 2.3 Standard is priced per clip ($0.28 for 6 s, $0.56 for
 * 10 s): per second that is exact for 10 s clips only ($0.056/s), so only 10 s is offered; the
 * 2.3 Pro clip ($0.49, length not stated) is not here.
 *
 * Editorial costEfficiency band (video, per second at the default settings):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_HAILUO02_STD = src(
  'https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Hailuo 02 Standard: $0.045/s at 768P (about $0.017/s at 512P); $0.27 for a 6 s 768p clip; duration "6" or "10"; end_image_url; prompt_optimizer (default on)',
);
const FAL_IMAGE01 = src(
  'https://fal.ai/models/fal-ai/minimax/image-01/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'MiniMax Image-01: $0.01 per image; prompt up to 1,500 characters (longer prompts give better images); aspect_ratio 1:1 16:9 4:3 3:2 2:3 3:4 9:16 21:9; num_images 1–9; prompt_optimizer',
);
const FAL_HAILUO02_T2V = src(
  'https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/text-to-video/api',
  CATALOG_AS_OF,
  'provider',
  'fal-ai/minimax/hailuo-02/standard/text-to-video: text-to-video at 768p',
);

const FAL_HAILUO23_STD = src(
  'https://fal.ai/models/fal-ai/minimax/hailuo-2.3/standard/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'MiniMax Hailuo 2.3 Standard text-to-video, 768p: $0.28 per 6 s video, $0.56 per 10 s video; duration "6" or "10" (default 6); prompt_optimizer (default on)',
);

export const minimax: ModelEntryInput[] = [
  {
    id: 'minimax-image-01',
    name: 'MiniMax Image-01',
    aliases: ['Image-01', 'MiniMax Image 01', 'Hailuo Image-01', 'fal-ai/minimax/image-01'],
    vendor: 'minimax',
    modality: 'image',
    description:
      "MiniMax's Image-01: stylized or realistic images from detailed prompts, up to 9 per call at $0.01 each.",
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: FAL_IMAGE01 },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '16:9', '4:3', '3:2', '2:3', '3:4', '9:16', '21:9'],
      maxImagesPerCall: 9,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['jpeg'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_IMAGE01,
        note: `${FAL_IMAGE01.note ?? ''}. Sized by aspect ratio only; the pixel size is not published (about 1 MP assumed). No seed, negative prompt or output format; the subject-reference endpoint is not wired.`,
      },
    },
    scores: {
      realism: judged(3.5, 'fal tags it realism and stylized; no benchmark'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(
        3.5,
        'fal: longer prompts give better images; optional prompt optimizer',
      ),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3, 'no seed; no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(5, '$0.01 per image (band ≤$0.02 → 5)'),
      finalPolish: judged(3, 'about 1 MP'),
    },
    strengths: [
      { text: 'Among the cheapest images on fal at $0.01, up to 9 per call', source: FAL_IMAGE01 },
      { text: 'Eight aspect ratios including 21:9', source: FAL_IMAGE01 },
    ],
    limitations: [{ text: 'No seed: a result cannot be reproduced', source: FAL_IMAGE01 }],
    bestFor: [
      { text: 'Large batches of concept variations from a detailed brief', source: FAL_IMAGE01 },
    ],
    avoidIf: [{ text: 'You need exact sizes or reproducible seeds', source: FAL_IMAGE01 }],
    prompt: {
      template: '[Subject], [Action], [Environment], [Lighting], [Style]',
      parts: ['subject', 'environment', 'lighting', 'style'],
      maxWords: 220,
      tips: ['Longer, detailed prompts give better images (fal).'],
      source: { ...FAL_IMAGE01, note: '1,500 characters is about 220 words' },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/minimax/image-01',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.01') }], source: FAL_IMAGE01 },
      },
    ],
  },
  {
    id: 'hailuo-02',
    name: 'MiniMax Hailuo 02',
    aliases: ['Hailuo 02', 'Hailuo-02', 'MiniMax Hailuo-02', 'Hailuo 02 Standard'],
    vendor: 'minimax',
    modality: 'video',
    description:
      'MiniMax Hailuo 02 Standard: silent 6 or 10 s clips at 768p for $0.045 per second, with start and end frames.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_HAILUO02_T2V },
    video: {
      durations: [6, 10],
      resolutions: ['768p'],
      aspectRatios: ['16:9'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_HAILUO02_STD,
        note: `${FAL_HAILUO02_STD.note ?? ''}. The text-to-video schema takes no aspect ratio (16:9 assumed) or resolution; 512P (image-to-video only) is not offered. No audio, seed or negative prompt.`,
      },
    },
    scores: {
      realism: judged(3.5, 'previous Hailuo generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'prompt optimizer on by default; no benchmark'),
      editingFlexibility: judged(3, 'start and end frame on image-to-video'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(5, '$0.045/s at 768p (band ≤$0.06 → 5)'),
      finalPolish: judged(3, '768p, silent'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      {
        text: 'Cheap per second ($0.045 at 768p) with start and end frames',
        source: FAL_HAILUO02_STD,
      },
    ],
    limitations: [
      { text: 'Only 6 or 10 s and 768p; no audio', source: FAL_HAILUO02_STD },
      { text: 'No aspect-ratio choice on text-to-video', source: FAL_HAILUO02_T2V },
    ],
    bestFor: [
      { text: 'Inexpensive silent clips and start-to-end transitions', source: FAL_HAILUO02_STD },
    ],
    avoidIf: [{ text: 'You need 1080p or sound', source: FAL_HAILUO02_STD }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'camera'],
      maxWords: 100,
      tips: [
        "MiniMax's prompt optimizer rewrites the prompt by default; keep it short and concrete.",
      ],
      source: {
        ...FAL_HAILUO02_STD,
        note: "prompt_optimizer from fal's schema; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/minimax/hailuo-02/standard/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '768p' }, micros: usd('0.045') }],
          source: FAL_HAILUO02_STD,
          note: 'Rate from the Standard image-to-video page; text-to-video is the same 768p tier.',
        },
        note: 'Image-to-video: fal-ai/minimax/hailuo-02/standard/image-to-video (image_url, end_image_url).',
      },
    ],
  },
  {
    id: 'hailuo-2-3',
    name: 'MiniMax Hailuo 2.3',
    aliases: ['Hailuo 2.3', 'Hailuo-2.3', 'MiniMax Hailuo-2.3', 'Hailuo 2.3 Standard'],
    vendor: 'minimax',
    modality: 'video',
    description:
      'MiniMax Hailuo 2.3 Standard: silent 10-second clips at 768p for $0.56, with a prompt optimizer.',
    tasks: ['text-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_HAILUO23_STD },
    video: {
      durations: [10],
      resolutions: ['768p'],
      aspectRatios: ['16:9'],
      audio: 'none',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_HAILUO23_STD,
        note: `${FAL_HAILUO23_STD.note ?? ''}. 6 s clips ($0.28) are not a whole number of micro-dollars per second, so only 10 s is offered; the text-to-video schema takes no aspect ratio (16:9 assumed), resolution, seed or negative prompt; image-to-video is not wired.`,
      },
    },
    scores: {
      realism: judged(3.5, 'the Hailuo generation after 02; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'prompt optimizer on by default; no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-video only here'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(5, '$0.056/s at 768p (band ≤$0.06 → 5)'),
      finalPolish: judged(3, '768p, silent'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [{ text: '10-second clips for $0.56', source: FAL_HAILUO23_STD }],
    limitations: [
      { text: '10 s only here, 768p, no sound', source: FAL_HAILUO23_STD },
      { text: 'No aspect-ratio choice on text-to-video', source: FAL_HAILUO23_STD },
    ],
    bestFor: [{ text: 'Longer silent b-roll on a budget', source: FAL_HAILUO23_STD }],
    avoidIf: [{ text: 'You need 1080p, sound or a vertical format', source: FAL_HAILUO23_STD }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'camera'],
      maxWords: 120,
      tips: [
        "fal's example describes one scene in several sentences and ends with the atmosphere; the prompt optimizer rewrites it unless turned off.",
      ],
      source: {
        ...FAL_HAILUO23_STD,
        note: "structure from fal's example prompt; 120 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/minimax/hailuo-2.3/standard/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '768p' }, micros: usd('0.056') }],
          source: FAL_HAILUO23_STD,
          note: '$0.56 per 10 s clip = $0.056 per second.',
        },
      },
    ],
  },
];
