import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, COMFY_PRICING, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Kuaishou Kling through fal. Kling's own API (api.klingai.com) is unconfirmed in the research
 * (§3.3), so fal is the only priced route. fal sells Kling 3.0 as two endpoints, Standard and Pro;
 * each is its own route here.
 *
 * Editorial costEfficiency band (video, per second with audio at the default route):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3 · ≤$0.60 2.5.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.3', 'editorial'),
  note,
});

const FAL_V1_STANDARD = src(
  'https://fal.ai/models/fal-ai/kling-video/v1/standard/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling 1.0 (standard) image-to-video: $0.045 per second; duration "5" or "10"; negative_prompt (default "blur, distort, and low quality"); cfg_scale 0–1; tail_image_url; motion-brush masks',
);
const FAL_V1_T2V = src(
  'https://fal.ai/models/fal-ai/kling-video/v1/standard/text-to-video/api',
  CATALOG_AS_OF,
  'provider',
  'fal-ai/kling-video/v1/standard/text-to-video: Kling 1.0 text-to-video on the same queue',
);

const FAL_V3_PRO = research(
  '3.3',
  'provider',
  'fal llms.txt (baked fal list 2026-10-01): $0.112/s audio off, $0.168/s audio on; the pricing API reports $0.14',
);
const FAL_V3_STANDARD = src(
  'https://fal.ai/models/fal-ai/kling-video/v3/standard/text-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.084/s audio off, $0.126/s audio on, $0.154/s with voice control; 3–15 s',
);
/** fal's pricing API for the standard endpoint, the rate it bills (curated_prices.json, fal list of 2026-10-01). */
const FAL_V3_STANDARD_BILLING = src(
  'https://fal.ai/models/fal-ai/kling-video/v3/standard/text-to-video',
  '2026-10-01',
  'provider',
  'fal pricing API: $0.084/s audio off, $0.14/s audio on (Atelier curated price list); voice control $0.154/s from the llms.txt page',
);
/** fal's page for the native 4K endpoint: one rate with audio on or off (checked 2026-12-06). */
const FAL_V3_4K = src(
  'https://fal.ai/models/fal-ai/kling-video/v3/4k/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling V3 4K text-to-video: $0.42 per second regardless of audio ($2.10 for 5 s); 3–15 s; generate_audio; multi_prompt; image-to-video at fal-ai/kling-video/v3/4k/image-to-video',
);
const FAL_V3_DOCS = src(
  'https://fal.ai/docs/model-api-reference/video-generation-api/kling-video-v3-pro',
  RESEARCH_DATE,
  'provider',
  '3–15 s; 16:9 9:16 1:1; generate_audio (Chinese and English speech); multi_prompt shots; negative_prompt; cfg_scale',
);
const FAL_V3_I2V = src(
  'https://clawhub.ai/api/v1/skills/corespeed-art/file?path=references%2Fkling.md',
  RESEARCH_DATE,
  'third-party',
  'fal-ai/kling-video/v3/pro/image-to-video: start_image_url, end_image_url, voice_ids, elements',
);
const FAL_V26 = src(
  'https://fal.ai/models/fal-ai/kling-video/v2.6/pro/image-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.07/s without audio, $0.14/s with native audio, $0.168/s with audio and voice control; 5 or 10 s; negative_prompt',
);
const V26_SCHEMA = src(
  'https://www.eachlabs.ai/kling/kling-v2-6/kling-v2-6-pro-text-to-video/llms.txt',
  RESEARCH_DATE,
  'third-party',
  'text-to-video: 5 or 10 s; 16:9 9:16 1:1; negative_prompt; cfg_scale; generate_audio',
);

const KLING_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]; [Dialogue]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
  maxWords: 100,
  tips: [
    'Speech is generated in Chinese or English; other languages are translated to English.',
    'Write English dialogue in lower case; use capitals only for acronyms and proper nouns.',
    'For several shots, use multi_prompt (one prompt and duration per shot) instead of one long prompt.',
  ],
  source: {
    ...FAL_V3_DOCS,
    note: "speech rules from fal's generate_audio description; structure and the 100-word cap from seed 003 ('a precise 20-word prompt beats a vague 100-word one')",
  },
};

export const kling: ModelEntryInput[] = [
  {
    id: 'kling-v3',
    name: 'Kling 3.0',
    aliases: ['Kling v3', 'Kling v3 Video', 'Kling 3', 'kwaivgi/kling-v3-video'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 3.0: cinematic clips of 3–15 s with native audio, multi-shot prompts and strong character consistency.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.3', 'reseller', 'listed on fal, Replicate and Comfy in 2026'),
    },
    video: {
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['720p', '1080p', '4k'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...FAL_V3_DOCS,
        note: `${FAL_V3_DOCS.note ?? ''}. 720p/1080p from Comfy's kling-v3 table, whose rates match fal Standard and Pro; 4K is fal's native 4K endpoint. Start and end images on image-to-video. No seed parameter in fal's schema; one video per call.`,
      },
    },
    scores: {
      realism: judged(4, 'no benchmark in the sources'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        'multi-shot prompts with per-shot durations and cfg_scale (fal schema)',
      ),
      editingFlexibility: judged(4, 'start/end frame, elements and voice ids on image-to-video'),
      consistency: {
        value: 5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: "excellent … character consistency"',
      },
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(
        3.5,
        'Pro with audio $0.168/s (band ≤$0.25 → 3.5); Standard with audio $0.126/s',
      ),
      finalPolish: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: "cinematic-quality output"',
      },
      motion: {
        value: 5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: "excellent motion control"',
      },
    },
    strengths: [
      {
        text: 'Cinematic-quality output with excellent motion control and character consistency',
        source: SEEDS.sora2VsSora2Pro,
      },
      {
        text: 'Native audio with Chinese and English speech; multi-shot prompts in one clip',
        source: FAL_V3_DOCS,
      },
    ],
    limitations: [
      { text: 'Only 16:9, 9:16 and 1:1', source: FAL_V3_DOCS },
      {
        text: 'Speech only in Chinese or English; other languages are translated to English',
        source: FAL_V3_DOCS,
      },
      { text: "Kling's own API is unconfirmed; fal is the priced route", source: research('3.3') },
    ],
    bestFor: [
      {
        text: 'Character-driven scenes that must stay on-model across shots',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
    avoidIf: [{ text: 'You need 21:9 or other wide formats', source: FAL_V3_DOCS }],
    prompt: KLING_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v3/pro/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            // The pro endpoint renders 1080p, the standard one 720p (Comfy's kling-v3 table prices
            // them as those resolutions): the tier names it, so a resolution picks its endpoint.
            { when: { audio: false, resolution: '1080p' }, micros: usd('0.112') },
            { when: { audio: true, resolution: '1080p' }, micros: usd('0.168') },
          ],
          source: FAL_V3_PRO,
        },
        note: "Pro tier (1080p-rate in Comfy's kling-v3 table). Image-to-video: fal-ai/kling-video/v3/pro/image-to-video (start_image_url).",
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v3/standard/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: false, resolution: '720p' }, micros: usd('0.084') },
            { when: { audio: true, resolution: '720p' }, micros: usd('0.14') },
            {
              when: { audio: true, resolution: '720p', variant: 'voice-control' },
              micros: usd('0.154'),
            },
          ],
          source: FAL_V3_STANDARD_BILLING,
        },
        note: "Standard tier (720p-rate in Comfy's kling-v3 table). With audio at fal's pricing API rate ($0.14/s), what fal bills; its llms.txt page said $0.126/s (kept as a claim).",
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v3/4k/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '4k' }, micros: usd('0.42') }],
          source: FAL_V3_4K,
        },
        note: 'Native 4K (no upscaling); the same rate with or without audio. Image-to-video: fal-ai/kling-video/v3/4k/image-to-video (start_image_url).',
      },
    ],
    claims: [
      {
        topic: 'quality',
        text: 'Kling v3 Video: cinematic-quality output with excellent motion control and character consistency',
        source: SEEDS.sora2VsSora2Pro,
      },
      {
        topic: 'price',
        text: "fal's standard-endpoint page (llms.txt) listed $0.126 per second with audio, below the $0.14 its pricing API bills",
        price: {
          unit: 'second',
          tiers: [{ when: { audio: true, resolution: '720p' }, micros: usd('0.126') }],
          source: FAL_V3_STANDARD,
        },
        source: FAL_V3_STANDARD,
      },
      {
        topic: 'price',
        text: 'Comfy resells kling-v3 at 4k for $0.42 per second, audio on or off (the rate fal lists for its own 4K endpoint)',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '4k' }, micros: usd('0.42') }],
          source: { ...COMFY_PRICING, note: 'kling-v3 4k 88.62 credits/s ÷ 211' },
        },
        source: COMFY_PRICING,
      },
    ],
  },
  {
    id: 'kling-v2-6',
    name: 'Kling 2.6',
    aliases: ['Kling v2.6', 'Kling 2.6 Pro', 'kwaivgi/kling-v2.6'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 2.6 Pro: 5 or 10 s clips with optional native audio at half the per-second price of Kling 3.0 Pro.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.3', 'reseller', 'listed on fal, Replicate and Comfy in 2026'),
    },
    video: {
      durations: [5, 10],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...V26_SCHEMA,
        note: `${V26_SCHEMA.note ?? ''}. Output resolution is not stated in the sources: 1080p assumed for the Pro endpoint. No end frame or seed in the schemas seen.`,
      },
    },
    scores: {
      realism: judged(3.5, 'previous Kling generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'cfg_scale and negative prompt; no multi-shot prompts'),
      editingFlexibility: judged(3, 'image-to-video from a start image; voice ids'),
      consistency: judged(3.5, 'previous generation'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(4, '$0.14/s with audio, $0.07/s without (band ≤$0.15 → 4)'),
      finalPolish: judged(3.5, 'previous generation'),
      motion: judged(4, 'previous generation of a line seed 003 praises for motion control'),
    },
    strengths: [{ text: 'Native audio at $0.14 per second, or $0.07 without', source: FAL_V26 }],
    limitations: [{ text: 'Only 5 or 10 second clips', source: FAL_V26 }],
    bestFor: [{ text: 'Budget Kling clips with sound', source: FAL_V26 }],
    avoidIf: [
      { text: 'You need end-frame control or multi-shot prompts (Kling 3.0)', source: FAL_V3_I2V },
    ],
    prompt: KLING_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v2.6/pro/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: false }, micros: usd('0.07') },
            { when: { audio: true }, micros: usd('0.14') },
            { when: { audio: true, variant: 'voice-control' }, micros: usd('0.168') },
          ],
          source: FAL_V26,
          note: "Rates read from fal's image-to-video endpoint; Comfy lists the same $0.07 / $0.14 for kling-v2-6.",
        },
        note: 'Image-to-video: fal-ai/kling-video/v2.6/pro/image-to-video (start_image_url).',
      },
    ],
  },
  {
    id: 'kling-v1',
    name: 'Kling 1.0',
    aliases: ['Kling v1', 'Kling 1.0 Standard', 'fal-ai/kling-video/v1/standard/text-to-video'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      "Kuaishou's first Kling: silent 5 or 10 s clips at $0.045 per second, with start and end frames.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_V1_STANDARD },
    video: {
      durations: [5, 10],
      resolutions: ['720p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...FAL_V1_STANDARD,
        note: `${FAL_V1_STANDARD.note ?? ''}. The standard tier is taken as 720p and the text-to-video ratios as Kling's usual 16:9, 9:16 and 1:1 (${FAL_V1_T2V.ref}); no audio or seed.`,
      },
    },
    scores: {
      realism: judged(3, 'first Kling generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3, 'cfg_scale and negative prompt; no benchmark'),
      editingFlexibility: judged(3, 'start and end frames on image-to-video'),
      consistency: judged(3, 'first generation'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(5, '$0.045/s (band ≤$0.06 → 5)'),
      finalPolish: judged(2.5, '720p, silent, first generation'),
      motion: judged(3, 'first generation of a line seed 003 praises for motion control'),
    },
    strengths: [
      {
        text: 'The cheapest Kling per second ($0.045), with an end frame',
        source: FAL_V1_STANDARD,
      },
    ],
    limitations: [{ text: 'First generation: 720p and silent', source: FAL_V1_STANDARD }],
    bestFor: [
      {
        text: 'Cheap start-to-end transitions where Kling 2.x quality is not needed',
        source: FAL_V1_STANDARD,
      },
    ],
    avoidIf: [{ text: 'You need sound or 1080p (Kling 2.6 and 3.0)', source: FAL_V26 }],
    prompt: KLING_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v1/standard/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.045') }],
          source: FAL_V1_STANDARD,
          note: "Rate from fal's Kling 1.0 standard image-to-video page; text-to-video is the same tier.",
        },
        note: 'Image-to-video: fal-ai/kling-video/v1/standard/image-to-video (image_url, tail_image_url).',
      },
    ],
  },
];
