import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * PixVerse v6 through fal, priced per second by resolution and sound on fal's own page. fal also
 * serves 360p and 540p ($0.025–$0.045/s), which the catalog's resolution list does not name, so
 * only 720p and 1080p are offered.
 *
 * Editorial costEfficiency band (video, per second at the default settings, 720p with sound):
 * ≤$0.06 5 · ≤$0.10 4.5 · ≤$0.15 4 · ≤$0.25 3.5 · ≤$0.40 3.
 */

const AUDIT = 'research/catalog-audit-2026-12-06.md';
const judged = (value: number, note: string) => ({
  value,
  source: src(AUDIT, CATALOG_AS_OF, 'editorial'),
  note,
});

const FAL_PIXVERSE_V6 = src(
  'https://fal.ai/models/pixverse/v6/text-to-video',
  CATALOG_AS_OF,
  'provider',
  'PixVerse v6 on fal, billed per second: 360p $0.025 ($0.035 with audio), 540p $0.035 ($0.045), 720p $0.045 ($0.060), 1080p $0.090 ($0.115); the same rates on fal-ai/pixverse/v6/extend',
);
const PIXVERSE_V6_PARAMS = src(
  'https://wavespeed.ai/docs/docs-api/pixverse/pixverse-pixverse-v6-text-to-video',
  CATALOG_AS_OF,
  'third-party',
  'PixVerse v6 text-to-video: 1–15 s (default 5), 360p/540p/720p/1080p (default 720p), sound through generate_audio_switch (default off), aspect_ratio default 16:9',
);
const PIXVERSE_V6_RATIOS = src(
  'https://cloud.seaart.ai/docs/api-reference/model-api/pixverse/pixverse-v6-t2v',
  CATALOG_AS_OF,
  'third-party',
  'PixVerse v6: aspect ratios 16:9, 4:3, 1:1, 3:4, 9:16, 2:3, 3:2, 21:9; duration 1–15 s; seed; audio and multi-clip switches',
);

export const pixverse: ModelEntryInput[] = [
  {
    id: 'pixverse-v6',
    name: 'PixVerse v6',
    aliases: ['PixVerse V6', 'Pixverse 6', 'PixVerse 6.0', 'fal-ai/pixverse/v6/text-to-video'],
    vendor: 'pixverse',
    modality: 'video',
    description:
      'PixVerse v6: clips of 1 to 15 seconds with optional sound in eight formats, from $0.045 per second at 720p.',
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_PIXVERSE_V6 },
    video: {
      durations: Array.from({ length: 15 }, (_, i) => i + 1),
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '2:3', '3:2', '21:9'],
      audio: 'optional',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: true,
      negativePrompt: true,
      source: {
        ...PIXVERSE_V6_PARAMS,
        note: `${PIXVERSE_V6_PARAMS.note ?? ''}. Ratios from ${PIXVERSE_V6_RATIOS.ref}. Image-to-video is fal-ai/pixverse/v6/image-to-video (no end frame wired).`,
      },
    },
    scores: {
      realism: judged(3.5, 'current PixVerse generation; no benchmark'),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'negative prompt and seed; no benchmark'),
      editingFlexibility: judged(3, 'image-to-video on fal; no end frame here'),
      consistency: judged(3.5, 'seed; no benchmark'),
      speed: judged(3.5, 'no measured latency'),
      costEfficiency: judged(5, '$0.06/s at 720p with sound (band ≤$0.06 → 5)'),
      finalPolish: judged(3.5, 'up to 1080p with optional sound'),
      motion: judged(3.5, 'no benchmark'),
    },
    strengths: [
      { text: 'Any length from 1 to 15 seconds, billed per second', source: FAL_PIXVERSE_V6 },
      { text: 'Eight formats including 21:9 and 2:3', source: PIXVERSE_V6_RATIOS },
    ],
    limitations: [
      { text: 'No end frame for a planned transition here', source: PIXVERSE_V6_PARAMS },
    ],
    bestFor: [
      { text: 'Cheap short social clips with sound in many formats', source: FAL_PIXVERSE_V6 },
    ],
    avoidIf: [{ text: 'You need 4K', source: FAL_PIXVERSE_V6 }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'camera'],
      maxWords: 100,
      tips: ['Describe the camera move and the sound you want when sound is on.'],
      source: {
        ...PIXVERSE_V6_PARAMS,
        note: "the wavespeed guide asks for scene, motion, camera and atmosphere; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/pixverse/v6/text-to-video',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p', audio: false }, micros: usd('0.045') },
            { when: { resolution: '720p', audio: true }, micros: usd('0.06') },
            { when: { resolution: '1080p', audio: false }, micros: usd('0.09') },
            { when: { resolution: '1080p', audio: true }, micros: usd('0.115') },
          ],
          source: FAL_PIXVERSE_V6,
        },
        note: 'Image-to-video: fal-ai/pixverse/v6/image-to-video (image_url). Sound is sent as generate_audio_switch.',
      },
    ],
  },
];
