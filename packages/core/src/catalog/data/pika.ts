import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Pika 2.2 through fal. fal prices a 5 s clip ($0.20 at 720p, $0.45 at 1080p): per second that
 * is exact for 5 s clips only, so 10 s clips are not offered.
 *
 * Editorial costEfficiency band (video, per second at the default settings):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_PIKA22 = src(
  'https://fal.ai/models/fal-ai/pika/v2.2/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Pika 2.2 text-to-video, up to 1080p: a 5 s video costs $0.20 at 720p and $0.45 at 1080p; seed; negative_prompt (default "ugly, bad, terrible"); aspect_ratio 16:9 9:16 1:1 4:5 5:4 3:2 2:3; resolution 720p or 1080p',
);
const PIKA_API = src(
  'https://apis.apis.io/apis/pika/pika-video-api/',
  CATALOG_AS_OF,
  'third-party',
  'Pika 2.2 through fal: text-to-video, image-to-video, Pikascenes and Pikaframes; 720p or 1080p; 5–10 s',
);

export const pika: ModelEntryInput[] = [
  {
    id: 'pika-2-2',
    name: 'Pika 2.2',
    aliases: ['Pika v2.2', 'Pika 2.2 Text to Video', 'fal-ai/pika/v2.2/text-to-video'],
    vendor: 'pika',
    modality: 'video',
    description:
      'Pika 2.2: silent 5-second clips in seven formats at 720p or 1080p, from $0.04 per second.',
    tasks: ['text-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_PIKA22 },
    video: {
      durations: [5],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16', '1:1', '4:5', '5:4', '3:2', '2:3'],
      audio: 'none',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: true,
      source: {
        ...FAL_PIKA22,
        note: `${FAL_PIKA22.note ?? ''}. 10 s clips are not priced per second on fal's page, so they are not offered; the image-to-video, Pikascenes and Pikaframes endpoints (${PIKA_API.ref}) are not wired.`,
      },
    },
    scores: {
      realism: judged(3.5, "fal: Pika's highest quality model, crisper visuals; no benchmark"),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'negative prompt and seed; no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-video only here'),
      consistency: judged(3.5, 'seed; no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(5, '$0.04/s at 720p (band ≤$0.06 → 5)'),
      finalPolish: judged(3.5, 'up to 1080p, silent'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'Among the cheapest 720p clips: $0.20 for 5 seconds', source: FAL_PIKA22 },
      { text: 'Seven formats including 4:5 and 2:3 for social feeds', source: FAL_PIKA22 },
    ],
    limitations: [{ text: '5-second clips only here, no sound', source: FAL_PIKA22 }],
    bestFor: [{ text: 'Cheap stylised social clips in portrait formats', source: FAL_PIKA22 }],
    avoidIf: [{ text: 'You need sound or longer shots', source: FAL_PIKA22 }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Style], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'style', 'camera'],
      maxWords: 100,
      tips: [
        'fal\'s example ends with the camera move ("camera slow orbit and dolly in") after the look and light.',
      ],
      source: {
        ...FAL_PIKA22,
        note: "structure from fal's Pika 2.2 example prompt; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/pika/v2.2/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p' }, micros: usd('0.04') },
            { when: { resolution: '1080p' }, micros: usd('0.09') },
          ],
          source: FAL_PIKA22,
          note: '$0.20 (720p) or $0.45 (1080p) per 5 s clip, per second.',
        },
      },
    ],
  },
];
