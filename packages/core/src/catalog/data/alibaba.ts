import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { COMFY_PRICING, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Alibaba Wan on DashScope (Model Studio) and fal. DashScope prices are Comfy's resale rates
 * (credits ÷ 211); the DashScope async task flow itself is only documented by a relay (§3.4).
 *
 * Editorial costEfficiency bands as in bytedance.ts: images ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3; video per second at 1080p: ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.4', 'editorial'),
  note,
});
const comfy = (note: string) => ({ ...COMFY_PRICING, note: `Comfy resale credits ÷ 211: ${note}` });

const WAN27_IMAGE_DOC = src(
  'https://www.alibabacloud.com/help/en/model-studio/wan-image-generation-and-editing-api-reference',
  '2026-10-11',
  'provider',
  'wan2.7-image-pro: 4K output for text-to-image (not for image sets), PNG output; wan2.7-image is the faster tier; sync POST …/services/aigc/multimodal-generation/generation',
);
const WAN27_IMAGE_SKILL = src(
  'https://skills.sh/cinience/alicloud-skills/aliyun-wan-image',
  RESEARCH_DATE,
  'third-party',
  'editing with 1–9 input images, bbox regional edits, image sets up to 12, colour palette, thinking mode',
);
const WAN27_IMAGE_RESELLER = src(
  'https://wavespeed.ai/docs/docs-api/alibaba/wan-2.7/text-to-image-pro',
  RESEARCH_DATE,
  'reseller',
  'up to 4096×4096, seed, thinking mode',
);
const ATLAS_WAN27_PRO = src(
  'https://www.atlascloud.ai/models/alibaba/wan-2.7-pro/text-to-image',
  RESEARCH_DATE,
  'reseller',
  '$0.075 per run',
);
const WAN25_T2I_DOC = src(
  'https://www.alibabacloud.com/help/en/model-studio/text-to-image-v2-api-reference',
  '2026-12-06',
  'provider',
  'wan2.5-t2i-preview: async only (text2image/image-synthesis); size W*H with total pixels between 768*768 and 1440*1440 and aspect ratio within [1:4, 4:1], recommended 1280*1280 (1:1), 1104*1472 (3:4), 1472*1104 (4:3), 960*1696 (9:16), 1696*960 (16:9); n 1–4; seed [0, 2147483647]; negative_prompt up to 500 characters; prompt up to 2,000',
);
const FAL_WAN25_IMAGE = src(
  'https://fal.ai/models/fal-ai/wan-25-preview/text-to-image/api',
  RESEARCH_DATE,
  'provider',
  'total pixels between 768×768 and 1440×1440; aspect ratio between 1:4 and 4:1; up to 4 images per request; 1–2 minutes',
);
const FAL_WAN25_T2V = src(
  'https://fal.ai/models/fal-ai/wan-25-preview/text-to-video/api',
  RESEARCH_DATE,
  'provider',
  '480p and 1080p, 16:9 / 9:16 / 1:1, 1–2 minutes processing',
);
const FAL_WAN25_I2V = src(
  'https://fal.ai/models/fal-ai/wan-25-preview/image-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.05/s at 480p, $0.10/s at 720p, $0.15/s at 1080p; 5 or 10 s; prompt up to 800 characters; optional audio_url background track',
);
const WAN27_GUIDE = src(
  'https://videopromptkit.com/blog/wan-2-7-overview-wan-2-7-model-overview-with-practical-production-steps',
  RESEARCH_DATE,
  'third-party',
  'fal-ai/wan/v2.7: $0.10/s flat at 720p or 1080p; 2–15 s; 16:9 9:16 1:1 4:3 3:4; end_image_url; video continuation; negative_prompt; audio_url or generated background music',
);

const WAN_VIDEO_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement], [Style]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
  maxWords: 100,
  tips: [
    'One shot idea per clip: a clear subject, one visible action and one camera move.',
    'Use the negative prompt for artefacts to avoid rather than adding "no …" to the prompt.',
  ],
  source: src(
    'seeds/003_8fc4bf37682fe7e8.txt',
    RESEARCH_DATE,
    'seed',
    "four-part video structure and 'a precise 20-word prompt beats a vague 100-word one' (100 used as the word cap)",
  ),
};

export const alibaba: ModelEntryInput[] = [
  {
    id: 'wan-2-7-image-pro',
    name: 'Wan 2.7 Image Pro',
    aliases: ['wan2.7-image-pro', 'Wan 2.7 Pro Image'],
    vendor: 'alibaba',
    modality: 'image',
    description:
      "Alibaba's professional Wan image tier: 4K text-to-image, multi-image editing and consistent image sets.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: { status: 'active', replacements: [], source: WAN27_IMAGE_DOC },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 12,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 9,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...WAN27_IMAGE_SKILL,
        note: "PNG and 4K from Alibaba's docs; 1–9 input images and sets of up to 12 (sets are not 4K) from the alicloud skill; 4096×4096 and seed from WaveSpeed. Negative prompt not confirmed (assumed absent).",
      },
    },
    scores: {
      realism: judged(4, "no benchmark in the sources; Alibaba's professional tier"),
      textRendering: judged(3.5, 'no source assesses text rendering'),
      promptAdherence: judged(
        4,
        'thinking mode reasons about the prompt before generating (WaveSpeed)',
      ),
      editingFlexibility: judged(
        4.5,
        '1–9 input images, bounding-box regional edits and colour palettes',
      ),
      consistency: judged(4, 'generates consistent image sets of up to 12'),
      speed: judged(
        3,
        'Alibaba positions wan2.7-image, not Pro, as the faster tier; no latency source',
      ),
      costEfficiency: judged(
        3.5,
        'no list price; a reseller charges $0.075 per run (band ≤$0.10 → 3.5)',
      ),
      finalPolish: judged(4.5, '4K output for text-to-image'),
    },
    strengths: [
      { text: '4K text-to-image output', source: WAN27_IMAGE_DOC },
      {
        text: 'Editing with 1–9 input images, bounding-box regional edits and colour-palette control',
        source: WAN27_IMAGE_SKILL,
      },
    ],
    limitations: [
      { text: '4K is not available for image sets', source: WAN27_IMAGE_DOC },
      {
        text: 'Beijing and Singapore regions need separate keys and endpoints',
        source: WAN27_IMAGE_DOC,
      },
    ],
    bestFor: [{ text: 'Print-ready and large-format stills', source: WAN27_IMAGE_RESELLER }],
    avoidIf: [{ text: 'You need a confirmed list price before running it', source: research('5') }],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 80,
      tips: [
        'Thinking mode (text-to-image only) trades time for better composition on complex prompts.',
      ],
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "Subject + Action or Pose + Environment + Lighting + Camera and Style structure; 80 words is Atelier's editorial cap",
      ),
    },
    routes: [],
    unpricedReason:
      "No DashScope / Model Studio list price for wan2.7-image-pro was found (research §5 lists it as unconfirmed); the only price seen is a reseller's $0.075 per run, kept as a claim.",
    claims: [
      {
        topic: 'other',
        text: 'Pairs well with GPT Image 2 when you want precise style control through a different generation approach',
        source: SEEDS.gptImage2VsNbp,
      },
      {
        topic: 'price',
        text: 'Atlas Cloud charges $0.075 per run for Wan 2.7 Pro text-to-image',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.075') }],
          source: ATLAS_WAN27_PRO,
        },
        source: ATLAS_WAN27_PRO,
      },
    ],
  },
  {
    id: 'wan-2-5-image',
    name: 'Wan 2.5 Image',
    aliases: ['Wan 2.5 Text to Image', 'wan2.5-t2i-preview'],
    vendor: 'alibaba',
    modality: 'image',
    description:
      'Wan 2.5 preview image model: up to about 2 MP, four images per request, $0.03 an image.',
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'preview',
      replacements: [],
      source: research(
        '3.4',
        'reseller',
        'DashScope wan2.5-t2i-preview / wan2.5-i2i-preview; fal fal-ai/wan-25-preview/text-to-image',
      ),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
      maxImagesPerCall: 4,
      maxWidth: 2880,
      maxHeight: 2880,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 1,
      mask: false,
      seed: true,
      negativePrompt: true,
      source: {
        ...WAN25_T2I_DOC,
        note: `${WAN25_T2I_DOC.note ?? ''}. The listed ratios are Alibaba's recommended sizes (others within 1:4–4:1 are sized at about 1280×1280 pixels); 2880 is the long side of 4:1 at the pixel budget, derived. Edits via wan2.5-i2i-preview (one input image as Atelier sends it); PNG output.`,
      },
    },
    claimedLatency: {
      minSeconds: 60,
      maxSeconds: 120,
      condition: 'fal text-to-image endpoint',
      source: FAL_WAN25_IMAGE,
    },
    scores: {
      realism: judged(3.5, 'preview generation; no benchmark'),
      textRendering: judged(3, 'no source assesses text rendering; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark'),
      editingFlexibility: judged(2.5, 'separate image-to-image preview model; no multi-reference'),
      consistency: judged(3, 'no source; neutral 3'),
      speed: judged(1.5, 'fal states 1–2 minutes per request'),
      costEfficiency: judged(4.5, '$0.03 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3, 'about 2 MP maximum'),
    },
    strengths: [
      {
        text: 'Wide aspect range (1:4 to 4:1) and up to four images per request',
        source: FAL_WAN25_IMAGE,
      },
    ],
    limitations: [
      { text: 'Slow: 1–2 minutes per request', source: FAL_WAN25_IMAGE },
      { text: 'Preview model; outputs capped at about 2 MP', source: FAL_WAN25_IMAGE },
    ],
    bestFor: [{ text: 'Cheap batch stills with unusual aspect ratios', source: FAL_WAN25_IMAGE }],
    avoidIf: [{ text: 'You need fast turnaround or print resolution', source: FAL_WAN25_IMAGE }],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 80,
      tips: [
        'Name the style family (photograph, illustration, poster) first; the model covers both realistic and artistic looks.',
      ],
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "Subject + Action or Pose + Environment + Lighting + Camera and Style structure; 80 words is Atelier's editorial cap",
      ),
    },
    routes: [
      {
        provider: 'dashscope',
        providerModelId: 'wan2.5-t2i-preview',
        status: 'preview',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.03') }],
          source: comfy('wan2.5-t2i-preview 6.33 credits per run'),
        },
        note: 'Edits: wan2.5-i2i-preview at the same price. fal hosts fal-ai/wan-25-preview/text-to-image (price not confirmed).',
      },
    ],
  },
  {
    id: 'wan-2-7',
    name: 'Wan 2.7',
    aliases: ['Wan 2.7 Video', 'wan2.7-t2v', 'wan2.7-i2v'],
    vendor: 'alibaba',
    modality: 'video',
    description:
      "Alibaba's current Wan video model: 2–15 s clips at 720p/1080p, first/last frame, continuation and audio-driven motion.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research(
        '3.4',
        'reseller',
        'DashScope wan2.7-t2v / -i2v / -r2v / -videoedit; fal fal-ai/wan/v2.7',
      ),
    },
    video: {
      durations: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...WAN27_GUIDE,
        note: `${WAN27_GUIDE.note ?? ''}. Audio is either a supplied track or generated background music. fps, seed and batch size not confirmed (one video, no seed assumed).`,
      },
    },
    scores: {
      realism: judged(4, 'no benchmark in the sources'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        'built-in LLM prompt rewriter (enable_prompt_expansion); no benchmark',
      ),
      editingFlexibility: judged(
        4.5,
        'first/last frame, continuation from an existing clip, reference-to-video and video edit models',
      ),
      consistency: judged(4, 'holds scene structure across up to 15 s (third-party guide)'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(4, '$0.15/s at 1080p on DashScope, $0.10/s on fal (band ≤$0.15 → 4)'),
      finalPolish: judged(3.5, 'no 4K'),
      motion: judged(4, 'motion coherence on long clips is its selling point (third-party guide)'),
    },
    strengths: [
      { text: 'Up to 15 s per call with coherent motion across the clip', source: WAN27_GUIDE },
      {
        text: 'First/last-frame interpolation and continuation of an existing 2–10 s clip',
        source: WAN27_GUIDE,
      },
    ],
    limitations: [
      { text: 'No 4K; 720p or 1080p only', source: WAN27_GUIDE },
      {
        text: 'Continuation (video_url) cannot be combined with a start image',
        source: WAN27_GUIDE,
      },
    ],
    bestFor: [
      { text: 'Longer single-take clips and bridging two fixed compositions', source: WAN27_GUIDE },
    ],
    avoidIf: [
      {
        text: 'You need dialogue generated with lip sync from the prompt alone',
        source: WAN27_GUIDE,
      },
    ],
    prompt: WAN_VIDEO_PROMPT,
    routes: [
      {
        provider: 'dashscope',
        providerModelId: 'wan2.7-t2v',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p' }, micros: usd('0.10') },
            { when: { resolution: '1080p' }, micros: usd('0.15') },
          ],
          source: comfy('wan2.7-t2v / -i2v 21.1 credits/s at 720P, 31.65 at 1080P'),
          note: 'Image-to-video: wan2.7-i2v at the same rates. Request flow (async task + poll) is from a relay doc, unconfirmed.',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/wan/v2.7/text-to-video',
        status: 'active',
        price: { unit: 'second', tiers: [{ when: {}, micros: usd('0.10') }], source: WAN27_GUIDE },
        note: "Price from a third-party guide; fal's own page was not seen. Image-to-video: fal-ai/wan/v2.7/image-to-video.",
      },
    ],
  },
  {
    id: 'wan-2-5',
    name: 'Wan 2.5',
    aliases: ['Wan 2.5 Preview', 'Wan 2.5 Video', 'wan2.5-t2v-preview', 'wan2.5-i2v-preview'],
    vendor: 'alibaba',
    modality: 'video',
    description: 'Wan 2.5 preview video: 5 or 10 s at 480p–1080p, priced per second by resolution.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'preview', replacements: [], source: research('3.4', 'reseller') },
    video: {
      durations: [5, 10],
      resolutions: ['480p', '720p', '1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_WAN25_I2V,
        note: '5 or 10 s, 480p/720p/1080p (fal llms.txt), 16:9 9:16 1:1 (fal API page). Audio here means a supplied audio_url track; native audio generation is not confirmed. Seed, negative prompt and batch size not confirmed.',
      },
    },
    claimedLatency: {
      minSeconds: 60,
      maxSeconds: 120,
      condition: 'fal text-to-video endpoint',
      source: FAL_WAN25_T2V,
    },
    scores: {
      realism: judged(3.5, 'preview generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'prompt limited to 800 characters'),
      editingFlexibility: judged(2.5, 'image-to-video from a first frame only'),
      consistency: judged(
        3.5,
        'fal: "best visual quality and motion stability" of its line at launch',
      ),
      speed: judged(3, 'fal: 1–2 minutes processing'),
      costEfficiency: judged(4, '$0.15/s at 1080p (band ≤$0.15 → 4); $0.05/s at 480p'),
      finalPolish: judged(3, 'preview; up to 1080p'),
      motion: judged(3.5, 'fal: motion stability; no benchmark'),
    },
    strengths: [{ text: 'Cheap 480p drafts at $0.05 per second', source: FAL_WAN25_I2V }],
    limitations: [
      { text: 'Only 5 or 10 second clips', source: FAL_WAN25_I2V },
      { text: 'Preview model, superseded by Wan 2.7', source: research('3.4') },
    ],
    bestFor: [{ text: 'Low-cost drafts and motion tests', source: FAL_WAN25_I2V }],
    avoidIf: [
      {
        text: 'You need end-frame control or clips longer than 10 s (use Wan 2.7)',
        source: WAN27_GUIDE,
      },
    ],
    prompt: {
      ...WAN_VIDEO_PROMPT,
      source: {
        ...FAL_WAN25_I2V,
        note: 'prompt up to 800 characters (about 130 words; 100 used as the cap); structure from seed 003',
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/wan-25-preview/text-to-video',
        status: 'preview',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '480p' }, micros: usd('0.05') },
            { when: { resolution: '720p' }, micros: usd('0.10') },
            { when: { resolution: '1080p' }, micros: usd('0.15') },
          ],
          source: FAL_WAN25_I2V,
          note: 'Rates read from the image-to-video endpoint (fal-ai/wan-25-preview/image-to-video); Comfy lists the same rates for both.',
        },
      },
      {
        provider: 'dashscope',
        providerModelId: 'wan2.5-t2v-preview',
        status: 'preview',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '480p' }, micros: usd('0.05') },
            { when: { resolution: '720p' }, micros: usd('0.10') },
            { when: { resolution: '1080p' }, micros: usd('0.15') },
          ],
          source: comfy(
            'wan2.5-t2v-preview / -i2v-preview 10.55 / 21.1 / 31.65 credits per second',
          ),
        },
      },
    ],
  },
];
