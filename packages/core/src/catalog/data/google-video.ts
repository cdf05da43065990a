import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Google Veo on Vertex AI (Gemini Enterprise Agent Platform) and fal.
 * Vertex is the Veo path the research confirms; the Gemini Developer API route is in flux (§2.3).
 *
 * Scores without a seed behind them are editorial. costEfficiency uses one band for every video
 * model, read at the default route's 1080p-with-audio rate (720p where 1080p is not offered):
 * ≤$0.06/s 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3 · ≤$0.60 2.5 · above 2.
 */

const VEO31_CARD = src(
  'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/veo/3-1-generate.md.txt',
  RESEARCH_DATE,
  'provider',
  'Vertex GA model card for veo-3.1-generate-001',
);
const VEO3_CARD = src(
  'https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/3-0-generate-001',
  RESEARCH_DATE,
  'provider',
  '16:9 and 9:16; 720p and 1080p; 24 fps; 4, 6 or 8 s; at most 4 videos per request',
);
const VEO3_FAST_CARD = src(
  'https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/3-0-fast-generate-001',
  '2025-09-04',
  'provider',
  '16:9 and 9:16; 720p and 1080p; 24 fps; 8 s; at most 4 videos per request; image-to-video not supported',
);
const VEO3_RETIREMENT = src(
  'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/veo/2-0-generate',
  RESEARCH_DATE,
  'provider',
  'Veo 3 and Veo 3 Fast retired on Vertex 2026-06-30; migrate to veo-3.1-generate-001 / veo-3.1-fast-generate-001',
);
/** Request fields the SDK maps onto Vertex predictLongRunning (research §2.3 and §2.5). */
const GENAI_VIDEO_CONFIG = src(
  'https://github.com/googleapis/js-genai',
  RESEARCH_DATE,
  'sdk',
  'GenerateVideosConfig: numberOfVideos, durationSeconds, aspectRatio, resolution (720p/1080p; 4k per Google changelog 2026-01-13), negativePrompt, generateAudio, seed, fps, lastFrame, referenceImages; 4 videos per call as in the Vertex Veo cards and the AI SDK provider (anchors §1.4)',
);
const GEMINI_VEO_PRICING = src(
  'https://ai.google.dev/gemini-api/docs/pricing',
  '2026-10-07',
  'provider',
  'as transcribed in api-evangelist/gemini: $0.40/s with audio at 720p/1080p, $0.60/s at 4k; LiteLLM vertex_ai/veo-3.1-generate-001 agrees ($0.40/s); no-audio rates ($0.20/s, 4k $0.40/s) are Comfy resale ÷ 211',
);
/** GA Vertex id for Veo 3.1 Lite, as public Vertex integrations call it; the preview was shut down on 2026-10-22. */
const VEO31_LITE_GA = src(
  'https://docs.apiyi.com/en/live/2026-10/veo-3-1-preview-retired.md',
  '2026-10-25',
  'reseller',
  'Google shut down veo-3.1-generate-preview, veo-3.1-fast-generate-preview and veo-3.1-lite-generate-preview on 2026-10-22 (citing ai.google.dev/gemini-api/docs/deprecations); public Vertex integrations call veo-3.1-lite-generate-001 (catalog audit 2026-12-06: thin)',
);
const FAL_VEO31 = src(
  'https://fal.ai/models/fal-ai/veo3.1/llms.txt',
  RESEARCH_DATE,
  'provider',
  "fal's list price for its own endpoint",
);
const FAL_VEO31_PAGE = src(
  'https://fal.ai/models/fal-ai/veo3.1/playground',
  RESEARCH_DATE,
  'reseller',
  "fal's Veo 3.1 model page",
);
const FAL_LIST = research('3.9', 'provider', 'fal llms.txt / pricing API list prices, 2026-10-01');
const VEO_FAL_GUIDE = src(
  'https://videopromptkit.com/blog/veo3-1-overview-veo-3-1-model-overview-with-practical-production-steps',
  RESEARCH_DATE,
  'third-party',
);
const CIVITAI_VEO = src(
  'https://developer.civitai.com/orchestration/recipes/veo3',
  RESEARCH_DATE,
  'third-party',
  'Veo 3.1 standard / fast / lite tiers',
);

const judged = (value: number, note: string) => ({
  value,
  source: research('2.3', 'editorial'),
  note,
});

const VEO_PROMPT: ModelEntryInput['prompt'] = {
  template:
    '[Subject] [Action] in [Environment], [Lighting and Style], [Camera movement]; [Dialogue and Sound]',
  parts: ['subject', 'action', 'environment', 'lighting', 'style', 'camera'],
  maxWords: 100,
  tips: [
    "Write it like a cinematographer's brief: subject, action, environment and camera angle.",
    'Script speech on its own lines ("Sample Dialogue: Host: …"); Veo generates lip-synced dialogue and ambient sound.',
    'Name the camera move ("slow dolly in", "aerial descent") instead of leaving it to the model.',
  ],
  example:
    'A lighthouse keeper climbs a spiral staircase at dusk, warm lantern light on stone walls, slow tracking shot from below; wind howling outside.',
  source: src(
    'seeds/003_8fc4bf37682fe7e8.txt',
    RESEARCH_DATE,
    'seed',
    "four-part structure and 'a precise 20-word prompt beats a vague 100-word one' (100 used as the word cap); dialogue format from fal's Veo 3.1 example prompt",
  ),
};

/** Veo 3.1 on Vertex: 4, 6 or 8 s, 16:9 / 9:16, 24 fps, optional audio, up to 4 videos per call. */
const veo31Video = (resolutions: ('720p' | '1080p' | '4k')[], lastFrame: boolean) => ({
  durations: [4, 6, 8],
  resolutions,
  aspectRatios: ['16:9', '9:16'],
  fps: [24],
  audio: 'optional' as const,
  imageToVideo: true,
  lastFrame,
  maxVideosPerCall: 4,
  seed: true,
  negativePrompt: true,
  source: GENAI_VIDEO_CONFIG,
});

export const googleVideo: ModelEntryInput[] = [
  {
    id: 'veo-3-1',
    name: 'Veo 3.1',
    aliases: ['Veo 3.1 Standard', 'veo-3.1-generate-preview', 'veo3.1', 'google/veo-3.1'],
    vendor: 'google',
    modality: 'video',
    description:
      "Google's flagship video model: native audio with lip-synced dialogue, first/last-frame control and native 4K output.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: VEO31_CARD,
      note: 'GA on Vertex as veo-3.1-generate-001; the preview id veo-3.1-generate-preview also appears in LiteLLM. Gemini Developer API access is unconfirmed (research §2.3).',
    },
    video: veo31Video(['720p', '1080p', '4k'], true),
    scores: {
      realism: judged(
        4.5,
        "fal's Veo 3.1 page and a fal guide single out physical realism; no benchmark in the sources",
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4.5,
        "fal's comparison: stronger reference-image adherence and multi-shot control than Veo 3",
      ),
      editingFlexibility: judged(
        4,
        'image-to-video, first/last frame, reference images and video extension (GenerateVideosConfig, fal page)',
      ),
      consistency: judged(
        4.5,
        "fal's comparison: better A/V sync and multi-shot narrative control than Veo 3, which seed 003 already credits with scene coherence",
      ),
      speed: judged(
        2.5,
        "no latency source; the standard tier is the slowest of the three Veo 3.1 tiers by Google's own Fast/Lite positioning",
      ),
      costEfficiency: judged(3, '$0.40/s at 1080p with audio (band ≤$0.40 → 3)'),
      finalPolish: judged(
        5,
        'native 4K generation with synchronized audio (fal llms.txt, Vertex resolution list)',
      ),
      motion: judged(4.5, "fal's Veo 3.1 page: improved motion and dialogue lip sync over Veo 3"),
    },
    strengths: [
      {
        text: 'Native 4K output together with generated audio (dialogue, ambience, effects) in one pass',
        source: FAL_VEO31_PAGE,
      },
      { text: 'Dialogue scripted in the prompt comes back lip-synced', source: VEO_FAL_GUIDE },
      {
        text: 'First/last-frame interpolation, reference images and extension',
        source: GENAI_VIDEO_CONFIG,
      },
    ],
    limitations: [
      {
        text: 'Clips are 4, 6 or 8 seconds; longer scenes must be stitched or extended',
        source: FAL_VEO31,
      },
      { text: 'Only 16:9 and 9:16 aspect ratios', source: FAL_VEO31 },
      {
        text: 'Gemini Developer API access to Veo is unconfirmed; Vertex (Agent Platform) is the reliable path',
        source: research('2.3', 'sdk'),
      },
    ],
    bestFor: [
      {
        text: 'Hero shots and dialogue scenes that need native audio and 4K delivery',
        source: FAL_VEO31_PAGE,
      },
    ],
    avoidIf: [
      {
        text: 'You iterate on many drafts: at $0.40/s an 8 s 1080p clip costs $3.20',
        source: GEMINI_VEO_PRICING,
      },
    ],
    prompt: VEO_PROMPT,
    routes: [
      {
        provider: 'vertex',
        providerModelId: 'veo-3.1-generate-001',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: true }, micros: usd('0.40') },
            { when: { audio: false }, micros: usd('0.20') },
            { when: { resolution: '4k', audio: true }, micros: usd('0.60') },
            { when: { resolution: '4k', audio: false }, micros: usd('0.40') },
          ],
          source: GEMINI_VEO_PRICING,
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/veo3.1',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: true }, micros: usd('0.40') },
            { when: { audio: false }, micros: usd('0.20') },
            { when: { resolution: '4k', audio: true }, micros: usd('0.60') },
            { when: { resolution: '4k', audio: false }, micros: usd('0.40') },
          ],
          source: FAL_VEO31,
        },
        note: 'Image-to-video is fal-ai/veo3.1/image-to-video at the same price; duration is sent as "4s"/"6s"/"8s".',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'LiteLLM lists veo-3.1-generate-001 at $0.40 per second on Vertex and the Gemini API',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.40') }],
          source: LITELLM_PRICES,
        },
        source: LITELLM_PRICES,
      },
    ],
  },
  {
    id: 'veo-3-1-fast',
    name: 'Veo 3.1 Fast',
    aliases: ['veo-3.1-fast-generate-preview', 'veo3.1-fast', 'google/veo-3.1-fast'],
    vendor: 'google',
    modality: 'video',
    description:
      'The faster, cheaper Veo 3.1 tier: same controls and native audio, for drafts and volume.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research('2.1', 'provider', 'Vertex GA id veo-3.1-fast-generate-001'),
    },
    video: veo31Video(['720p', '1080p', '4k'], true),
    scores: {
      realism: judged(
        4,
        "one step below Veo 3.1 standard by Google's tiering; no benchmark in the sources",
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(4, 'shares Veo 3.1 controls; placed below the standard tier'),
      editingFlexibility: judged(
        4,
        'same first/last frame and image-to-video controls as Veo 3.1 (fal: Standard and Fast tiers for every mode)',
      ),
      consistency: judged(4, 'placed below the standard tier'),
      speed: judged(
        3.5,
        'Civitai\'s Veo guide: "significantly faster" than standard; no measured latency',
      ),
      costEfficiency: judged(4, '$0.12/s at 1080p with audio (band ≤$0.15 → 4)'),
      finalPolish: judged(4, 'placed below the standard tier'),
      motion: judged(4, 'placed below the standard tier'),
    },
    strengths: [
      {
        text: 'About 40% cheaper and significantly faster than Veo 3.1 standard',
        source: CIVITAI_VEO,
      },
      { text: 'Keeps native audio, first/last frame and 4K', source: COMFY_PRICING },
    ],
    limitations: [
      {
        text: 'Official list price is unsettled: LiteLLM still says $0.15/s while Comfy resells 1080p with audio at $0.12/s',
        source: research('5'),
      },
      { text: 'Clips are 4, 6 or 8 seconds, 16:9 or 9:16 only', source: GENAI_VIDEO_CONFIG },
    ],
    bestFor: [
      {
        text: 'Iterating on Veo shots before a final render on the standard tier',
        source: CIVITAI_VEO,
      },
    ],
    avoidIf: [
      {
        text: 'The clip is the final hero asset and the budget allows the standard tier',
        source: CIVITAI_VEO,
      },
    ],
    prompt: VEO_PROMPT,
    routes: [
      {
        provider: 'vertex',
        providerModelId: 'veo-3.1-fast-generate-001',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p', audio: false }, micros: usd('0.08') },
            { when: { resolution: '720p', audio: true }, micros: usd('0.10') },
            { when: { resolution: '1080p', audio: false }, micros: usd('0.10') },
            { when: { resolution: '1080p', audio: true }, micros: usd('0.12') },
            { when: { resolution: '4k', audio: false }, micros: usd('0.25') },
            { when: { resolution: '4k', audio: true }, micros: usd('0.30') },
          ],
          source: {
            ...COMFY_PRICING,
            note: 'veo-3.1-fast-generate rows: 16.88 / 21.1 / 25.32 / 52.75 / 63.3 credits per second ÷ 211',
          },
          note: 'Comfy resale rates; the official list price is unconfirmed (LiteLLM still lists $0.15/s).',
        },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'LiteLLM lists veo-3.1-fast-generate-001 at $0.15 per second',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.15') }],
          source: LITELLM_PRICES,
        },
        source: LITELLM_PRICES,
      },
    ],
  },
  {
    id: 'veo-3-1-lite',
    name: 'Veo 3.1 Lite',
    aliases: ['veo3.1-lite', 'google/veo-3.1-lite', 'veo-3.1-lite-generate-preview'],
    vendor: 'google',
    modality: 'video',
    description:
      'The cheapest Veo 3.1 tier: 720p or 1080p with optional audio, for prototypes and high volume.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: VEO31_LITE_GA,
      note: "The preview id veo-3.1-lite-generate-preview was shut down on 2026-10-22 (a reseller notice citing Google's deprecations page); the GA id is veo-3.1-lite-generate-001.",
    },
    video: {
      ...veo31Video(['720p', '1080p'], false),
      source: src(
        'https://www.skills.sh/finpeakinc/frevana-skills/veo-3.1',
        RESEARCH_DATE,
        'third-party',
        'Lite supports 720p and 1080p only; Civitai: text-to-video and single image-to-video only (no last frame)',
      ),
    },
    scores: {
      realism: judged(
        3.5,
        "lowest Veo 3.1 tier by Google's positioning; no benchmark in the sources",
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'lowest Veo 3.1 tier'),
      editingFlexibility: judged(
        3,
        'single image-to-video only, no last frame or references (Civitai guide)',
      ),
      consistency: judged(3.5, 'lowest Veo 3.1 tier'),
      speed: judged(4, 'Civitai\'s Veo guide: "fastest" tier; no measured latency'),
      costEfficiency: judged(4.5, '$0.08/s at 1080p with audio (band ≤$0.10 → 4.5)'),
      finalPolish: judged(3.5, 'no 4K; lowest Veo 3.1 tier'),
      motion: judged(3.5, 'lowest Veo 3.1 tier'),
    },
    strengths: [
      {
        text: 'About 70% cheaper than Veo 3.1 standard while keeping native audio',
        source: CIVITAI_VEO,
      },
    ],
    limitations: [
      { text: 'Text-to-video and single image-to-video only', source: CIVITAI_VEO },
      { text: 'No 4K output', source: LITELLM_PRICES },
    ],
    bestFor: [{ text: 'Rapid prototyping and high-volume drafts', source: CIVITAI_VEO }],
    avoidIf: [{ text: 'You need first/last-frame control or 4K', source: CIVITAI_VEO }],
    prompt: VEO_PROMPT,
    routes: [
      {
        provider: 'vertex',
        providerModelId: 'veo-3.1-lite-generate-001',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p', audio: true }, micros: usd('0.05') },
            { when: { resolution: '1080p', audio: true }, micros: usd('0.08') },
            { when: { resolution: '720p', audio: false }, micros: usd('0.03') },
            { when: { resolution: '1080p', audio: false }, micros: usd('0.05') },
          ],
          source: {
            ...LITELLM_PRICES,
            note: 'gemini/veo-3.1-lite-generate-preview: output_cost_per_second 0.05, _1080p 0.08',
          },
          note: 'Rates of the preview id (LiteLLM, Gemini API key), carried to the GA id: no Vertex list price for veo-3.1-lite-generate-001 was found. No-audio rates are Comfy resale (veo-3.1-lite 6.33 / 10.55 credits per second ÷ 211).',
        },
      },
    ],
  },
  {
    id: 'veo-3',
    name: 'Veo 3',
    aliases: ['Veo 3.0', 'veo3', 'google/veo-3'],
    vendor: 'google',
    modality: 'video',
    description: "Google's first Veo with native audio; retired on Vertex in favour of Veo 3.1.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-06-30',
      replacements: ['veo-3-1'],
      source: VEO3_RETIREMENT,
      note: 'Retired on Vertex (preview endpoints removed 2026-04-02). fal still listed fal-ai/veo3 on 2026-10-01.',
    },
    video: {
      durations: [4, 6, 8],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16'],
      fps: [24],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 4,
      seed: true,
      negativePrompt: true,
      source: VEO3_CARD,
    },
    scores: {
      realism: judged(4.5, 'fal: Veo 3 and 3.1 are comparable for one-off hero shots'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        "fal's comparison: basic reference-image adherence, below Veo 3.1",
      ),
      editingFlexibility: judged(3, 'image-to-video; no last-frame control in the Veo 3 card'),
      consistency: {
        value: 4.5,
        source: SEEDS.sora2VsSora2Pro,
        note: 'seed 003: "strong scene-to-scene narrative coherence"',
      },
      speed: judged(2.5, 'no latency source; the standard tier of its generation'),
      costEfficiency: judged(3, '$0.40/s with audio on fal (band ≤$0.40 → 3)'),
      finalPolish: judged(4.5, 'fal: comparable to Veo 3.1 for single cinematic shots; no 4K'),
      motion: judged(4, 'placed below Veo 3.1, which fal credits with improved motion'),
    },
    strengths: [
      {
        text: 'Native audio generation with strong scene-to-scene narrative coherence',
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
    limitations: [
      {
        text: 'Retired on Vertex on 2026-06-30; new work should move to Veo 3.1',
        source: VEO3_RETIREMENT,
      },
    ],
    bestFor: [
      {
        text: 'Reproducing earlier Veo 3 results on fal while it is still listed',
        source: FAL_LIST,
      },
    ],
    avoidIf: [
      {
        text: 'You start new work: Veo 3.1 replaces it at the same price',
        source: VEO3_RETIREMENT,
      },
    ],
    prompt: VEO_PROMPT,
    routes: [
      {
        provider: 'vertex',
        providerModelId: 'veo-3.0-generate-001',
        status: 'retired',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.40') }],
          source: LITELLM_PRICES,
          note: 'LiteLLM lists one rate (with audio).',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/veo3',
        status: 'retired',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: false }, micros: usd('0.20') },
            { when: { audio: true }, micros: usd('0.40') },
          ],
          source: FAL_LIST,
        },
        note: "fal still listed it on 2026-10-01, but it calls Google's model, which Google shut down on 2026-06-30 on the Gemini API and Vertex.",
      },
    ],
    claims: [
      {
        topic: 'feature',
        text: "Google's native audio text-to-video model with strong scene-to-scene narrative coherence",
        source: SEEDS.sora2VsSora2Pro,
      },
    ],
  },
  {
    id: 'veo-3-fast',
    name: 'Veo 3 Fast',
    aliases: ['Veo 3.0 Fast', 'veo3-fast'],
    vendor: 'google',
    modality: 'video',
    description: 'The fast Veo 3 tier; retired on Vertex in favour of Veo 3.1 Fast.',
    tasks: ['text-to-video'],
    lifecycle: {
      status: 'retired',
      shutdown: '2026-06-30',
      replacements: ['veo-3-1-fast'],
      source: VEO3_RETIREMENT,
      note: 'fal still listed fal-ai/veo3/fast on 2026-10-01.',
    },
    video: {
      durations: [8],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16'],
      fps: [24],
      audio: 'optional',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 4,
      seed: true,
      negativePrompt: true,
      source: VEO3_FAST_CARD,
    },
    scores: {
      realism: judged(4, 'fast tier of Veo 3; no benchmark in the sources'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'fast tier of Veo 3'),
      editingFlexibility: judged(
        2,
        'text-to-video only per the Vertex card (no image-to-video, no last frame)',
      ),
      consistency: judged(4, 'fast tier of Veo 3, whose coherence seed 003 praises'),
      speed: judged(3.5, 'positioned by Google as the faster tier; no measured latency'),
      costEfficiency: judged(4, '$0.15/s with audio on fal (band ≤$0.15 → 4)'),
      finalPolish: judged(4, 'fast tier of Veo 3'),
      motion: judged(3.5, 'fast tier of Veo 3'),
    },
    strengths: [
      {
        text: 'Veo 3 quality with native audio at under half the per-second price',
        source: FAL_LIST,
      },
    ],
    limitations: [
      { text: 'Retired on Vertex on 2026-06-30', source: VEO3_RETIREMENT },
      { text: 'Fixed 8-second clips; no image-to-video on Vertex', source: VEO3_FAST_CARD },
    ],
    bestFor: [{ text: 'Cheap Veo 3 drafts on fal while it is still listed', source: FAL_LIST }],
    avoidIf: [{ text: 'You start new work: Veo 3.1 Fast replaces it', source: VEO3_RETIREMENT }],
    prompt: VEO_PROMPT,
    routes: [
      {
        provider: 'vertex',
        providerModelId: 'veo-3.0-fast-generate-001',
        status: 'retired',
        price: {
          unit: 'second',
          tiers: [{ when: {}, micros: usd('0.15') }],
          source: LITELLM_PRICES,
          note: 'LiteLLM lists one rate (with audio).',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/veo3/fast',
        status: 'retired',
        price: {
          unit: 'second',
          tiers: [
            { when: { audio: false }, micros: usd('0.10') },
            { when: { audio: true }, micros: usd('0.15') },
          ],
          source: FAL_LIST,
        },
        note: "fal still listed it on 2026-10-01, but it calls Google's model, which Google shut down on 2026-06-30 on the Gemini API and Vertex.",
      },
    ],
  },
];
