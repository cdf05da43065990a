import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Luma's Photon images through Replicate (official models, priced per output image on Replicate's
 * pages), and Luma Ray through fal. fal prices Ray 2 Flash per 5 s clip at 540p, ×2 at 720p, ×4 at 1080p,
 * and ×2 for 9 s: per second that is exact only for 5 s clips, so 9 s is not offered, and 540p
 * is outside the catalog's resolution list.
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

const FAL_RAY2_FLASH = src(
  'https://fal.ai/models/fal-ai/luma-dream-machine/ray-2-flash/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'Ray 2 Flash: $0.2 per 5 s at 540p; 720p costs 2x, 1080p 4x; 9 s costs 2x; aspect 16:9 9:16 4:3 3:4 21:9 9:21; loop; duration "5s" or "9s"',
);

const REPLICATE_PHOTON = src(
  'https://replicate.com/luma/photon',
  CATALOG_AS_OF,
  'provider',
  'Official model on Replicate: $0.03 per output image; prompt, aspect_ratio (1:1 3:4 4:3 9:16 16:9 9:21 21:9, default 16:9), image / style / character reference with weights, seed',
);
const REPLICATE_PHOTON_FLASH = src(
  'https://replicate.com/luma/photon-flash',
  CATALOG_AS_OF,
  'provider',
  'Official model on Replicate: $0.01 per output image; the accelerated Photon, same inputs as luma/photon',
);

/** Photon and Photon Flash share their inputs; they differ in speed and price. */
function photon(opts: {
  id: string;
  name: string;
  aliases: string[];
  slug: string;
  price: string;
  flash: boolean;
}): ModelEntryInput {
  const page = opts.flash ? REPLICATE_PHOTON_FLASH : REPLICATE_PHOTON;
  return {
    id: opts.id,
    name: opts.name,
    aliases: opts.aliases,
    vendor: 'luma',
    modality: 'image',
    description: opts.flash
      ? "Luma's Photon Flash: the fast Photon, atmospheric images from natural-language prompts for $0.01 each."
      : "Luma's Photon: creative, natural-language image generation in seven formats for $0.03 an image.",
    tasks: ['text-to-image'],
    lifecycle: { status: 'active', replacements: [], source: page },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9', '9:21', '21:9'],
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['jpeg'],
      maxInputImages: 0,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: {
        ...page,
        note: `${page.note ?? ''}. One image per prediction; the pixel size is not published (about 1 MP assumed) and the format is not selectable. The references are not wired in Atelier.`,
      },
    },
    scores: {
      realism: judged(
        opts.flash ? 3.5 : 4,
        'Luma: creative, high-fidelity images (provider wording); no benchmark',
      ),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(
        opts.flash ? 3.5 : 4,
        'Luma: high prompt adherence (provider wording); no benchmark',
      ),
      editingFlexibility: judged(1.5, 'text-to-image only here'),
      consistency: judged(3.5, 'seed; character references on the page are not wired'),
      speed: judged(
        opts.flash ? 4.5 : 3.5,
        opts.flash ? 'the accelerated Photon; no measured latency' : 'no measured latency',
      ),
      costEfficiency: judged(
        opts.flash ? 5 : 4.5,
        `$${opts.price} per image (band ${opts.flash ? '≤$0.02 → 5' : '≤$0.04 → 4.5'})`,
      ),
      finalPolish: judged(3.5, 'about 1 MP'),
    },
    strengths: [
      { text: `$${opts.price} per image, seven formats including 21:9 and 9:21`, source: page },
      {
        text: 'Natural-language prompts; character and style references on the model page',
        source: page,
      },
    ],
    limitations: [{ text: 'One image per call; no size or format choice', source: page }],
    bestFor: [
      {
        text: opts.flash
          ? 'Fast, cheap drafts and mood boards'
          : 'Atmospheric concept and lifestyle images',
        source: page,
      },
    ],
    avoidIf: [{ text: 'You need exact pixel sizes or a transparent background', source: page }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting and Mood], [Style]',
      parts: ['subject', 'environment', 'lighting', 'style'],
      maxWords: 120,
      tips: ['Describe the scene in plain sentences: the light, the mood and the setting.'],
      source: {
        ...page,
        note: "Luma's model notes stress natural-language understanding; 120 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'replicate',
        providerModelId: opts.slug,
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd(opts.price) }], source: page },
      },
    ],
  };
}

export const luma: ModelEntryInput[] = [
  photon({
    id: 'luma-photon',
    name: 'Luma Photon',
    aliases: ['Photon', 'luma/photon', 'Luma Photon 1'],
    slug: 'luma/photon',
    price: '0.03',
    flash: false,
  }),
  photon({
    id: 'luma-photon-flash',
    name: 'Luma Photon Flash',
    aliases: ['Photon Flash', 'luma/photon-flash'],
    slug: 'luma/photon-flash',
    price: '0.01',
    flash: true,
  }),
  {
    id: 'luma-ray-2-flash',
    name: 'Luma Ray 2 Flash',
    aliases: ['Ray 2 Flash', 'Ray2 Flash', 'ray-flash-2', 'Luma Ray2 Flash'],
    vendor: 'luma',
    modality: 'video',
    description:
      "Luma's fast Ray 2 Flash: realistic 5 s clips with natural motion in wide and tall formats, from $0.08 per second at 720p.",
    tasks: ['text-to-video', 'image-to-video'],
    lifecycle: { status: 'active', replacements: [], source: FAL_RAY2_FLASH },
    video: {
      durations: [5],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16', '4:3', '3:4', '21:9', '9:21'],
      audio: 'none',
      imageToVideo: true,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_RAY2_FLASH,
        note: `${FAL_RAY2_FLASH.note ?? ''}. 9 s clips (priced per clip, not per second) and 540p are not offered; image-to-video is the /image-to-video sibling; no audio, seed or negative prompt.`,
      },
    },
    scores: {
      realism: judged(
        4,
        'fal: realistic visuals with natural, coherent motion (provider wording); no benchmark',
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(3.5, 'no benchmark'),
      editingFlexibility: judged(2.5, 'image-to-video from one image; loop option'),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(4, 'the fast Ray 2 tier; no measured latency'),
      costEfficiency: judged(4.5, '$0.08/s at 720p (band ≤$0.10 → 4.5)'),
      finalPolish: judged(3.5, 'up to 1080p, silent'),
      motion: judged(4, 'fal: natural, coherent motion (provider wording)'),
    },
    strengths: [
      { text: 'Six aspect ratios including 21:9 and 9:21', source: FAL_RAY2_FLASH },
      { text: 'Seamless loops', source: FAL_RAY2_FLASH },
    ],
    limitations: [{ text: 'No audio; 5 s clips here', source: FAL_RAY2_FLASH }],
    bestFor: [{ text: 'Looping hero backgrounds and ultra-wide b-roll', source: FAL_RAY2_FLASH }],
    avoidIf: [{ text: 'You need sound or clips longer than 5 s', source: FAL_RAY2_FLASH }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 100,
      tips: ['Name the camera move ("wide tracking shot") and the light, as in fal\'s example.'],
      source: {
        ...FAL_RAY2_FLASH,
        note: "structure from fal's Ray 2 Flash example prompt; 100 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/luma-dream-machine/ray-2-flash',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [
            { when: { resolution: '720p' }, micros: usd('0.08') },
            { when: { resolution: '1080p' }, micros: usd('0.16') },
          ],
          source: FAL_RAY2_FLASH,
          note: '$0.20 per 5 s at 540p ×2 at 720p ($0.40) and ×4 at 1080p ($0.80), per second over a 5 s clip.',
        },
        note: 'Image-to-video: fal-ai/luma-dream-machine/ray-2-flash/image-to-video.',
      },
    ],
  },
];
