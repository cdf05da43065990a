import { usd } from '../../money.ts';
import type { ImageCapabilities, ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, LITELLM_PRICES, src } from './sources.ts';

/*
 * The open-weight FLUX.1 models ([dev], [schnell], Krea [dev]) through fal, beside BFL's hosted
 * FLUX models (bfl.ts), and the original FLUX.1 [pro] on Replicate. fal bills [dev] and Krea [dev]
 * per output megapixel; [schnell] is priced per image in LiteLLM's map. Sizes are fal's
 * image_size presets, each at most 1 MP (1024²).
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

const FAL_FLUX1_DEV = src(
  'https://fal.ai/models/fal-ai/flux-1/dev/playground',
  CATALOG_AS_OF,
  'provider',
  'FLUX.1 [dev], 12B flow transformer, personal and commercial use: $0.025 per megapixel, rounded up to the nearest megapixel',
);
const FAL_FLUX1_SCHEMA = src(
  'https://skillspool.org/zh/skills/joernstoehler-dnd-claude-code-claude-skills-fal-flux-prompting-skill-md',
  CATALOG_AS_OF,
  'third-party',
  'fal-ai/flux/dev and /schnell: image_size preset or {width,height} (default landscape_4_3), num_images 1–4, seed, output_format jpeg|png, guidance_scale; schnell $0.003/MP, 1–4 steps',
);

const FAL_FLUX1_KREA = src(
  'https://fal.ai/docs/model-api-reference/image-generation-api/flux-krea',
  CATALOG_AS_OF,
  'provider',
  'fal-ai/flux/krea, FLUX.1 Krea [dev] (12B, commercial licence): per-megapixel pricing, 40 generations per $1.00 at standard sizes; image_size presets square_hd, square, portrait/landscape 4:3 and 16:9; num_images 1–4; seed; guidance_scale (default 4.5); output_format jpeg|png; acceleration',
);
const REPLICATE_FLUX_PRO = src(
  'https://replicate.com/black-forest-labs/flux-pro',
  CATALOG_AS_OF,
  'provider',
  'Official model on Replicate: $0.055 per image; prompt, image_prompt (Redux), aspect_ratio (1:1 default, or custom up to 1440 px), steps, guidance, interval, safety_tolerance, seed, output_format webp|jpg|png',
);

const PRESETS = ['1024x1024', '1024x768', '768x1024', '1024x576', '576x1024'];

const flux1Image = (note: string): ImageCapabilities => ({
  sizes: { kind: 'list', values: PRESETS },
  aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
  qualities: [],
  resolutions: [],
  maxImagesPerCall: 4,
  maxWidth: 1024,
  maxHeight: 1024,
  transparency: false,
  outputFormats: ['jpeg', 'png'],
  maxInputImages: 0,
  mask: false,
  seed: true,
  negativePrompt: false,
  source: { ...FAL_FLUX1_SCHEMA, note },
});

const FLUX1_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject], [Action], [Environment], [Lighting], [Style]',
  parts: ['subject', 'environment', 'lighting', 'style'],
  maxWords: 80,
  tips: [
    'Write natural sentences; FLUX.1 has no negative prompt, so say what you want instead of what to avoid.',
  ],
  source: {
    ...FAL_FLUX1_SCHEMA,
    note: "no negative prompt in fal's schema; 80 words is Atelier's editorial cap",
  },
};

export const flux1: ModelEntryInput[] = [
  {
    id: 'flux-1-dev',
    name: 'FLUX.1 [dev]',
    aliases: ['FLUX.1 dev', 'Flux Dev', 'flux-dev', 'fal-ai/flux/dev', 'fal-ai/flux-1/dev'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'The open-weight 12B FLUX.1 [dev]: solid photoreal and illustrated images at $0.025 per megapixel on fal.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: FAL_FLUX1_DEV },
    image: flux1Image(
      "fal's presets square_hd, landscape/portrait 4:3 and 16:9 (custom sizes are accepted but only the presets are offered); 1–4 images per call; no negative prompt",
    ),
    scores: {
      realism: judged(3.5, 'previous-generation open model; no benchmark in the sources'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3.5, 'guidance_scale control; no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3, 'seed control; no benchmark'),
      speed: judged(3.5, '28 steps by default; no measured latency'),
      costEfficiency: judged(4.5, '$0.025 for a 1 MP image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3, 'at most 1 MP from the presets'),
    },
    strengths: [{ text: 'Cheap, well-known open model with seed control', source: FAL_FLUX1_DEV }],
    limitations: [
      { text: 'At most about 1 MP with the offered presets', source: FAL_FLUX1_SCHEMA },
    ],
    bestFor: [
      { text: 'Drafts and volume work where FLUX.2 is more than needed', source: FAL_FLUX1_DEV },
    ],
    avoidIf: [{ text: 'You need editing or reference images', source: FAL_FLUX1_SCHEMA }],
    prompt: FLUX1_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux-1/dev',
        status: 'active',
        price: {
          unit: 'megapixel',
          firstMpMicros: usd('0.025'),
          extraMpMicros: usd('0.025'),
          mpPixels: 1_048_576,
          rounding: 'up',
          source: FAL_FLUX1_DEV,
          note: '$0.025 per output megapixel, partial megapixels rounded up; every offered preset is at most 1 MP (1024²).',
        },
      },
    ],
  },
  {
    id: 'flux-1-schnell',
    name: 'FLUX.1 [schnell]',
    aliases: ['FLUX.1 schnell', 'Flux Schnell', 'flux-schnell', 'fal-ai/flux/schnell'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'FLUX.1 [schnell]: the 1–4-step open FLUX model for near-instant drafts at $0.003 per image.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: LITELLM_PRICES },
    image: flux1Image('same schema as [dev] on fal; 1–4 inference steps (default 4)'),
    scores: {
      realism: judged(3, 'distilled 1–4-step model; no benchmark'),
      textRendering: judged(2.5, 'distilled model; no benchmark'),
      promptAdherence: judged(3, 'no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3, 'seed control; no benchmark'),
      speed: judged(5, '1–4 inference steps'),
      costEfficiency: judged(5, '$0.003 per image (band ≤$0.02 → 5)'),
      finalPolish: judged(2.5, 'draft quality at up to 1 MP'),
    },
    strengths: [{ text: 'The cheapest FLUX on fal, for fast drafts', source: LITELLM_PRICES }],
    limitations: [{ text: 'Draft quality: 1–4 inference steps', source: FAL_FLUX1_SCHEMA }],
    bestFor: [{ text: 'Thumbnails and layout drafts in bulk', source: FAL_FLUX1_SCHEMA }],
    avoidIf: [{ text: 'Final deliverables', source: FAL_FLUX1_SCHEMA }],
    prompt: FLUX1_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux/schnell',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.003') }],
          source: LITELLM_PRICES,
          note: 'LiteLLM fal_ai/fal-ai/flux/schnell: $0.003 per image; fal bills $0.003 per megapixel, the same for the ≤1 MP presets offered.',
        },
      },
    ],
  },
  {
    id: 'flux-1-krea-dev',
    name: 'FLUX.1 Krea [dev]',
    aliases: ['FLUX.1 Krea dev', 'Flux Krea', 'flux-krea-dev', 'fal-ai/flux/krea'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'FLUX.1 Krea [dev], tuned with Krea for natural photographs without the over-saturated AI look, $0.025 per image on fal.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: FAL_FLUX1_KREA },
    image: {
      ...flux1Image(
        "fal's presets square_hd, landscape/portrait 4:3 and 16:9; 1–4 images per call; no negative prompt",
      ),
      source: FAL_FLUX1_KREA,
    },
    scores: {
      realism: judged(
        4,
        'tuned for photorealism without the over-saturated look (BFL and Krea); no benchmark',
      ),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3.5, 'guidance_scale control; no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3, 'seed control; no benchmark'),
      speed: judged(3.5, '28 steps by default; no measured latency'),
      costEfficiency: judged(4.5, '$0.025 for a 1 MP image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'at most 1 MP from the presets'),
    },
    strengths: [{ text: 'Photoreal images with natural colour at $0.025', source: FAL_FLUX1_KREA }],
    limitations: [{ text: 'At most about 1 MP with the offered presets', source: FAL_FLUX1_KREA }],
    bestFor: [
      {
        text: 'Lifestyle and product photos that should not look generated',
        source: FAL_FLUX1_KREA,
      },
    ],
    avoidIf: [{ text: 'You need editing or reference images', source: FAL_FLUX1_KREA }],
    prompt: FLUX1_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux/krea',
        status: 'active',
        price: {
          unit: 'megapixel',
          firstMpMicros: usd('0.025'),
          extraMpMicros: usd('0.025'),
          mpPixels: 1_048_576,
          rounding: 'up',
          source: FAL_FLUX1_KREA,
          note: '40 images per $1.00 at standard sizes: $0.025 per megapixel; every offered preset is at most 1 MP (1024²).',
        },
      },
    ],
  },
  {
    id: 'flux-1-pro',
    name: 'FLUX.1 [pro]',
    aliases: ['FLUX.1 pro', 'Flux Pro', 'flux-pro', 'black-forest-labs/flux-pro'],
    vendor: 'bfl',
    modality: 'image',
    description:
      "The original FLUX.1 [pro], BFL's first hosted flagship, on Replicate at $0.055 an image.",
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: REPLICATE_FLUX_PRO },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '16:9', '3:2', '2:3', '4:5', '5:4', '9:16', '3:4', '4:3'],
      qualities: [],
      resolutions: [],
      maxImagesPerCall: 1,
      maxWidth: 1440,
      maxHeight: 1440,
      transparency: false,
      outputFormats: ['webp', 'jpeg', 'png'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...REPLICATE_FLUX_PRO,
        note: `${REPLICATE_FLUX_PRO.note ?? ''}. About 1 MP at the ratio presets; custom sizes and the Redux image prompt are not wired in Atelier.`,
      },
    },
    scores: {
      realism: judged(3.5, 'superseded by FLUX1.1 [pro] and FLUX.2; no benchmark'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3.5, 'guidance control; no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3, 'seed control; no benchmark'),
      speed: judged(3, '25 steps by default; no measured latency'),
      costEfficiency: judged(4, '$0.055 per image (band ≤$0.07 → 4)'),
      finalPolish: judged(3.5, 'about 1 MP'),
    },
    strengths: [
      {
        text: 'Strong prompt following with guidance and interval controls',
        source: REPLICATE_FLUX_PRO,
      },
    ],
    limitations: [
      {
        text: 'Costs more than FLUX1.1 [pro] ($0.04) for an older model',
        source: REPLICATE_FLUX_PRO,
      },
    ],
    bestFor: [
      { text: 'Reproducing work made with the original FLUX.1 [pro]', source: REPLICATE_FLUX_PRO },
    ],
    avoidIf: [
      {
        text: 'You are starting fresh: FLUX1.1 [pro] is cheaper and newer',
        source: REPLICATE_FLUX_PRO,
      },
    ],
    prompt: FLUX1_PROMPT,
    routes: [
      {
        provider: 'replicate',
        providerModelId: 'black-forest-labs/flux-pro',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.055') }],
          source: REPLICATE_FLUX_PRO,
        },
      },
    ],
  },
];
