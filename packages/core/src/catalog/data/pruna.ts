import { usd } from '../../money.ts';
import type { ModelEntryInput, Score } from '../schema.ts';
import { CATALOG_AS_OF, SEEDS, src } from './sources.ts';

/*
 * Pruna AI's speed-optimised FLUX.1 Kontext [dev], served on Replicate only
 * (`prunaai/flux-kontext-fast`). An instruction editor: one input image and a prompt.
 *
 * The price is thin: Replicate's model page is quoted at "$0.01 per image" (11.3M runs) in a
 * public app's Replicate model list, and another app's price table bills it 0.01; the catalog
 * audit of 2026-12-06 saw "~$0.005/image" in a third public table. The higher figure is listed,
 * so a budget never under-reserves; the route note says so.
 */

const REPLICATE_PAGE = src(
  'https://replicate.com/prunaai/flux-kontext-fast',
  CATALOG_AS_OF,
  'third-party',
  'Replicate model page as quoted in public code: "$0.01 per image", 11.3M runs; input img_cond_path (required), prompt, aspect_ratio (match_input_image, 1:1, 16:9, 9:16, 4:3, 3:4), image_size 512–2048 (long side, default 1024), speed_mode, seed, output_format webp|jpg|png, output_quality',
);
const AUDIT = src(
  'research/catalog-audit-2026-12-06.md',
  CATALOG_AS_OF,
  'third-party',
  'Flux Kontext Fast named in seed 001; Replicate prunaai/flux-kontext-fast, ~$0.005/image per public code',
);

const judged = (value: number, note: string): Score => ({
  value,
  source: src(REPLICATE_PAGE.ref, CATALOG_AS_OF, 'editorial'),
  note,
});

export const pruna: ModelEntryInput[] = [
  {
    id: 'flux-kontext-fast',
    name: 'Flux Kontext Fast',
    aliases: ['FLUX Kontext Fast', 'prunaai/flux-kontext-fast', 'Pruna Flux Kontext'],
    vendor: 'pruna',
    modality: 'image',
    description:
      "Pruna AI's speed-optimised FLUX.1 Kontext [dev] on Replicate: quick instruction edits of one image for about a cent.",
    tasks: ['edit'],
    lifecycle: { status: 'active', source: REPLICATE_PAGE },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '16:9', '9:16', '4:3', '3:4'],
      qualities: [],
      resolutions: [],
      maxImagesPerCall: 1,
      // image_size is the long side, 1024 unless asked; Atelier leaves it at that.
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['webp', 'jpeg', 'png'],
      maxInputImages: 1,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: REPLICATE_PAGE,
    },
    scores: {
      realism: judged(3.5, 'FLUX.1 Kontext [dev] distilled for speed; about 1 MP'),
      textRendering: judged(3, 'no source; Kontext [dev] edits short text'),
      promptAdherence: judged(3.5, 'plain edit instructions, as Kontext'),
      editingFlexibility: judged(4, 'instruction edits that keep the rest of the image; no mask'),
      consistency: judged(3.5, 'keeps composition; the fastest speed modes trade consistency'),
      speed: judged(4.5, 'seed 001 recommends it for quick targeted edits'),
      costEfficiency: judged(5, '$0.01 per image (band ≤$0.02 → 5)'),
      finalPolish: judged(3, 'about 1 MP output'),
    },
    strengths: [
      { text: 'Quick targeted edits of a generated image', source: SEEDS.gptImage2VsNbp },
    ],
    limitations: [
      { text: 'Edits only: it needs an input image', source: REPLICATE_PAGE },
      { text: 'About 1 MP output (long side 1024 by default)', source: REPLICATE_PAGE },
    ],
    bestFor: [
      {
        text: 'Iterating on a base image with small, targeted changes',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
    avoidIf: [{ text: 'Final high-resolution assets', source: REPLICATE_PAGE }],
    prompt: {
      template: '[Edit instruction], keeping [what must not change]',
      parts: ['subject', 'action', 'style'],
      maxWords: 60,
      tips: ['Say what must NOT change.', 'One change per pass; build up over several passes.'],
      example: 'Make the sky stormy at dusk, keeping the house and the garden exactly as they are',
      source: src(
        REPLICATE_PAGE.ref,
        CATALOG_AS_OF,
        'editorial',
        "Kontext's instruction style (BFL's Kontext guidance); 60 words is an editorial cap",
      ),
    },
    routes: [
      {
        provider: 'replicate',
        providerModelId: 'prunaai/flux-kontext-fast',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.01') }],
          source: REPLICATE_PAGE,
        },
        note: 'Price as quoted from the Replicate page in public code; another public table says ~$0.005 (catalog audit), not checked live.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '~$0.005 per image (a public comparison table)',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.005') }], source: AUDIT },
        source: AUDIT,
      },
    ],
  },
];
