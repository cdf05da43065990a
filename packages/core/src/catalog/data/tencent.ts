import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Tencent Hunyuan Image through fal (Comfy's Tencent section covers Hunyuan3D only).
 *
 * Editorial costEfficiency band (per standard image): ≤$0.02 5 · ≤$0.04 4.5 · ≤$0.07 4 ·
 * ≤$0.10 3.5 · ≤$0.15 3 · ≤$0.25 2.5 · above 2.
 */

const judged = (value: number, note: string) => ({
  value,
  source: research('3.7', 'editorial'),
  note,
});

const FAL_HUNYUAN3_PRICE = research(
  '3.7',
  'third-party',
  'LobeHub model-bank fal catalog: $0.10 per megapixel',
);
const HUNYUAN3_SCHEMA = src(
  'https://docs.aimlapi.com/api-references/image-models/tencent/hunyuan-image-v3-text-to-image',
  RESEARCH_DATE,
  'third-party',
  "mirror of fal's schema: prompt ≤4,000 characters, negative_prompt, image_size presets (default square_hd), num_images 1–4, seed, output_format (default png), enable_prompt_expansion",
);
const HUNYUAN3_EDIT = src(
  'https://apiin.one/es/model/hunyuan-image-3',
  RESEARCH_DATE,
  'reseller',
  'Hunyuan Image 3 Instruct: text-to-image and editing with up to 2 input images',
);
const FAL_HUNYUAN21 = src(
  'https://fal.ai/models/fal-ai/hunyuan-image/v2.1/text-to-image/api',
  RESEARCH_DATE,
  'provider',
  'fal endpoint fal-ai/hunyuan-image/v2.1/text-to-image exists; price not shown in the page excerpt',
);

export const tencent: ModelEntryInput[] = [
  {
    id: 'hunyuan-image-3',
    name: 'Hunyuan Image 3.0',
    aliases: ['HunyuanImage 3.0', 'Hunyuan Image 3', 'hunyuan-image-3.0'],
    vendor: 'tencent',
    modality: 'image',
    description:
      "Tencent's HunyuanImage 3.0 on fal: long prompts, negative prompts and instruction edits, billed per megapixel.",
    tasks: ['text-to-image', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: research(
        '3.7',
        'third-party',
        'fal endpoints fal-ai/hunyuan-image/v3/text-to-image and …/v3/instruct/edit',
      ),
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
      maxImagesPerCall: 4,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 2,
      mask: false,
      seed: true,
      negativePrompt: true,
      source: {
        ...HUNYUAN3_SCHEMA,
        note: `${HUNYUAN3_SCHEMA.note ?? ''}. Ratios follow fal's preset names (square, 4:3, 16:9 portrait and landscape); 1024 px is the square_hd default, larger custom sizes are not confirmed. Edits (up to 2 images) go through the instruct/edit endpoint.`,
      },
    },
    scores: {
      realism: judged(4, 'no benchmark in the sources'),
      textRendering: judged(3.5, 'no source assesses text rendering'),
      promptAdherence: judged(
        4,
        'prompts up to 4,000 characters, negative prompt and optional prompt expansion',
      ),
      editingFlexibility: judged(
        3,
        'separate instruction-edit endpoint with up to 2 inputs; no mask',
      ),
      consistency: judged(3, 'no source; neutral 3'),
      speed: judged(3, 'no latency source'),
      costEfficiency: judged(3.5, 'about $0.10 for a 1 MP image (band ≤$0.10 → 3.5)'),
      finalPolish: judged(3.5, 'larger than 1 MP output not confirmed'),
    },
    strengths: [
      {
        text: 'Long prompts (up to 4,000 characters) with a negative prompt',
        source: HUNYUAN3_SCHEMA,
      },
      { text: 'Instruction-based editing through a companion endpoint', source: HUNYUAN3_EDIT },
    ],
    limitations: [
      {
        text: 'Per-megapixel billing makes large images cost proportionally more',
        source: FAL_HUNYUAN3_PRICE,
      },
    ],
    bestFor: [
      { text: 'Detailed, text-heavy briefs that need a negative prompt', source: HUNYUAN3_SCHEMA },
    ],
    avoidIf: [
      { text: 'You need large outputs at a flat per-image price', source: FAL_HUNYUAN3_PRICE },
    ],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 600,
      tips: [
        'Use the negative prompt for what to exclude.',
        'enable_prompt_expansion adds detail to short prompts.',
      ],
      source: {
        ...HUNYUAN3_SCHEMA,
        note: 'prompt limit 4,000 characters (about 600 words); structure after seed 001',
      },
    },
    routes: [
      {
        provider: 'fal',
        providerModelId: 'fal-ai/hunyuan-image/v3/text-to-image',
        status: 'active',
        price: {
          unit: 'megapixel',
          firstMpMicros: usd('0.10'),
          extraMpMicros: usd('0.10'),
          mpPixels: 1_048_576,
          rounding: 'exact',
          source: FAL_HUNYUAN3_PRICE,
          note: 'The source says $0.10 per megapixel and no rounding, so megapixels are billed pro rata (1536×1024 = 1.5 MP = $0.15); 1024×1024 = 1 MP is assumed (catalog audit 2026-12-06).',
        },
        note: 'Edits: fal-ai/hunyuan-image/v3/instruct/edit (price not confirmed).',
      },
    ],
  },
  {
    id: 'hunyuan-image-2-1',
    name: 'Hunyuan Image 2.1',
    aliases: ['HunyuanImage 2.1', 'hunyuan-image-2.1'],
    vendor: 'tencent',
    modality: 'image',
    description:
      "Tencent's previous Hunyuan image model, named on PicassoIA and hosted on fal; no confirmed price.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: FAL_HUNYUAN21,
      note: "Superseded by HunyuanImage 3.0 in Tencent's line; no retirement notice seen.",
    },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 1024,
      maxHeight: 1024,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 0,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: {
        ...FAL_HUNYUAN21,
        note: 'no parameter schema was seen: one 1024 px image, no seed and no negative prompt are conservative assumptions',
      },
    },
    scores: {
      realism: judged(3, 'no source assesses it; neutral 3'),
      textRendering: judged(3, 'no source assesses it; neutral 3'),
      promptAdherence: judged(3, 'no source assesses it; neutral 3'),
      editingFlexibility: judged(1, 'text-to-image only as far as the sources show'),
      consistency: judged(3, 'no source assesses it; neutral 3'),
      speed: judged(3, 'no latency source; neutral 3'),
      costEfficiency: judged(3, 'no confirmed price; neutral 3'),
      finalPolish: judged(3, 'previous generation; no source'),
    },
    limitations: [{ text: 'No confirmed price or parameter schema', source: research('5') }],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 80,
      source: src(
        'seeds/001_fdfc1193b3276551.txt',
        RESEARCH_DATE,
        'seed',
        "generic structure from seed 001; 80 words is Atelier's editorial cap (no model-specific guidance found)",
      ),
    },
    routes: [],
    unpricedReason:
      'fal hosts fal-ai/hunyuan-image/v2.1/text-to-image, but no price was found for it (research §3.7 and §5 list it as unconfirmed).',
    claims: [
      {
        topic: 'other',
        text: 'Hunyuan Image 2.1 is among the 185+ text-to-image models on PicassoIA',
        source: SEEDS.gptImage2VsNbp,
      },
    ],
  },
];
