import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Earlier and cheaper ByteDance models through fal, beside the current Seedream/Seedance line
 * (bytedance.ts): Seedream 3.0 ($0.03 per image), Seedance 1.0 Pro ($2.5 per 1M video tokens) and
 * Pro Fast ($1 per 1M; tokens = height × width × 24 fps × seconds / 1024), each from fal's own page.
 *
 * Editorial costEfficiency bands as in bytedance.ts: image ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4;
 * video per second at 1080p ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_SEEDREAM3 = src(
  'https://fal.ai/models/fal-ai/bytedance/seedream/v3/text-to-image/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Seedream 3.0: $0.03 per image; image_size preset or custom (512–2048 px a side); num_images 1–4; seed; guidance_scale',
);
const FAL_SEEDREAM3_ABOUT = src(
  'https://fal.ai/models/fal-ai/bytedance/seedream/v3/text-to-image/api',
  CATALOG_AS_OF,
  'provider',
  'bilingual (Chinese and English); native 2K; exceptional text layout; accurate small and large text; about 3 s for 1K images',
);
const FAL_SEEDANCE1_PRO = src(
  'https://fal.ai/models/fal-ai/bytedance/seedance/v1/pro/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Seedance 1.0 Pro: a 5 s 1080p video costs roughly $0.62; otherwise $2.5 per 1M video tokens, tokens = height × width × FPS × duration / 1024; duration "2"–"12"; 480p/720p/1080p; aspect 21:9 16:9 4:3 1:1 3:4 9:16; camera_fixed; seed',
);
const FAL_SEEDANCE1_PRO_T2V = src(
  'https://fal.ai/docs/model-api-reference/video-generation-api/bytedance-seedance-v1-pro-text-to-video.md',
  CATALOG_AS_OF,
  'provider',
  'fal-ai/bytedance/seedance/v1/pro/text-to-video: Seedance 1.0 Pro text-to-video; shot cues in brackets ([Low-angle shot]) in the example prompt',
);
const FAL_SEEDANCE1_FAST = src(
  'https://fal.ai/models/fal-ai/bytedance/seedance/v1/pro/fast/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Seedance 1.0 Pro Fast: about $0.245 per 5 s at 1080p; $1 per 1M video tokens, tokens = height × width × FPS × duration / 1024; 2–12 s; 480p/720p/1080p; 21:9 16:9 4:3 1:1 3:4 9:16; camera_fixed',
);

export const bytedanceEarlier: ModelEntryInput[] = [
  {
    id: 'seedream-3-0',
    name: 'Seedream 3.0',
    aliases: ['Seedream 3', 'Seedream v3', 'fal-ai/bytedance/seedream/v3/text-to-image'],
    vendor: 'bytedance',
    modality: 'image',
    description:
      'Seedream 3.0: fast bilingual (Chinese/English) text-to-image with accurate text layout, at $0.03 per image.',
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: FAL_SEEDREAM3 },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
      maxImagesPerCall: 4,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...FAL_SEEDREAM3,
        note: `${FAL_SEEDREAM3.note ?? ''}. Ratios map to fal's presets (square_hd, 4:3, 16:9 portrait and landscape, 1024 px on the long side); the 2K custom sizes are not offered yet. No negative prompt; output format not selectable.`,
      },
    },
    scores: {
      realism: judged(
        4,
        'fal: photorealistic portraits with cinematic beauty (provider wording); no benchmark',
      ),
      textRendering: judged(
        4,
        'fal: accurate small and large text, exceptional text layout (provider wording)',
      ),
      promptAdherence: judged(
        3.5,
        'fal: strong instruction following (provider wording); guidance_scale',
      ),
      editingFlexibility: judged(1.5, 'text-to-image only'),
      consistency: judged(3, 'seed control; no benchmark'),
      speed: judged(4.5, 'fal: about 3 s for a 1K image'),
      costEfficiency: judged(4.5, '$0.03 per image (band ≤$0.04 → 4.5)'),
      finalPolish: judged(3.5, 'about 1 MP from the presets'),
    },
    strengths: [
      { text: 'Bilingual prompts with accurate text layout', source: FAL_SEEDREAM3_ABOUT },
      { text: 'About 3 s for a 1K image', source: FAL_SEEDREAM3_ABOUT },
    ],
    limitations: [
      { text: 'No editing or reference images on this endpoint', source: FAL_SEEDREAM3 },
    ],
    bestFor: [
      {
        text: 'Cheap, fast posters and social images with Chinese or English text',
        source: FAL_SEEDREAM3_ABOUT,
      },
    ],
    avoidIf: [
      { text: 'You need to edit an existing image: use Seedream 4.x', source: FAL_SEEDREAM3 },
    ],
    prompt: {
      template:
        '[Subject], [Action], [Environment], [Lighting], [Style]; [Text to render, in quotes]',
      parts: ['subject', 'environment', 'style', 'text'],
      maxWords: 100,
      tips: ['Prompts can be in Chinese or English.', 'Put the exact words to render in quotes.'],
      source: {
        ...FAL_SEEDREAM3_ABOUT,
        note: "bilingual prompts from fal's page; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedream/v3/text-to-image',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.03') }], source: FAL_SEEDREAM3 },
      },
    ],
  },
  {
    id: 'seedance-1-0-pro-fast',
    name: 'Seedance 1.0 Pro Fast',
    aliases: ['Seedance 1.0 Fast', 'Seedance 1 Pro Fast', 'Seedance v1 Pro Fast'],
    vendor: 'bytedance',
    modality: 'video',
    description:
      'Seedance 1.0 Pro Fast: silent 2–12 s clips up to 1080p in six aspect ratios, about $0.25 for 5 s at 1080p.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_SEEDANCE1_FAST },
    video: {
      durations: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      resolutions: ['480p', '720p', '1080p'],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      fps: [24],
      audio: 'none',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_SEEDANCE1_FAST,
        note: `${FAL_SEEDANCE1_FAST.note ?? ''}. 24 fps from the token formula's FPS; image-to-video is fal-ai/bytedance/seedance/v1/pro/fast/image-to-video. No audio; seed and end frame are not confirmed, so not offered.`,
      },
    },
    scores: {
      realism: judged(3.5, 'previous Seedance generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'camera_fixed control; no benchmark'),
      editingFlexibility: judged(2.5, 'image-to-video from one image'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(
        4,
        'fal: designed for maximum performance at minimal cost; no measured latency',
      ),
      costEfficiency: judged(
        5,
        'about $0.049/s at 1080p 16:9 (243,000 tokens per 5 s at $1 per 1M; band ≤$0.06 → 5)',
      ),
      finalPolish: judged(3.5, 'up to 1080p, silent'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'About $0.25 for a 5 s 1080p clip', source: FAL_SEEDANCE1_FAST },
      { text: 'Six aspect ratios from 21:9 to 9:16', source: FAL_SEEDANCE1_FAST },
    ],
    limitations: [{ text: 'No audio', source: FAL_SEEDANCE1_FAST }],
    bestFor: [{ text: 'High-volume silent clips at 1080p', source: FAL_SEEDANCE1_FAST }],
    avoidIf: [
      { text: 'You need native sound: use Seedance 1.5 Pro or 2.0', source: FAL_SEEDANCE1_FAST },
    ],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 100,
      tips: [
        'Set camera_fixed in provider options for a locked-off shot instead of describing it.',
      ],
      source: {
        ...FAL_SEEDANCE1_FAST,
        note: "camera_fixed from fal's schema; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedance/v1/pro/fast/text-to-video',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [{ when: {}, microsPerMillion: usd('1') }],
          source: FAL_SEEDANCE1_FAST,
          note: '$1 per 1M video tokens at every resolution; fal\'s "$0.245 per 5 s at 1080p" is this formula at 1920×1080.',
        },
        note: 'Image-to-video: fal-ai/bytedance/seedance/v1/pro/fast/image-to-video.',
      },
    ],
  },
  {
    id: 'seedance-1-0-pro',
    name: 'Seedance 1.0 Pro',
    aliases: [
      'Seedance 1 Pro',
      'Seedance v1 Pro',
      'fal-ai/bytedance/seedance/v1/pro/text-to-video',
    ],
    vendor: 'bytedance',
    modality: 'video',
    description:
      'Seedance 1.0 Pro: silent 2–12 s clips up to 1080p with multi-shot cues, about $0.62 for 5 s at 1080p.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_SEEDANCE1_PRO },
    video: {
      durations: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      resolutions: ['480p', '720p', '1080p'],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      fps: [24],
      audio: 'none',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: false,
      source: {
        ...FAL_SEEDANCE1_PRO,
        note: `${FAL_SEEDANCE1_PRO.note ?? ''}. 24 fps as in the Seedance token formula; text-to-video is fal-ai/bytedance/seedance/v1/pro/text-to-video. No audio; the end frame is not wired.`,
      },
    },
    scores: {
      realism: judged(4, 'the full Seedance 1.0 model; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        "bracketed shot cues in fal's example; camera_fixed; no benchmark",
      ),
      editingFlexibility: judged(2.5, 'image-to-video from one image'),
      consistency: judged(3.5, 'seed; no benchmark'),
      speed: judged(3, 'the slower, full-quality Seedance 1.0; no measured latency'),
      costEfficiency: judged(
        4,
        'about $0.12/s at 1080p 16:9 (243,000 tokens per 5 s at $2.5 per 1M; band ≤$0.15 → 4)',
      ),
      finalPolish: judged(4, 'up to 1080p, silent'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'Several shots in one clip through bracketed cues', source: FAL_SEEDANCE1_PRO_T2V },
      { text: 'Six aspect ratios from 21:9 to 9:16', source: FAL_SEEDANCE1_PRO },
    ],
    limitations: [{ text: 'No audio; 2.5× the token rate of Pro Fast', source: FAL_SEEDANCE1_PRO }],
    bestFor: [{ text: 'Silent multi-shot 1080p clips', source: FAL_SEEDANCE1_PRO }],
    avoidIf: [
      { text: 'You need native sound: use Seedance 1.5 Pro or 2.0', source: FAL_SEEDANCE1_PRO },
    ],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting]; [Shot cue] [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 120,
      tips: ['Mark cuts with bracketed shot cues, as fal\'s example does: "[Low-angle shot] …".'],
      source: {
        ...FAL_SEEDANCE1_PRO_T2V,
        note: "bracketed cues from fal's example prompt; 120 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/bytedance/seedance/v1/pro/text-to-video',
        status: 'active',
        price: {
          unit: 'video_token',
          fps: 24,
          tiers: [{ when: {}, microsPerMillion: usd('2.5') }],
          source: FAL_SEEDANCE1_PRO,
          note: '$2.5 per 1M video tokens at every resolution; fal\'s "about $0.62 per 5 s at 1080p" is this formula at 1920×1080 (243,000 tokens = $0.6075).',
        },
        note: 'Image-to-video: fal-ai/bytedance/seedance/v1/pro/image-to-video.',
      },
    ],
  },
];
