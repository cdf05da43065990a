import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * ByteDance: Seedream and Dreamina (images), Seedance (video). Direct API = BytePlus ModelArk;
 * its prices here are Comfy's resale rates (credits ÷ 211), the only published source found.
 *
 * Editorial costEfficiency bands. Images, per standard image: ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3 · ≤$0.25 2.5 · above 2. Video, per second at 1080p with audio (720p where
 * 1080p is not offered): ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3 · ≤$0.60 2.5.
 * Seedance token counts use tokens/s = W × H × 24 / 1024 (1080p: 48,600; 720p: 21,600).
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.2', 'editorial'),
  note,
});
const comfy = (note: string) => ({ ...COMFY_PRICING, note: `Comfy resale credits ÷ 211: ${note}` });

const SEEDREAM_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'];
const INVOKE_SEEDREAM = src(
  'https://invoke-ai.github.io/InvokeAI-7/users-guide/models/external-models/seedream/',
  RESEARCH_DATE,
  'third-party',
  'BytePlus Ark Seedream 4.x/5.x: up to 14 reference images, batches up to 15, aspect ratios 1:1 2:3 3:2 3:4 4:3 9:16 16:9 21:9',
);
const FAL_SEEDREAM45 = src(
  'https://fal.ai/models/fal-ai/bytedance/seedream/v4.5/text-to-image/playground',
  RESEARCH_DATE,
  'provider',
  '$0.04 per image; width and height 1920–4096 px; up to 6 generations per call; seed; safety checker on by default',
);
const FAL_SEEDREAM4 = src(
  'https://fal.ai/docs/model-api-reference/image-generation-api/bytedance-seedream-v4',
  RESEARCH_DATE,
  'provider',
  'presets up to auto_4K, minimum area 921,600 px; num_images and max_images 1–6; edit takes up to 10 images; inputs + outputs ≤ 15',
);
const FAL_SEEDREAM5_LITE = src(
  'https://fal.ai/learn/tools/how-to-use-seedream-5-lite',
  RESEARCH_DATE,
  'provider',
  '$0.035 per image up to 3K, same price for generation and editing; reasoning pass before generation; no negative prompt',
);
const FAL_SEEDREAM5_LITE_API = src(
  'https://fal.ai/docs/model-api-reference/image-generation-api/bytedance-seedream-v5-lite',
  RESEARCH_DATE,
  'provider',
  'total pixels between 2560×1440 and 3072×3072; auto_2K / auto_3K; num_images 1–6; edit takes up to 10 images',
);
const SEEDREAM5_PRO_SPEC = src(
  'https://docs.aimlapi.com/api-references/image-models/bytedance/dola-seedream-5-0-pro',
  RESEARCH_DATE,
  'third-party',
  'up to 2048×2048 (about 2.7K at 16:9); 1–14 reference images',
);
const LUMENFALL_SEEDREAM45 = src(
  'https://lumenfall.ai/models/bytedance/seedream-4.5/api',
  RESEARCH_DATE,
  'third-party',
);
const FAL_DREAMINA = src(
  'https://fal.ai/models/fal-ai/bytedance/dreamina/v3.1/text-to-image/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.03 per image; width and height 512–2048 (default 2048×1536); enhance_prompt',
);
const SEEDANCE2_FAL = src(
  'https://fal.ai/models/fal-ai/seedance-2/text-to-video/playground',
  RESEARCH_DATE,
  'provider',
  'bytedance/seedance-2.0/text-to-video: $0.014 per 1,000 tokens, tokens = H × W × duration × 24 / 1024 ($0.3024/s at 720p: 21,600 tokens a second)',
);
const SEEDANCE2_FAST_FAL = src(
  'https://fal.ai/models/bytedance/seedance-2.0/fast/text-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.0112 per 1,000 tokens, tokens = H × W × duration × 24 / 1024 ($0.2419/s at 720p); 480p/720p; 4–15 s or auto; 21:9 16:9 4:3 1:1 3:4 9:16; audio at the same price',
);
const SEEDANCE2_GUIDE = src(
  'https://videopromptkit.com/blog/seedance-2-0-overview-seedance-2-0-model-overview-with-practical-production-steps',
  RESEARCH_DATE,
  'third-party',
  'fal endpoints top out at 720p; no negative_prompt; end_image_url on image-to-video',
);
const SEEDANCE2_REF_FAL = src(
  'https://fal.ai/models/bytedance/seedance-2.0/fast/reference-to-video/playground',
  RESEARCH_DATE,
  'provider',
  'up to 9 images, 3 videos and 3 audio files as references; video inputs bill at 0.6×',
);
const SEEDANCE15_FAL = src(
  'https://fal.ai/models/fal-ai/bytedance/seedance/v1.5/pro/text-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$2.4 per 1M video tokens with audio, $1.2 without; 480p/720p/1080p; 4–12 s; 21:9 16:9 4:3 1:1 3:4 9:16; camera_fixed; seed',
);
const SEEDANCE15_I2V_FAL = src(
  'https://fal.ai/models/fal-ai/bytedance/seedance/v1.5/pro/image-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  'image-to-video with start and end frame',
);

const SEEDREAM_PROMPT: ModelEntryInput['prompt'] = {
  template:
    '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]; [Text to render, in quotes]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style', 'text'],
  maxWords: 600,
  tips: [
    'For edits, refer to inputs by position ("the product in Figure 1", "the logo in Figure 3"), as fal\'s examples do.',
    'Put the exact words to render in quotes and say where they go.',
    'There is no negative prompt: state what to leave out in the prompt itself.',
  ],
  source: src(
    'https://novita.ai/docs/fr/api-reference/model-apis-seedream-4-0.md',
    RESEARCH_DATE,
    'third-party',
    'Seedream: keep prompts under about 600 English words or details get dropped; structure follows seed 001 (Subject + Action + Environment + Lighting + Camera and Style)',
  ),
};

const SEEDANCE_PROMPT: ModelEntryInput['prompt'] = {
  template:
    '[Subject] [Action] in [Environment], [Lighting], [Camera movement]; [Sound and dialogue]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
  maxWords: 100,
  tips: [
    'State subject, action, environment and camera angle; a precise short prompt beats a vague long one.',
    'Seedance 2.0 cuts between shots inside one clip: describe the shots in order.',
    'With reference-to-video, name the inputs in the prompt (@Image1, @Video1, @Audio1).',
  ],
  source: src(
    'seeds/003_8fc4bf37682fe7e8.txt',
    RESEARCH_DATE,
    'seed',
    "four-part structure and 'a precise 20-word prompt beats a vague 100-word one' (100 used as the word cap); multi-shot and @-references from fal's Seedance 2.0 pages",
  ),
};

/** Seedance 2.0 on BytePlus, per Comfy: 480p/720p share a rate; a connected reference video lowers it. */
const SEEDANCE2_BYTEPLUS_TIERS = [
  { when: {}, microsPerMillion: usd('10.01') },
  { when: { resolution: '1080p' }, microsPerMillion: usd('11.01') },
  { when: { resolution: '4k' }, microsPerMillion: usd('5.72') },
  { when: { variant: 'video-input' }, microsPerMillion: usd('6.15') },
  { when: { resolution: '1080p', variant: 'video-input' }, microsPerMillion: usd('6.72') },
  { when: { resolution: '4k', variant: 'video-input' }, microsPerMillion: usd('3.43') },
];

export const bytedance: ModelEntryInput[] = [
  {
    id: 'seedream-4-5',
    name: 'Seedream 4.5',
    aliases: ['Seedream v4.5', 'bytedance/seedream-4.5', 'seedream-4.5'],
    vendor: 'bytedance',
    modality: 'image',
    description:
      "ByteDance's unified generation-and-editing image model: 2K–4K output, up to 14 references, reliable small text.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.2', 'reseller', 'listed by fal and Comfy in 2026'),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: SEEDREAM_RATIOS,
      resolutions: [
        { name: '2K', longEdge: 2048 },
        { name: '4K', longEdge: 4096 },
      ],
      maxImagesPerCall: 6,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...INVOKE_SEEDREAM,
        note: 'BytePlus: up to 14 references, 2K/4K; fal: 1920–4096 px per side, up to 6 generations per call, seed, no negative prompt. Output format not stated in the sources (png assumed).',
      },
    },
    scores: {
      realism: judged(4, 'no benchmark in the sources; ByteDance flagship of its generation'),
      textRendering: judged(
        4,
        'Runware and Lumenfall describe improved, more reliable small-text rendering over 4.0',
      ),
      promptAdherence: judged(4, 'no benchmark in the sources'),
      editingFlexibility: judged(
        4.5,
        'one model for generation and edits with up to 14 reference images',
      ),
      consistency: judged(4, 'Runware: stable characters across references'),
      speed: judged(
        4,
        'Lumenfall: 30–40% faster generation than Seedream 4.0; no measured latency',
      ),
      costEfficiency: judged(4.5, '$0.04 per image on fal (band ≤$0.04 → 4.5)'),
      finalPolish: judged(4, 'up to 4K output'),
    },
    strengths: [
      {
        text: 'Generation and multi-image editing in one model, with up to 14 reference images',
        source: INVOKE_SEEDREAM,
      },
      {
        text: 'Improved text rendering and 30–40% faster generation than Seedream 4.0',
        source: LUMENFALL_SEEDREAM45,
      },
    ],
    limitations: [
      { text: 'No negative prompt and no mask input', source: FAL_SEEDREAM45 },
      {
        text: 'Output sides must be at least 1920 px on fal (2K and up only)',
        source: FAL_SEEDREAM45,
      },
    ],
    bestFor: [
      {
        text: 'Product mockups and marketing assets that combine several reference images',
        source: FAL_SEEDREAM45,
      },
    ],
    avoidIf: [
      {
        text: 'You need small, cheap thumbnails: the smallest output is 2K',
        source: FAL_SEEDREAM45,
      },
    ],
    prompt: SEEDREAM_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedream/v4.5/text-to-image',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.04') }],
          source: FAL_SEEDREAM45,
        },
        note: 'Edits go to fal-ai/bytedance/seedream/v4.5/edit (image_urls).',
      },
      {
        provider: 'byteplus',
        providerModelId: 'seedream-4-5-251128',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.04') }],
          source: comfy('seedream-4-5-251128 8.44 credits per image'),
        },
      },
    ],
    claims: [
      {
        topic: 'other',
        text: 'Pairs well with GPT Image 2 when you want to try a different generation approach on the same platform',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
  {
    id: 'seedream-4-0',
    name: 'Seedream 4.0',
    aliases: ['Seedream 4', 'Seedream v4', 'bytedance/seedream-4', 'seedream-4.0'],
    vendor: 'bytedance',
    modality: 'image',
    description:
      'The previous Seedream: fast 2K–4K generation and multi-image editing at $0.03 an image.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.2', 'reseller', 'listed by Comfy and fal in 2026'),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: SEEDREAM_RATIOS,
      resolutions: [
        { name: '2K', longEdge: 2048 },
        { name: '4K', longEdge: 4096 },
      ],
      maxImagesPerCall: 6,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 10,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...FAL_SEEDREAM4,
        note: `${FAL_SEEDREAM4.note ?? ''}. Output format not stated (png assumed).`,
      },
    },
    scores: {
      realism: judged(3.5, 'one generation behind Seedream 4.5; no benchmark in the sources'),
      textRendering: judged(3.5, 'Seedream 4.5 is described as improving text rendering over 4.0'),
      promptAdherence: judged(3.5, 'one generation behind Seedream 4.5'),
      editingFlexibility: judged(4, 'generation and edits in one model, up to 10 inputs on fal'),
      consistency: judged(3.5, 'Runware: style consistency across batches'),
      speed: judged(
        3.5,
        'Seedream 4.5 is described as 30–40% faster than 4.0; no measured latency',
      ),
      costEfficiency: judged(4.5, '$0.03 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'up to 4K; one generation behind'),
    },
    strengths: [
      {
        text: 'Up to 4K output with multi-image editing at $0.03 per image',
        source: research('3.2', 'reseller'),
      },
    ],
    limitations: [
      {
        text: 'Superseded by Seedream 4.5 for text rendering and speed',
        source: LUMENFALL_SEEDREAM45,
      },
    ],
    bestFor: [
      {
        text: 'High-volume 2K/4K images where $0.01 per image matters',
        source: research('3.2', 'reseller'),
      },
    ],
    avoidIf: [{ text: 'Text inside the image must be crisp', source: LUMENFALL_SEEDREAM45 }],
    prompt: SEEDREAM_PROMPT,
    routes: [
      {
        provider: 'byteplus',
        providerModelId: 'seedream-4-0-250828',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.03') }],
          source: comfy('seedream-4-0-250828 6.33 credits per image'),
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedream/v4/text-to-image',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.03') }],
          source: research('3.2', 'third-party', 'LobeHub model-bank fal catalog'),
        },
        note: 'Edits go to fal-ai/bytedance/seedream/v4/edit.',
      },
    ],
  },
  {
    id: 'seedream-5-0-pro',
    name: 'Seedream 5.0 Pro',
    aliases: ['Seedream 5 Pro', 'dola-seedream-5-0-pro', 'seedream-5.0-pro'],
    vendor: 'bytedance',
    modality: 'image',
    description: "ByteDance's flagship Seedream: 1K/2K resolution billing, up to 14 references.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.2', 'reseller', 'BytePlus id seedream-5-0-pro-260628, listed by Comfy'),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: SEEDREAM_RATIOS,
      maxImagesPerCall: 1,
      maxWidth: 2048,
      maxHeight: 2048,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...SEEDREAM5_PRO_SPEC,
        note: 'up to 2048×2048 (about 2.7K long edge at 16:9); 1–14 references. Batch size, seed and output format are not confirmed: one image per call, no seed and png assumed.',
      },
    },
    scores: {
      realism: judged(4.5, "ByteDance's flagship Seedream tier; no benchmark in the sources"),
      textRendering: judged(4, 'no benchmark; placed with Seedream 4.5'),
      promptAdherence: judged(
        4.5,
        'flagship tier; Seedream 5 adds a reasoning pass before generation (fal, for 5.0 Lite)',
      ),
      editingFlexibility: judged(4.5, 'up to 14 reference images'),
      consistency: judged(4, 'no benchmark in the sources'),
      speed: judged(3, 'no latency source; flagship tier'),
      costEfficiency: judged(4, '$0.045 per 1K image, $0.09 at 2K (band ≤$0.07 → 4)'),
      finalPolish: judged(4.5, 'flagship tier'),
    },
    strengths: [{ text: 'Up to 14 reference images per request', source: SEEDREAM5_PRO_SPEC }],
    limitations: [
      { text: 'Output tops out around 2K (2048×2048)', source: SEEDREAM5_PRO_SPEC },
      {
        text: 'Only BytePlus pricing (via Comfy resale) was found; no fal route',
        source: research('3.2'),
      },
    ],
    bestFor: [
      {
        text: 'Final assets from many references where Seedream 4.5 falls short',
        source: SEEDREAM5_PRO_SPEC,
      },
    ],
    avoidIf: [{ text: 'You need 4K: Seedream 4.5 goes higher for less', source: research('3.2') }],
    prompt: SEEDREAM_PROMPT,
    routes: [
      {
        provider: 'byteplus',
        providerModelId: 'seedream-5-0-pro-260628',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.045') },
            { when: { resolution: '2K' }, micros: usd('0.09') },
          ],
          source: comfy('1K (≤2.61 MP) 9.50 credits, 2K (>2.61 MP) 18.99 credits per image'),
          note: 'Comfy also bills about $0.003 for each image beyond the first (inputs and outputs).',
        },
      },
    ],
  },
  {
    id: 'seedream-5-0-lite',
    name: 'Seedream 5.0 Lite',
    aliases: ['Seedream 5 Lite', 'bytedance/seedream-5-lite', 'seedream-5.0-lite'],
    vendor: 'bytedance',
    modality: 'image',
    description:
      'Seedream 5.0 with a reasoning pass before drawing: per-subject control in complex scenes, up to 3K, $0.035.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.2', 'reseller', 'BytePlus id seedream-5-0-260128; fal and Comfy'),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: SEEDREAM_RATIOS,
      resolutions: [
        { name: '2K', longEdge: 2560 },
        { name: '3K', longEdge: 3072 },
      ],
      maxImagesPerCall: 6,
      maxWidth: 3072,
      maxHeight: 3072,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 10,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_SEEDREAM5_LITE_API,
        note: `${FAL_SEEDREAM5_LITE_API.note ?? ''}; no negative prompt (fal guide). Seed and output format not confirmed: no seed and png assumed.`,
      },
    },
    scores: {
      realism: judged(4, 'no benchmark in the sources'),
      textRendering: judged(4, 'no benchmark; placed with Seedream 4.5'),
      promptAdherence: judged(
        4.5,
        'fal: reasons about spatial relations before generating; per-subject attribute control',
      ),
      editingFlexibility: judged(4, 'edit endpoint with up to 10 images at the same price'),
      consistency: judged(4, 'no benchmark in the sources'),
      speed: judged(3.5, 'the reasoning pass runs before generation; no measured latency'),
      costEfficiency: judged(4.5, '$0.035 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(4, 'up to 3K'),
    },
    strengths: [
      {
        text: 'Plans complex multi-subject scenes before rendering, with per-subject attribute control',
        source: FAL_SEEDREAM5_LITE,
      },
      { text: 'Same flat $0.035 for generation and editing', source: FAL_SEEDREAM5_LITE },
    ],
    limitations: [
      { text: 'Minimal API: no negative prompt or guidance controls', source: FAL_SEEDREAM5_LITE },
    ],
    bestFor: [
      {
        text: 'Crowded scenes with specific attributes per subject, at a low price',
        source: FAL_SEEDREAM5_LITE,
      },
    ],
    avoidIf: [{ text: 'You need 4K output', source: FAL_SEEDREAM5_LITE_API }],
    prompt: {
      ...SEEDREAM_PROMPT,
      tips: [
        'Give each subject its own attributes (clothing, colour, position); the model plans the composition first.',
        ...(SEEDREAM_PROMPT.tips ?? []),
      ],
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedream/v5/lite/text-to-image',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.035') }],
          source: FAL_SEEDREAM5_LITE,
        },
        note: 'Edits go to fal-ai/bytedance/seedream/v5/lite/edit (up to 10 images).',
      },
      {
        provider: 'byteplus',
        providerModelId: 'seedream-5-0-260128',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.035') }],
          source: comfy('seedream 5.0 lite 7.39 credits per image'),
        },
      },
    ],
  },
  {
    id: 'dreamina-3-1',
    name: 'Dreamina 3.1',
    aliases: ['Dreamina v3.1', 'dreamina-v3.1'],
    vendor: 'bytedance',
    modality: 'image',
    description:
      "ByteDance's aesthetics-first text-to-image model on fal: up to 2048 px per side, $0.03 an image.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: {
        ...LITELLM_PRICES,
        note: 'fal_ai/fal-ai/bytedance/dreamina/v3.1/text-to-image listed',
      },
    },
    image: {
      sizes: {
        kind: 'range',
        multipleOf: 1,
        minEdge: 512,
        maxEdge: 2048,
        minPixels: 512 * 512,
        maxPixels: 2048 * 2048,
        maxAspect: 4,
        presets: ['2048x1536', '2048x2048', '1536x2048'],
      },
      maxImagesPerCall: 1,
      maxWidth: 2048,
      maxHeight: 2048,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_DREAMINA,
        note: 'width and height 512–2048, default 2048×1536. Step size, batch size, seed and output format are not stated in the excerpt: any step, one image, no seed and png assumed.',
      },
    },
    scores: {
      realism: judged(4, 'fal: "superior picture effects … rich details"; no benchmark'),
      textRendering: judged(3, 'no source assesses text rendering; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark; optional LLM prompt enhancement'),
      editingFlexibility: judged(1, 'text-to-image only; no edit or reference inputs'),
      consistency: judged(3, 'no source; neutral 3'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4.5, '$0.03 per image (band ≤$0.04 → 4.5)'),
      finalPolish: {
        value: 4,
        source: SEEDS.gptImage2VsNbp,
        note: 'seed 001: "cinematic 4MP outputs when you need high-resolution final assets"',
      },
    },
    strengths: [
      { text: 'Cinematic high-resolution outputs for final assets', source: SEEDS.gptImage2VsNbp },
    ],
    limitations: [{ text: 'Text-to-image only; sides capped at 2048 px', source: FAL_DREAMINA }],
    bestFor: [{ text: 'Aesthetic, detailed single images at a low price', source: FAL_DREAMINA }],
    avoidIf: [{ text: 'You need to edit or combine existing images', source: FAL_DREAMINA }],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 80,
      tips: [
        'Short prompts can use enhance_prompt, which rewrites them with an LLM before generation.',
      ],
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "Subject + Action or Pose + Environment + Lighting + Camera and Style structure; 80 words is Atelier's editorial cap (seed 001 saw details dropped past 60 words on a fast model)",
      ),
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/dreamina/v3.1/text-to-image',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.03') }], source: FAL_DREAMINA },
      },
    ],
    claims: [
      {
        topic: 'resolution',
        text: 'Dreamina 3.1 for cinematic 4MP outputs when you need high-resolution final assets',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
  {
    id: 'seedance-2-0',
    name: 'Seedance 2.0',
    aliases: ['Seedance 2', 'dreamina-seedance-2-0', 'bytedance/seedance-2.0'],
    vendor: 'bytedance',
    modality: 'video',
    description:
      "ByteDance's flagship video model: native audio, multi-shot cuts in one clip, references of images, video and audio; token-billed.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research(
        '3.2',
        'reseller',
        'BytePlus dreamina-seedance-2-0-260128; fal bytedance/seedance-2.0/*',
      ),
    },
    video: {
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['480p', '720p', '1080p', '4k'],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      fps: [24],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: false,
      source: {
        ...SEEDANCE2_FAST_FAL,
        note: 'fal: 4–15 s, 21:9 16:9 4:3 1:1 3:4 9:16, 24 fps, audio toggle, seed, end frame on image-to-video, no negative prompt; 1080p and 4k exist on BytePlus only (Comfy price table). One video per call assumed.',
      },
    },
    scores: {
      realism: judged(
        4.5,
        'fal: realistic physics for collisions, fabric and character motion; no benchmark',
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        'fal: director-level camera control (dolly zoom, rack focus, tracking)',
      ),
      editingFlexibility: judged(
        4.5,
        'first/last frame plus reference-to-video with up to 9 images, 3 videos and 3 audio files',
      ),
      consistency: judged(4, 'multi-shot cuts within one generation (fal)'),
      speed: judged(3, 'no latency source; the standard tier (a Fast tier exists)'),
      costEfficiency: judged(
        2.5,
        '1080p on BytePlus ≈ 48,600 tokens/s × $11.01/1M ≈ $0.54/s (band ≤$0.60 → 2.5); 720p on fal is $0.30/s',
      ),
      finalPolish: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: flagship with built-in audio, "excellent for atmospheric and narrative content"',
      },
      motion: judged(
        4.5,
        'fal: better motion and physics in sports, dancing and fights than earlier Seedance',
      ),
    },
    strengths: [
      {
        text: 'Built-in audio generation, excellent for atmospheric and narrative content',
        source: SEEDS.sora2VsSora2Pro,
      },
      {
        text: 'Reference-to-video takes up to 9 images, 3 video clips and 3 audio files',
        source: SEEDANCE2_REF_FAL,
      },
      { text: 'Native 21:9 ultrawide among six aspect ratios', source: SEEDANCE2_GUIDE },
    ],
    limitations: [
      {
        text: 'On fal the endpoints top out at 720p; 1080p and 4K need the BytePlus API',
        source: SEEDANCE2_GUIDE,
      },
      { text: 'No negative prompt', source: SEEDANCE2_GUIDE },
      {
        text: 'Token billing makes cost grow with resolution × duration; a 1080p clip costs about 2.5× a 720p one',
        source: COMFY_PRICING,
      },
    ],
    bestFor: [
      {
        text: 'Narrative and atmospheric clips with sound, dialogue and cuts',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
    avoidIf: [
      {
        text: 'Budget is tight at 1080p+: the Fast tier or Seedance 1.5 Pro cost far less',
        source: COMFY_PRICING,
      },
    ],
    prompt: SEEDANCE_PROMPT,
    routes: [
      {
        provider: 'byteplus',
        providerModelId: 'dreamina-seedance-2-0-260128',
        status: 'active',
        note: 'The versioned id BytePlus Ark takes (public Ark integrations send dreamina-seedance-2-0-260128; catalog audit 2026-12-06).',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: SEEDANCE2_BYTEPLUS_TIERS,
          source: comfy(
            'Seedance 2.0 2.112 / 2.323 / 1.207 credits per 1K tokens (480p–720p / 1080p / 4k), 1.297 / 1.418 / 0.724 with a reference video',
          ),
          note: 'variant "video-input" = a reference video is connected; input video seconds count toward the tokens.',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'bytedance/seedance-2.0/text-to-video',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [{ when: {}, microsPerMillion: usd('14') }],
          source: SEEDANCE2_FAL,
        },
        note: '480p/720p only. Image-to-video: bytedance/seedance-2.0/image-to-video; references: bytedance/seedance-2.0/reference-to-video (video inputs ×0.6).',
      },
    ],
    claims: [
      {
        topic: 'feature',
        text: "ByteDance's flagship with built-in audio generation, excellent for atmospheric and narrative content",
        source: SEEDS.sora2VsSora2Pro,
      },
      {
        topic: 'price',
        text: 'A 2026 Comfy docs revision priced Seedance 2.0 at $7.0 per 1M tokens (Fast $5.6)',
        source: research('3.2', 'reseller', 'Comfy-Org/docs PR #966 (ja)'),
      },
    ],
  },
  {
    id: 'seedance-2-0-fast',
    name: 'Seedance 2.0 Fast',
    aliases: ['Seedance 2 Fast', 'dreamina-seedance-2-0-fast', 'bytedance/seedance-2.0/fast'],
    vendor: 'bytedance',
    modality: 'video',
    description:
      'The lower-latency, cheaper Seedance 2.0 tier: same controls and audio, 480p/720p only.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: research('3.2', 'reseller') },
    video: {
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['480p', '720p'],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      fps: [24],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: false,
      source: {
        ...SEEDANCE2_FAST_FAL,
        note: `${SEEDANCE2_FAST_FAL.note ?? ''}. Comfy: Fast does not support 1080p or 4K. One video per call assumed.`,
      },
    },
    scores: {
      realism: judged(4, 'fast tier of Seedance 2.0; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(4, 'same camera controls as Seedance 2.0 (fal)'),
      editingFlexibility: judged(
        4.5,
        'same first/last frame and reference-to-video inputs as Seedance 2.0',
      ),
      consistency: judged(4, 'multi-shot cuts within one generation (fal)'),
      speed: judged(3.5, 'fal: "lower latency" than the standard tier; no measured latency'),
      costEfficiency: judged(
        3.5,
        '720p ≈ 21,600 tokens/s × $8.01/1M ≈ $0.17/s on BytePlus, $0.24/s on fal (band ≤$0.25 → 3.5)',
      ),
      finalPolish: judged(4, 'fast tier; 720p maximum'),
      motion: judged(4, 'fast tier of Seedance 2.0'),
    },
    strengths: [
      {
        text: 'Seedance 2.0 controls and native audio at lower latency and cost',
        source: SEEDANCE2_FAST_FAL,
      },
    ],
    limitations: [{ text: 'No 1080p or 4K', source: COMFY_PRICING }],
    bestFor: [
      { text: 'Drafting Seedance shots and social-format clips', source: SEEDANCE2_FAST_FAL },
    ],
    avoidIf: [{ text: 'You need more than 720p', source: COMFY_PRICING }],
    prompt: SEEDANCE_PROMPT,
    routes: [
      {
        provider: 'byteplus',
        providerModelId: 'dreamina-seedance-2-0-fast-260128',
        status: 'active',
        note: 'The versioned id BytePlus Ark takes (public Ark integrations send dreamina-seedance-2-0-fast-260128; catalog audit 2026-12-06).',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [
            { when: {}, microsPerMillion: usd('8.01') },
            { when: { variant: 'video-input' }, microsPerMillion: usd('4.72') },
          ],
          source: comfy(
            'Seedance 2.0 Fast 1.690 credits per 1K tokens, 0.996 with a reference video',
          ),
          note: 'variant "video-input" = a reference video is connected.',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'bytedance/seedance-2.0/fast/text-to-video',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [{ when: {}, microsPerMillion: usd('11.2') }],
          source: SEEDANCE2_FAST_FAL,
        },
        note: 'Image-to-video: bytedance/seedance-2.0/fast/image-to-video.',
      },
    ],
  },
  {
    id: 'seedance-1-5-pro',
    name: 'Seedance 1.5 Pro',
    aliases: ['Seedance 1.5', 'seedance-1-5-pro-251215', 'bytedance/seedance-1.5-pro'],
    vendor: 'bytedance',
    modality: 'video',
    description:
      "Seedance with jointly generated audio and video up to 1080p, at a fraction of Seedance 2.0's token rate.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: research('3.2', 'reseller') },
    video: {
      durations: [4, 5, 6, 7, 8, 9, 10, 11, 12],
      resolutions: ['480p', '720p', '1080p'],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      fps: [24],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: false,
      source: {
        ...SEEDANCE15_FAL,
        note: `${SEEDANCE15_FAL.note ?? ''}. 24 fps derived from fal's example ($0.26 for 5 s of 720p with audio = 108,000 tokens). Start and end frame on image-to-video. One video per call assumed.`,
      },
    },
    scores: {
      realism: judged(3.5, 'previous Seedance generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'previous generation; camera_fixed control'),
      editingFlexibility: judged(
        3.5,
        'image-to-video with start and end frame; no reference-to-video',
      ),
      consistency: judged(3.5, 'previous generation'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(
        4,
        '1080p with audio ≈ 48,600 tokens/s × $2.4/1M ≈ $0.12/s (band ≤$0.15 → 4)',
      ),
      finalPolish: judged(3.5, 'up to 1080p'),
      motion: judged(3.5, 'previous generation'),
    },
    strengths: [
      {
        text: 'Audio and video generated together in one pass, with tight lip sync',
        source: src('https://fal.ai/learn/devs/seedance-1-5-user-guide', RESEARCH_DATE, 'provider'),
      },
      { text: 'Start-and-end-frame image-to-video', source: SEEDANCE15_I2V_FAL },
    ],
    limitations: [{ text: 'Clips up to 12 s and 1080p', source: SEEDANCE15_FAL }],
    bestFor: [{ text: 'Budget 1080p clips with sound', source: SEEDANCE15_FAL }],
    avoidIf: [
      {
        text: 'You need reference-to-video or multi-shot cuts (Seedance 2.0)',
        source: SEEDANCE2_REF_FAL,
      },
    ],
    prompt: SEEDANCE_PROMPT,
    routes: [
      {
        provider: 'byteplus',
        providerModelId: 'seedance-1-5-pro-251215',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [
            { when: { audio: false }, microsPerMillion: usd('1.2') },
            { when: { audio: true }, microsPerMillion: usd('2.4') },
          ],
          source: comfy(
            'seedance-1-5-pro-251215 253.2 / 506.4 credits per 1M tokens without / with audio',
          ),
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedance/v1.5/pro/text-to-video',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [
            { when: { audio: false }, microsPerMillion: usd('1.2') },
            { when: { audio: true }, microsPerMillion: usd('2.4') },
          ],
          source: SEEDANCE15_FAL,
        },
        note: 'Image-to-video: fal-ai/bytedance/seedance/v1.5/pro/image-to-video.',
      },
    ],
  },
];
