import { usd } from '../../money.ts';
import type { ModelEntryInput, Score } from '../schema.ts';
import { GEMINI_API_AND_VERTEX, sameRoute } from './routes.ts';
import { LITELLM_PRICES, RESEARCH_DATE, research, src } from './sources.ts';

/*
 * Google's Imagen 4 line (Imagen 4, Fast, Ultra), retired on the Gemini API and Vertex on
 * 2026-08-17 and kept for history and for the replacements it names. The Nano Banana family is
 * in google.ts; the editorial bands are the same.
 */

const FIREBASE_IMAGEN_MIGRATION = src(
  'https://firebase.google.com/docs/ai-logic/imagen-models-migration.md.txt',
  RESEARCH_DATE,
  'provider',
  'all Imagen models shut down 2026-08-17 on the Gemini Developer API and Agent Platform; imagen-4.0-fast/generate → gemini-nano-banana-2.1, imagen-4.0-ultra → gemini-3-pro-image',
);

const IMAGEN_ULTRA_CARD = src(
  'https://cloud.google.com/vertex-ai/generative-ai/docs/models/imagen/4-0-ultra-generate-001',
  RESEARCH_DATE,
  'provider',
  '1K and 2K sizes for 5 aspect ratios; up to 4 images per request; 480-token prompts',
);

const IMAGEN_FAST_CARD = src(
  'https://cloud.google.com/vertex-ai/generative-ai/docs/models/imagen/4-0-fast-generate-preview-06-06',
  RESEARCH_DATE,
  'provider',
  '1K sizes for 5 aspect ratios; up to 4 images per request; 480-token prompts',
);

const IMAGEN_CONFIG = research(
  '2.5',
  'sdk',
  'generateImages: numberOfImages, aspectRatio 1:1/3:4/4:3/9:16/16:9, imageSize 1K/2K, seed, outputMimeType; Agent Platform only and deprecated',
);

const IMAGEN_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'gemini/ and vertex_ai/imagen-4.0-{fast-generate,generate,ultra-generate}-001: $0.02 / $0.04 / $0.06 per image',
);

/** Imagen 4 aspect ratios (Vertex cards). */
const IMAGEN_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'];
const IMAGEN_1K = ['1024x1024', '896x1280', '1280x896', '768x1408', '1408x768'];
const IMAGEN_2K = ['2048x2048', '1792x2560', '2560x1792', '1536x2816', '2816x1536'];

const IMAGEN_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera and Style]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
  maxWords: 300,
  tips: ['Imagen reads at most 480 prompt tokens; longer prompts are cut.'],
  source: src(
    IMAGEN_ULTRA_CARD.ref,
    RESEARCH_DATE,
    'provider',
    '480-token prompt limit; 300 words is an editorial cap that stays under it',
  ),
};

/** An editorial score: Atelier's judgement, with the facts it rests on in `note`. */
const judged = (value: number, note: string, ref = 'research/provider-facts.md#2.1'): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

const TIER_1K = { name: '1K', longEdge: 1024 };
const TIER_2K = { name: '2K', longEdge: 2048 };

export const imagen: ModelEntryInput[] = [
  {
    id: 'imagen-4',
    name: 'Imagen 4',
    aliases: ['Imagen 4 Standard', 'imagen-4.0-generate-001', 'google/imagen-4'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's former standard text-to-image model (Imagen 4), shut down on 2026-08-17; kept for history.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-08-17',
      replacements: ['nano-banana-2-1'],
      source: FIREBASE_IMAGEN_MIGRATION,
      note: 'Google maps imagen-4.0-generate-001 to gemini-nano-banana-2.1 with thinking level HIGH.',
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: IMAGEN_RATIOS,
      resolutions: [TIER_1K, TIER_2K],
      maxImagesPerCall: 4,
      maxWidth: 2816,
      maxHeight: 2816,
      transparency: false,
      outputFormats: ['png', 'jpeg'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: src(
        IMAGEN_CONFIG.ref,
        RESEARCH_DATE,
        'sdk',
        'imageSize 1K/2K and five aspect ratios from the SDK; pixel sizes as on the Imagen 4 Ultra card (the Standard card was not read); 4 images per request as on the other Imagen 4 cards',
      ),
    },
    scores: {
      realism: judged(
        4,
        'mid tier of the Imagen 4 line (Fast < Standard < Ultra); no benchmark in the sources',
        IMAGEN_CONFIG.ref,
      ),
      textRendering: judged(
        3.5,
        'the Imagen 4 family is credited with improved text rendering (Vercel AI Gateway), without a rating',
        'https://vercel.com/aicoderally/aicoderally-stack/ai-gateway/models/imagen-4.0-fast-generate-001',
      ),
      promptAdherence: judged(
        3.5,
        'no rating in the sources; placed between Fast and Ultra',
        IMAGEN_CONFIG.ref,
      ),
      editingFlexibility: judged(
        1,
        'text-to-image only: generateImages takes no input image',
        IMAGEN_CONFIG.ref,
      ),
      consistency: judged(3, 'seed parameter but no reference images', IMAGEN_CONFIG.ref),
      speed: judged(
        4,
        'no latency source; Google positions Fast, not Standard, as the quick tier',
        IMAGEN_CONFIG.ref,
      ),
      costEfficiency: judged(4, '$0.04 per image (band ≤$0.04 → 4)', IMAGEN_PRICES.ref),
      finalPolish: judged(4, '1K and 2K output', IMAGEN_CONFIG.ref),
    },
    limitations: [
      {
        text: 'Shut down on 2026-08-17 on the Gemini API and Agent Platform',
        source: FIREBASE_IMAGEN_MIGRATION,
      },
      { text: 'Text-to-image only, on Vertex only in @google/genai 3.x', source: IMAGEN_CONFIG },
    ],
    prompt: IMAGEN_PROMPT,
    routes: sameRoute(GEMINI_API_AND_VERTEX, {
      providerModelId: 'imagen-4.0-generate-001',
      status: 'retired',
      price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source: IMAGEN_PRICES },
    }),
  },
  {
    id: 'imagen-4-fast',
    name: 'Imagen 4 Fast',
    aliases: ['imagen-4.0-fast-generate-001', 'google/imagen-4-fast'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's former speed-tier Imagen 4 model, shut down on 2026-08-17; kept for history.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-08-17',
      replacements: ['nano-banana-2-1'],
      source: FIREBASE_IMAGEN_MIGRATION,
      note: 'Google maps imagen-4.0-fast-generate-001 to gemini-nano-banana-2.1 with thinking level MINIMAL.',
    },
    image: {
      sizes: { kind: 'list', values: IMAGEN_1K },
      aspectRatios: IMAGEN_RATIOS,
      resolutions: [TIER_1K],
      maxImagesPerCall: 4,
      maxWidth: 1408,
      maxHeight: 1408,
      transparency: false,
      outputFormats: ['png', 'jpeg'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: IMAGEN_FAST_CARD,
    },
    scores: {
      realism: judged(
        3.5,
        'speed tier of Imagen 4, below Standard; no benchmark in the sources',
        IMAGEN_FAST_CARD.ref,
      ),
      textRendering: judged(3, 'no rating in the sources; below Standard', IMAGEN_FAST_CARD.ref),
      promptAdherence: judged(3.5, 'no rating in the sources', IMAGEN_FAST_CARD.ref),
      editingFlexibility: judged(1, 'text-to-image only', IMAGEN_FAST_CARD.ref),
      consistency: judged(3, 'seed parameter but no reference images', IMAGEN_FAST_CARD.ref),
      speed: judged(
        5,
        "Google's latency-optimised Imagen tier; no latency figure in the sources",
        IMAGEN_FAST_CARD.ref,
      ),
      costEfficiency: judged(4.5, '$0.02 per image (band ≤$0.025 → 4.5)', IMAGEN_PRICES.ref),
      finalPolish: judged(3, '1K output only', IMAGEN_FAST_CARD.ref),
    },
    limitations: [
      {
        text: 'Shut down on 2026-08-17 on the Gemini API and Agent Platform',
        source: FIREBASE_IMAGEN_MIGRATION,
      },
    ],
    prompt: IMAGEN_PROMPT,
    routes: sameRoute(GEMINI_API_AND_VERTEX, {
      providerModelId: 'imagen-4.0-fast-generate-001',
      status: 'retired',
      price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.02') }], source: IMAGEN_PRICES },
    }),
  },
  {
    id: 'imagen-4-ultra',
    name: 'Imagen 4 Ultra',
    aliases: ['imagen-4.0-ultra-generate-001', 'google/imagen-4-ultra'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's former top Imagen 4 tier for photoreal 2K stills, shut down on 2026-08-17; kept for history.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-08-17',
      replacements: ['nano-banana-pro', 'nano-banana-2-1'],
      source: FIREBASE_IMAGEN_MIGRATION,
      note: 'Google maps imagen-4.0-ultra-generate-001 to gemini-3-pro-image (Nano Banana Pro).',
    },
    image: {
      sizes: { kind: 'list', values: [...IMAGEN_1K, ...IMAGEN_2K] },
      aspectRatios: IMAGEN_RATIOS,
      resolutions: [TIER_1K, TIER_2K],
      maxImagesPerCall: 4,
      maxWidth: 2816,
      maxHeight: 2816,
      transparency: false,
      outputFormats: ['png', 'jpeg'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: IMAGEN_ULTRA_CARD,
    },
    scores: {
      realism: judged(
        4.5,
        'top Imagen 4 tier for photoreal output; no benchmark in the sources',
        IMAGEN_ULTRA_CARD.ref,
      ),
      textRendering: judged(
        4,
        "AI/ML API's listing in LiteLLM: 'photorealistic image generation with precise text rendering'",
        'research/litellm_image_video_entries_2026-07-24.json',
      ),
      promptAdherence: judged(
        4,
        'no rating in the sources; highest of the Imagen 4 tiers',
        IMAGEN_ULTRA_CARD.ref,
      ),
      editingFlexibility: judged(1, 'text-to-image only', IMAGEN_ULTRA_CARD.ref),
      consistency: judged(3.5, 'seed parameter but no reference images', IMAGEN_ULTRA_CARD.ref),
      speed: judged(3, 'no latency source; the quality tier of the line', IMAGEN_ULTRA_CARD.ref),
      costEfficiency: judged(3.5, '$0.06 per image (band ≤$0.06 → 3.5)', IMAGEN_PRICES.ref),
      finalPolish: judged(4.5, '2K output in five aspect ratios', IMAGEN_ULTRA_CARD.ref),
    },
    limitations: [
      {
        text: 'Shut down on 2026-08-17 on the Gemini API and Agent Platform',
        source: FIREBASE_IMAGEN_MIGRATION,
      },
    ],
    prompt: IMAGEN_PROMPT,
    routes: sameRoute(GEMINI_API_AND_VERTEX, {
      providerModelId: 'imagen-4.0-ultra-generate-001',
      status: 'retired',
      price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.06') }], source: IMAGEN_PRICES },
    }),
  },
];
