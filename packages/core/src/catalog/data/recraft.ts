import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import {
  CATALOG_AS_OF,
  COMFY_PRICING,
  LITELLM_PRICES,
  RESEARCH_DATE,
  SEEDS,
  research,
  src,
} from './sources.ts';

/*
 * Recraft: design-focused raster and vector (SVG) models. A vector output is the same model with
 * the `_vector` variant (or a vector style) and costs more, so routes price it as variant "vector".
 *
 * Editorial costEfficiency band (per standard raster image): ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3 · ≤$0.25 2.5 · above 2.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.6', 'editorial'),
  note,
});
const comfy = (note: string) => ({ ...COMFY_PRICING, note: `Comfy resale credits ÷ 211: ${note}` });

const RECRAFT_APPENDIX = src(
  'https://www.recraft.ai/docs/api-reference/appendix',
  RESEARCH_DATE,
  'provider',
  'supported sizes per model; maximum prompt length 1,000 characters for V2/V3, 10,000 for V4',
);
const RECRAFT_MODELS = src(
  'https://www.recraft.ai/docs/api-reference/models',
  RESEARCH_DATE,
  'provider',
  'models ending in _vector produce SVG; _pro variants generate 2K raster with finer detail',
);
const RECRAFT_STYLES = src(
  'https://www.recraft.ai/docs/api-reference/appendix',
  RESEARCH_DATE,
  'provider',
  'style families: any, realistic_image, digital_illustration, vector_illustration, icon, logo_raster',
);
const RECRAFT_OVERVIEW = src(
  'https://github.com/PicsArt/picsart-mcp-cli-docs/wiki/Provider-Recraft/0303ad5c8d8032a99f9c8a88ea86a116fa2168b1',
  RESEARCH_DATE,
  'third-party',
  'design-focused model with strong text rendering, long prompts and native SVG output',
);
const REPLICATE_20B_SVG = src(
  'https://replicate.com/recraft-ai/recraft-20b-svg/versions/110b949db40d2d140280a4484c8c70eca855128ad04c06a8a8a680701121110e/api',
  RESEARCH_DATE,
  'reseller',
  'recraft-ai/recraft-20b-svg: prompt, size (default 1024x1024), style (default vector_illustration)',
);

const RECRAFT_VECTORIZE = src(
  'https://www.recraft.ai/docs/api-reference/tools/vectorize',
  CATALOG_AS_OF,
  'provider',
  'POST /v1/images/vectorize: a raster image (PNG, JPG or WEBP, up to 10 MB and 16 MP) in, an editable SVG out, $0.01 per request',
);

/** Recraft's own model pages and price list, checked 2026-12-06 (catalog audit). */
const RECRAFT_V4_PAGE = src(
  'https://www.recraft.ai/docs/api-reference/models/recraft-v4',
  CATALOG_AS_OF,
  'provider',
  'recraftv4 $0.04 raster (1K), recraftv4_vector $0.08, recraftv4_pro $0.25 raster (2K), recraftv4_pro_vector $0.30 per image',
);
const RECRAFT_V41_PAGE = src(
  'https://www.recraft.ai/docs/api-reference/models/recraft-v4-1',
  CATALOG_AS_OF,
  'provider',
  "Recraft V4.1, released May 2026, the API's default model: recraftv4_1 $0.035 raster (1K), recraftv4_1_vector $0.08, recraftv4_1_pro $0.21 raster (2K)",
);
const RECRAFT_PRICING = src(
  'https://www.recraft.ai/docs/api-reference/pricing',
  CATALOG_AS_OF,
  'provider',
  'raster image generation: Recraft V4.1 Pro and V4.1 Utility Pro $0.21 (210 units), Recraft V4.1 and V4.1 Utility $0.035 (35 units) per image',
);
const RECRAFT_V41_SIZES = src(
  'https://www.recraft.ai/docs/api-reference/appendix',
  CATALOG_AS_OF,
  'provider',
  'V4.1 takes the same sizes as V4 (1024×1024 … 1344×768) and prompts of up to 10,000 characters',
);

const V3_SIZES = [
  '1024x1024',
  '2048x1024',
  '1024x2048',
  '1536x1024',
  '1024x1536',
  '1365x1024',
  '1024x1365',
  '1280x1024',
  '1024x1280',
];
const V4_SIZES = [
  '1024x1024',
  '1536x768',
  '768x1536',
  '1280x832',
  '832x1280',
  '1216x896',
  '896x1216',
  '1152x896',
  '896x1152',
  '832x1344',
  '1280x896',
  '896x1280',
  '1344x768',
  '768x1344',
];
const V4_PRO_SIZES = [
  '2048x2048',
  '3072x1536',
  '1536x3072',
  '2560x1664',
  '1664x2560',
  '2432x1792',
  '1792x2432',
  '2304x1792',
  '1792x2304',
  '1664x2688',
  '2560x1792',
  '1792x2560',
  '2688x1536',
  '1536x2688',
];
const V4_RATIOS = [
  '1:1',
  '2:1',
  '1:2',
  '3:2',
  '2:3',
  '4:3',
  '3:4',
  '5:4',
  '4:5',
  '6:10',
  '14:10',
  '10:14',
  '16:9',
  '9:16',
];

const recraftPrompt = (maxWords: number, limitNote: string): ModelEntryInput['prompt'] => ({
  template: '[Subject], [Style], [Composition and Colours]; [Text to render, in quotes]',
  parts: ['subject', 'style', 'text'],
  maxWords,
  tips: [
    'Pick the output type first: raster styles (photo, illustration) or a vector model for SVG logos and icons.',
    'Put the exact words to render in quotes.',
  ],
  source: { ...RECRAFT_APPENDIX, note: limitNote },
});

/** Recraft models share these traits; sizes and inputs differ. */
const recraftImage = (
  sizes: string[],
  aspectRatios: string[],
  maxEdge: number,
  maxInputImages: number,
  mask: boolean,
) => ({
  sizes: { kind: 'list' as const, values: sizes },
  aspectRatios,
  maxImagesPerCall: 1,
  maxWidth: maxEdge,
  maxHeight: maxEdge,
  transparency: false,
  outputFormats: ['png' as const, 'svg' as const],
  maxInputImages,
  mask,
  seed: false,
  negativePrompt: false,
  source: {
    ...RECRAFT_APPENDIX,
    note: "sizes from Recraft's appendix; SVG from the _vector variants. Requests can ask for n images (Comfy bills × n) but the limit is not stated, so one per call is assumed; raster file format, seed and negative prompt are not confirmed.",
  },
});

export const recraft: ModelEntryInput[] = [
  {
    id: 'recraft-v3',
    name: 'Recraft V3',
    aliases: ['Recraft V3 Vector', 'recraftv3_vector', 'recraft-ai/recraft-v3'],
    vendor: 'recraft',
    modality: 'image',
    description:
      "Recraft's V3: raster or SVG output in design style families (icons, logos, illustration, photo), with image-to-image and inpainting.",
    tasks: ['text-to-image', 'edit', 'mask-inpainting'],
    lifecycle: { status: 'active', replacements: [], source: RECRAFT_STYLES },
    image: recraftImage(
      V3_SIZES,
      ['1:1', '2:1', '1:2', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5'],
      2048,
      1,
      true,
    ),
    scores: {
      realism: judged(3.5, 'has photo styles but is positioned as a design model; no benchmark'),
      textRendering: judged(
        4,
        'design-focused line known for text rendering (third-party overview)',
      ),
      promptAdherence: judged(3.5, 'prompt capped at 1,000 characters'),
      editingFlexibility: judged(
        4,
        'image-to-image and mask inpainting on recraftv3 (Comfy node list)',
      ),
      consistency: judged(4, 'named style families and custom styles keep a set on-brand'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4.5, '$0.04 raster, $0.08 vector (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'up to 2048 px; native SVG'),
    },
    strengths: [
      {
        text: 'Native SVG output for logos, icons and vector illustration',
        source: RECRAFT_MODELS,
      },
      {
        text: 'Style families for photo, illustration, vector, icon and logo work',
        source: RECRAFT_STYLES,
      },
    ],
    limitations: [
      { text: 'Prompts are capped at 1,000 characters', source: RECRAFT_APPENDIX },
      { text: 'Fixed size list up to 2048 px', source: RECRAFT_APPENDIX },
    ],
    bestFor: [{ text: 'Brand graphics that must ship as SVG', source: RECRAFT_MODELS }],
    avoidIf: [
      { text: 'Long, detailed scene prompts (over 1,000 characters)', source: RECRAFT_APPENDIX },
    ],
    prompt: recraftPrompt(
      150,
      'V3 prompts are capped at 1,000 characters (about 150 words); structure from seed 001 adapted to design work',
    ),
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'recraftv3',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.04') },
            { when: { variant: 'vector' }, micros: usd('0.08') },
          ],
          source: comfy('recraftv3 8.44 credits per raster image, 16.88 per vector image'),
          note: 'LiteLLM recraft/recraftv3 (from recraft.ai/docs#pricing) agrees on $0.04 raster.',
        },
        note: 'Vector: model recraftv3_vector or a vector style.',
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/recraft/v3/text-to-image',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.0398') }],
          source: LITELLM_PRICES,
        },
        note: 'fal_ai/fal-ai/recraft/v3/text-to-image in LiteLLM; vector-style pricing on fal is not confirmed.',
      },
    ],
  },
  {
    id: 'recraft-v4',
    name: 'Recraft V4',
    aliases: ['Recraft V4 Vector', 'recraftv4_vector'],
    vendor: 'recraft',
    modality: 'image',
    description:
      'Recraft V4: raster or SVG design images from prompts of up to 10,000 characters, at about 1 MP.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: RECRAFT_MODELS },
    image: recraftImage(V4_SIZES, V4_RATIOS, 1536, 0, false),
    scores: {
      realism: judged(4, 'newer generation than V3; no benchmark'),
      textRendering: judged(4.5, 'third-party overview: strong text rendering in the V4 line'),
      promptAdherence: judged(4, 'prompts up to 10,000 characters'),
      editingFlexibility: judged(
        1.5,
        'text-to-image and text-to-vector only; no edit inputs on this model',
      ),
      consistency: judged(4, 'style system carried over from V3'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4.5, '$0.04 raster, $0.08 vector (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'about 1 MP outputs (1024×1024 to 1536×768); Pro goes to 2K'),
    },
    strengths: [
      { text: 'Prompts up to 10,000 characters', source: RECRAFT_APPENDIX },
      { text: 'Strong text rendering and native SVG output', source: RECRAFT_OVERVIEW },
    ],
    limitations: [{ text: 'Outputs around 1 MP; use V4 Pro for 2K', source: RECRAFT_APPENDIX }],
    bestFor: [
      { text: 'Posters, social graphics and vector assets with copy', source: RECRAFT_OVERVIEW },
    ],
    avoidIf: [{ text: 'You need to edit an existing image', source: COMFY_PRICING }],
    prompt: recraftPrompt(
      300,
      "V4 accepts 10,000 characters; 300 words is Atelier's editorial cap for a readable brief",
    ),
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'recraftv4',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.04') },
            { when: { variant: 'vector' }, micros: usd('0.08') },
          ],
          source: RECRAFT_V4_PAGE,
          note: "Recraft's list price; Comfy resells it at the same rate (8.44 / 16.88 credits ÷ 211).",
        },
        note: 'Vector: model recraftv4_vector.',
      },
    ],
  },
  {
    id: 'recraft-v4-pro',
    name: 'Recraft V4 Pro',
    aliases: ['Recraft V4 Pro Vector', 'recraftv4_pro_vector'],
    vendor: 'recraft',
    modality: 'image',
    description: 'Recraft V4 at 2K: finer detail for print and hero images, raster or SVG.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: RECRAFT_MODELS },
    image: recraftImage(V4_PRO_SIZES, V4_RATIOS, 3072, 0, false),
    scores: {
      realism: judged(4.5, 'Recraft: _pro variants render finer detail at 2K; no benchmark'),
      textRendering: judged(4.5, 'third-party overview: strong text rendering in the V4 line'),
      promptAdherence: judged(4, 'prompts up to 10,000 characters'),
      editingFlexibility: judged(1.5, 'text-to-image and text-to-vector only'),
      consistency: judged(4, 'style system carried over from V3'),
      speed: judged(3, 'higher resolution than V4; no latency source'),
      costEfficiency: judged(2.5, '$0.25 raster, $0.30 vector (band ≤$0.25 → 2.5)'),
      finalPolish: judged(4.5, '2K raster (up to 3072×1536) with finer detail'),
    },
    strengths: [{ text: '2K raster output with finer detail than V4', source: RECRAFT_MODELS }],
    limitations: [{ text: 'Six times the price of V4 per raster image', source: COMFY_PRICING }],
    bestFor: [{ text: 'Print-size design assets and hero images', source: RECRAFT_MODELS }],
    avoidIf: [{ text: 'Drafting: V4 gives the same style system at $0.04', source: COMFY_PRICING }],
    prompt: recraftPrompt(
      300,
      "V4 accepts 10,000 characters; 300 words is Atelier's editorial cap for a readable brief",
    ),
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'recraftv4_pro',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.25') },
            { when: { variant: 'vector' }, micros: usd('0.30') },
          ],
          source: RECRAFT_V4_PAGE,
          note: "Recraft's list price; Comfy resells it at the same rate (52.75 / 63.30 credits ÷ 211).",
        },
        note: 'Vector: model recraftv4_pro_vector.',
      },
    ],
  },
  {
    id: 'recraft-v4-1',
    name: 'Recraft V4.1',
    aliases: ['Recraft V4.1 Vector', 'recraftv4_1', 'recraftv4_1_vector', 'recraft/recraft-v4.1'],
    vendor: 'recraft',
    modality: 'image',
    description:
      "Recraft V4.1, the API's default model since May 2026: sharper photorealism and cleaner vectors than V4, raster or SVG at about 1 MP.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: {
        ...RECRAFT_V41_PAGE,
        note: 'released in May 2026 (the page gives the month, no day)',
      },
    },
    image: { ...recraftImage(V4_SIZES, V4_RATIOS, 1536, 0, false), source: RECRAFT_V41_SIZES },
    scores: {
      realism: judged(
        4.5,
        'Recraft: photorealism "takes a serious step forward" over V4; no benchmark',
      ),
      textRendering: judged(4.5, 'third-party overview: strong text rendering in the V4 line'),
      promptAdherence: judged(
        4,
        'Recraft: reads intent more naturally, so shorter prompts work; prompts up to 10,000 characters',
      ),
      editingFlexibility: judged(1.5, 'text-to-image and text-to-vector only here'),
      consistency: judged(4, 'Recraft: more consistent results than V4'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4.5, '$0.035 raster, $0.08 vector (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'about 1 MP outputs; V4.1 Pro goes to 2K'),
    },
    strengths: [
      {
        text: 'Sharper, more consistent results than V4 at a lower price per raster image',
        source: RECRAFT_V41_PAGE,
      },
      { text: 'Strong text rendering and native SVG output', source: RECRAFT_OVERVIEW },
    ],
    limitations: [{ text: 'Outputs around 1 MP; use V4.1 Pro for 2K', source: RECRAFT_V41_SIZES }],
    bestFor: [
      {
        text: 'Everyday design images, mockups and icons, raster or vector',
        source: RECRAFT_V41_PAGE,
      },
    ],
    avoidIf: [{ text: 'You need to edit an existing image', source: RECRAFT_V41_PAGE }],
    prompt: recraftPrompt(
      300,
      "V4.1 accepts 10,000 characters; 300 words is Atelier's editorial cap for a readable brief",
    ),
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'recraftv4_1',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.035') },
            { when: { variant: 'vector' }, micros: usd('0.08') },
          ],
          source: RECRAFT_V41_PAGE,
        },
        note: 'Vector: model recraftv4_1_vector.',
      },
    ],
  },
  {
    id: 'recraft-v4-1-pro',
    name: 'Recraft V4.1 Pro',
    aliases: ['recraftv4_1_pro', 'recraft/recraft-v4.1-pro'],
    vendor: 'recraft',
    modality: 'image',
    description: 'Recraft V4.1 at 2K: finer detail for print and hero images (raster).',
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: {
        ...RECRAFT_V41_PAGE,
        note: 'released in May 2026 (the page gives the month, no day)',
      },
    },
    image: {
      ...recraftImage(V4_PRO_SIZES, V4_RATIOS, 3072, 0, false),
      outputFormats: ['png' as const],
      source: {
        ...RECRAFT_V41_SIZES,
        note: "2K sizes as V4 Pro's (the appendix lists V4.1 with V4; the Pro sizes are assumed to follow V4 Pro). Raster only here: Recraft's pages seen give no price for recraftv4_1_pro_vector.",
      },
    },
    scores: {
      realism: judged(
        4.5,
        'Recraft: _pro variants render finer detail at 2K; V4.1 improves photorealism; no benchmark',
      ),
      textRendering: judged(4.5, 'third-party overview: strong text rendering in the V4 line'),
      promptAdherence: judged(4, 'prompts up to 10,000 characters'),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(4, 'Recraft: more consistent results than V4'),
      speed: judged(3, 'higher resolution than V4.1; no latency source'),
      costEfficiency: judged(2.5, '$0.21 per raster image (band ≤$0.25 → 2.5)'),
      finalPolish: judged(4.5, '2K raster (up to 3072×1536) with finer detail'),
    },
    strengths: [
      { text: "2K raster output with finer detail, below V4 Pro's price", source: RECRAFT_PRICING },
    ],
    limitations: [
      { text: 'Six times the price of V4.1 per raster image', source: RECRAFT_PRICING },
      {
        text: 'No SVG output offered here (no published Pro vector price found)',
        source: RECRAFT_V41_PAGE,
      },
    ],
    bestFor: [{ text: 'Print-size design assets and hero images', source: RECRAFT_MODELS }],
    avoidIf: [{ text: 'Drafting: V4.1 gives the same model at $0.035', source: RECRAFT_PRICING }],
    prompt: recraftPrompt(
      300,
      "V4.1 accepts 10,000 characters; 300 words is Atelier's editorial cap for a readable brief",
    ),
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'recraftv4_1_pro',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.21') }],
          source: RECRAFT_PRICING,
        },
      },
    ],
  },
  {
    id: 'recraft-vectorize',
    name: 'Recraft Vectorize',
    aliases: ['Recraft Vectorizer', 'recraft/vectorize', 'Vectorize Image'],
    vendor: 'recraft',
    modality: 'image',
    description:
      "Recraft's vectorizer: turns a raster image (a logo, an icon, a flat illustration) into an editable SVG of shapes. An image in, no prompt.",
    tasks: ['vectorize'],
    lifecycle: { status: 'active', replacements: [], source: RECRAFT_VECTORIZE },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['svg'],
      maxInputImages: 1,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...RECRAFT_VECTORIZE,
        note: "the SVG keeps the input's picture and proportions; 4096 px is the side of a 16 MP square (derived)",
      },
    },
    scores: {
      realism: judged(1, 'traces flat shapes; photos lose their tones'),
      textRendering: judged(3, 'keeps the lettering the input has; draws none of its own'),
      promptAdherence: judged(1, 'takes no prompt'),
      editingFlexibility: judged(1.5, 'one fixed conversion, no settings'),
      consistency: judged(4.5, 'the same picture in, the same shapes out'),
      speed: judged(4, 'synchronous call; no latency source'),
      costEfficiency: judged(5, '$0.01 per image (band ≤$0.02 → 5)'),
      finalPolish: judged(3.5, 'editable, scalable SVG; clean on flat art, busy on photos'),
    },
    strengths: [
      {
        text: 'Raster logos, icons and illustrations become scalable, editable SVG',
        source: RECRAFT_VECTORIZE,
      },
    ],
    limitations: [
      {
        text: 'Needs an input image (PNG, JPG or WEBP up to 10 MB and 16 MP); takes no prompt',
        source: RECRAFT_VECTORIZE,
      },
    ],
    bestFor: [
      {
        text: 'Bringing a generated raster logo or icon into a vector workflow',
        source: RECRAFT_VECTORIZE,
      },
    ],
    avoidIf: [
      {
        text: 'You want a new design: a vector model (Recraft V4 with --format svg) draws one from a prompt',
        source: RECRAFT_MODELS,
      },
    ],
    prompt: {
      template: '[What the image is, for History]',
      parts: ['subject'],
      maxWords: 20,
      tips: [
        'The prompt is not sent: it only names the run in History.',
        'Flat art with few colours traces cleanest.',
      ],
      source: {
        ...RECRAFT_VECTORIZE,
        note: "the endpoint takes no prompt; 20 words is Atelier's editorial cap for a caption",
      },
    },
    routes: [
      {
        provider: 'recraft',
        providerModelId: 'vectorize',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.01') }],
          source: RECRAFT_VECTORIZE,
        },
        note: 'POST /v1/images/vectorize with the image as the multipart file.',
      },
    ],
  },
  {
    id: 'recraft-20b',
    name: 'Recraft 20B',
    aliases: ['recraft20b', 'recraft-ai/recraft-20b-svg'],
    vendor: 'recraft',
    modality: 'image',
    description:
      'An earlier Recraft model named on PicassoIA; Replicate hosts an SVG version. No confirmed API id or price.',
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: SEEDS.gptImage2VsNbp,
      note: 'Offered on PicassoIA per seed 001; the Recraft API id recraft20b is an unconfirmed spelling (research §3.6).',
    },
    image: {
      sizes: { kind: 'list', values: ['1024x1024'] },
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['svg'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...REPLICATE_20B_SVG,
        note: "only the SVG version's schema was seen: default size 1024x1024, style vector_illustration",
      },
    },
    scores: {
      realism: judged(3, 'no source assesses it; neutral 3'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3, 'no source assesses it; neutral 3'),
      editingFlexibility: judged(1, 'only a prompt, a size and a style in the schema seen'),
      consistency: judged(3, 'no source assesses it; neutral 3'),
      speed: judged(3, 'no latency source; neutral 3'),
      costEfficiency: judged(3, 'no confirmed price; neutral 3'),
      finalPolish: judged(3, 'older model than V3; no source'),
    },
    limitations: [{ text: 'No confirmed API id or price', source: research('5') }],
    prompt: {
      template: '[Subject], [Style], [Composition and Colours]',
      parts: ['subject', 'style'],
      maxWords: 80,
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "generic structure after seed 001; 80 words is Atelier's editorial cap (no model-specific guidance found)",
      ),
    },
    routes: [],
    unpricedReason:
      "No price found: the research lists Recraft 20B's id and price as unconfirmed (LiteLLM only has recraftv2 at $0.022, and whether 20B is V2 is not established); Replicate's recraft-ai/recraft-20b-svg price was not seen.",
    claims: [
      {
        topic: 'other',
        text: 'Recraft 20B is among the 185+ text-to-image models on PicassoIA',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
];
