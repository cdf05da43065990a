import { usd } from '../../money.ts';
import type { ModelEntryInput } from '../schema.ts';
import { RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

const GEMINI_PRICING = src('https://ai.google.dev/gemini-api/docs/pricing', '2026-09-20', 'provider', 'as transcribed in api-evangelist/gemini plans/gemini-plans-pricing.yml');
const GEMINI_DEPRECATIONS = src('https://ai.google.dev/gemini-api/docs/deprecations', RESEARCH_DATE, 'provider');
const GEMINI_IMAGE_CONFIG = src('https://github.com/googleapis/js-genai', RESEARCH_DATE, 'sdk', '@google/genai ImageConfig: aspectRatio, imageSize 1K/2K/4K');
const FAL_LIST = src('research/provider-facts.md#3.9', RESEARCH_DATE, 'reseller', 'fal llms.txt / pricing API list prices, 2026-10-01');

/** The Gemini image aspect ratios documented for ImageConfig. */
const GEMINI_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];

export const google: ModelEntryInput[] = [
  {
    id: 'nano-banana-pro',
    name: 'Nano Banana Pro',
    aliases: ['Gemini 3 Pro Image', 'nano-banana-pro-preview', 'gemini-3-pro-image-preview'],
    vendor: 'google',
    modality: 'image',
    description:
      "Google's flagship Gemini image model: polished, photoreal stills with strong text rendering and 4K output.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2026-05-28',
      replacements: [],
      source: GEMINI_DEPRECATIONS,
      note: 'GA id gemini-3-pro-image; the preview id gemini-3-pro-image-preview shut down 2026-06-25.',
    },
    image: {
      sizes: { kind: 'aspect' },
      aspectRatios: GEMINI_RATIOS,
      resolutions: [
        { name: '1K', longEdge: 1024 },
        { name: '2K', longEdge: 2048 },
        { name: '4K', longEdge: 4096 },
      ],
      maxImagesPerCall: 1,
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['png'],
      maxInputImages: 14,
      mask: false,
      seed: false,
      negativePrompt: false,
      source: GEMINI_IMAGE_CONFIG,
    },
    claimedLatency: { minSeconds: 8, maxSeconds: 12, condition: '1024×1024, on PicassoIA', source: SEEDS.nbpVsSora2Pro },
    scores: {
      realism: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      textRendering: { value: 5, source: SEEDS.gptImage2VsNbpScores },
      promptAdherence: { value: 4, source: SEEDS.nbpVsSora2Pro, note: 'seed 000 praises material and prompt accuracy; seed 001 rates it "moderate" against GPT Image 2' },
      editingFlexibility: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      consistency: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      speed: { value: 4, source: SEEDS.nbpVsSora2Pro, note: '8–12 s per 1024² image' },
      costEfficiency: { value: 4, source: SEEDS.gptImage2VsNbpScores },
      finalPolish: { value: 5, source: SEEDS.gptImage2VsNbpScores },
    },
    strengths: [
      { text: 'Pore-level skin texture and studio lighting precision in portraits', source: SEEDS.nbpVsSora2Pro },
      { text: 'Industry-leading text rendering and up to 4K output', source: SEEDS.gptImage2VsNbpScores },
      { text: 'Style consistency across a campaign from a palette and a reference', source: SEEDS.nbpVsSora2Pro },
    ],
    limitations: [
      { text: 'Camera movement and atmosphere feel static without explicit cinematic language', source: SEEDS.nbpVsSora2Pro },
      { text: 'No mask inpainting through the Gemini API', source: research('2.2', 'sdk') },
    ],
    bestFor: [
      { text: 'Polished final assets: product shots, portraits, architectural visuals', source: SEEDS.gptImage2VsNbpScores },
    ],
    avoidIf: [{ text: 'You only need the cheapest high-volume ideation', source: SEEDS.gptImage2VsNbpScores }],
    prompt: {
      template: '[Subject] [Action or Pose] in [Environment], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera'],
      maxWords: 80,
      tips: ['Name materials and light temperature; the model rewards physical detail.'],
      source: SEEDS.nbpVsSora2Pro,
    },
    moderation: { level: 'medium', source: SEEDS.gptImage2VsNbpScores },
    routes: [
      {
        provider: 'google',
        providerModelId: 'gemini-3-pro-image',
        status: 'active',
        price: {
          unit: 'token',
          ratesPerMillion: { textInput: usd('2.00'), imageInput: usd('2.00'), imageOutput: usd('120.00'), textOutput: usd('12.00') },
          outputImageTokens: {
            kind: 'table',
            tiers: [
              { when: { resolution: '1K' }, tokens: 1120 },
              { when: { resolution: '2K' }, tokens: 1120 },
              { when: { resolution: '4K' }, tokens: 2000 },
            ],
            source: GEMINI_PRICING,
          },
          inputImageTokens: 560,
          source: GEMINI_PRICING,
          note: '$0.134 per 1K/2K image, $0.24 per 4K image; an input image ≈ $0.0011.',
        },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/nano-banana-pro',
        status: 'active',
        price: {
          unit: 'image',
          tiers: [
            { when: {}, micros: usd('0.15') },
            { when: { resolution: '4K' }, micros: usd('0.30') },
          ],
          source: FAL_LIST,
        },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '$0.08 per image at standard resolution on PicassoIA',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.08') }], source: SEEDS.nbpVsSora2Pro },
        source: SEEDS.nbpVsSora2Pro,
      },
      {
        topic: 'price',
        text: '22 credits per image to start on Influencer Studio',
        price: { unit: 'credits', per: 'image', tiers: [{ when: {}, credits: 22 }], rate: null, source: SEEDS.gptImage2VsNbpScores },
        source: SEEDS.gptImage2VsNbpScores,
      },
      { topic: 'latency', text: '8–12 seconds for standard 1024×1024 outputs', latency: { minSeconds: 8, maxSeconds: 12 }, source: SEEDS.nbpVsSora2Pro },
      { topic: 'latency', text: 'Under 10 seconds; 6–10 seconds per image', latency: { minSeconds: 6, maxSeconds: 10 }, source: SEEDS.gptImage2VsNbp },
      { topic: 'engagement', text: 'Portraits receive 23% higher engagement on Instagram on average', source: SEEDS.nbpVsSora2Pro },
    ],
  },
];
