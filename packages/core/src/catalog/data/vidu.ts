import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * ShengShu's Vidu through fal. Vidu Q1 makes one 5 s 1080p clip for $0.40 on fal's page, which is
 * $0.08 per second exactly. Q2 (a charge per request plus per second) and Q3 (reference-to-video
 * on fal) do not fit the per-second price model or a text-to-video route, so they are not here.
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

const FAL_VIDU_Q1 = src(
  'https://fal.ai/models/fal-ai/vidu/q1/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Vidu Q1 text-to-video: $0.40 for a 5 s video; 1080p; aspect_ratio 16:9, 9:16 or 1:1; style general or anime; seed; movement_amplitude; prompt up to 1,500 characters',
);

export const vidu: ModelEntryInput[] = [
  {
    id: 'vidu-q1',
    name: 'Vidu Q1',
    aliases: ['Vidu Q1 Text to Video', 'vidu-q1', 'fal-ai/vidu/q1/text-to-video'],
    vendor: 'shengshu',
    modality: 'video',
    description:
      "ShengShu's Vidu Q1: silent 5-second 1080p clips, realistic or anime, for $0.40 each.",
    tasks: ['text-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_VIDU_Q1 },
    video: {
      durations: [5],
      resolutions: ['1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      audio: 'none',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: false,
      source: {
        ...FAL_VIDU_Q1,
        note: `${FAL_VIDU_Q1.note ?? ''}. The schema has no duration or resolution (one 5 s 1080p clip), no sound and no negative prompt; the image and start-end endpoints are not wired.`,
      },
    },
    scores: {
      realism: judged(3.5, 'fal: high visual quality; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark'),
      editingFlexibility: judged(1.5, 'text-to-video only here'),
      consistency: judged(3.5, 'seed; no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(4.5, '$0.08/s at 1080p (band ≤$0.10 → 4.5)'),
      finalPolish: judged(3.5, '1080p, silent'),
      motion: judged(3.5, 'movement amplitude control on fal; no benchmark'),
    },
    strengths: [{ text: '1080p at $0.08 per second, with an anime style', source: FAL_VIDU_Q1 }],
    limitations: [
      { text: 'Only 5-second clips, no sound', source: FAL_VIDU_Q1 },
      { text: 'Three formats only: 16:9, 9:16, 1:1', source: FAL_VIDU_Q1 },
    ],
    bestFor: [{ text: 'Short 1080p shots and anime-style clips', source: FAL_VIDU_Q1 }],
    avoidIf: [{ text: 'You need sound or clips longer than 5 seconds', source: FAL_VIDU_Q1 }],
    prompt: {
      template: '[Style] [Subject] [Action] in [Environment], [Lighting], [Camera]',
      parts: ['style', 'subject', 'action', 'environment', 'lighting'],
      maxWords: 220,
      tips: [
        "fal's example opens with the photographic style and colour palette, then the subject and light.",
      ],
      source: { ...FAL_VIDU_Q1, note: '1,500 characters is about 220 words' },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/vidu/q1/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '1080p' }, micros: usd('0.08') }],
          source: FAL_VIDU_Q1,
          note: '$0.40 per 5 s clip = $0.08 per second.',
        },
      },
    ],
  },
];
