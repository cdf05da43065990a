import { usd } from '../../money.ts';
import type { ModelEntryInput, Source } from '../schema.ts';
import { COMFY_PRICING, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Lightricks LTX-2 through fal. The direct LTX API is unconfirmed in the research (§3.5).
 * fal names the top tier 2160p; the catalog's resolution vocabulary calls it 4k.
 *
 * Editorial costEfficiency band (video, per second at 1080p with audio):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.5', 'editorial'),
  note,
});

const FAL_LTX2_PRO = src(
  'https://fal.ai/models/fal-ai/ltx-2/image-to-video/llms.txt',
  RESEARCH_DATE,
  'provider',
  '$0.06/s at 1080p, $0.12/s at 1440p, $0.24/s at 2160p; 6, 8 or 10 s; 25 or 50 fps; generate_audio (default on)',
);
const FAL_LTX2_GUIDE = src(
  'https://fal.ai/learn/devs/ltx-video-2-pro-image-to-video-developer-guide',
  RESEARCH_DATE,
  'provider',
  'Pro $0.06/$0.12/$0.24 per s at 1080p/1440p/2160p, 6–10 s; Fast $0.04/$0.08/$0.16, 6–20 s, beyond 10 s only at 25 fps and 1080p; aspect ratio 16:9',
);
const FAL_LTX_FAST_SCHEMA = src(
  'https://fal.ai/models/fal-ai/ltx-2.3/text-to-video/fast/llms.txt',
  RESEARCH_DATE,
  'provider',
  'the Fast schema fal publishes for LTX: durations 6, 8, 10, 12, 14, 16, 18, 20 s; 1080p/1440p/2160p',
);

const LTX_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
  parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
  maxWords: 100,
  tips: [
    'Describe one continuous camera move ("the camera slowly dollies in toward her face"), as in fal\'s examples.',
    'For image-to-video, describe the motion and what changes, not what the image already shows.',
  ],
  source: src(
    'seeds/003_8fc4bf37682fe7e8.txt',
    RESEARCH_DATE,
    'seed',
    "four-part video structure and 'a precise 20-word prompt beats a vague 100-word one' (100 used as the word cap); camera phrasing from fal's LTX-2 example prompt",
  ),
};

const ltxVideo = (durations: number[], source: Source) => ({
  durations,
  resolutions: ['1080p' as const, '1440p' as const, '4k' as const],
  aspectRatios: ['16:9'],
  fps: [25, 50],
  audio: 'optional' as const,
  imageToVideo: true,
  lastFrame: false,
  maxVideosPerCall: 1,
  seed: false,
  negativePrompt: false,
  source,
});

export const lightricks: ModelEntryInput[] = [
  {
    id: 'ltx-2-pro',
    name: 'LTX-2 Pro',
    aliases: ['LTX 2 Pro', 'LTX Video 2.0 Pro', 'LTX-2'],
    vendor: 'lightricks',
    modality: 'video',
    description:
      'Lightricks LTX-2 Pro: native 4K (2160p) video with synchronized audio at $0.06–0.24 per second.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('3.5', 'provider', 'fal lists fal-ai/ltx-2/*; Comfy lists LTX-2 (Pro)'),
    },
    video: ltxVideo([6, 8, 10], {
      ...FAL_LTX2_GUIDE,
      note: '6, 8 or 10 s; 1080p/1440p/2160p; 25 or 50 fps; audio on by default. Only 16:9 appears in the sources. No end frame, seed or negative prompt in the schema seen; one video per call.',
    }),
    scores: {
      realism: judged(4, 'no benchmark in the sources'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark; few controls beyond the prompt'),
      editingFlexibility: judged(2.5, 'image-to-video from one image; no end frame or references'),
      consistency: judged(3.5, 'fal: full self-attention across frames for temporal coherence'),
      speed: judged(3.5, 'fal: "production-ready content in seconds"; no measured latency'),
      costEfficiency: judged(5, '$0.06/s at 1080p with audio (band ≤$0.06 → 5)'),
      finalPolish: {
        value: 5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: "4K video generation for the highest resolution requirements in any workflow"',
      },
      motion: judged(3.5, 'no benchmark in the sources'),
    },
    strengths: [
      {
        text: '4K generation for the highest resolution requirements',
        source: SEEDS.sora2VsSora2Pro,
      },
      { text: 'Synchronized audio included; 50 fps available', source: FAL_LTX2_PRO },
      { text: 'Among the cheapest per second at 1080p ($0.06)', source: FAL_LTX2_PRO },
    ],
    limitations: [
      { text: 'Clips of 6–10 s only', source: FAL_LTX2_PRO },
      { text: 'Few controls: no end frame, negative prompt or seed on fal', source: FAL_LTX2_PRO },
    ],
    bestFor: [{ text: 'Deliverables that must be 4K', source: SEEDS.sora2VsSora2Pro }],
    avoidIf: [
      { text: 'You need precise frame control (start and end frames)', source: FAL_LTX2_PRO },
    ],
    prompt: LTX_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/ltx-2/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '1080p' }, micros: usd('0.06') },
            { when: { resolution: '1440p' }, micros: usd('0.12') },
            { when: { resolution: '4k' }, micros: usd('0.24') },
          ],
          source: FAL_LTX2_PRO,
          note: 'Rates from the image-to-video endpoint; Comfy lists the same for LTX-2 (Pro) (12.66 / 25.32 / 50.64 credits per second).',
        },
        note: 'Image-to-video: fal-ai/ltx-2/image-to-video. fal calls 4k "2160p".',
      },
    ],
    claims: [
      {
        topic: 'resolution',
        text: 'LTX 2 Pro: 4K video generation for the highest resolution requirements in any workflow',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
  },
  {
    id: 'ltx-2-fast',
    name: 'LTX-2 Fast',
    aliases: ['LTX 2 Fast', 'LTX Video 2.0 Fast'],
    vendor: 'lightricks',
    modality: 'video',
    description:
      'The fast LTX-2 tier: up to 20 s at 1080p, or 10 s up to 4K, from $0.04 per second.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research(
        '3.5',
        'provider',
        'fal lists fal-ai/ltx-2/*/fast; Comfy lists LTX-2 (Fast)',
      ),
    },
    video: ltxVideo([6, 8, 10, 12, 14, 16, 18, 20], {
      ...FAL_LTX_FAST_SCHEMA,
      note: "6–20 s in even steps (over 10 s only at 25 fps and 1080p, per fal's LTX-2 guide); 1080p/1440p/2160p; 25 or 50 fps. Only 16:9 appears in the sources.",
    }),
    scores: {
      realism: judged(3.5, 'fast tier of LTX-2; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'same controls as Pro'),
      editingFlexibility: judged(2.5, 'image-to-video from one image only'),
      consistency: judged(3.5, 'holds up to 20 s at 1080p'),
      speed: judged(4, 'fal positions it for rapid iteration; no measured latency'),
      costEfficiency: judged(5, '$0.04/s at 1080p (band ≤$0.06 → 5)'),
      finalPolish: judged(4, '4K available up to 10 s; fast tier'),
      motion: judged(3.5, 'no benchmark in the sources'),
    },
    strengths: [
      { text: 'Clips up to 20 seconds at 1080p', source: FAL_LTX2_GUIDE },
      { text: 'From $0.04 per second', source: FAL_LTX2_GUIDE },
    ],
    limitations: [{ text: 'Clips over 10 s only at 1080p and 25 fps', source: FAL_LTX2_GUIDE }],
    bestFor: [{ text: 'Rapid iteration and prototyping', source: FAL_LTX2_GUIDE }],
    avoidIf: [{ text: 'The final render needs Pro quality', source: FAL_LTX2_GUIDE }],
    prompt: LTX_PROMPT,
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/ltx-2/text-to-video/fast',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '1080p' }, micros: usd('0.04') },
            { when: { resolution: '1440p' }, micros: usd('0.08') },
            { when: { resolution: '4k' }, micros: usd('0.16') },
          ],
          source: FAL_LTX2_GUIDE,
          note: 'Comfy lists the same for LTX-2 (Fast) (8.44 / 16.88 / 33.76 credits per second).',
        },
        note: 'Image-to-video: fal-ai/ltx-2/image-to-video/fast.',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'Comfy resells LTX-2 (Fast) at 8.44 credits per second at 1080p ($0.04)',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '1080p' }, micros: usd('0.04') }],
          source: COMFY_PRICING,
        },
        source: COMFY_PRICING,
      },
    ],
  },
];
