import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * xAI's Grok Imagine Image through fal, at fal's $0.02 per image. Grok Imagine Video is not here:
 * fal's priced endpoint for it (v1.5) is image-to-video only, and Atelier's video routes start
 * from text.
 *
 * Editorial costEfficiency band (per standard image): ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3 · ≤$0.25 2.5 · above 2.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_GROK_IMAGE = src(
  'https://fal.ai/models/xai/grok-imagine-image/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'xai/grok-imagine-image: $0.02 per image; num_images 1–4; aspect_ratio 2:1 20:9 19.5:9 16:9 4:3 3:2 1:1 2:3 3:4 9:16 9:19.5 9:20 1:2 (default 1:1); output_format jpeg (default), png or webp',
);

export const xai: ModelEntryInput[] = [
  {
    id: 'grok-imagine-image',
    name: 'Grok Imagine Image',
    aliases: ['Grok Imagine', 'grok-imagine', 'xAI Grok Imagine Image', 'xai/grok-imagine-image'],
    vendor: 'xai',
    modality: 'image',
    description:
      "xAI's Grok Imagine Image: highly aesthetic images in thirteen formats, from 2:1 to phone-tall 9:20, for $0.02 each.",
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: FAL_GROK_IMAGE },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: [
        '2:1',
        '20:9',
        '19.5:9',
        '16:9',
        '4:3',
        '3:2',
        '1:1',
        '2:3',
        '3:4',
        '9:16',
        '9:19.5',
        '9:20',
        '1:2',
      ],
      maxImagesPerCall: 4,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['jpeg', 'png', 'webp'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_GROK_IMAGE,
        note: `${FAL_GROK_IMAGE.note ?? ''}. Sized by aspect ratio only; the pixel size is not published (about 1 MP assumed). No seed or negative prompt; the edit endpoint is not wired.`,
      },
    },
    scores: {
      realism: judged(3.5, 'xAI: highly aesthetic images (provider wording); no benchmark'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(2.5, 'no seed: a result cannot be reproduced'),
      speed: judged(4, 'no measured latency; a fast tier at this price'),
      costEfficiency: judged(5, '$0.02 per image (band ≤$0.02 → 5)'),
      finalPolish: judged(3, 'about 1 MP'),
    },
    strengths: [
      { text: '$0.02 per image, up to 4 per call', source: FAL_GROK_IMAGE },
      { text: 'Phone-tall and ultra-wide formats (9:20, 20:9)', source: FAL_GROK_IMAGE },
    ],
    limitations: [{ text: 'No seed: a result cannot be reproduced', source: FAL_GROK_IMAGE }],
    bestFor: [
      { text: 'Cheap, striking concept images in screen-shaped formats', source: FAL_GROK_IMAGE },
    ],
    avoidIf: [{ text: 'You need exact sizes or reproducible seeds', source: FAL_GROK_IMAGE }],
    prompt: {
      template: '[Subject], [Style], [Composition], [Lighting and Mood]',
      parts: ['subject', 'style', 'lighting'],
      maxWords: 100,
      tips: ["fal's example names the subject, the visual style and the mood in one line."],
      source: {
        ...FAL_GROK_IMAGE,
        note: "structure from fal's example prompt; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'xai/grok-imagine-image',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.02') }],
          source: FAL_GROK_IMAGE,
        },
      },
    ],
  },
];
