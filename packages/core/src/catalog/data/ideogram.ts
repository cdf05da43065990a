import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, LITELLM_PRICES, src } from './sources.ts';

/*
 * Ideogram 3.0 Turbo and Quality through Replicate, which serves each speed as its own model
 * (ideogram-ai/ideogram-v3-turbo, -quality), priced from Ideogram's list.
 *
 * Ideogram through fal. Ideogram's own API is not a route Atelier has an adapter for, so its
 * price page backs the fal route's price; fal's rendering_speed (TURBO/BALANCED/QUALITY) is left
 * at its default BALANCED, Ideogram's "Default" tier.
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

const IDEOGRAM_PRICING = src(
  'https://ideogram.ai/features/api-pricing',
  CATALOG_AS_OF,
  'provider',
  'per output image: 3.0 Turbo $0.03, 3.0 Default $0.06, 3.0 Quality $0.09 (Generate, Remix, Edit, Reframe, Replace Background)',
);
const FAL_IDEOGRAM_V3 = src(
  'https://fal.ai/docs/model-api-reference/image-generation-api/ideogram-v3',
  CATALOG_AS_OF,
  'provider',
  'fal-ai/ideogram/v3: rendering_speed TURBO/BALANCED/QUALITY (default BALANCED); num_images 1–8; seed; negative_prompt; style AUTO/GENERAL/REALISTIC/DESIGN; style reference images; expand_prompt (default on)',
);

const REPLICATE_IDEOGRAM_V3 = src(
  'https://www.eachlabs.ai/ideogram/ideogram-v3/ideogram-v3-turbo/llms.txt',
  CATALOG_AS_OF,
  'third-party',
  'The Replicate ideogram-ai/ideogram-v3-* input schema: prompt; aspect_ratio 1:3 3:1 1:2 2:1 9:16 16:9 10:16 16:10 2:3 3:2 3:4 4:3 4:5 5:4 1:1 (default 1:1); resolution; style_type; magic_prompt_option Auto/On/Off; seed; image + mask for inpainting',
);
const V3_RATIOS = [
  '1:3',
  '3:1',
  '1:2',
  '2:1',
  '9:16',
  '16:9',
  '10:16',
  '16:10',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '1:1',
];

/** Ideogram 3.0 at one rendering speed, as Replicate serves it. */
function ideogramV3Speed(speed: 'Turbo' | 'Quality'): ModelEntryInput {
  const turbo = speed === 'Turbo';
  const price = turbo ? '0.03' : '0.09';
  return {
    id: `ideogram-3-${speed.toLowerCase()}`,
    name: `Ideogram 3.0 ${speed}`,
    aliases: [
      `Ideogram 3 ${speed}`,
      `Ideogram V3 ${speed}`,
      `ideogram-v3-${speed.toLowerCase()}`,
      `ideogram-ai/ideogram-v3-${speed.toLowerCase()}`,
    ],
    vendor: 'ideogram',
    modality: 'image',
    description: turbo
      ? 'Ideogram 3.0 Turbo: the fastest and cheapest Ideogram 3.0, typography-led images for $0.03.'
      : "Ideogram 3.0 Quality: Ideogram's slowest, most detailed 3.0 renders for posters and final artwork, $0.09 an image.",
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: IDEOGRAM_PRICING },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: V3_RATIOS,
      maxImagesPerCall: 1,
      maxWidth: 1536,
      maxHeight: 1536,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...REPLICATE_IDEOGRAM_V3,
        note: `${REPLICATE_IDEOGRAM_V3.note ?? ''}. One image per prediction; the resolution list reaches 1536 px on the long side. Inpainting and style references are not wired in Atelier.`,
      },
    },
    scores: {
      realism: judged(turbo ? 3 : 4, 'positioned for design and text; no benchmark'),
      textRendering: judged(
        4.5,
        "Ideogram's focus is in-image typography; no benchmark in the sources",
      ),
      promptAdherence: judged(4, 'MagicPrompt on Auto by default; no benchmark'),
      editingFlexibility: judged(
        2,
        'text-to-image only here (inpainting exists on the model, not wired)',
      ),
      consistency: judged(3.5, 'seed; style types'),
      speed: judged(
        turbo ? 4.5 : 3,
        turbo
          ? "Ideogram's fastest speed; no measured latency"
          : "Ideogram's slowest speed; no measured latency",
      ),
      costEfficiency: judged(
        turbo ? 4.5 : 3.5,
        `$${price} per image (band ${turbo ? '≤$0.04 → 4.5' : '≤$0.10 → 3.5'})`,
      ),
      finalPolish: judged(
        turbo ? 3 : 4,
        turbo ? 'fast renders, less detail' : 'the most detailed 3.0 renders',
      ),
    },
    strengths: [
      {
        text: 'Typography-first images with fifteen formats, from 1:3 to 3:1',
        source: REPLICATE_IDEOGRAM_V3,
      },
      { text: `$${price} per image at the ${speed} speed`, source: IDEOGRAM_PRICING },
    ],
    limitations: [
      { text: 'One image per call; no negative prompt', source: REPLICATE_IDEOGRAM_V3 },
    ],
    bestFor: [
      {
        text: turbo
          ? 'Fast drafts of posters, logos and social graphics'
          : 'Final posters and packaging with exact words',
        source: IDEOGRAM_PRICING,
      },
    ],
    avoidIf: [{ text: 'You need a transparent background', source: REPLICATE_IDEOGRAM_V3 }],
    prompt: {
      template: '[Subject], [Style], [Composition and Colours]; [Text to render, in quotes]',
      parts: ['subject', 'style', 'text'],
      maxWords: 150,
      tips: ['Put the exact words to render in quotes.'],
      source: {
        ...REPLICATE_IDEOGRAM_V3,
        note: "the same guidance as Ideogram 3.0; 150 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'replicate',
        providerModelId: `ideogram-ai/ideogram-v3-${speed.toLowerCase()}`,
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd(price) }],
          source: IDEOGRAM_PRICING,
          note: `Ideogram's list price for 3.0 ${speed}; Replicate serves it as an official model billed per output image.`,
        },
      },
    ],
  };
}

export const ideogram: ModelEntryInput[] = [
  ideogramV3Speed('Turbo'),
  ideogramV3Speed('Quality'),
  {
    id: 'ideogram-3',
    name: 'Ideogram 3.0',
    aliases: ['Ideogram 3', 'Ideogram V3', 'ideogram-v3', 'fal-ai/ideogram/v3'],
    vendor: 'ideogram',
    modality: 'image',
    description:
      'Ideogram 3.0: typography-first images (posters, logos, packaging) with style presets and style references.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: IDEOGRAM_PRICING },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
      maxImagesPerCall: 8,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: true,
      source: {
        ...FAL_IDEOGRAM_V3,
        note: `${FAL_IDEOGRAM_V3.note ?? ''}. Sizes through fal's image_size presets (square_hd by default); larger custom sizes are not confirmed. Style reference images and edits are not wired in Atelier.`,
      },
    },
    scores: {
      realism: judged(3.5, 'REALISTIC style exists; positioned for design and text; no benchmark'),
      textRendering: judged(
        4.5,
        "Ideogram's focus is in-image typography; no benchmark in the sources",
      ),
      promptAdherence: judged(4, 'MagicPrompt expansion on by default; no benchmark'),
      editingFlexibility: judged(
        2,
        'text-to-image only here (edit, remix and reframe are separate endpoints)',
      ),
      consistency: judged(3.5, 'style codes and style references keep a set consistent'),
      speed: judged(3.5, 'default BALANCED speed; no measured latency'),
      costEfficiency: judged(4, '$0.06 per image at the default speed (band ≤$0.07 → 4)'),
      finalPolish: judged(3.5, 'about 1 MP outputs'),
    },
    strengths: [
      { text: 'Typography-led design images with style presets', source: FAL_IDEOGRAM_V3 },
      { text: 'Up to 8 images per call', source: FAL_IDEOGRAM_V3 },
    ],
    limitations: [
      {
        text: 'Around 1 MP output; no transparency on the generate endpoint',
        source: FAL_IDEOGRAM_V3,
      },
    ],
    bestFor: [
      { text: 'Posters, packaging and social graphics with exact words', source: IDEOGRAM_PRICING },
    ],
    avoidIf: [
      { text: 'You need to edit an existing photo in the same call', source: FAL_IDEOGRAM_V3 },
    ],
    prompt: {
      template: '[Subject], [Style], [Composition and Colours]; [Text to render, in quotes]',
      parts: ['subject', 'style', 'text'],
      maxWords: 150,
      tips: [
        'Put the exact words to render in quotes.',
        'Turn expand_prompt off when the wording must stay exactly as written.',
      ],
      source: {
        ...FAL_IDEOGRAM_V3,
        note: "expand_prompt from fal's schema; 150 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/ideogram/v3',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.06') }],
          source: IDEOGRAM_PRICING,
          note: "Ideogram 3.0 Default (fal's default BALANCED speed); LiteLLM's fal_ai/fal-ai/ideogram/v3 entry agrees on $0.06.",
        },
        note: 'rendering_speed left at BALANCED.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: "LiteLLM's price map lists fal_ai/fal-ai/ideogram/v3 at $0.06 per image",
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.06') }],
          source: LITELLM_PRICES,
        },
        source: LITELLM_PRICES,
      },
    ],
  },
];
