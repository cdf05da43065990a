import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { CATALOG_AS_OF, src } from './sources.ts';

/*
 * Google's Gemini Omni Flash, the Gemini API's default video model, through fal. fal bills it by
 * tokens ($21.875 per 1M output tokens) and states the rate as about $0.125 per second of 720p
 * video; Atelier cannot count Omni's tokens ahead of a run (the formula is not published), so the
 * route is priced at fal's own per-second figure and the note says so.
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

const FAL_OMNI = src(
  'https://fal.ai/models/google/gemini-omni-flash/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'google/gemini-omni-flash text-to-video with synchronized audio: $21.875 per 1M tokens, approximately $0.125 per second of 720p video; duration 3–10 s (default 8); aspect_ratio 16:9 or 9:16',
);
const FAL_OMNI_I2V = src(
  'https://fal.ai/models/google/gemini-omni-flash/image-to-video/llms.txt',
  CATALOG_AS_OF,
  'provider',
  'google/gemini-omni-flash/image-to-video and /reference-to-video: input tokens $1.875 per 1M, output $21.875 per 1M, about $0.13 per second of 720p; /edit changes a video over several turns',
);

export const geminiOmni: ModelEntryInput[] = [
  {
    id: 'gemini-omni-flash',
    name: 'Gemini Omni Flash',
    aliases: ['Gemini Omni', 'gemini-omni-flash-preview', 'google/gemini-omni-flash'],
    vendor: 'google',
    modality: 'video',
    description:
      "Google's Gemini Omni Flash: 720p clips of 3–10 s with synchronized audio, grounded in Gemini's world knowledge; token-billed on fal.",
    tasks: ['text-to-video'],
    lifecycle: {
      status: 'preview',
      released: '2026-06-30',
      replacements: [],
      source: src(
        'https://blog.google/innovation-and-ai/models-and-research/gemini-models/gemini-omni-flash-nano-banana-2-lite',
        '2026-06-30',
        'provider',
        'Gemini Omni Flash announced with Nano Banana 2 Lite on 2026-06-30; on the Gemini API as gemini-omni-flash-preview (research §2.1)',
      ),
      note: "Google serves it as gemini-omni-flash-preview on the Gemini API (Interactions API), which Atelier does not call yet; fal's endpoint is the runnable route.",
    },
    video: {
      durations: [3, 4, 5, 6, 7, 8, 9, 10],
      resolutions: ['720p'],
      aspectRatios: ['16:9', '9:16'],
      audio: 'always',
      imageToVideo: false,
      lastFrame: false,
      maxVideosPerCall: 1,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_OMNI,
        note: `${FAL_OMNI.note ?? ''}. The schema has no resolution, audio switch, seed or negative prompt: 720p with audio, one video per call. Image-to-video, references and edits are separate endpoints, not wired here.`,
      },
    },
    scores: {
      realism: judged(
        4,
        "fal: grounded in Gemini's world knowledge with improved physics; no benchmark",
      ),
      textRendering: judged(3, 'no source assesses in-frame text for video models; neutral 3'),
      promptAdherence: judged(
        4,
        "Gemini's language understanding behind the prompt (fal's description); no benchmark",
      ),
      editingFlexibility: judged(
        2,
        'text-to-video only here; fal also has image, reference and multi-turn edit endpoints',
      ),
      consistency: judged(3.5, 'no benchmark'),
      speed: judged(3.5, 'a Flash tier; no measured latency'),
      costEfficiency: judged(4, 'about $0.125/s at 720p with audio (band ≤$0.15 → 4)'),
      finalPolish: judged(3, '720p only'),
      motion: judged(4, 'fal: improved physics for coherent motion and interaction; no benchmark'),
    },
    strengths: [
      { text: 'Synchronized audio in every clip at about $0.125 per second', source: FAL_OMNI },
      {
        text: "Grounded in Gemini's real-world knowledge, with improved physics",
        source: FAL_OMNI,
      },
    ],
    limitations: [
      { text: '720p only, clips of 3 to 10 seconds', source: FAL_OMNI },
      {
        text: "Token billing: the per-second figure is fal's approximation, so a run can cost a little more or less",
        source: FAL_OMNI,
      },
    ],
    bestFor: [
      {
        text: 'Short clips with sound where 720p is enough: social drafts and storyboards',
        source: FAL_OMNI,
      },
    ],
    avoidIf: [{ text: 'You need 1080p or 4K, or a silent clip', source: FAL_OMNI }],
    prompt: {
      template: '[Subject] [Action] in [Environment], [Lighting], [Camera movement]; [Sound]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 120,
      tips: [
        "fal's example names the shot (a cinematic wide shot), the subject and setting, the time of day and one camera movement.",
      ],
      source: {
        ...FAL_OMNI,
        note: "structure from fal's example prompt; 120 words is Atelier's editorial cap",
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'google/gemini-omni-flash',
        status: 'active',
        price: {
          unit: 'second',
          tiers: [{ when: { resolution: '720p' }, micros: usd('0.125') }],
          source: FAL_OMNI,
          note: "fal's stated approximation for 720p; fal bills $21.875 per 1M output tokens.",
        },
        note: 'Image-to-video: google/gemini-omni-flash/image-to-video (not wired here).',
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'fal bills the image-to-video and reference endpoints at $1.875 per 1M input and $21.875 per 1M output tokens, about $0.13 per second of 720p',
        source: FAL_OMNI_I2V,
      },
    ],
  },
];
