import { usd } from '../../money.ts';
import type { ImageCapabilities, ModelEntryInput, Price, Score, Source, When } from '../schema.ts';
import { LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * OpenAI: the GPT Image models on the Images API (token-billed) and the retired DALL·E models,
 * kept for history and comparison. The retired Sora 2 video models are in sora.ts.
 *
 * GPT Image bills input and output tokens. Where OpenAI publishes a per-image table (gpt-image-1,
 * -1-mini, -1.5), the output-token estimates below are that table divided by the model's
 * image-output rate, rounded to whole tokens, so an estimate reproduces the published price; the
 * table keeps the kind of the price source, since it restates an official number.
 * gpt-image-2 and its successors have no table: estimates use the community formula
 * 'openai-gpt-image-2' (pricing/formulas.ts). Bills always come from the response's `usage`.
 *
 * Editorial scores use the bands in ./google.ts (images) and ./kling.ts (video, per second).
 */

const OPENAI_SDK = research(
  '1.1',
  'sdk',
  'openai@7.57.0 src/resources/images.ts ImageModel doc comments and CHANGELOG',
);
const IMAGE_SCHEMA = src(
  'research/openai-image-schemas-resolved.json',
  '2026-08-21',
  'provider',
  'openai-openapi f85dbe2: CreateImageRequest and CreateImageEditRequest (n 1–10, up to 16 edit images, mask, background, output_format)',
);
const IMAGE_PARAMS = research(
  '1.2',
  'sdk',
  'openai@7.57.0 ImageGenerateParamsBase, cross-checked with openapi.yaml',
);
const EDIT_PARAMS = research(
  '1.3',
  'sdk',
  'images.edit: up to 16 images, mask, markup (2.5), input_fidelity',
);
const GPT1_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gpt-image-1: text in $5 (cached $1.25), image in $10, image out $40 per 1M; per-image table {quality}/{size}/gpt-image-1',
);
const MINI_PAGE = src(
  'https://developers.openai.com/de-DE/api/docs/models/gpt-image-1-mini',
  RESEARCH_DATE,
  'provider',
  'model page (marked "Veraltet", deprecated): text in $2 (cached $0.20), image in $2.50 (cached $0.25), image out $8 per 1M; per-image table',
);
const GPT15_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gpt-image-1.5: text in $5 (cached $1.25), image in $8, image out $32, text out $10 per 1M; per-image table {quality}/{size}/gpt-image-1.5',
);
const DEPRECATIONS = src(
  'https://platform.openai.com/docs/deprecations',
  '2026-12-06',
  'provider',
  'notice of 2026-06-02: gpt-image-1.5 (and its snapshot) and gpt-image-1-mini shut down on 2026-12-01; move to gpt-image-2 or the gpt-image-2.6 models',
);
const GPT2_PAGE = src(
  'https://developers.openai.com/api/docs/models/gpt-image-2.md',
  RESEARCH_DATE,
  'provider',
  'snapshot gpt-image-2-2026-04-21; generations and edits; per-image cost via a calculator only',
);
const GPT2_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gpt-image-2: text in $5 (cached $1.25), image in $8 (cached $2), image out $30, text out $10 per 1M; fal and a reseller quoting OpenAI agree',
);
const GPT2_FORMULA = src(
  'research/gpt-image-2_per_image_estimates_DERIVED.json',
  RESEARCH_DATE,
  'derived',
  'community formula from OpenAI forum thread 1382699; matches the calculator values quoted there (1024² high 7,024 tokens)',
);
const GPT25_RATES = research(
  '1.5',
  'third-party',
  'apiyi launch note: "pricing stays at $5/$8/$30"; laozhang; not seen on an OpenAI page in the research',
);
const GPT26_PAGE = src(
  'https://developers.openai.com/de-DE/api/docs/models/gpt-image-2.6-sunburst',
  RESEARCH_DATE,
  'provider',
  'model page (de-DE, pt-BR, es-419, ko-KR): text in $5 (cached $1.25), image in $8 (cached $2), image out $30 per 1M',
);
const FAL_GPT2 = research(
  '3.9',
  'provider',
  'fal openai/gpt-image-2: billed per token at OpenAI rates; "by default we use high"',
);
const DALLE_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'per-pixel rates × pixels: dall-e-2 256² $0.016, 512² $0.018, 1024² $0.020; dall-e-3 standard 1024² $0.04, 1792 $0.08, hd 1024² $0.08, 1792 $0.12',
);

const judged = (value: number, note: string, ref = 'research/provider-facts.md#1.1'): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

const STANDARD_SIZES = ['1024x1024', '1536x1024', '1024x1536'];
const GPT_QUALITIES = ['low', 'medium', 'high', 'auto'];

/** The GPT Image request limits shared by every model of the family. */
function gptImage(
  sizes: ImageCapabilities['sizes'],
  qualities: string[],
  maxEdge: number,
  source: Source,
): ImageCapabilities {
  return {
    sizes,
    aspectRatios: [],
    qualities,
    resolutions: [],
    maxImagesPerCall: 10,
    maxWidth: maxEdge,
    maxHeight: maxEdge,
    transparency: true,
    outputFormats: ['png', 'jpeg', 'webp'],
    maxInputImages: 16,
    mask: true,
    seed: false,
    negativePrompt: false,
    source,
  };
}

/** gpt-image-2 and later: any WxH in multiples of 16 within OpenAI's pixel and edge limits. */
const GPT2_SIZES: ImageCapabilities['sizes'] = {
  kind: 'range',
  multipleOf: 16,
  // Derived: the smallest multiple-of-16 short edge that reaches 655,360 px at 3:1.
  minEdge: 480,
  maxEdge: 3840,
  minPixels: 655_360,
  maxPixels: 8_294_400,
  maxAspect: 3,
  presets: ['1024x1024', '1536x1024', '1024x1536', '2048x2048', '2560x1440', '3840x2160'],
};
const GPT2_SIZE_SOURCE = src(
  IMAGE_PARAMS.ref,
  RESEARCH_DATE,
  'sdk',
  'any WxH, both sides multiples of 16, aspect 1:3–3:1, above 2560x1440 experimental, max 3840x2160; pixel limits 655,360–8,294,400 and edge ≤3840 are community-derived (OpenAI forum 1382699)',
);

/** A per-image output-token table derived from OpenAI's published per-image prices. */
function tokenTable(rows: [quality: string, square: number, tall: number][], source: Source) {
  const tiers: { when: When; tokens: number }[] = [];
  for (const [quality, square, tall] of rows) {
    tiers.push({ when: { quality, size: '1024x1024' }, tokens: square });
    tiers.push({ when: { quality, size: '1024x1536' }, tokens: tall });
    tiers.push({ when: { quality, size: '1536x1024' }, tokens: tall });
  }
  return { kind: 'table' as const, tiers, source };
}

/**
 * gpt-image-2 rates, shared by the models reported to keep them. The 2.5 and 2.6 pages give no
 * text-output rate (curated_prices.json: null), so theirs is left out rather than borrowed.
 */
function gpt2Price(source: Source, note?: string, withTextOutput = true): Price {
  return {
    unit: 'token',
    ratesPerMillion: {
      textInput: usd('5.00'),
      textInputCached: usd('1.25'),
      imageInput: usd('8.00'),
      imageInputCached: usd('2.00'),
      imageOutput: usd('30.00'),
      ...(withTextOutput ? { textOutput: usd('10.00') } : {}),
    },
    outputImageTokens: { kind: 'formula', formula: 'openai-gpt-image-2', source: GPT2_FORMULA },
    source,
    ...(note === undefined ? {} : { note }),
  };
}

const GPT_IMAGE_PROMPT: ModelEntryInput['prompt'] = {
  template:
    '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style parameters]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
  maxWords: 120,
  tips: [
    'Detailed prompts pay off: every element, light and lens you name is placed.',
    'Refine with specific corrections ("add more shadow under the left cheekbone") rather than rewriting.',
    'Put the exact words to render inside the image in quotes.',
  ],
  example:
    'A young woman with olive skin and dark wavy hair standing in a sunlit wheat field, arms slightly open, looking toward the horizon, warm golden hour backlight creating a natural hair halo, 85mm portrait lens, shallow depth of field, Kodak Portra film grain',
  source: src(
    SEEDS.gptImage2VsNbp.ref,
    RESEARCH_DATE,
    'seed',
    "seed 001's GPT Image 2 structure and example (it 'rewards detailed prompts'); 120 words is an editorial soft cap under the 32,000-character limit",
  ),
};

export const openai: ModelEntryInput[] = [
  {
    id: 'gpt-image-2',
    name: 'GPT Image 2',
    aliases: [
      'GPT-Image 2',
      'GPT-Image-2',
      'GPT Image 2.0',
      'gpt-image-2-2026-04-21',
      'openai/gpt-image-2',
    ],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's GPT Image 2: near-perfect text, faithful multi-element scenes, any size up to 3840×2160 and mask editing.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: { status: 'active', released: '2026-04-21', replacements: [], source: GPT2_PAGE },
    image: gptImage(GPT2_SIZES, GPT_QUALITIES, 3840, GPT2_SIZE_SOURCE),
    claimedLatency: {
      minSeconds: 20,
      maxSeconds: 35,
      condition: 'full quality, average per image',
      source: SEEDS.gptImage2VsNbp,
    },
    scores: {
      realism: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      textRendering: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      promptAdherence: {
        value: 4,
        source: SEEDS.gptImage2VsNbp,
        note: 'prompt adherence "Very High"; all elements placed in 4 of 5 complex-scene runs',
      },
      editingFlexibility: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      consistency: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      speed: {
        value: 2,
        source: SEEDS.gptImage2VsNbp,
        note: '20–35 s per image at full quality (speed band: ≤40 s → 2)',
      },
      costEfficiency: { value: 3, source: SEEDS.gptImage2VsNbpScores },
      finalPolish: { value: 5, source: SEEDS.gptImage2VsNbpScores },
    },
    strengths: [
      {
        text: 'Near-perfect text and typography, including multilingual text',
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        text: 'Mask-based inpainting and editing from references or earlier outputs',
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        text: 'Complex scenes: multiple subjects, props and lighting placed as described',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        text: 'Repeated prompts give structurally similar results, useful for branded batches',
        source: SEEDS.gptImage2VsNbp,
      },
      { text: 'Any size in multiples of 16 up to 3840×2160', source: IMAGE_PARAMS },
    ],
    limitations: [
      { text: '20–35 seconds per image at full quality', source: SEEDS.gptImage2VsNbp },
      {
        text: 'Transparent backgrounds are a preview feature on gpt-image-2',
        source: IMAGE_SCHEMA,
      },
      { text: 'Sizes above 2560×1440 are experimental', source: IMAGE_PARAMS },
      {
        text: 'No official per-image price table; pre-call costs are estimates from an unofficial formula',
        source: research('1.5', 'third-party'),
      },
    ],
    bestFor: [
      {
        text: 'Text-heavy commercial creative: packaging, signage, labels, overlays',
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        text: 'E-commerce product photography and editorial portraits for client delivery',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
    avoidIf: [
      {
        text: 'You need the cheapest option for high-volume drafts',
        source: SEEDS.gptImage2VsNbpScores,
      },
      { text: 'You brainstorm through many quick variations', source: SEEDS.gptImage2VsNbp },
    ],
    prompt: GPT_IMAGE_PROMPT,
    moderation: { level: 'strict', source: SEEDS.gptImage2VsNbpScores },
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-2',
        status: 'active',
        price: gpt2Price(GPT2_PRICES),
      },
      {
        provider: 'fal',
        providerModelId: 'openai/gpt-image-2',
        status: 'active',
        price: gpt2Price(FAL_GPT2),
        note: 'fal bills at OpenAI token rates and defaults quality to high.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '8 credits per image to start on Influencer Studio',
        price: {
          unit: 'credits',
          per: 'image',
          tiers: [{ when: {}, credits: 8 }],
          rate: null,
          source: SEEDS.gptImage2VsNbpScores,
        },
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        topic: 'price',
        text: 'Roughly $0.04 to $0.12 per image at standard quality, depending on resolution and quality',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'price',
        text: "$0.054 per image at medium quality through AI/ML API (listed in LiteLLM's map)",
        price: {
          unit: 'image',
          tiers: [{ when: { quality: 'medium' }, micros: usd('0.054') }],
          source: LITELLM_PRICES,
        },
        source: LITELLM_PRICES,
      },
      {
        topic: 'latency',
        text: 'Average of 20 to 35 seconds per image at full quality',
        latency: { minSeconds: 20, maxSeconds: 35 },
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'resolution',
        text: 'Up to 4K commercial output',
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        topic: 'quality',
        text: 'Photorealism "Excellent", prompt adherence "Very High", anatomy accuracy "High"',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
  {
    id: 'gpt-image-2-5-sunburst',
    name: 'GPT Image 2.5 Sunburst',
    aliases: [
      'GPT-Image 2.5 Sunburst',
      'gpt-image-2.5-sunburst-2026-09-08',
      'openai/gpt-image-2.5-sunburst',
    ],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's GPT Image 2.5 for precise editing: markup-guided edits, xhigh/max quality and transparent output at GPT Image 2 rates.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-09-08',
      replacements: [],
      source: OPENAI_SDK,
      note: 'Snapshot gpt-image-2.5-sunburst-2026-09-08; described as the "precise editing" variant. Named a replacement for gpt-image-1.',
    },
    image: gptImage(
      GPT2_SIZES,
      [...GPT_QUALITIES, 'xhigh', 'max'],
      3840,
      src(
        GPT2_SIZE_SOURCE.ref,
        RESEARCH_DATE,
        'sdk',
        `${GPT2_SIZE_SOURCE.note}; xhigh and max qualities and the markup edit input are GPT Image 2.5 only`,
      ),
    ),
    scores: {
      realism: judged(5, 'successor of GPT Image 2 (seed 004: 5); no separate benchmark'),
      textRendering: judged(5, 'successor of GPT Image 2 (seed 004: 5)'),
      promptAdherence: judged(4, "as GPT Image 2 (seed 001: 'Very High' → 4); no separate rating"),
      editingFlexibility: judged(
        5,
        'the "precise editing" variant: mask or markup overlay, up to 16 inputs',
        EDIT_PARAMS.ref,
      ),
      consistency: judged(4, 'as GPT Image 2 (seed 004: 4)'),
      speed: judged(
        2,
        'no latency source; GPT Image 2 takes 20–35 s (seed 001) and xhigh/max only add work',
      ),
      costEfficiency: judged(
        3,
        'same token rates as GPT Image 2, which seed 004 scores 3',
        GPT25_RATES.ref,
      ),
      finalPolish: judged(5, 'xhigh and max quality levels above GPT Image 2', IMAGE_PARAMS.ref),
    },
    strengths: [
      {
        text: 'Markup overlays (a transparent PNG of strokes) steer an edit without a mask',
        source: EDIT_PARAMS,
      },
      {
        text: 'xhigh and max quality levels; transparent backgrounds fully supported',
        source: IMAGE_PARAMS,
      },
    ],
    limitations: [
      {
        text: 'Token counts for xhigh and max are unpublished, so those qualities cannot be estimated before the call',
        source: research('1.5', 'third-party'),
      },
      { text: 'Markup cannot be combined with a mask', source: EDIT_PARAMS },
      {
        text: "Its rates are reported by resellers as GPT Image 2's; no OpenAI page confirmed them in the research",
        source: GPT25_RATES,
      },
    ],
    bestFor: [{ text: 'Precise, reference-driven edits of existing images', source: OPENAI_SDK }],
    avoidIf: [
      {
        text: 'Speed matters more than edit precision: GPT Image 2.5 Flare is the speed-first variant',
        source: OPENAI_SDK,
      },
    ],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-2.5-sunburst',
        status: 'active',
        price: gpt2Price(
          GPT25_RATES,
          'Output tokens for low/medium/high use the gpt-image-2 formula; xhigh/max have none.',
          false,
        ),
      },
    ],
  },
  {
    id: 'gpt-image-2-5-flare',
    name: 'GPT Image 2.5 Flare',
    aliases: [
      'GPT-Image 2.5 Flare',
      'gpt-image-2.5-flare-2026-09-08',
      'openai/gpt-image-2.5-flare',
    ],
    vendor: 'openai',
    modality: 'image',
    description:
      'The speed-first GPT Image 2.5 variant: the 2.5 request surface at GPT Image 2 token rates.',
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-09-08',
      replacements: [],
      source: OPENAI_SDK,
      note: 'Snapshot gpt-image-2.5-flare-2026-09-08; "speed-first" per a third-party launch note. Named a replacement for gpt-image-1.',
    },
    image: gptImage(
      GPT2_SIZES,
      [...GPT_QUALITIES, 'xhigh', 'max'],
      3840,
      src(
        GPT2_SIZE_SOURCE.ref,
        RESEARCH_DATE,
        'sdk',
        `${GPT2_SIZE_SOURCE.note}; xhigh and max qualities and the markup edit input are GPT Image 2.5 only`,
      ),
    ),
    scores: {
      realism: judged(
        4.5,
        'GPT Image 2 family (seed 004: 5); half a point off for the speed-first positioning, no benchmark',
      ),
      textRendering: judged(
        4.5,
        'GPT Image 2 family (seed 004: 5); speed-first, no separate rating',
      ),
      promptAdherence: judged(4, "as GPT Image 2 (seed 001: 'Very High' → 4)"),
      editingFlexibility: judged(
        4.5,
        'same edit inputs as Sunburst (mask, markup, 16 images); Sunburst is the editing variant',
        EDIT_PARAMS.ref,
      ),
      consistency: judged(4, 'as GPT Image 2 (seed 004: 4)'),
      speed: judged(
        3,
        '"speed-first" per a third-party launch note; no latency figure, so one band above GPT Image 2',
        'research/provider-facts.md#1.1',
      ),
      costEfficiency: judged(
        3,
        'same token rates as GPT Image 2, which seed 004 scores 3',
        GPT25_RATES.ref,
      ),
      finalPolish: judged(4.5, 'GPT Image 2 family with xhigh/max available; speed-first defaults'),
    },
    strengths: [
      { text: 'Speed-first member of the GPT Image 2.5 pair', source: OPENAI_SDK },
      {
        text: 'Same request surface as Sunburst, including markup edits and xhigh/max quality',
        source: IMAGE_PARAMS,
      },
    ],
    limitations: [
      { text: 'No published latency figure or benchmark for the speed claim', source: OPENAI_SDK },
      {
        text: 'Token counts for xhigh and max are unpublished',
        source: research('1.5', 'third-party'),
      },
    ],
    bestFor: [
      {
        text: 'GPT Image quality where turnaround matters more than the last detail',
        source: OPENAI_SDK,
      },
    ],
    avoidIf: [{ text: 'Precise edits of existing images: use Sunburst', source: OPENAI_SDK }],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-2.5-flare',
        status: 'active',
        price: gpt2Price(
          GPT25_RATES,
          'Output tokens for low/medium/high use the gpt-image-2 formula; xhigh/max have none.',
          false,
        ),
      },
    ],
  },
  {
    id: 'gpt-image-2-6-sunburst',
    name: 'GPT Image 2.6 Sunburst',
    aliases: ['GPT-Image 2.6 Sunburst', 'openai/gpt-image-2.6-sunburst'],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's newest GPT Image editing variant (2.6), listed at GPT Image 2 token rates.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: OPENAI_SDK,
      note: 'In the SDK model enum since a release between 7.46 and 7.57 (autumn 2026); no dated snapshot.',
    },
    image: gptImage(
      GPT2_SIZES,
      GPT_QUALITIES,
      3840,
      src(
        GPT2_SIZE_SOURCE.ref,
        RESEARCH_DATE,
        'sdk',
        `${GPT2_SIZE_SOURCE.note}; gpt-image-2 limits assumed for 2.6 (no separate size documentation in the research)`,
      ),
    ),
    scores: {
      realism: judged(5, 'latest Sunburst; at least GPT Image 2 (seed 004: 5); no benchmark'),
      textRendering: judged(5, 'at least GPT Image 2 (seed 004: 5)'),
      promptAdherence: judged(4, "as GPT Image 2 (seed 001: 'Very High' → 4)"),
      editingFlexibility: judged(5, 'Sunburst line: the editing-focused variant', EDIT_PARAMS.ref),
      consistency: judged(4, 'as GPT Image 2 (seed 004: 4)'),
      speed: judged(2, 'no latency source; as GPT Image 2 (20–35 s, seed 001)'),
      costEfficiency: judged(
        3,
        'same token rates as GPT Image 2, which seed 004 scores 3',
        GPT26_PAGE.ref,
      ),
      finalPolish: judged(5, 'at least GPT Image 2 (seed 004: 5)'),
    },
    limitations: [
      {
        text: 'Little documented beyond its token prices; sizes and qualities assumed from GPT Image 2',
        source: GPT26_PAGE,
      },
    ],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-2.6-sunburst',
        status: 'active',
        price: gpt2Price(
          GPT26_PAGE,
          'Output tokens estimated with the gpt-image-2 formula: the rates match; the token formula for 2.6 is not published.',
          false,
        ),
      },
    ],
  },
  {
    id: 'gpt-image-2-6-flare',
    name: 'GPT Image 2.6 Flare',
    aliases: ['GPT-Image 2.6 Flare', 'gpt-image-2.6-flare', 'openai/gpt-image-2.6-flare'],
    vendor: 'openai',
    modality: 'image',
    description:
      'The speed-first GPT Image 2.6 variant; listed by the SDK, not yet priced in any source found.',
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: OPENAI_SDK,
      note: 'In the SDK model enum (7.46–7.57); no dated snapshot.',
    },
    image: gptImage(
      GPT2_SIZES,
      GPT_QUALITIES,
      3840,
      src(
        GPT2_SIZE_SOURCE.ref,
        RESEARCH_DATE,
        'sdk',
        `${GPT2_SIZE_SOURCE.note}; gpt-image-2 limits assumed for 2.6`,
      ),
    ),
    scores: {
      realism: judged(
        4.5,
        'Flare line of the GPT Image 2 family (seed 004: 5 for GPT Image 2); no benchmark',
      ),
      textRendering: judged(4.5, 'GPT Image 2 family; no separate rating'),
      promptAdherence: judged(4, "as GPT Image 2 (seed 001: 'Very High' → 4)"),
      editingFlexibility: judged(4.5, 'GPT Image edit inputs; Sunburst is the editing variant'),
      consistency: judged(4, 'as GPT Image 2 (seed 004: 4)'),
      speed: judged(3, 'speed-first line like 2.5 Flare; no latency figure'),
      costEfficiency: judged(
        3,
        'unpriced; scored as the rest of the family, whose rates it probably shares',
      ),
      finalPolish: judged(4.5, 'GPT Image 2 family, speed-first'),
    },
    limitations: [
      {
        text: 'No price in OpenAI pages or price maps found in the research',
        source: research('5', 'third-party'),
      },
    ],
    prompt: GPT_IMAGE_PROMPT,
    routes: [],
    unpricedReason:
      'gpt-image-2.6-flare is in the openai SDK model enum, but no price for it was found on an OpenAI model page or in a price map (research §1.5, §5); the 2.6 Sunburst rates are not assumed for it.',
  },
  {
    id: 'gpt-image-1-5',
    name: 'GPT Image 1.5',
    aliases: ['GPT-Image 1.5', 'GPT-Image-1.5', 'gpt-image-1.5-2025-12-16', 'openai/gpt-image-1.5'],
    vendor: 'openai',
    modality: 'image',
    description:
      'The GPT Image generation before 2: standard sizes, high input fidelity for edits, published per-image prices.',
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'retired',
      released: '2025-12-16',
      deprecated: '2026-06-02',
      shutdown: '2026-12-01',
      replacements: ['gpt-image-2', 'gpt-image-2-6-sunburst'],
      source: DEPRECATIONS,
      note: 'Released as the snapshot gpt-image-1.5-2025-12-16; shut down by OpenAI on 2026-12-01 (notice 2026-06-02).',
    },
    image: gptImage({ kind: 'list', values: STANDARD_SIZES }, GPT_QUALITIES, 1536, IMAGE_SCHEMA),
    scores: {
      realism: judged(
        4,
        'GPT Image 2 (seed 004: 5) is described in seed 001 as a measurable step up from the first generation',
        SEEDS.gptImage2VsNbp.ref,
      ),
      textRendering: judged(
        4,
        'seed 001 credits GPT Image 2 with stronger text rendering than its predecessors',
        SEEDS.gptImage2VsNbp.ref,
      ),
      promptAdherence: judged(
        4,
        'no rating in the sources; GPT Image 2 improved spatial relationships further',
        SEEDS.gptImage2VsNbp.ref,
      ),
      editingFlexibility: judged(
        4.5,
        'mask edits, 16 inputs and input_fidelity high for faces and styles',
        EDIT_PARAMS.ref,
      ),
      consistency: judged(
        4,
        'input_fidelity high preserves faces across edits; no seed',
        EDIT_PARAMS.ref,
      ),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(
        4,
        '$0.034 per medium 1024² image (band ≤$0.04 → 4)',
        GPT15_PRICES.ref,
      ),
      finalPolish: judged(4, 'up to 1536×1024; high quality $0.133–$0.20 per image'),
    },
    strengths: [
      {
        text: 'Published per-image prices: $0.009 (low) to $0.20 (high, 1536 px)',
        source: GPT15_PRICES,
      },
      {
        text: 'input_fidelity high keeps faces and styles of the input images',
        source: EDIT_PARAMS,
      },
    ],
    limitations: [
      { text: 'Only three sizes: 1024×1024, 1536×1024, 1024×1536', source: IMAGE_SCHEMA },
    ],
    bestFor: [
      { text: 'Edits that must preserve a face or product from the input', source: EDIT_PARAMS },
    ],
    avoidIf: [
      {
        text: 'You need sizes beyond 1536 px or the best text: use GPT Image 2',
        source: IMAGE_PARAMS,
      },
    ],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-1.5',
        status: 'retired',
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('5.00'),
            textInputCached: usd('1.25'),
            imageInput: usd('8.00'),
            imageOutput: usd('32.00'),
            textOutput: usd('10.00'),
          },
          outputImageTokens: tokenTable(
            [
              ['low', 281, 406],
              ['medium', 1063, 1563],
              ['high', 4156, 6250],
            ],
            src(
              GPT15_PRICES.ref,
              GPT15_PRICES.asOf,
              'price-map',
              'the published per-image prices restated as tokens (÷ $32 per 1M, rounded): low $0.009 / $0.013, medium $0.034 / $0.05, high $0.133 / $0.20',
            ),
          ),
          source: GPT15_PRICES,
        },
      },
    ],
  },
  {
    id: 'gpt-image-1-mini',
    name: 'GPT Image 1 Mini',
    aliases: ['GPT-Image 1 Mini', 'GPT Image Mini', 'openai/gpt-image-1-mini'],
    vendor: 'openai',
    modality: 'image',
    description:
      'The low-cost GPT Image model: $0.005–$0.052 per image at the standard sizes; marked deprecated by OpenAI.',
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'retired',
      deprecated: '2026-06-02',
      shutdown: '2026-12-01',
      replacements: ['gpt-image-2', 'gpt-image-2-6-sunburst'],
      source: DEPRECATIONS,
      note: 'Shut down by OpenAI on 2026-12-01 (notice 2026-06-02); the model page had marked it deprecated.',
    },
    image: gptImage({ kind: 'list', values: STANDARD_SIZES }, GPT_QUALITIES, 1536, IMAGE_SCHEMA),
    scores: {
      realism: judged(3, 'the small GPT Image model; no benchmark in the sources', MINI_PAGE.ref),
      textRendering: judged(3, 'no rating in the sources', MINI_PAGE.ref),
      promptAdherence: judged(3.5, 'no rating in the sources', MINI_PAGE.ref),
      editingFlexibility: judged(
        3.5,
        'mask edits and 16 inputs, but input_fidelity only low',
        EDIT_PARAMS.ref,
      ),
      consistency: judged(3, 'input_fidelity low only; no seed', EDIT_PARAMS.ref),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(5, '$0.011 per medium 1024² image (band ≤$0.015 → 5)', MINI_PAGE.ref),
      finalPolish: judged(3, 'standard sizes only; the budget model of the family', MINI_PAGE.ref),
    },
    strengths: [
      {
        text: 'The cheapest GPT Image output: $0.005 at low quality, $0.011 at medium (1024²)',
        source: MINI_PAGE,
      },
    ],
    limitations: [
      { text: 'Deprecated by OpenAI', source: MINI_PAGE },
      { text: 'input_fidelity is low only', source: EDIT_PARAMS },
    ],
    bestFor: [{ text: 'Cheap drafts in existing GPT Image pipelines', source: MINI_PAGE }],
    avoidIf: [{ text: 'New integrations: it is deprecated', source: MINI_PAGE }],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-1-mini',
        status: 'retired',
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('2.00'),
            textInputCached: usd('0.20'),
            imageInput: usd('2.50'),
            imageInputCached: usd('0.25'),
            imageOutput: usd('8.00'),
          },
          outputImageTokens: tokenTable(
            [
              ['low', 625, 750],
              ['medium', 1375, 1875],
              ['high', 4500, 6500],
            ],
            src(
              MINI_PAGE.ref,
              RESEARCH_DATE,
              'provider',
              'the published per-image prices restated as tokens (÷ $8 per 1M): low $0.005 / $0.006, medium $0.011 / $0.015, high $0.036 / $0.052',
            ),
          ),
          source: MINI_PAGE,
        },
      },
    ],
  },
  {
    id: 'gpt-image-1',
    name: 'GPT Image 1',
    aliases: ['GPT-Image 1', 'GPT-Image-1', 'openai/gpt-image-1'],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's first GPT Image model, shut down on 2026-10-23; kept for history and price comparison.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting', 'multi-image-reference'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-10-23',
      replacements: ['gpt-image-2-5-sunburst', 'gpt-image-2-5-flare'],
      source: OPENAI_SDK,
    },
    image: gptImage({ kind: 'list', values: STANDARD_SIZES }, GPT_QUALITIES, 1536, IMAGE_SCHEMA),
    scores: {
      realism: judged(
        4,
        'seed 001: GPT Image 2 builds on GPT Image 1 with a measurable upgrade',
        SEEDS.gptImage2VsNbp.ref,
      ),
      textRendering: judged(
        3.5,
        'seed 001 names text rendering as one of the areas GPT Image 2 improved',
        SEEDS.gptImage2VsNbp.ref,
      ),
      promptAdherence: judged(
        3.5,
        'seed 001 names spatial relationships and scene coherence as GPT Image 2 gains',
        SEEDS.gptImage2VsNbp.ref,
      ),
      editingFlexibility: judged(
        4.5,
        'mask edits, 16 inputs, input_fidelity high',
        EDIT_PARAMS.ref,
      ),
      consistency: judged(3.5, 'no seed; input_fidelity high for faces', EDIT_PARAMS.ref),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(
        3.5,
        '$0.042 per medium 1024² image (band ≤$0.06 → 3.5)',
        GPT1_PRICES.ref,
      ),
      finalPolish: judged(3.5, 'standard sizes up to 1536 px'),
    },
    limitations: [{ text: 'Shut down on 2026-10-23', source: OPENAI_SDK }],
    prompt: GPT_IMAGE_PROMPT,
    routes: [
      {
        provider: 'openai',
        providerModelId: 'gpt-image-1',
        status: 'retired',
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('5.00'),
            textInputCached: usd('1.25'),
            imageInput: usd('10.00'),
            imageOutput: usd('40.00'),
          },
          outputImageTokens: tokenTable(
            [
              ['low', 275, 400],
              ['medium', 1050, 1575],
              ['high', 4175, 6250],
            ],
            src(
              GPT1_PRICES.ref,
              GPT1_PRICES.asOf,
              'price-map',
              'the published per-image prices restated as tokens (÷ $40 per 1M): low $0.011 / $0.016, medium $0.042 / $0.063, high $0.167 / $0.25',
            ),
          ),
          source: GPT1_PRICES,
        },
      },
    ],
  },
  {
    id: 'dall-e-3',
    name: 'DALL·E 3',
    aliases: ['DALL-E 3', 'DALLE 3', 'DALLE-3', 'openai/dall-e-3'],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's former text-to-image model, retired on 2026-05-12; kept for history and price comparison.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-05-12',
      replacements: ['gpt-image-2'],
      source: OPENAI_SDK,
      note: "The SDK names no successor; the replacements are Atelier's pick among the current GPT Image models.",
    },
    image: {
      sizes: { kind: 'list', values: ['1024x1024', '1792x1024', '1024x1792'] },
      qualities: ['standard', 'hd'],
      maxImagesPerCall: 1,
      maxWidth: 1792,
      maxHeight: 1792,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: src(
        IMAGE_SCHEMA.ref,
        IMAGE_SCHEMA.asOf,
        'provider',
        'n=1 only; sizes 1024x1024, 1792x1024, 1024x1792; quality standard/hd; style vivid/natural; 4,000-character prompts; not on the edits endpoint',
      ),
    },
    scores: {
      realism: judged(3, 'the generation GPT Image replaced; no benchmark in the sources'),
      textRendering: judged(2.5, 'no rating in the sources; older than GPT Image 1'),
      promptAdherence: judged(3.5, 'no rating in the sources'),
      editingFlexibility: judged(
        1,
        'text-to-image only: not accepted by the edits endpoint',
        IMAGE_SCHEMA.ref,
      ),
      consistency: judged(2.5, 'no seed, no references'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(
        4,
        '$0.04 per standard 1024² image (band ≤$0.04 → 4)',
        DALLE_PRICES.ref,
      ),
      finalPolish: judged(3, 'hd quality up to 1792 px'),
    },
    limitations: [{ text: 'Retired on 2026-05-12', source: OPENAI_SDK }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'style'],
      maxWords: 600,
      tips: ['Prompts are capped at 4,000 characters.'],
      source: src(
        IMAGE_SCHEMA.ref,
        IMAGE_SCHEMA.asOf,
        'provider',
        '4,000-character prompt limit; 600 words is an editorial estimate of it',
      ),
    },
    routes: [
      {
        provider: 'openai',
        providerModelId: 'dall-e-3',
        status: 'retired',
        price: {
          unit: 'image',
          tiers: [
            { when: { quality: 'standard', size: '1024x1024' }, micros: usd('0.04') },
            { when: { quality: 'standard', size: '1792x1024' }, micros: usd('0.08') },
            { when: { quality: 'standard', size: '1024x1792' }, micros: usd('0.08') },
            { when: { quality: 'hd', size: '1024x1024' }, micros: usd('0.08') },
            { when: { quality: 'hd', size: '1792x1024' }, micros: usd('0.12') },
            { when: { quality: 'hd', size: '1024x1792' }, micros: usd('0.12') },
          ],
          source: DALLE_PRICES,
        },
      },
    ],
  },
  {
    id: 'dall-e-2',
    name: 'DALL·E 2',
    aliases: ['DALL-E 2', 'DALLE 2', 'DALLE-2', 'openai/dall-e-2'],
    vendor: 'openai',
    modality: 'image',
    description:
      "OpenAI's first API image model, retired on 2026-05-12; kept for history and price comparison.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-05-12',
      replacements: ['gpt-image-2'],
      source: OPENAI_SDK,
      note: "The SDK names no successor; the replacements are Atelier's pick among the current GPT Image models.",
    },
    image: {
      sizes: { kind: 'list', values: ['256x256', '512x512', '1024x1024'] },
      qualities: ['standard'],
      maxImagesPerCall: 10,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 1,
      mask: true,
      seed: false,
      negativePrompt: false,
      source: src(
        IMAGE_SCHEMA.ref,
        IMAGE_SCHEMA.asOf,
        'provider',
        'sizes 256/512/1024 square; quality standard only; edits: one square PNG under 4 MB with a mask; 1,000-character prompts',
      ),
    },
    scores: {
      realism: judged(2, 'the oldest model in the catalog; no benchmark in the sources'),
      textRendering: judged(1, 'no rating in the sources'),
      promptAdherence: judged(2, 'no rating in the sources; 1,000-character prompts'),
      editingFlexibility: judged(2.5, 'mask edits of a single square PNG', IMAGE_SCHEMA.ref),
      consistency: judged(2, 'no seed, no references'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4.5, '$0.02 per 1024² image (band ≤$0.025 → 4.5)', DALLE_PRICES.ref),
      finalPolish: judged(2, 'at most 1024×1024'),
    },
    limitations: [{ text: 'Retired on 2026-05-12', source: OPENAI_SDK }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Style]',
      parts: ['subject', 'action', 'environment', 'style'],
      maxWords: 150,
      tips: ['Prompts are capped at 1,000 characters.'],
      source: src(
        IMAGE_SCHEMA.ref,
        IMAGE_SCHEMA.asOf,
        'provider',
        '1,000-character prompt limit; 150 words is an editorial estimate of it',
      ),
    },
    routes: [
      {
        provider: 'openai',
        providerModelId: 'dall-e-2',
        status: 'retired',
        price: {
          unit: 'image',
          tiers: [
            { when: { size: '256x256' }, micros: usd('0.016') },
            { when: { size: '512x512' }, micros: usd('0.018') },
            { when: { size: '1024x1024' }, micros: usd('0.02') },
          ],
          source: DALLE_PRICES,
        },
      },
    ],
  },
];
