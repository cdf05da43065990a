import { usd } from '../../money.ts';
import type { ModelEntryInput, Score } from '../schema.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * OpenAI's Sora 2 and Sora 2 Pro: the Videos API was shut down on 2026-09-24; kept for history,
 * comparison and the replacements they name. The GPT Image and DALL·E models are in openai.ts.
 */

const SORA_SDK = research(
  '1.6',
  'sdk',
  'openai@7.57.0 videos.ts: every method @deprecated, Sora API shut down 2026-09-24',
);
const SORA_SCHEMA = src(
  'research/openai-openapi_2026-08-21_image_video_schemas.yaml',
  '2026-08-21',
  'provider',
  'CreateVideo: seconds 4/8/12, size 720x1280 / 1280x720 / 1024x1792 / 1792x1024 (the larger two for sora-2-pro), input_reference; one video per request',
);
const SORA_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'sora-2 $0.10/s; sora-2-pro $0.30/s; sora-2-pro-high-res (1024x1792 / 1792x1024) $0.50/s; Comfy table identical',
);
const SORA_TIPS = [
  'State subject, action, environment and camera angle; a precise 20-word prompt beats a vague 100-word one.',
  'Use camera language: "low-angle tracking shot", "aerial descent into scene", "slow zoom out".',
  'To iterate, change the environment, lighting or camera line instead of rewriting everything.',
];
const SORA_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action] in [Environment], [Camera angle and movement]',
  parts: ['subject', 'action', 'environment', 'camera'],
  maxWords: 100,
  tips: SORA_TIPS,
  source: src(
    SEEDS.sora2VsSora2Pro.ref,
    RESEARCH_DATE,
    'seed',
    "seed 003's four-part structure; 100 words as the cap, as for the other video models",
  ),
};

const judged = (value: number, note: string, ref = 'research/provider-facts.md#1.1'): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

export const sora: ModelEntryInput[] = [
  {
    id: 'sora-2',
    name: 'Sora 2',
    aliases: ['OpenAI Sora 2', 'sora-2-2025-10-06', 'sora-2-2025-12-08', 'openai/sora-2'],
    vendor: 'openai',
    modality: 'video',
    description:
      "OpenAI's video model with synchronised audio, retired from the API on 2026-09-24; kept for comparison.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-09-24',
      replacements: ['veo-3-1-fast', 'kling-v3', 'seedance-2-0'],
      source: SORA_SDK,
      note: "OpenAI names no successor; the replacements are Atelier's pick of current models with native audio at a similar price.",
    },
    video: {
      durations: [4, 8, 12],
      resolutions: ['720p'],
      aspectRatios: ['16:9', '9:16'],
      audio: 'always',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: SORA_SCHEMA,
    },
    scores: {
      realism: { value: 4, source: SEEDS.sora2VsSora2Pro, note: 'texture detail: Good' },
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: {
        value: 4,
        source: SEEDS.sora2VsSora2Pro,
        note: 'complex scenes: "handles well"',
      },
      editingFlexibility: judged(
        4,
        'remix, edit and extension endpoints plus an input reference image',
        'research/provider-facts.md#1.6',
      ),
      consistency: {
        value: 4,
        source: SEEDS.sora2VsSora2Pro,
        note: 'maintains scene consistency across the clip',
      },
      speed: {
        value: 3.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'generation speed "Faster" than Sora 2 Pro, whose 15–25 s claim scores 3',
      },
      costEfficiency: judged(
        4.5,
        '$0.10/s at 720p with audio (video band ≤$0.10 → 4.5)',
        SORA_PRICES.ref,
      ),
      finalPolish: {
        value: 3.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'standard HD output; production-ready for social and web',
      },
      motion: {
        value: 4,
        source: SEEDS.sora2VsSora2Pro,
        note: 'coherent motion, stable object tracking, believable physics',
      },
    },
    strengths: [
      {
        text: 'Coherent motion, realistic lighting and audio synchronisation built in',
        source: SEEDS.sora2VsSora2Pro,
      },
      { text: 'Fast iteration at a lower cost than Sora 2 Pro', source: SEEDS.sora2VsSora2Pro },
    ],
    limitations: [
      { text: 'Retired: the Sora API shut down on 2026-09-24', source: SORA_SDK },
      { text: 'Compression artefacts in very detail-dense scenes', source: SEEDS.sora2VsSora2Pro },
    ],
    bestFor: [
      {
        text: 'Social and short-form video, prototyping and shot tests',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
    avoidIf: [{ text: 'Broadcast or large-screen delivery', source: SEEDS.sora2VsSora2Pro }],
    prompt: {
      ...SORA_PROMPT,
      tips: [...SORA_TIPS, 'Keep it focused: state what you want and nothing more.'],
    },
    routes: [
      {
        provider: 'openai',
        providerModelId: 'sora-2',
        status: 'retired',
        price: { unit: 'second', tiers: [{ when: {}, micros: usd('0.10') }], source: SORA_PRICES },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'Comfy partner nodes: 21.10 credits per second ($0.10, 211 credits = $1)',
        price: {
          unit: 'credits',
          per: 'second',
          tiers: [{ when: {}, credits: 21.1 }],
          rate: { credits: 211, micros: usd('1') },
          source: COMFY_PRICING,
        },
        source: COMFY_PRICING,
      },
      { topic: 'resolution', text: 'Standard HD output', source: SEEDS.sora2VsSora2Pro },
      { topic: 'latency', text: 'Faster than Sora 2 Pro', source: SEEDS.sora2VsSora2Pro },
    ],
  },
  {
    id: 'sora-2-pro',
    name: 'Sora 2 Pro',
    aliases: ['OpenAI Sora 2 Pro', 'sora-2-pro-2025-10-06', 'openai/sora-2-pro'],
    vendor: 'openai',
    modality: 'video',
    description:
      "OpenAI's higher-fidelity Sora 2 tier for commercial delivery, retired from the API on 2026-09-24; kept for comparison.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-09-24',
      replacements: ['veo-3-1', 'kling-v3', 'seedance-2-0'],
      source: SORA_SDK,
      note: "OpenAI names no successor; the replacements are Atelier's pick of current high-end models with native audio.",
    },
    video: {
      durations: [4, 8, 12],
      // 1024x1792 / 1792x1024 are also offered; the resolution list has no name for that size.
      resolutions: ['720p'],
      aspectRatios: ['16:9', '9:16'],
      audio: 'always',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: SORA_SCHEMA,
    },
    claimedLatency: {
      minSeconds: 15,
      maxSeconds: 25,
      condition: 'per image or video frame on PicassoIA, depending on motion complexity',
      source: SEEDS.nbpVsSora2Pro,
    },
    scores: {
      realism: { value: 5, source: SEEDS.sora2VsSora2Pro, note: 'texture detail: Excellent' },
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: {
        value: 5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'complex scenes: "handles best"',
      },
      editingFlexibility: judged(
        4,
        'remix, edit and extension endpoints plus an input reference image',
        'research/provider-facts.md#1.6',
      ),
      consistency: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'keeps each element of complex scenes intact; fewer artefacts over longer clips',
      },
      speed: {
        value: 3,
        source: SEEDS.nbpVsSora2Pro,
        note: '15–25 s per frame on PicassoIA (speed band: ≤25 s → 3); seed 003: slightly slower than Sora 2',
      },
      costEfficiency: judged(
        3,
        '$0.30/s at 720p with audio (video band ≤$0.40 → 3); $0.50/s at 1792×1024',
        SORA_PRICES.ref,
      ),
      finalPolish: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'full HD+ output for commercial and broadcast delivery',
      },
      motion: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'holds coherence in high-motion sequences better than Sora 2',
      },
    },
    strengths: [
      {
        text: 'Narrative control: camera moves, shot sequencing and emotional arcs',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        text: 'Richer texture in fabric, skin, water and stone; better in close-ups and fast motion',
        source: SEEDS.sora2VsSora2Pro,
      },
      {
        text: 'Handles crowded multi-element scenes without collapsing into noise',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
    limitations: [
      { text: 'Retired: the Sora API shut down on 2026-09-24', source: SORA_SDK },
      {
        text: 'Micro-detail sometimes sacrificed for motion; studio lighting less consistent than Nano Banana Pro',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        text: 'Static product shots lack the crispness of dedicated image models',
        source: SEEDS.nbpVsSora2Pro,
      },
    ],
    bestFor: [
      {
        text: 'Commercial, broadcast and large-screen deliverables',
        source: SEEDS.sora2VsSora2Pro,
      },
      { text: 'Lifestyle, action and storytelling moments', source: SEEDS.nbpVsSora2Pro },
    ],
    avoidIf: [
      { text: 'Social content at volume, where Sora 2 was enough', source: SEEDS.sora2VsSora2Pro },
    ],
    prompt: {
      ...SORA_PROMPT,
      tips: [
        ...SORA_TIPS,
        'Go deeper than for Sora 2: texture, light direction, lens and atmosphere are all used.',
      ],
    },
    routes: [
      {
        provider: 'openai',
        providerModelId: 'sora-2-pro',
        status: 'retired',
        price: {
          unit: 'second',
          tiers: [
            { when: {}, micros: usd('0.30') },
            { when: { size: '1792x1024' }, micros: usd('0.50') },
            { when: { size: '1024x1792' }, micros: usd('0.50') },
          ],
          source: SORA_PRICES,
        },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '$0.15 per image (or video frame) on PicassoIA',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.15') }],
          source: SEEDS.nbpVsSora2Pro,
        },
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'price',
        text: 'Monthly on PicassoIA: $7.50 for 50 images, $30 for 200, $150 for 1,000',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'latency',
        text: '15–25 seconds depending on motion complexity',
        latency: { minSeconds: 15, maxSeconds: 25 },
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'resolution',
        text: 'Base 1024×576 (16:9), upscales to 3840×2160; 10-bit colour',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'engagement',
        text: 'Motion sequences gain 18% more views on TikTok/Reels',
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'other',
        text: 'Successful creators use Nano Banana Pro for 80% of work and reserve Sora 2 Pro for premium projects',
        source: SEEDS.nbpVsSora2Pro,
      },
    ],
  },
];
