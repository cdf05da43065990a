import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Lightricks LTX-2.3 Pro and Fast through fal, beside LTX-2 (lightricks.ts). fal bills Pro
 * text-to-video $0.08/$0.16/$0.32 per second and Pro image-to-video $0.06/$0.12/$0.24; the route
 * is priced at the text-to-video rate, so an image-to-video run is never under-reserved. Fast is
 * $0.04/$0.08/$0.16. fal names the top tier 2160p, the catalog calls it 4k.
 *
 * Editorial costEfficiency band (video, per second at 1080p with audio):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_LTX23 = src(
  'https://fal.ai/models/fal-ai/ltx-2.3/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'LTX-2.3 Pro: $0.06/s at 1080p, $0.12/s at 1440p, $0.24/s at 2160p; 6, 8 or 10 s; end_image_url for a start-to-end transition',
);
const FAL_LTX23_T2V = src(
  'https://fal.ai/models/fal-ai/ltx-2.3/text-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'LTX 2.3 Pro text-to-video: $0.08/s at 1080p, $0.16/s at 1440p, $0.32/s at 2160p; 6, 8 or 10 s; 16:9 or 9:16; fps; generate_audio',
);
const FAL_LTX23_FAST = src(
  'https://fal.ai/models/fal-ai/ltx-2.3/text-to-video/fast/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'LTX 2.3 Fast text-to-video: $0.04/s at 1080p, $0.08/s at 1440p, $0.16/s at 2160p; 6–20 s in even steps, over 10 s only at 25 fps and 1080p',
);
const LTX23_SCHEMA = src(
  'https://clawhub.ai/api/v1/skills/corespeed-art/file?path=references%2Fltx.md',
  CATALOG_AS_OF,
  'third-party',
  'fal-ai/ltx-2.3/text-to-video: 16:9 or 9:16; fps 24, 25, 48 or 50; generate_audio (default on); 1080p/1440p/2160p',
);

export const ltx23: ModelEntryInput[] = [
  {
    id: 'ltx-2-3',
    name: 'LTX-2.3',
    aliases: ['LTX 2.3', 'LTX-2.3 Pro', 'LTX Video 2.3'],
    vendor: 'lightricks',
    modality: 'video',
    description:
      "Lightricks' open LTX-2.3: video with synchronized audio up to native 4K (2160p), from $0.08 per second.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_LTX23 },
    video: {
      durations: [6, 8, 10],
      resolutions: ['1080p', '1440p', '4k'],
      aspectRatios: ['16:9', '9:16'],
      fps: [24, 25, 48, 50],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...LTX23_SCHEMA,
        note: `${LTX23_SCHEMA.note ?? ''}. Durations 6, 8 or 10 s from fal's page. The end frame is not wired for LTX in Atelier, so it is not offered; no seed or negative prompt in the schema.`,
      },
    },
    scores: {
      realism: judged(4, 'successor of LTX-2; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'few controls beyond the prompt'),
      editingFlexibility: judged(3, 'image-to-video with an optional end frame on fal'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(4.5, '$0.08/s at 1080p with audio (band ≤$0.10 → 4.5)'),
      finalPolish: judged(4.5, 'native 2160p with audio in one pass'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'Native 4K (2160p) with synchronized audio', source: FAL_LTX23 },
      {
        text: 'Native 4K for $0.32 per second, about a fifth of Veo 3.1 at 4K',
        source: FAL_LTX23_T2V,
      },
    ],
    limitations: [
      { text: 'Clips of 6, 8 or 10 s only', source: FAL_LTX23 },
      { text: 'Only 16:9 and 9:16', source: LTX23_SCHEMA },
    ],
    bestFor: [{ text: '4K deliverables on a budget', source: FAL_LTX23 }],
    avoidIf: [{ text: 'You need a seed to reproduce a clip', source: LTX23_SCHEMA }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 100,
      tips: [
        "Describe one continuous camera move, as in fal's LTX examples.",
        'For image-to-video, describe the motion, not what the image already shows.',
      ],
      source: {
        ...FAL_LTX23,
        note: "camera phrasing from fal's LTX-2.3 example prompt; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/ltx-2.3/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '1080p' }, micros: usd('0.08') },
            { when: { resolution: '1440p' }, micros: usd('0.16') },
            { when: { resolution: '4k' }, micros: usd('0.32') },
          ],
          source: FAL_LTX23_T2V,
          note: 'Text-to-video rates; image-to-video bills less ($0.06/$0.12/$0.24 per second, fal-ai/ltx-2.3/image-to-video). Audio does not change the rate.',
        },
        note: 'Image-to-video: fal-ai/ltx-2.3/image-to-video. fal calls 4k "2160p".',
      },
    ],
  },
  {
    id: 'ltx-2-3-fast',
    name: 'LTX-2.3 Fast',
    aliases: ['LTX 2.3 Fast', 'LTX Video 2.3 Fast', 'fal-ai/ltx-2.3/text-to-video/fast'],
    vendor: 'lightricks',
    modality: 'video',
    description:
      'The fast LTX-2.3 tier: up to 20 s at 1080p, or 10 s up to 4K, with audio, from $0.04 per second.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_LTX23_FAST },
    video: {
      durations: [6, 8, 10, 12, 14, 16, 18, 20],
      resolutions: ['1080p', '1440p', '4k'],
      aspectRatios: ['16:9', '9:16'],
      fps: [24, 25, 48, 50],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_LTX23_FAST,
        note: `${FAL_LTX23_FAST.note ?? ''}. Ratios, fps and the audio switch as LTX-2.3 Pro (${LTX23_SCHEMA.ref}); image-to-video is fal-ai/ltx-2.3/image-to-video/fast, up to 10 s.`,
      },
    },
    scores: {
      realism: judged(3.5, 'fast tier of LTX-2.3; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'few controls beyond the prompt'),
      editingFlexibility: judged(2.5, 'image-to-video from one image'),
      consistency: judged(3.5, 'holds up to 20 s at 1080p'),
      speed: judged(4, 'fal positions it for quick iteration; no measured latency'),
      costEfficiency: judged(5, '$0.04/s at 1080p with audio (band ≤$0.06 → 5)'),
      finalPolish: judged(4, '4K up to 10 s, with audio'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'Clips up to 20 seconds at 1080p, with audio', source: FAL_LTX23_FAST },
      { text: 'From $0.04 per second', source: FAL_LTX23_FAST },
    ],
    limitations: [{ text: 'Clips over 10 s only at 1080p and 25 fps', source: FAL_LTX23_FAST }],
    bestFor: [{ text: 'Long drafts and quick iteration with sound', source: FAL_LTX23_FAST }],
    avoidIf: [{ text: 'The final render needs Pro quality', source: FAL_LTX23_FAST }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 100,
      tips: ["Describe one continuous camera move and the lens, as in fal's LTX-2.3 examples."],
      source: {
        ...FAL_LTX23_FAST,
        note: "camera phrasing from fal's example prompt; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/ltx-2.3/text-to-video/fast',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '1080p' }, micros: usd('0.04') },
            { when: { resolution: '1440p' }, micros: usd('0.08') },
            { when: { resolution: '4k' }, micros: usd('0.16') },
          ],
          source: FAL_LTX23_FAST,
          note: 'Audio does not change the rate.',
        },
        note: 'Image-to-video: fal-ai/ltx-2.3/image-to-video/fast.',
      },
    ],
  },
];
