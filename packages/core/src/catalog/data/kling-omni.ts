import { usd } from '../../money.ts';
import type { ModelEntryInput, Source } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Kling models beyond 3.0 Standard/Pro (kling.ts), each through fal, priced from fal's own model
 * pages (fal's list price is the provider's price for a fal route): Kling 3.0 Omni (O3), Kling
 * 3.0 Turbo, Kling 2.5 Turbo and the Kling 2.1 / 2.0 Master tiers. Kling's own API is unconfirmed in the research (§3.3).
 *
 * Editorial costEfficiency band (video, per second at the default route and audio):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3 · ≤$0.60 2.5.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});
const neutral = (what: string) => judged(3, `no source assesses ${what}; neutral 3`);

const FAL_O3_STANDARD = src(
  'https://fal.ai/models/fal-ai/kling-video/o3/standard/image-to-video',
  CATALOG_AS_OF,
  'provider',
  'Kling O3 Standard: $0.084/s audio off, $0.112/s audio on; up to 15 s; start and end frame; native audio (Chinese and English)',
);
const FAL_O3_4K = src(
  'https://fal.ai/models/fal-ai/kling-video/o3/4k/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling O3 4K: $0.42/s audio on or off; 3–15 s; 16:9 9:16 1:1; generate_audio (default off); multi_prompt',
);
const FAL_O3_DOCS = src(
  'https://fal.ai/docs/model-api-reference/video-generation-api/kling-video-o3-pro-text-to-video',
  CATALOG_AS_OF,
  'provider',
  'O3 text-to-video: duration 3–15 s, aspect_ratio 16:9 9:16 1:1, generate_audio (default false), multi_prompt, shot_type',
);
const FAL_V3_TURBO = src(
  'https://fal.ai/models/fal-ai/kling-video/v3/turbo/pro/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling 3.0 Turbo Pro, 1080p: $0.14 per second; 3–15 s; 16:9 9:16 1:1; multi_prompt up to 6 shots; prompt under 2,500 characters',
);
const FAL_V25_TURBO = src(
  'https://fal.ai/models/fal-ai/kling-video/v2.5-turbo/pro/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling 2.5 Turbo Pro: $0.35 for 5 s and $0.07 per additional second; 5 or 10 s; negative_prompt; cfg_scale; tail_image_url',
);
const V25_T2V_SCHEMA = src(
  'https://www.eachlabs.ai/kling/kling-v2-5/kling-v2-5-turbo-pro-text-to-video/llms.txt',
  CATALOG_AS_OF,
  'third-party',
  'text-to-video: 5 or 10 s; 16:9 9:16 1:1; negative_prompt; cfg_scale; same $0.35 per 5 s + $0.07/s as fal',
);

const FAL_V21_MASTER = src(
  'https://fal.ai/models/fal-ai/kling-video/v2.1/master/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling 2.1 Master: $1.40 for 5 s and $0.28 per additional second; duration "5" or "10"; 16:9 9:16 1:1; negative_prompt; cfg_scale',
);
const FAL_V2_MASTER = src(
  'https://fal.ai/models/fal-ai/kling-video/v2/master/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Kling 2.0 Master: $1.40 for 5 s and $0.28 per additional second; duration "5" or "10"; 16:9 9:16 1:1; negative_prompt; cfg_scale',
);

const prompt = (source: Source): ModelEntryInput['prompt'] => ({
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
  maxWords: 100,
  tips: [
    'Describe one shot per prompt; use multi_prompt for several shots where the endpoint offers it.',
    'Speech is generated in Chinese or English; other languages are translated to English.',
  ],
  source: {
    ...source,
    note: "shot structure from fal's Kling pages; 100 words is Atelier's editorial cap (fal advises under 2,500 characters)",
  },
});

export const klingOmni: ModelEntryInput[] = [
  {
    id: 'kling-o3',
    name: 'Kling 3.0 Omni (O3)',
    aliases: ['Kling O3', 'Kling 3.0 Omni', 'Kling V3-Omni', 'Kling Omni 3'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 3.0 Omni: 3–15 s clips with optional native audio, multi-shot prompts, and a native 4K mode.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_O3_DOCS },
    video: {
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['720p', '4k'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_O3_DOCS,
        note: `${FAL_O3_DOCS.note ?? ''}. Standard renders 720p (as Kling 3.0 Standard); the 4K endpoint renders 2160p. The end frame (end_image_url) is not wired in Atelier yet, so it is not offered; no seed or negative prompt in the text-to-video schema.`,
      },
    },
    scores: {
      realism: judged(4, 'same generation as Kling 3.0; no benchmark'),
      textRendering: neutral('in-frame text for video models'),
      promptAdherence: judged(4, 'multi-shot prompts with per-shot durations (fal schema)'),
      editingFlexibility: judged(
        3.5,
        'start and end frame on image-to-video; reference-to-video exists on fal but is not wired',
      ),
      consistency: judged(4, 'fal: strong subject and text consistency'),
      speed: judged(3.5, 'fal: a 5 s Standard clip in about 94 s, about 3x faster than Pro'),
      costEfficiency: judged(4, 'Standard with audio $0.112/s (band ≤$0.15 → 4)'),
      finalPolish: judged(4.5, 'native 4K mode without upscaling'),
      motion: judged(4, 'same generation as Kling 3.0; no benchmark'),
    },
    strengths: [
      { text: 'Native 4K output in one step, no upscaling', source: FAL_O3_4K },
      { text: 'Multi-shot prompts and native audio in one clip', source: FAL_O3_DOCS },
    ],
    limitations: [
      { text: 'Only 16:9, 9:16 and 1:1', source: FAL_O3_DOCS },
      { text: 'The 4K mode costs $0.42 per second', source: FAL_O3_4K },
    ],
    bestFor: [{ text: 'Stylized or anime-leaning clips that must ship in 4K', source: FAL_O3_4K }],
    avoidIf: [{ text: 'You need a seed to reproduce a clip', source: FAL_O3_DOCS }],
    prompt: prompt(FAL_O3_DOCS),
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/o3/standard/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: false, resolution: '720p' }, micros: usd('0.084') },
            { when: { audio: true, resolution: '720p' }, micros: usd('0.112') },
          ],
          source: FAL_O3_STANDARD,
          note: 'Rates from the Standard image-to-video page; the text-to-video endpoint is the same model tier.',
        },
        note: 'Standard, 720p. Image-to-video: fal-ai/kling-video/o3/standard/image-to-video (image_url).',
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/o3/4k/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '4k' }, micros: usd('0.42') }],
          source: FAL_O3_4K,
        },
        note: 'Native 4K; the same rate with or without audio.',
      },
    ],
  },
  {
    id: 'kling-v3-turbo',
    name: 'Kling 3.0 Turbo',
    aliases: ['Kling v3 Turbo', 'Kling 3.0 Turbo Pro', 'Kling v3 Turbo Pro'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 3.0 Turbo Pro: faster 1080p clips of 3–15 s with multi-shot storyboards, at $0.14 per second.',
    tasks: ['text-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_V3_TURBO },
    video: {
      durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_V3_TURBO,
        note: `${FAL_V3_TURBO.note ?? ''}. The schema has no audio switch, seed or negative prompt, so none is offered; image-to-video is not wired here.`,
      },
    },
    scores: {
      realism: judged(4, 'Kling 3.0 generation at 1080p; no benchmark'),
      textRendering: neutral('in-frame text for video models'),
      promptAdherence: judged(4, 'multi-shot storyboard of up to 6 shots'),
      editingFlexibility: judged(1.5, 'text-to-video only here'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(4, 'positioned by fal as the faster Kling 3.0; no measured latency'),
      costEfficiency: judged(4, '$0.14/s at 1080p (band ≤$0.15 → 4)'),
      finalPolish: judged(4, '1080p output'),
      motion: judged(4, 'Kling 3.0 generation; no benchmark'),
    },
    strengths: [
      { text: '1080p with multi-shot storyboards of up to six shots', source: FAL_V3_TURBO },
    ],
    limitations: [{ text: 'No audio switch, seed or negative prompt', source: FAL_V3_TURBO }],
    bestFor: [{ text: 'Quick 1080p drafts of multi-shot sequences', source: FAL_V3_TURBO }],
    avoidIf: [{ text: 'You need native audio control', source: FAL_V3_TURBO }],
    prompt: prompt(FAL_V3_TURBO),
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v3/turbo/pro/text-to-video',
        status: 'active',
        price: { unit: 'second', tiers: [{ when: {}, micros: usd('0.14') }], source: FAL_V3_TURBO },
        note: 'Turbo Pro, 1080p.',
      },
    ],
  },
  {
    id: 'kling-v2-5-turbo',
    name: 'Kling 2.5 Turbo',
    aliases: ['Kling v2.5 Turbo', 'Kling 2.5 Turbo Pro', 'Kling v2.5 Turbo Pro'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 2.5 Turbo Pro: 5 or 10 s silent clips at $0.07 per second, with start and end frames on image-to-video.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_V25_TURBO },
    video: {
      durations: [5, 10],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: true,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...V25_T2V_SCHEMA,
        note: `${V25_T2V_SCHEMA.note ?? ''}. Pro renders 1080p (Kling's Pro tier); tail_image_url is the end frame on image-to-video; no audio and no seed.`,
      },
    },
    scores: {
      realism: judged(3.5, 'previous generation; no benchmark'),
      textRendering: neutral('in-frame text for video models'),
      promptAdherence: judged(3.5, 'cfg_scale and negative prompt (fal schema)'),
      editingFlexibility: judged(3, 'start and end frame on image-to-video'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(4, 'Turbo tier; no measured latency'),
      costEfficiency: judged(4.5, '$0.07/s (band ≤$0.10 → 4.5)'),
      finalPolish: judged(3.5, 'silent 1080p clips'),
      motion: judged(4, 'fal: unparalleled motion fluidity (provider wording)'),
    },
    strengths: [
      { text: 'Among the cheapest Kling tiers at $0.07 per second', source: FAL_V25_TURBO },
    ],
    limitations: [
      { text: 'Only 5 or 10 s clips', source: FAL_V25_TURBO },
      { text: 'No audio', source: V25_T2V_SCHEMA },
    ],
    bestFor: [{ text: 'Cheap silent b-roll and motion tests', source: FAL_V25_TURBO }],
    avoidIf: [{ text: 'You need dialogue or sound', source: V25_T2V_SCHEMA }],
    prompt: prompt(FAL_V25_TURBO),
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.07') }],
          source: FAL_V25_TURBO,
          note: '$0.35 for 5 s and $0.07 for each further second: $0.07 per second throughout.',
        },
        note: 'Image-to-video: fal-ai/kling-video/v2.5-turbo/pro/image-to-video (image_url, tail_image_url).',
      },
    ],
  },
  {
    id: 'kling-v2-1-master',
    name: 'Kling 2.1 Master',
    aliases: ['Kling v2.1 Master', 'Kling 2.1'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 2.1 Master: the premium 2.1 tier, silent 5 or 10 s clips at 1080p for $0.28 per second.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_V21_MASTER },
    video: {
      durations: [5, 10],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...FAL_V21_MASTER,
        note: `${FAL_V21_MASTER.note ?? ''}. Master is Kling's top 2.1 tier at 1080p (the resolution is Kling's tier, not a field in fal's schema). No audio, seed or end frame.`,
      },
    },
    scores: {
      realism: judged(4, 'Kling 2.1 Master, the premium tier of its generation; no benchmark'),
      textRendering: neutral('in-frame text for video models'),
      promptAdherence: judged(
        4,
        'fal: exceptional prompt precision (provider wording); cfg_scale and negative prompt',
      ),
      editingFlexibility: judged(2.5, 'image-to-video from one image'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(2.5, 'premium tier; no measured latency'),
      costEfficiency: judged(3, '$0.28/s, silent (band ≤$0.40 → 3)'),
      finalPolish: judged(4, '1080p premium tier'),
      motion: judged(4, 'fal: unparalleled motion fluidity (provider wording)'),
    },
    strengths: [
      {
        text: 'Premium Kling 2.1 tier with fluid motion and cinematic visuals',
        source: FAL_V21_MASTER,
      },
    ],
    limitations: [
      { text: 'Only 5 or 10 s; no audio', source: FAL_V21_MASTER },
      {
        text: 'Twice the per-second price of Kling 3.0 Pro with audio off',
        source: FAL_V21_MASTER,
      },
    ],
    bestFor: [
      {
        text: 'Silent hero shots where motion quality matters more than price',
        source: FAL_V21_MASTER,
      },
    ],
    avoidIf: [{ text: 'You need sound: Kling 3.0 generates audio', source: FAL_V21_MASTER }],
    prompt: prompt(FAL_V21_MASTER),
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v2.1/master/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.28') }],
          source: FAL_V21_MASTER,
          note: '$1.40 for 5 s and $0.28 for each further second: $0.28 per second throughout.',
        },
        note: 'Image-to-video: fal-ai/kling-video/v2.1/master/image-to-video (image_url).',
      },
    ],
  },
  {
    id: 'kling-v2-master',
    name: 'Kling 2.0 Master',
    aliases: ['Kling v2 Master', 'Kling 2.0', 'Kling v2.0 Master'],
    vendor: 'kuaishou',
    modality: 'video',
    description:
      'Kling 2.0 Master: the premium 2.0 tier, silent 5 or 10 s clips at 1080p for $0.28 per second.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_V2_MASTER },
    video: {
      durations: [5, 10],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: true,
      source: {
        ...FAL_V2_MASTER,
        note: `${FAL_V2_MASTER.note ?? ''}. Master is Kling's top 2.0 tier at 1080p (the resolution is Kling's tier, not a field in fal's schema). No audio, seed or end frame.`,
      },
    },
    scores: {
      realism: judged(3.5, 'Kling 2.0 Master, the premium tier of its generation; no benchmark'),
      textRendering: neutral('in-frame text for video models'),
      promptAdherence: judged(
        4,
        'fal: exceptional prompt precision (provider wording); cfg_scale and negative prompt',
      ),
      editingFlexibility: judged(2.5, 'image-to-video from one image'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(2.5, 'premium tier; no measured latency'),
      costEfficiency: judged(3, '$0.28/s, silent (band ≤$0.40 → 3)'),
      finalPolish: judged(4, '1080p premium tier'),
      motion: judged(4, 'fal: unparalleled motion fluidity (provider wording)'),
    },
    strengths: [
      {
        text: 'Premium Kling 2.0 tier with fluid motion and cinematic visuals',
        source: FAL_V2_MASTER,
      },
    ],
    limitations: [
      { text: 'Only 5 or 10 s; no audio', source: FAL_V2_MASTER },
      { text: 'Twice the per-second price of Kling 3.0 Pro with audio off', source: FAL_V2_MASTER },
    ],
    bestFor: [
      {
        text: 'Silent hero shots where motion quality matters more than price',
        source: FAL_V2_MASTER,
      },
    ],
    avoidIf: [{ text: 'You need sound: Kling 3.0 generates audio', source: FAL_V2_MASTER }],
    prompt: prompt(FAL_V2_MASTER),
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/kling-video/v2/master/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.28') }],
          source: FAL_V2_MASTER,
          note: '$1.40 for 5 s and $0.28 for each further second: $0.28 per second throughout.',
        },
        note: 'Image-to-video: fal-ai/kling-video/v2/master/image-to-video (image_url).',
      },
    ],
  },
];
