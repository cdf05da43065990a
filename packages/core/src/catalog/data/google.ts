import { usd } from '../../money.ts';
import type { ModelEntryInput, Score } from '../schema.ts';
import { GEMINI_API_AND_VERTEX, sameRoute } from './routes.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Google image models: the Nano Banana (Gemini image) family on the Gemini Developer API, Vertex AI
 * (Gemini Enterprise Agent Platform) and fal. The retired Imagen 4 line is in imagen.ts.
 *
 * Scores without a seed behind them are editorial and say what they rest on. Two bands keep them
 * comparable across vendor files:
 * - costEfficiency, read at the default route's list price for one standard image (1K, 1 MP or
 *   medium quality): ≤$0.015 5 · ≤$0.025 4.5 · ≤$0.04 4 · ≤$0.06 3.5 · ≤$0.08 3 · ≤$0.12 2.5 ·
 *   ≤$0.20 2 · above 1.5. A seed's explicit score wins over the band.
 * - speed, read at the middle of a claimed latency range: ≤3 s 5 · ≤6 s 4.5 · ≤10 s 4 · ≤15 s 3.5 ·
 *   ≤25 s 3 · ≤40 s 2 · above 1.5. Seed words map Very Fast 5, Fast 4.5, Moderate 3.
 * Seed tables map Excellent 5, Very Good / Very High 4, Good 4, Moderate / Fair 3.
 */

const GEMINI_PRICING = src(
  'https://ai.google.dev/gemini-api/docs/pricing',
  '2026-09-20',
  'provider',
  'as transcribed in api-evangelist/gemini plans/gemini-plans-pricing.yml',
);
const GEMINI_DEPRECATIONS = src(
  'https://ai.google.dev/gemini-api/docs/deprecations',
  RESEARCH_DATE,
  'provider',
);
/** Gemini API release notes of 2026-10-06: Nano Banana 2.1 GA, gemini-3.1-flash-image deprecated with no shutdown date. */
const GEMINI_CHANGELOG_NB21 = src(
  'https://ai.google.dev/gemini-api/docs/changelog',
  '2026-10-06',
  'provider',
  'Nano Banana 2.1 generally available; gemini-3.1-flash-image deprecated on the Gemini API, no shutdown date announced (the deprecations page lists none either)',
);
const GEMINI_IMAGE_CONFIG = src(
  'https://github.com/googleapis/js-genai',
  RESEARCH_DATE,
  'sdk',
  '@google/genai ImageConfig: aspectRatio, imageSize 1K/2K/4K',
);
const FAL_LIST = research('3.9', 'provider', 'fal llms.txt / pricing API list prices, 2026-10-01');
const NB2_CARD = src(
  'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-1-flash-image',
  RESEARCH_DATE,
  'provider',
  'GA gemini-3.1-flash-image (2026-05-28): 14 images per prompt, 15 aspect ratios, 512/1K/2K/4K; the preview card gives 747 / 1120 / 1680 / 2520 output tokens for 512 / 1K / 2K / 4K',
);
const NB2_LITELLM = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gemini/gemini-3.1-flash-image: text in $0.25/1M, text out $1.50/1M, image out $60/1M; 0.5K $0.045 · 1K $0.067 · 2K $0.101 · 4K $0.151 per image',
);
const NB2_VERTEX_LITELLM = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'vertex_ai/gemini-3.1-flash-image: text in $0.50/1M, text out $3/1M, image out $60/1M, input image $0.00056 (1,120 tokens at $0.50/1M)',
);
const NB21_LAUNCH = src(
  'https://github.com/BerriAI/litellm/discussions/44983',
  '2026-10-07',
  'price-map',
  'LiteLLM day-0 note for gemini-nano-banana-2.1 (gemini/ and vertex_ai/): image out $30/1M ($0.0336 per 1K image), text in $1.50/1M, text out $7.50/1M; says the Gemini API shuts gemini-3.1-flash-image down on 2026-10-29',
);
const NB21_SIZES = src(
  'https://github.com/tanstack/ai/releases/tag/%40tanstack%2Fai-gemini%400.36.0',
  '2026-10-07',
  'sdk',
  'gemini-nano-banana-2.1 takes all 14 aspect ratios at 1K, 2K or 4K; the 512 tier is rejected by the API',
);
const NB21_WAVESPEED = src(
  'https://wavespeed.ai/nano-banana-2-1-api',
  RESEARCH_DATE,
  'reseller',
  'up to 14 reference images, 14 aspect ratios incl. 1:4, 4:1, 1:8, 8:1',
);
const NB21_INFERENCE_SH = src(
  'https://inference.sh/apps/google/gemini-nano-banana-2-1.md',
  '2026-11-06',
  'reseller',
  'runs on Vertex AI; $0.0336–$0.1134 per image (1K–4K)',
);
const NB21_RELEASE = src(
  'https://www.ithome.com/1/010/149.htm',
  '2026-10-07',
  'third-party',
  'Google released Nano Banana 2.1 on 7 October 2026: better visual design, mask-based editing and subject consistency',
);
const NB2_LITE_PAGE = src(
  'https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-lite-image',
  RESEARCH_DATE,
  'provider',
  'under-2-second end-to-end latency target; optimised for 1K (1024×1024); image_size 1K only (no 2K/4K); 14 aspect ratios; thinking minimal/high; 4,096 output tokens',
);
const NB2_LITE_LAUNCH = src(
  'https://blog.google/innovation-and-ai/models-and-research/gemini-models/gemini-omni-flash-nano-banana-2-lite',
  '2026-06-30',
  'provider',
  'as summarised in QianJinGuo/wiki: more than 2× faster than Nano Banana 2 at 50% lower cost; on AI Studio, the Gemini API and Agent Platform',
);
/** Google's list price for Nano Banana 2 Lite (Vertex pricing page), as LiteLLM maps it for gemini/ and vertex_ai/. */
const NB2_LITE_PRICES = src(
  'https://github.com/BerriAI/litellm/pull/31946',
  '2026-07-02',
  'price-map',
  'LiteLLM issue #31945 / PR #31946 citing cloud.google.com/vertex-ai/generative-ai/pricing: text in $0.25, text out $1.50, image out $30 per 1M tokens; 1,120 tokens per 1K image ($0.0336); a Vertex integration (pollinations PR #12131) confirms the rates and that imageSize is refused',
);
const NB2_LITE_VERCEL = src(
  'https://vercel.com/ai-gateway/models/gemini-3.1-flash-lite-image/api',
  RESEARCH_DATE,
  'third-party',
);
const NB2_LITE_GMI = src(
  'https://docs.gmicloud.ai/model-quickstarts/image/gemini-3-1-flash-lite-image',
  RESEARCH_DATE,
  'reseller',
  'aspect ratios 1:1, 3:2, 2:3, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9; output fixed at 1K',
);
const LAOZHANG_NANO_BANANA = src(
  'https://docs.laozhang.ai/ja/api-capabilities/nano-banana-image.md',
  RESEARCH_DATE,
  'reseller',
  'per-call prices and limits for the five Nano Banana models on LaoZhang API',
);
const COMFY_NB2_PR = src(
  'https://github.com/Comfy-Org/docs/pull/980',
  '2026-05-11',
  'reseller',
  'Comfy credits, 211 credits = US$1',
);
const NANO_BANANA_LAUNCH = src(
  'https://n-ess.it/technical-tips/introducing-gemini-2-5-flash-image-our-state-of-the-art-image-model/',
  RESEARCH_DATE,
  'third-party',
  "copy of Google's Gemini 2.5 Flash Image announcement: multi-image blending, character consistency, targeted natural-language edits",
);
const KREA_NANO_BANANA = src(
  'https://docs.krea.ai/user-guide/features/nano-banana',
  RESEARCH_DATE,
  'third-party',
  'limited to 1K; optimised for prompt adherence and speed',
);
const NANO_BANANA_LITELLM = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gemini/ and vertex_ai/gemini-2.5-flash-image: text in $0.30/1M (cached $0.03), text out $2.50/1M, image out $30/1M, $0.039 per image',
);

/** An editorial score: Atelier's judgement, with the facts it rests on in `note`. */
const judged = (value: number, note: string, ref = 'research/provider-facts.md#2.1'): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

/** The Gemini image aspect ratios documented for ImageConfig. */
const GEMINI_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
/**
 * Gemini 3.1 Flash Image adds the tall and wide ratios: 14 in the API's aspectRatio enum (a
 * Vertex card's "15" counted 9:21, which the API refuses). Nano Banana 2.1 takes the same 14.
 */
const NB2_RATIOS = [...GEMINI_RATIOS, '1:4', '4:1', '1:8', '8:1'];
const NB21_RATIOS = NB2_RATIOS;

const TIER_1K = { name: '1K', longEdge: 1024 };
const TIER_2K = { name: '2K', longEdge: 2048 };
const TIER_4K = { name: '4K', longEdge: 4096 };

/** Seed 002's Nano Banana 2 guidance; the same structure is used for the rest of the Flash family. */
const NB2_PROMPT = {
  template: '[Subject] [Action or Pose] in [Environment], [Time of day], [Mood], photorealistic',
  parts: ['subject', 'action', 'environment', 'lighting', 'style'],
  maxWords: 80,
  tips: [
    'Keep it under 80 words and use natural, descriptive language rather than dense photography jargon.',
    'For scenes with three or more subjects, say "foreground", "background" or "left of frame" instead of exact positions.',
    'Run 3–4 quick generations to pick a composition, then refine the strongest one.',
  ],
  example:
    'A woman reading on a sun-filled apartment balcony, late afternoon, warm and unhurried, photorealistic',
} satisfies Omit<ModelEntryInput['prompt'], 'source'>;

export const google: ModelEntryInput[] = [
  {
    id: 'nano-banana-pro',
    name: 'Nano Banana Pro',
    aliases: [
      'Gemini 3 Pro Image',
      'nano-banana-pro-preview',
      'gemini-3-pro-image-preview',
      'google/nano-banana-pro',
    ],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's flagship Gemini image model: polished, photoreal stills with strong text rendering and 4K output.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-05-28',
      replacements: [],
      source: GEMINI_DEPRECATIONS,
      note: 'GA id gemini-3-pro-image; the preview id gemini-3-pro-image-preview shut down 2026-06-25. Google names it the replacement for Imagen 4 Ultra.',
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: GEMINI_RATIOS,
      resolutions: [TIER_1K, TIER_2K, TIER_4K],
      maxImagesPerCall: 1,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: GEMINI_IMAGE_CONFIG,
    },
    claimedLatency: {
      minSeconds: 8,
      maxSeconds: 12,
      condition: '1024×1024, on PicassoIA',
      source: SEEDS.nbpVsSora2Pro,
    },
    scores: {
      realism: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      textRendering: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      promptAdherence: {
        value: 3,
        source: SEEDS.gptImage2VsNbp,
        note: 'seed 001 rates it "Moderate" and saw it drop elements of a long scene prompt; seed 000 praises material accuracy but gives no rating',
        contested: {
          reason:
            'seed 001 describes a 1024-only "Nano Banana Pro" with a limited API, not Google\'s gemini-3-pro-image (1K, 2K and 4K on the Gemini API and Vertex AI)',
          source: GEMINI_IMAGE_CONFIG,
        },
      },
      editingFlexibility: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      consistency: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      speed: {
        value: 4,
        source: SEEDS.nbpVsSora2Pro,
        note: '8–12 s per 1024² image (speed band: ≤10 s → 4)',
      },
      costEfficiency: {
        value: 4,
        source: SEEDS.gptImage2VsNbpScores,
        note: 'seed 004 score; at the $0.134 list price the catalog band alone would give 2',
      },
      finalPolish: { value: 5, source: SEEDS.gptImage2VsNbpScores },
    },
    strengths: [
      {
        text: 'Pore-level skin texture and studio lighting precision in portraits',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        text: 'Industry-leading text rendering and up to 4K output',
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        text: 'Style consistency across a campaign from a palette and a reference',
        source: SEEDS.nbpVsSora2Pro,
      },
    ],
    limitations: [
      {
        text: 'Camera movement and atmosphere feel static without explicit cinematic language',
        source: SEEDS.nbpVsSora2Pro,
      },
      { text: 'No mask inpainting through the Gemini API', source: research('2.2', 'sdk') },
      {
        text: 'Drops minor details from prompts over about 60 words',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
    bestFor: [
      {
        text: 'Polished final assets: product shots, portraits, architectural visuals',
        source: SEEDS.gptImage2VsNbpScores,
      },
    ],
    avoidIf: [
      {
        text: 'You only need the cheapest high-volume ideation',
        source: SEEDS.gptImage2VsNbpScores,
      },
    ],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 60,
      tips: [
        'Name materials and light temperature; the model rewards physical detail.',
        'Stay under about 60 words: longer prompts lose minor details.',
      ],
      source: src(
        SEEDS.gptImage2VsNbp.ref,
        RESEARCH_DATE,
        'seed',
        "structure from seed 001, which also reports detail loss past 60 words; the materials tip follows seed 000's control list",
      ),
    },
    moderation: { level: 'medium', source: SEEDS.gptImage2VsNbpScores },
    routes: [
      ...sameRoute(
        GEMINI_API_AND_VERTEX,
        {
          providerModelId: 'gemini-3-pro-image',
          status: 'active',
          price: {
            unit: 'token',
            ratesPerMillion: {
              textInput: usd('2.00'),
              imageInput: usd('2.00'),
              imageOutput: usd('120.00'),
              textOutput: usd('12.00'),
            },
            outputImageTokens: {
              kind: 'table',
              tiers: [
                { when: { resolution: '1K' }, tokens: 1120 },
                { when: { resolution: '2K' }, tokens: 1120 },
                { when: { resolution: '4K' }, tokens: 2000 },
              ],
              source: GEMINI_PRICING,
            },
            inputImageTokens: 560,
            source: GEMINI_PRICING,
          },
        },
        {
          google: {
            price: {
              note: '$0.134 per 1K/2K image, $0.24 per 4K image; an input image ≈ $0.0011.',
            },
          },
          vertex: {
            price: {
              source: src(
                LITELLM_PRICES.ref,
                LITELLM_PRICES.asOf,
                'price-map',
                'vertex_ai/gemini-3-pro-image: same rates as the Gemini API, $0.134 per image, $0.0011 per input image',
              ),
            },
          },
        },
      ),
      {
        provider: 'fal',
        providerModelId: 'fal-ai/nano-banana-pro',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.15') },
            { when: { resolution: '4K' }, micros: usd('0.30') },
          ],
          source: FAL_LIST,
        },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '$0.08 per image at standard resolution on PicassoIA',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.08') }],
          source: SEEDS.nbpVsSora2Pro,
        },
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'price',
        text: '22 credits per image to start on Influencer Studio',
        price: {
          unit: 'credits',
          per: 'image',
          tiers: [{ when: {}, credits: 22 }],
          rate: null,
          source: SEEDS.gptImage2VsNbpScores,
        },
        source: SEEDS.gptImage2VsNbpScores,
      },
      {
        topic: 'price',
        text: '$0.09 per call on LaoZhang API',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.09') }],
          source: LAOZHANG_NANO_BANANA,
        },
        source: LAOZHANG_NANO_BANANA,
      },
      {
        topic: 'latency',
        text: '8–12 seconds for standard 1024×1024 outputs',
        latency: { minSeconds: 8, maxSeconds: 12 },
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'latency',
        text: 'Under 10 seconds; 6–10 seconds per image',
        latency: { minSeconds: 6, maxSeconds: 10 },
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'resolution',
        text: '1024×1024 standard, where GPT Image 2 goes up to 4K',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'quality',
        text: 'Photorealism and prompt adherence "Moderate"; text in images "Unreliable"',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'engagement',
        text: 'Portraits receive 23% higher engagement on Instagram on average',
        source: SEEDS.nbpVsSora2Pro,
      },
    ],
  },
  {
    id: 'nano-banana-2-1',
    name: 'Nano Banana 2.1',
    aliases: ['Gemini Nano Banana 2.1', 'google/gemini-nano-banana-2.1', 'google/nano-banana-2.1'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's current Flash-tier Gemini image model: Nano Banana 2's speed with better design, text and subject consistency, 1K–4K output.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-10-06',
      replacements: [],
      source: GEMINI_CHANGELOG_NB21,
      note: 'Google routes Imagen 4 and Imagen 4 Fast users here (Firebase migration guide), and the Gemini API retires gemini-3.1-flash-image in its favour.',
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: NB21_RATIOS,
      resolutions: [TIER_1K, TIER_2K, TIER_4K],
      maxImagesPerCall: 1,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: NB21_SIZES,
    },
    scores: {
      realism: judged(
        4.5,
        "Nano Banana 2's seed 002 score (4) plus half a point: Google reports gains across the board, notably visual design",
        NB21_RELEASE.ref,
      ),
      textRendering: judged(
        3.5,
        "Nano Banana 2's seed 002 'Fair' (3) plus half a point for the cleaner text rendering Google and resellers report",
        NB21_WAVESPEED.ref,
      ),
      promptAdherence: judged(
        4.5,
        "Nano Banana 2's seed 002 score (4) plus half a point for the 'tighter prompt adherence' in Google's launch notes",
        NB21_WAVESPEED.ref,
      ),
      editingFlexibility: judged(
        4.5,
        'up to 14 references and conversational edits; launch notes single out mask-based editing',
        NB21_RELEASE.ref,
      ),
      consistency: judged(
        4.5,
        'subject consistency is the headline improvement over Nano Banana 2',
        NB21_RELEASE.ref,
      ),
      speed: judged(
        5,
        "described as faster than Nano Banana 2, which seed 002 calls 'Very Fast'",
        NB21_INFERENCE_SH.ref,
      ),
      costEfficiency: judged(
        4,
        '$0.0336 per 1K image on the Gemini API (band ≤$0.04 → 4)',
        NB21_LAUNCH.ref,
      ),
      finalPolish: judged(
        4.5,
        "Nano Banana 2's seed 002 'Very Good' (4) plus half a point; up to 4K output",
        NB21_RELEASE.ref,
      ),
    },
    strengths: [
      {
        text: 'Better visual design, mask-based editing and subject consistency than Nano Banana 2',
        source: NB21_RELEASE,
      },
      {
        text: 'Up to 14 reference images and 14 aspect ratios, including 1:8 and 8:1',
        source: NB21_WAVESPEED,
      },
      {
        text: 'About half the per-image price of Nano Banana 2 at 1K ($0.0336 vs $0.067)',
        source: NB21_LAUNCH,
      },
    ],
    limitations: [
      { text: 'No 512 px tier: the API rejects it on this model', source: NB21_SIZES },
      { text: 'Function calling and structured outputs are not supported', source: NB21_LAUNCH },
      {
        text: 'Only the 1K output token count is published here; 2K and 4K estimates are not in the catalog',
        source: NB21_LAUNCH,
      },
    ],
    bestFor: [
      {
        text: 'Most new Nano Banana work from 1K drafts to 4K finals at Flash-tier prices',
        source: LAOZHANG_NANO_BANANA,
      },
    ],
    avoidIf: [
      { text: 'You need 512 px thumbnails: only 1K, 2K and 4K are accepted', source: NB21_SIZES },
    ],
    prompt: {
      ...NB2_PROMPT,
      source: src(
        SEEDS.nb2VsFlux2Pro.ref,
        RESEARCH_DATE,
        'seed',
        "seed 002's Nano Banana 2 guidance, applied to its successor",
      ),
    },
    routes: sameRoute(
      GEMINI_API_AND_VERTEX,
      {
        providerModelId: 'gemini-nano-banana-2.1',
        status: 'active',
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('1.50'),
            imageOutput: usd('30.00'),
            textOutput: usd('7.50'),
          },
          outputImageTokens: {
            kind: 'table',
            tiers: [{ when: { resolution: '1K' }, tokens: 1120 }],
            source: src(
              NB21_LAUNCH.ref,
              NB21_LAUNCH.asOf,
              'price-map',
              'the published $0.0336 per 1K image restated as tokens: ÷ $30 per 1M = 1,120',
            ),
          },
          source: NB21_LAUNCH,
        },
      },
      {
        google: {
          price: {
            note: '2K/4K output token counts are not published in the sources; a reseller on Vertex charges up to $0.1134 at 4K (see claims).',
          },
        },
        vertex: {
          price: { note: 'The launch note gives one price list for gemini/ and vertex_ai/.' },
        },
      },
    ),
    claims: [
      {
        topic: 'price',
        text: '$0.0336–$0.1134 per image (1K–4K) through inference.sh on Vertex AI',
        price: {
          unit: 'image',
          tiers: [
            { when: { resolution: '1K' }, micros: usd('0.0336') },
            { when: { resolution: '4K' }, micros: usd('0.1134') },
          ],
          source: NB21_INFERENCE_SH,
        },
        source: NB21_INFERENCE_SH,
      },
      {
        topic: 'price',
        text: '$0.045 per call on LaoZhang API',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.045') }],
          source: LAOZHANG_NANO_BANANA,
        },
        source: LAOZHANG_NANO_BANANA,
      },
      {
        topic: 'feature',
        text: 'Thinking levels minimal, medium (default) and high',
        source: LAOZHANG_NANO_BANANA,
      },
    ],
  },
  {
    id: 'nano-banana-2',
    name: 'Nano Banana 2',
    aliases: ['Gemini 3.1 Flash Image', 'gemini-3.1-flash-image-preview', 'google/nano-banana-2'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's fast Flash-tier Gemini image model: warm, naturalistic stills from 512 px to 4K, built for iteration at volume.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-05-28',
      replacements: ['nano-banana-2-1'],
      source: GEMINI_CHANGELOG_NB21,
      note: "GA 2026-05-28 (preview gemini-3.1-flash-image-preview 2026-02-26 → 2026-06-25). Google deprecated it on the Gemini API on 2026-10-06 with no shutdown date (that route carries the deprecation); no Vertex deprecation was found. A 2026-10-29 Gemini API shutdown in LiteLLM's Nano Banana 2.1 note and a user report is not Google's and is kept only as their claim.",
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: NB2_RATIOS,
      resolutions: [{ name: '512', longEdge: 512 }, TIER_1K, TIER_2K, TIER_4K],
      maxImagesPerCall: 1,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: NB2_CARD,
    },
    scores: {
      realism: {
        value: 4,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'skin warmth Excellent, facial accuracy Very Good, hair strand detail Good',
      },
      textRendering: { value: 3, source: SEEDS.nb2VsFlux2Pro, note: 'text in image: Fair' },
      promptAdherence: {
        value: 4,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'complex prompts Good, minimal prompts Excellent',
      },
      editingFlexibility: judged(
        4,
        'conversational edits with up to 14 reference images (Vertex card); no mask input',
        NB2_CARD.ref,
      ),
      consistency: judged(
        4,
        'up to 14 references for character and style consistency (Vertex card); no seed',
        NB2_CARD.ref,
      ),
      speed: { value: 5, source: SEEDS.nb2VsFlux2Pro, note: 'generation speed: Very Fast' },
      costEfficiency: judged(
        3,
        '$0.067 per 1K image on the Gemini API (band ≤$0.08 → 3); seed 002 calls it the lower-cost option against FLUX.2 [pro]',
        NB2_LITELLM.ref,
      ),
      finalPolish: {
        value: 4,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'final delivery quality: Very Good',
      },
    },
    strengths: [
      {
        text: 'Warm, naturalistic colour science and convincing skin rendering in portraits',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        text: 'Coherent lighting physics: shadows and highlights follow the light sources',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { text: 'Fills in detail generously from short, open prompts', source: SEEDS.nb2VsFlux2Pro },
      { text: 'A 512 px tier and extreme 1:8 / 8:1 ratios', source: NB2_CARD },
    ],
    limitations: [
      {
        text: 'Softer micro-texture on fabric weave and individual hair strands than heavier models',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        text: 'Reinterprets spatial relationships in scenes with three or more subjects',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { text: 'Text inside images is only fair', source: SEEDS.nb2VsFlux2Pro },
      {
        text: 'Scheduled off the Gemini API on 2026-10-29 in favour of Nano Banana 2.1',
        source: NB21_LAUNCH,
      },
    ],
    bestFor: [
      { text: 'Ideation, iteration and rapid concept validation', source: SEEDS.nb2VsFlux2Pro },
      {
        text: 'High-volume digital content where publishable quality is enough',
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
    avoidIf: [
      { text: 'Readable text must appear correctly in the image', source: SEEDS.nb2VsFlux2Pro },
      {
        text: 'Close-up product, fashion or architectural work where texture is the point',
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
    prompt: { ...NB2_PROMPT, source: SEEDS.nb2VsFlux2Pro },
    routes: [
      {
        provider: 'google',
        providerModelId: 'gemini-3.1-flash-image',
        status: 'deprecated',
        deprecated: '2026-10-06',
        lifecycleSource: GEMINI_CHANGELOG_NB21,
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('0.25'),
            imageOutput: usd('60.00'),
            textOutput: usd('1.50'),
          },
          outputImageTokens: {
            kind: 'table',
            tiers: [
              { when: { resolution: '512' }, tokens: 747 },
              { when: { resolution: '1K' }, tokens: 1120 },
              { when: { resolution: '2K' }, tokens: 1680 },
              { when: { resolution: '4K' }, tokens: 2520 },
            ],
            source: NB2_CARD,
          },
          source: NB2_LITELLM,
          note: '$0.045 (512) · $0.067 (1K) · $0.101 (2K) · $0.151 (4K) per image.',
        },
      },
      {
        provider: 'vertex',
        providerModelId: 'gemini-3.1-flash-image',
        status: 'active',
        price: {
          unit: 'token',
          ratesPerMillion: {
            textInput: usd('0.50'),
            imageOutput: usd('60.00'),
            textOutput: usd('3.00'),
          },
          outputImageTokens: {
            kind: 'table',
            tiers: [
              { when: { resolution: '512' }, tokens: 747 },
              { when: { resolution: '1K' }, tokens: 1120 },
              { when: { resolution: '2K' }, tokens: 1680 },
              { when: { resolution: '4K' }, tokens: 2520 },
            ],
            source: NB2_CARD,
          },
          inputImageTokens: 1120,
          source: NB2_VERTEX_LITELLM,
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/nano-banana-2',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.08') },
            { when: { resolution: '2K' }, micros: usd('0.12') },
            { when: { resolution: '4K' }, micros: usd('0.16') },
          ],
          source: FAL_LIST,
          note: 'fal list: $0.08 base, 2K ×1.5, 4K ×2.',
        },
      },
    ],
    claims: [
      {
        topic: 'other',
        text: 'LiteLLM says the Gemini API shuts gemini-3.1-flash-image down on 2026-10-29; Google announced no shutdown date',
        source: NB21_LAUNCH,
      },
      {
        topic: 'price',
        text: '21.31 credits per 2K run ($0.101) and 32.49 credits per 4K run ($0.154) on Comfy partner nodes',
        price: {
          unit: 'credits',
          per: 'image',
          tiers: [
            { when: { resolution: '2K' }, credits: 21.31 },
            { when: { resolution: '4K' }, credits: 32.49 },
          ],
          rate: { credits: 211, micros: usd('1') },
          source: COMFY_NB2_PR,
        },
        source: COMFY_NB2_PR,
      },
      {
        topic: 'price',
        text: '$0.055 per call on LaoZhang API',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.055') }],
          source: LAOZHANG_NANO_BANANA,
        },
        source: LAOZHANG_NANO_BANANA,
      },
      {
        topic: 'price',
        text: 'Lower cost per image than FLUX.2 [pro]',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        topic: 'latency',
        text: 'Inference runs in seconds; generation speed "Very Fast"',
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
  },
  {
    id: 'nano-banana-2-lite',
    name: 'Nano Banana 2 Lite',
    aliases: [
      'Gemini 3.1 Flash Lite Image',
      'Gemini 3.1 Flash-Lite Image',
      'gemini-3.1-flash-lite-image',
      'google/gemini-3.1-flash-lite-image',
    ],
    vendor: 'google',
    modality: 'image',
    description:
      'The fastest, cheapest Nano Banana: 1K images and quick multi-turn edits in under two seconds, for interactive and high-volume use.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-06-30',
      replacements: [],
      source: NB2_LITE_LAUNCH,
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: GEMINI_RATIOS,
      resolutions: [TIER_1K],
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: src(
        NB2_LITE_PAGE.ref,
        RESEARCH_DATE,
        'provider',
        'Google lists 14 aspect ratios but names the ten standard ones also listed by GMI Cloud; 14 reference objects per LaoZhang API',
      ),
    },
    scores: {
      realism: judged(
        3.5,
        "optimised for 1K; Google keeps it to Nano Banana's original standard rather than Nano Banana 2's",
        NB2_LITE_PAGE.ref,
      ),
      textRendering: judged(
        3.5,
        'Vercel describes legible in-image text; no comparison against Nano Banana 2',
        NB2_LITE_VERCEL.ref,
      ),
      promptAdherence: judged(4, "Vercel: 'reliable prompt adherence'", NB2_LITE_VERCEL.ref),
      editingFlexibility: judged(
        4,
        'interleaved generation and fast multi-turn local edits (colour swaps, stickers, backgrounds)',
        NB2_LITE_PAGE.ref,
      ),
      consistency: judged(
        4,
        "high character alignment 'consistent with the original Nano Banana standard'; Vercel: strong character consistency",
        NB2_LITE_PAGE.ref,
      ),
      speed: judged(
        5,
        'under-2-second end-to-end latency target (band ≤3 s → 5)',
        NB2_LITE_PAGE.ref,
      ),
      costEfficiency: judged(
        4,
        "Google's list price is $0.0336 per 1K image (Vertex pricing page via LiteLLM), half of Nano Banana 2 (band → 4), in line with resellers' $0.025–0.034",
        NB2_LITE_LAUNCH.ref,
      ),
      finalPolish: judged(3, '1K output only; no 2K or 4K', NB2_LITE_PAGE.ref),
    },
    strengths: [
      {
        text: 'Under two seconds end to end, for interactive and real-time use',
        source: NB2_LITE_PAGE,
      },
      {
        text: 'More than twice as fast as Nano Banana 2 at half the cost',
        source: NB2_LITE_LAUNCH,
      },
      {
        text: 'Fast multi-turn local edits: swap colours, make stickers, adjust backgrounds',
        source: NB2_LITE_PAGE,
      },
    ],
    limitations: [
      { text: '1K output only: 2K and 4K are not supported', source: NB2_LITE_PAGE },
      { text: 'No Google Search grounding and no structured outputs', source: NB2_LITE_PAGE },
    ],
    bestFor: [
      {
        text: 'Large batches of 1K images, drafts and interactive apps',
        source: LAOZHANG_NANO_BANANA,
      },
    ],
    avoidIf: [{ text: 'You need print or hero assets above 1K', source: NB2_LITE_PAGE }],
    prompt: {
      ...NB2_PROMPT,
      source: src(
        SEEDS.nb2VsFlux2Pro.ref,
        RESEARCH_DATE,
        'seed',
        "seed 002's Nano Banana 2 guidance, applied to the Lite model",
      ),
    },
    routes: sameRoute(GEMINI_API_AND_VERTEX, {
      providerModelId: 'gemini-3.1-flash-lite-image',
      status: 'active',
      price: {
        unit: 'token',
        ratesPerMillion: {
          textInput: usd('0.25'),
          imageOutput: usd('30.00'),
          textOutput: usd('1.50'),
        },
        outputImageTokens: {
          kind: 'table',
          tiers: [{ when: { resolution: '1K' }, tokens: 1120 }],
          source: NB2_LITE_PRICES,
        },
        inputImageTokens: 1120,
        source: NB2_LITE_PRICES,
        note: '1,120 image tokens × $30 per 1M = $0.0336 per 1K image; half of Nano Banana 2.',
      },
    }),
    claims: [
      {
        topic: 'price',
        text: '$0.025 per call on LaoZhang API',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.025') }],
          source: LAOZHANG_NANO_BANANA,
        },
        source: LAOZHANG_NANO_BANANA,
      },
      {
        topic: 'price',
        text: 'About $0.034 per 1K image on GMI Cloud (input $0.25, text output $1.50 per 1M tokens)',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.034') }], source: NB2_LITE_GMI },
        source: NB2_LITE_GMI,
      },
      {
        topic: 'price',
        text: 'Comfy resells output image tokens at 7.60 credits per 1K tokens ($36 per 1M), about 20% over list since 2026-08-07',
        source: COMFY_PRICING,
      },
      { topic: 'latency', text: 'Under 2 seconds end to end', source: NB2_LITE_PAGE },
    ],
  },
  {
    id: 'nano-banana',
    name: 'Nano Banana',
    aliases: [
      'Gemini 2.5 Flash Image',
      'gemini-2.5-flash-image-preview',
      'google/nano-banana',
      'Nano Banana Standard',
    ],
    vendor: 'google',
    modality: 'image',
    description:
      'The original Gemini image model: fast 1K generation and natural-language editing with multi-image blending and character consistency.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'retired',
      released: '2025-10-02',
      shutdown: '2026-10-02',
      replacements: ['nano-banana-2-1'],
      source: GEMINI_DEPRECATIONS,
      note: 'Google lists the shutdown as the earliest date; a reseller reports it still callable after it (LaoZhang, 2026). Google first pointed Gemini 2.5 users to gemini-3.1-flash-image, which is itself being replaced by Nano Banana 2.1.',
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: GEMINI_RATIOS,
      resolutions: [TIER_1K],
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 3,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: research(
        '2.2',
        'third-party',
        'no imageSize tiers (≈1024 px); ten Gemini aspect ratios; LaoZhang API recommends at most 3 reference images',
      ),
    },
    scores: {
      realism: judged(
        3.5,
        'strong for everyday creative work but limited to 1K (Krea); superseded by Nano Banana 2',
        KREA_NANO_BANANA.ref,
      ),
      textRendering: judged(
        3,
        'no source rates it above Nano Banana 2, which seed 002 rates Fair',
        KREA_NANO_BANANA.ref,
      ),
      promptAdherence: judged(
        3.5,
        "Krea: 'optimized for precise prompt adherence'; no rating in the seeds",
        KREA_NANO_BANANA.ref,
      ),
      editingFlexibility: judged(
        4,
        "Google's launch: multi-image blending and targeted natural-language edits",
        NANO_BANANA_LAUNCH.ref,
      ),
      consistency: judged(
        4,
        "Google's launch: keeps characters consistent across images",
        NANO_BANANA_LAUNCH.ref,
      ),
      speed: judged(
        4,
        "Krea: Google's most efficient image model for high-volume work; no latency figure",
        KREA_NANO_BANANA.ref,
      ),
      costEfficiency: judged(4, '$0.039 per image (band ≤$0.04 → 4)', NANO_BANANA_LITELLM.ref),
      finalPolish: judged(3, '1K output only', KREA_NANO_BANANA.ref),
    },
    strengths: [
      {
        text: 'Blends several images into one and keeps characters consistent across images',
        source: NANO_BANANA_LAUNCH,
      },
      { text: 'Targeted edits from plain-language instructions', source: NANO_BANANA_LAUNCH },
    ],
    limitations: [
      { text: 'Limited to 1K resolution', source: KREA_NANO_BANANA },
      { text: 'Past its announced shutdown date on the Gemini API', source: GEMINI_DEPRECATIONS },
    ],
    bestFor: [
      {
        text: 'Existing integrations only; new work should use Nano Banana 2.1',
        source: LAOZHANG_NANO_BANANA,
      },
    ],
    avoidIf: [
      {
        text: 'You start something new: the model is past its announced shutdown date',
        source: GEMINI_DEPRECATIONS,
      },
    ],
    prompt: {
      ...NB2_PROMPT,
      source: src(
        SEEDS.nb2VsFlux2Pro.ref,
        RESEARCH_DATE,
        'seed',
        "seed 002's Nano Banana 2 guidance, applied to the original model",
      ),
    },
    routes: [
      ...sameRoute(
        GEMINI_API_AND_VERTEX,
        {
          providerModelId: 'gemini-2.5-flash-image',
          status: 'retired',
          price: {
            unit: 'token',
            ratesPerMillion: {
              textInput: usd('0.30'),
              textInputCached: usd('0.03'),
              imageOutput: usd('30.00'),
              textOutput: usd('2.50'),
            },
            outputImageTokens: {
              kind: 'table',
              tiers: [{ when: {}, tokens: 1290 }],
              source: research('2.4', 'third-party', 'puter cost table: 1,290 tokens per image'),
            },
            source: NANO_BANANA_LITELLM,
          },
        },
        { google: { price: { note: '1,290 tokens × $30 per 1M ≈ $0.039 per image.' } } },
      ),
      {
        provider: 'fal',
        providerModelId: 'fal-ai/nano-banana',
        status: 'retired',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.039') }], source: FAL_LIST },
        note: "fal serves Google's model; it goes when Google's does.",
      },
    ],
    claims: [
      {
        topic: 'price',
        text: "$0.02 per call on LaoZhang API, still served after Google's planned shutdown date",
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.02') }],
          source: LAOZHANG_NANO_BANANA,
        },
        source: LAOZHANG_NANO_BANANA,
      },
      {
        topic: 'other',
        text: 'Suggested in PicassoIA for "alternative interpretations" after a GPT Image 2 generation',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
];
