import { usd } from '../../money.ts';
import type { ModelEntryInput, Source } from '../schema.ts';
import { CATALOG_AS_OF, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Stability AI's hosted API (api.stability.ai/v2beta/stable-image/generate/{sd3|ultra|core}):
 * synchronous multipart requests returning one image. SD 3.5 models share the sd3 endpoint and
 * are chosen with the `model` field.
 *
 * Editorial costEfficiency band (per standard image): ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3 · ≤$0.25 2.5 · above 2.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.8', 'editorial'),
  note,
});
const litellm = (key: string, price: string): Source => ({
  ...LITELLM_PRICES,
  note: `${key}: output_cost_per_image ${price}`,
});

const STABILITY_API = research(
  '3.8',
  'third-party',
  'POST /v2beta/stable-image/generate/sd3, multipart; model sd3.5-large | sd3.5-large-turbo | sd3.5-medium; mode text-to-image | image-to-image; seed; output_format png | jpeg; negative_prompt (not turbo); synchronous',
);
const SD35_SCHEMA = src(
  'https://docs.comfy.org/development/comfy-router/models/stability/sd3-5-large-turbo/code',
  RESEARCH_DATE,
  'reseller',
  'aspect ratios 1:1 16:9 9:16 21:9 9:21 3:2 2:3 5:4 4:5 at about one megapixel; cfg_scale 1–10; image-to-image with strength; seed 0–4294967294',
);
const STABILITY_SDK = src(
  'https://app.unpkg.com/stability-ai@0.7.0/files/dist/v2beta/stable-image/generate.d.ts',
  RESEARCH_DATE,
  'third-party',
  'community Node SDK: Ultra and Core take aspectRatio (9 ratios), negativePrompt, seed, outputFormat; SD3 turbo takes no negative prompt',
);
const STABILITY_OPENAPI = src(
  'https://raw.githubusercontent.com/api-evangelist/stability-ai/refs/heads/main/openapi/stability-ai-stable-image-generate-openapi.yml',
  RESEARCH_DATE,
  'third-party',
  'Stable Image Core: fast and affordable; Stable Image Ultra: highest quality, state-of-the-art photorealistic and artistic generation',
);
const ULTRA_NODE = src(
  'https://docs.comfy.org/zh-CN/built-in-nodes/partner-node/image/stability-ai/stability-ai-stable-image-ultra',
  RESEARCH_DATE,
  'reseller',
  'Ultra: optional input image with denoise strength; (word:weight) prompt weighting',
);

const EDIT_OPENAPI = src(
  'https://raw.githubusercontent.com/api-evangelist/stability-ai/refs/heads/main/openapi/stability-ai-stable-image-edit-openapi.yml',
  RESEARCH_DATE,
  'third-party',
  'POST /v2beta/stable-image/edit/inpaint, multipart: image and prompt required, mask (white fills, black keeps), negative_prompt, seed 0–4294967294, output_format jpeg | png | webp (default png); erase, outpaint, search-and-replace, search-and-recolor, remove-background and replace-background-and-relight beside it',
);
const INPAINT_ROUTER = src(
  'https://docs.comfy.org/de/development/comfy-router/models/stability/edit-inpaint/code',
  RESEARCH_DATE,
  'reseller',
  "stability/edit-inpaint: grow_mask 0–100 (default 5); without a mask the image's own alpha is the mask; png by default",
);
/** 5 credits: Locus resells inpaint at $0.057 and Ultra (8 credits, $0.08) at $0.092, a 1.15 markup; 1 credit is $0.01 (Puter). */
const INPAINT_PRICE = src(
  'https://clawmart.sh/l/hzyta9',
  RESEARCH_DATE,
  'reseller',
  "Locus charges $0.057 per Stability inpaint call; its Ultra call is $0.092 for Stability's $0.08 (https://beta.paywithlocus.com/mpp/stability-ai.md), so inpaint is 5 credits, $0.05, at Stability (1 credit = $0.01, https://developer.puter.com/tutorials/stability-ai-api-pricing/). Derived: no first-party price page in the sources.",
);

/** 5 credits the same way as inpaint: Locus resells Remove Background at $0.057, as it does inpaint. */
const REMOVE_BACKGROUND_PRICE = src(
  'https://beta.paywithlocus.com/mpp/stability-ai.md',
  CATALOG_AS_OF,
  'derived',
  "Locus charges $0.057 per Stability remove-background call (https://clawmart.sh/l/FHV5LW), as for inpaint; at Locus's 1.15 markup over Stability (its Ultra call is $0.092 for Stability's $0.08) that is 5 credits, $0.05 (1 credit = $0.01, https://developer.puter.com/tutorials/stability-ai-api-pricing/). No first-party price page in the sources.",
);

const RATIOS = ['1:1', '16:9', '9:16', '21:9', '9:21', '3:2', '2:3', '5:4', '4:5'];

/** One image of about 1 MP per synchronous call; 1536 px is the long side of 21:9 at 1 MP (derived). */
const stabilityImage = (
  inputImages: number,
  negativePrompt: boolean,
  outputFormats: ('png' | 'jpeg' | 'webp')[],
  source: Source,
) => ({
  sizes: { kind: 'aspect' as const },
  aspectRatios: RATIOS,
  maxImagesPerCall: 1,
  maxWidth: 1536,
  maxHeight: 1536,
  transparency: false,
  outputFormats,
  maxInputImages: inputImages,
  mask: false,
  seed: true,
  negativePrompt,
  source,
});

const STABILITY_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
  maxWords: 80,
  tips: [
    'Put unwanted elements in the negative prompt rather than the prompt (not available on Large Turbo).',
  ],
  source: src(
    'seeds/001_fdfc1193b3276551.txt',
    RESEARCH_DATE,
    'seed',
    "Subject + Action or Pose + Environment + Lighting + Camera and Style; 80 words is Atelier's editorial cap",
  ),
};

export const stability: ModelEntryInput[] = [
  {
    id: 'stable-diffusion-3-5-large',
    name: 'Stable Diffusion 3.5 Large',
    aliases: [
      'Stable Diffusion 3.5',
      'SD3.5',
      'SD3.5 Large',
      'Stable Diffusion 3',
      'SD3',
      'stability.sd3-5-large-v1:0',
    ],
    vendor: 'stability',
    modality: 'image',
    description:
      "Stability's largest open-weight SD 3.5 model on the hosted API: about 1 MP, nine aspect ratios, negative prompts.",
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: litellm('stability/sd3.5-large', '0.065'),
      note: '"Stable Diffusion 3" resolves here: LiteLLM prices stability/sd3 like sd3-large ($0.065), and 3.5 Large is the current large SD3 model.',
    },
    image: stabilityImage(1, true, ['png', 'jpeg'], {
      ...SD35_SCHEMA,
      note: `${SD35_SCHEMA.note ?? ''}; png/jpeg and negative prompt per research §3.8. 1536 px max side is derived from ~1 MP at 21:9.`,
    }),
    scores: {
      realism: judged(3.5, 'no benchmark in the sources; largest SD 3.5 model'),
      textRendering: judged(3.5, 'no source assesses text rendering'),
      promptAdherence: judged(3.5, 'negative prompt and cfg_scale 1–10'),
      editingFlexibility: judged(
        3,
        "image-to-image with strength; masks need Stability's separate edit services",
      ),
      consistency: judged(3, 'seeded, no reference inputs'),
      speed: judged(3.5, 'synchronous API; no latency source'),
      costEfficiency: judged(4, '$0.065 per image (band ≤$0.07 → 4)'),
      finalPolish: judged(3.5, 'about 1 MP output'),
    },
    strengths: [
      {
        text: 'Negative prompts, seeds and nine aspect ratios from 21:9 to 9:21',
        source: SD35_SCHEMA,
      },
      { text: 'Synchronous API: the image comes back in the response', source: STABILITY_API },
    ],
    limitations: [{ text: 'Output is about one megapixel', source: SD35_SCHEMA }],
    bestFor: [
      { text: 'Controlled, reproducible stills with negative prompts', source: SD35_SCHEMA },
    ],
    avoidIf: [{ text: 'You need print resolution without an upscaler', source: SD35_SCHEMA }],
    prompt: STABILITY_PROMPT,
    routes: [
      {
        provider: 'stability',
        providerModelId: 'sd3.5-large',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.065') }],
          source: litellm('stability/sd3.5-large', '0.065'),
        },
        note: 'POST /v2beta/stable-image/generate/sd3 with model=sd3.5-large.',
      },
    ],
    claims: [
      {
        topic: 'other',
        text: 'Stable Diffusion 3 is among the 185+ text-to-image models on PicassoIA',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'price',
        text: 'LiteLLM lists SD 3.5 Large on Amazon Bedrock (stability.sd3-5-large-v1:0) at $0.08 per image',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.08') }],
          source: litellm('stability.sd3-5-large-v1:0', '0.08'),
        },
        source: LITELLM_PRICES,
      },
    ],
  },
  {
    id: 'stable-diffusion-3-5-large-turbo',
    name: 'Stable Diffusion 3.5 Large Turbo',
    aliases: ['SD3.5 Large Turbo', 'SD3.5 Turbo'],
    vendor: 'stability',
    modality: 'image',
    description:
      'The distilled, faster SD 3.5 Large: same sizes, no negative prompt, $0.04 an image.',
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: litellm('stability/sd3.5-large-turbo', '0.04'),
    },
    image: stabilityImage(1, false, ['png', 'jpeg'], {
      ...SD35_SCHEMA,
      note: `${SD35_SCHEMA.note ?? ''}; no negative prompt on turbo (research §3.8). 1536 px max side derived from ~1 MP at 21:9.`,
    }),
    scores: {
      realism: judged(3, 'turbo variant of 3.5 Large; no benchmark'),
      textRendering: judged(3, 'no source assesses text rendering; neutral 3'),
      promptAdherence: judged(3, 'no negative prompt'),
      editingFlexibility: judged(3, 'image-to-image with strength'),
      consistency: judged(3, 'seeded, no reference inputs'),
      speed: judged(4.5, 'the turbo tier of the SD3 endpoint; no measured latency'),
      costEfficiency: judged(4.5, '$0.04 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3, 'about 1 MP; turbo variant'),
    },
    strengths: [
      { text: 'Cheaper and faster than 3.5 Large on the same endpoint', source: LITELLM_PRICES },
    ],
    limitations: [{ text: 'No negative prompt', source: STABILITY_API }],
    bestFor: [{ text: "Fast drafts on Stability's API", source: STABILITY_API }],
    avoidIf: [{ text: 'You rely on a negative prompt', source: STABILITY_API }],
    prompt: STABILITY_PROMPT,
    routes: [
      {
        provider: 'stability',
        providerModelId: 'sd3.5-large-turbo',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.04') }],
          source: litellm('stability/sd3.5-large-turbo', '0.04'),
        },
        note: 'POST /v2beta/stable-image/generate/sd3 with model=sd3.5-large-turbo.',
      },
    ],
  },
  {
    id: 'stable-diffusion-3-5-medium',
    name: 'Stable Diffusion 3.5 Medium',
    aliases: ['SD3.5 Medium', 'stable-diffusion-v35-medium'],
    vendor: 'stability',
    modality: 'image',
    description: "The smaller SD 3.5 model: the cheapest SD 3.5 on Stability's API, also on fal.",
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: litellm('stability/sd3.5-medium', '0.035'),
    },
    image: stabilityImage(1, true, ['png', 'jpeg'], {
      ...SD35_SCHEMA,
      note: `${SD35_SCHEMA.note ?? ''}; png/jpeg and negative prompt per research §3.8. 1536 px max side derived from ~1 MP at 21:9.`,
    }),
    scores: {
      realism: judged(3, 'smaller SD 3.5 model; no benchmark'),
      textRendering: judged(3, 'no source assesses text rendering; neutral 3'),
      promptAdherence: judged(3, 'negative prompt available; smaller model'),
      editingFlexibility: judged(3, 'image-to-image with strength'),
      consistency: judged(3, 'seeded, no reference inputs'),
      speed: judged(4, 'smaller model; no measured latency'),
      costEfficiency: judged(4.5, '$0.035 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3, 'about 1 MP; smaller model'),
    },
    strengths: [
      {
        text: "Cheapest SD 3.5 on Stability's API, with a second route on fal",
        source: LITELLM_PRICES,
      },
    ],
    limitations: [{ text: 'Output is about one megapixel', source: SD35_SCHEMA }],
    bestFor: [{ text: 'Budget stills with negative-prompt control', source: LITELLM_PRICES }],
    avoidIf: [
      {
        text: 'Quality matters more than a few cents: 3.5 Large is the stronger model',
        source: STABILITY_API,
      },
    ],
    prompt: STABILITY_PROMPT,
    routes: [
      {
        provider: 'stability',
        providerModelId: 'sd3.5-medium',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.035') }],
          source: litellm('stability/sd3.5-medium', '0.035'),
        },
        note: 'POST /v2beta/stable-image/generate/sd3 with model=sd3.5-medium.',
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/stable-diffusion-v35-medium',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.0398') }],
          source: litellm('fal_ai/fal-ai/stable-diffusion-v35-medium', '0.0398'),
        },
      },
    ],
  },
  {
    id: 'stable-image-ultra',
    name: 'Stable Image Ultra',
    aliases: ['Stability Ultra', 'stability.stable-image-ultra-v1:1'],
    vendor: 'stability',
    modality: 'image',
    description: "Stability's highest-quality hosted model for photorealistic and artistic stills.",
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: litellm('stability/stable-image-ultra', '0.08'),
    },
    image: stabilityImage(1, true, ['png', 'jpeg', 'webp'], {
      ...STABILITY_SDK,
      note: `${STABILITY_SDK.note ?? ''}. Input image per Comfy's Ultra node; webp per Comfy's Stability format enum. Output size is not stated in the sources: about 1 MP assumed, as for SD 3.5.`,
    }),
    scores: {
      realism: judged(
        4,
        'Stability: "state-of-the-art photorealistic" generation (API description); no benchmark',
      ),
      textRendering: judged(3.5, 'no source assesses text rendering'),
      promptAdherence: judged(3.5, 'negative prompt and (word:weight) weighting'),
      editingFlexibility: judged(3, 'optional input image with denoise strength'),
      consistency: judged(3, 'seeded, no reference inputs'),
      speed: judged(3, 'highest-quality tier; no latency source'),
      costEfficiency: judged(3.5, '$0.08 per image (band ≤$0.10 → 3.5)'),
      finalPolish: judged(4, "Stability's highest-quality tier"),
    },
    strengths: [
      {
        text: "Stability's highest-quality model for photorealistic and artistic images",
        source: STABILITY_OPENAPI,
      },
      { text: 'Prompt weighting with (word:weight)', source: ULTRA_NODE },
    ],
    limitations: [{ text: 'The most expensive Stability tier', source: LITELLM_PRICES }],
    bestFor: [{ text: "Final stills on Stability's API", source: STABILITY_OPENAPI }],
    avoidIf: [{ text: 'High-volume drafts: Core costs $0.03', source: LITELLM_PRICES }],
    prompt: {
      ...STABILITY_PROMPT,
      tips: [
        'Weight words with (word:weight), weights between 0 and 1.',
        ...(STABILITY_PROMPT.tips ?? []),
      ],
    },
    routes: [
      {
        provider: 'stability',
        providerModelId: 'stable-image-ultra',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.08') }],
          source: litellm('stability/stable-image-ultra', '0.08'),
        },
        note: 'POST /v2beta/stable-image/generate/ultra.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'LiteLLM lists Stable Image Ultra on Amazon Bedrock (stability.stable-image-ultra-v1:1) at $0.14 per image',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.14') }],
          source: litellm('stability.stable-image-ultra-v1:1', '0.14'),
        },
        source: LITELLM_PRICES,
      },
    ],
  },
  {
    id: 'stable-image-core',
    name: 'Stable Image Core',
    aliases: ['Stability Core', 'stability.stable-image-core-v1:1'],
    vendor: 'stability',
    modality: 'image',
    description: "Stability's fast, affordable hosted model: text-to-image at $0.03.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: litellm('stability/stable-image-core', '0.03'),
    },
    image: stabilityImage(0, true, ['png', 'jpeg', 'webp'], {
      ...STABILITY_SDK,
      note: `${STABILITY_SDK.note ?? ''}. No input image in the Core schema; webp per Comfy's Stability format enum. Output size is not stated in the sources: about 1 MP assumed, as for SD 3.5.`,
    }),
    scores: {
      realism: judged(3, 'fast tier; no benchmark'),
      textRendering: judged(3, 'no source assesses text rendering; neutral 3'),
      promptAdherence: judged(3, 'negative prompt available; fast tier'),
      editingFlexibility: judged(1, 'text-to-image only'),
      consistency: judged(3, 'seeded, no reference inputs'),
      speed: judged(4, 'Stability: "fast and affordable" (API description); no measured latency'),
      costEfficiency: judged(4.5, '$0.03 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3, 'fast tier'),
    },
    strengths: [
      { text: 'Fast and affordable generation at $0.03 per image', source: STABILITY_OPENAPI },
    ],
    limitations: [{ text: 'No image input', source: STABILITY_SDK }],
    bestFor: [{ text: "High-volume drafts on Stability's API", source: STABILITY_OPENAPI }],
    avoidIf: [{ text: 'You need edits or the best quality (Ultra)', source: STABILITY_OPENAPI }],
    prompt: STABILITY_PROMPT,
    routes: [
      {
        provider: 'stability',
        providerModelId: 'stable-image-core',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.03') }],
          source: litellm('stability/stable-image-core', '0.03'),
        },
        note: 'POST /v2beta/stable-image/generate/core.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'LiteLLM lists Stable Image Core on Amazon Bedrock (stability.stable-image-core-v1:1) at $0.04 per image',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.04') }],
          source: litellm('stability.stable-image-core-v1:1', '0.04'),
        },
        source: LITELLM_PRICES,
      },
    ],
  },
  {
    id: 'stable-image-inpaint',
    name: 'Stable Image Inpaint',
    aliases: ['Stability Inpaint', 'stability/edit-inpaint', 'Stable Image Edit Inpaint'],
    vendor: 'stability',
    modality: 'image',
    description:
      "Stability's inpainting service: repaints the masked area of an image from a prompt, at the input's own size.",
    tasks: ['mask-inpainting', 'edit'],
    lifecycle: { status: 'active', replacements: [], source: EDIT_OPENAPI },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 3072,
      maxHeight: 3072,
      transparency: false,
      outputFormats: ['png', 'jpeg', 'webp'],
      maxInputImages: 1,
      mask: true,
      seed: true,
      negativePrompt: true,
      source: {
        ...EDIT_OPENAPI,
        note: `${EDIT_OPENAPI.note ?? ''}. The output has the input image's size; 3072 px is the side of the 9,437,184-pixel square the service takes at most (derived).`,
      },
    },
    scores: {
      realism: judged(3.5, 'no benchmark in the sources; fills from the surrounding image'),
      textRendering: judged(2.5, 'not meant for typography'),
      promptAdherence: judged(3.5, 'prompt and negative prompt for the masked area'),
      editingFlexibility: judged(
        4,
        'true mask inpainting with grow_mask; only the masked area changes',
      ),
      consistency: judged(4, 'keeps everything outside the mask, at the input size'),
      speed: judged(3.5, 'synchronous API; no latency source'),
      costEfficiency: judged(4, '$0.05 per edit (band ≤$0.07 → 4)'),
      finalPolish: judged(3.5, "output at the input image's size"),
    },
    strengths: [
      {
        text: 'Repaints only the masked area, with a grow_mask to soften its edge',
        source: INPAINT_ROUTER,
      },
      { text: "The result keeps the input image's size", source: EDIT_OPENAPI },
    ],
    limitations: [
      {
        text: 'Needs an input image and a mask (or an image with transparency); no text-to-image',
        source: EDIT_OPENAPI,
      },
    ],
    bestFor: [
      {
        text: "Replacing or removing one part of a photo on Stability's API",
        source: EDIT_OPENAPI,
      },
    ],
    avoidIf: [
      {
        text: 'Open-ended edits of the whole image: use image-to-image on Ultra or SD 3.5',
        source: STABILITY_API,
      },
    ],
    prompt: {
      template: '[What belongs in the masked area], matching [surrounding texture and light]',
      parts: ['subject', 'environment', 'lighting'],
      maxWords: 40,
      tips: [
        'Describe what should fill the area, not what to remove.',
        'Use the negative prompt for what must not appear there.',
      ],
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "fill-prompt structure adapted from the seed's template; 40 words is Atelier's editorial cap",
      ),
    },
    routes: [
      {
        provider: 'stability',
        providerModelId: 'inpaint',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.05') }], source: INPAINT_PRICE },
        note: 'POST /v2beta/stable-image/edit/inpaint with the image and its mask.',
      },
    ],
  },
  {
    id: 'stable-image-remove-background',
    name: 'Stable Image Remove Background',
    aliases: [
      'Stability Remove Background',
      'stability/remove-background',
      'Stable Image Edit Remove Background',
    ],
    vendor: 'stability',
    modality: 'image',
    description:
      "Stability's background removal: cuts the subject out of an image onto a transparent background, at the input's own size. An image in, no prompt.",
    tasks: ['edit'],
    lifecycle: { status: 'active', replacements: [], source: EDIT_OPENAPI },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 3072,
      maxHeight: 3072,
      transparency: true,
      outputFormats: ['png', 'webp'],
      maxInputImages: 1,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...EDIT_OPENAPI,
        note: "POST /v2beta/stable-image/edit/remove-background: image required, output_format png | webp (default png), a transparent background; the output has the input's size. 3072 px is assumed from the edit services' 9,437,184-pixel limit (derived).",
      },
    },
    scores: {
      realism: judged(3.5, "keeps the input's own pixels; no benchmark of the cut-out's edges"),
      textRendering: judged(1, 'draws nothing'),
      promptAdherence: judged(1, 'takes no prompt'),
      editingFlexibility: judged(2, 'one fixed operation: the subject kept, the background gone'),
      consistency: judged(4.5, 'the same image in, the same cut-out out'),
      speed: judged(4, 'synchronous API; no latency source'),
      costEfficiency: judged(4, '$0.05 per image, derived (band ≤$0.07 → 4)'),
      finalPolish: judged(3.5, "transparent PNG or WebP at the input's size"),
    },
    strengths: [
      {
        text: 'A transparent cut-out of the subject, ready to place on another background',
        source: EDIT_OPENAPI,
      },
    ],
    limitations: [
      { text: 'Needs an input image; takes no prompt and no mask', source: EDIT_OPENAPI },
    ],
    bestFor: [
      { text: 'Product photos and portraits that go on other backgrounds', source: EDIT_OPENAPI },
    ],
    avoidIf: [
      {
        text: 'You want a new background drawn: that is a different Stability service (replace background and relight)',
        source: EDIT_OPENAPI,
      },
    ],
    prompt: {
      template: '[What the image is, for History]',
      parts: ['subject'],
      maxWords: 20,
      tips: ['The prompt is not sent: it only names the run in History.'],
      source: {
        ...EDIT_OPENAPI,
        note: "the service takes no prompt; 20 words is Atelier's editorial cap for a caption",
      },
    },
    routes: [
      {
        provider: 'stability',
        providerModelId: 'remove-background',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.05') }],
          source: REMOVE_BACKGROUND_PRICE,
        },
        note: 'POST /v2beta/stable-image/edit/remove-background with the image.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: "LiteLLM's price map lists stability/remove-background at $0.005 per image, a tenth of the $0.05 derived from Locus; it is not used for estimates.",
        source: {
          ...LITELLM_PRICES,
          note: 'stability/remove-background: output_cost_per_image 0.005',
        },
      },
    ],
  },
];
