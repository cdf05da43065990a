import { usd } from '../../money.ts';
import type { ImageCapabilities, ModelEntryInput, Score } from '../schema.ts';
import { BFL_GUIDE } from './bfl.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * The FLUX.1 generation still on Black Forest Labs' API (and fal): Kontext [pro] and [max],
 * FLUX1.1 [pro] and [pro] Ultra, and Fill [pro], billed per image. FLUX.2 is in bfl.ts, the
 * open-weight FLUX.1 models in flux-1.ts. Editorial bands as in ./google.ts.
 */

const BFL_FLUX1 = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/rules/flux1-models.md',
  RESEARCH_DATE,
  'provider',
  'FLUX.1 family is legacy; Kontext marked deprecated in favour of FLUX.2 with references',
);

const APIYI_KONTEXT = src(
  'https://docs.apiyi.com/en/api-capabilities/flux-image-generation',
  RESEARCH_DATE,
  'reseller',
  'Kontext: continuous aspect ratios 3:7 to 7:3, about 1 megapixel output',
);

const COMFY_FLUX1_NODES = src(
  'https://github.com/comfyanonymous/ComfyUI/blob/master/comfy_api_nodes/nodes_bfl.py',
  RESEARCH_DATE,
  'third-party',
  'FLUX1.1 [pro]: width/height 256–1440 in steps of 32; Ultra: aspect ratio between 1:4 and 4:1, raw mode; Fill: steps 15–50, guidance 1.5–100',
);

const FLUX1_PRICES = src(
  LITELLM_PRICES.ref,
  LITELLM_PRICES.asOf,
  'price-map',
  'black_forest_labs/*: Kontext pro $0.04, Kontext max $0.08, FLUX1.1 pro $0.04, Ultra $0.06, Fill $0.05 (source bfl.ai/pricing); BFL skill agrees',
);

const FAL_LIST = research(
  '3.9',
  'provider',
  'fal llms.txt / pricing API list prices, 2026-10-01; LiteLLM fal_ai/* agrees for FLUX1.1 [pro] and Ultra',
);

/** An editorial score: Atelier's judgement, with the facts it rests on in `note`. */
const judged = (value: number, note: string, ref: string = BFL_GUIDE.ref): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

const KONTEXT_TIPS = [
  'Say explicitly what must NOT change (composition, pose, style).',
  'Start with a simple edit and build complexity over several passes.',
  'For text, describe the wording in quotes, its placement and how it sits in the scene.',
];

const KONTEXT_PROMPT: ModelEntryInput['prompt'] = {
  template: '[Edit instruction], keeping [what must not change]',
  parts: ['subject', 'action', 'style'],
  maxWords: 60,
  tips: KONTEXT_TIPS,
  example:
    "Change the setting to nighttime while maintaining the exact same composition and the painting's artistic style",
  source: src(
    BFL_FLUX1.ref,
    RESEARCH_DATE,
    'provider',
    "BFL's Kontext guidance (simple, direct instructions); 60 words is an editorial cap",
  ),
};

const KONTEXT_RATIOS = ['3:7', '9:16', '2:3', '3:4', '1:1', '4:3', '3:2', '16:9', '7:3'];

function kontextImage(maxInputImages: number): ImageCapabilities {
  return {
    sizes: { kind: 'aspect' },
    aspectRatios: KONTEXT_RATIOS,
    qualities: [],
    resolutions: [],
    maxImagesPerCall: 1,
    // About 1 MP at the widest 7:3 ratio.
    maxWidth: 1536,
    maxHeight: 1536,
    transparency: false,
    outputFormats: ['jpeg', 'png'],
    maxInputImages,
    mask: false,
    seed: true,
    negativePrompt: false,
    source: src(
      APIYI_KONTEXT.ref,
      RESEARCH_DATE,
      'reseller',
      `${APIYI_KONTEXT.note}; reference limits from BFL's FLUX.1 guide`,
    ),
  };
}

export const flux1Hosted: ModelEntryInput[] = [
  {
    id: 'flux-1-kontext-pro',
    name: 'FLUX.1 Kontext [pro]',
    aliases: [
      'FLUX.1 Kontext',
      'Flux Kontext',
      'Flux Kontext Pro',
      'flux-kontext-pro',
      'black-forest-labs/flux-kontext-pro',
    ],
    vendor: 'bfl',
    modality: 'image',
    description:
      "BFL's context-aware editing model: instruction edits that keep the rest of the image intact, at a flat price.",
    tasks: ['edit', 'text-to-image'],
    lifecycle: {
      status: 'deprecated',
      replacements: ['flux-2-pro'],
      source: BFL_FLUX1,
      note: 'BFL marks Kontext deprecated in its own guidance ("use FLUX.2 models with reference images instead"); the endpoint is still priced and no shutdown date is announced.',
    },
    image: kontextImage(1),
    scores: {
      realism: judged(4, 'about 1 MP output; no benchmark in the sources', BFL_FLUX1.ref),
      textRendering: judged(4, 'BFL shows Kontext adding and editing in-scene text', BFL_FLUX1.ref),
      promptAdherence: judged(4, 'simple, direct edit instructions work best (BFL)', BFL_FLUX1.ref),
      editingFlexibility: judged(
        4.5,
        'context-aware edits that preserve unedited regions; style transfer; no mask needed',
        BFL_FLUX1.ref,
      ),
      consistency: judged(4, 'keeps composition and unedited areas across passes', BFL_FLUX1.ref),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(4, '$0.04 per image (band ≤$0.04 → 4)', FLUX1_PRICES.ref),
      finalPolish: judged(3.5, 'about 1 MP output', APIYI_KONTEXT.ref),
    },
    strengths: [
      {
        text: 'Understands image context and preserves what you did not ask to change',
        source: BFL_FLUX1,
      },
      {
        text: 'Style transfer and object modification from a plain instruction',
        source: BFL_FLUX1,
      },
    ],
    limitations: [
      {
        text: 'BFL recommends FLUX.2 with reference images instead: better quality and speed',
        source: BFL_FLUX1,
      },
      { text: 'About 1 MP output, aspect ratios 3:7 to 7:3', source: APIYI_KONTEXT },
    ],
    bestFor: [
      { text: 'Incremental, instruction-driven edits of a single image', source: BFL_FLUX1 },
    ],
    avoidIf: [{ text: 'New work: FLUX.2 [pro] edits better', source: BFL_FLUX1 }],
    prompt: KONTEXT_PROMPT,
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-kontext-pro',
        status: 'deprecated',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source: FLUX1_PRICES },
        note: "BFL's skill shows /v1/flux-kontext; public code calls /v1/flux-kontext-pro.",
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux-pro/kontext',
        status: 'deprecated',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source: FAL_LIST },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'Comfy partner nodes: 8.44 credits per image (211 credits = $1)',
        price: {
          unit: 'credits',
          per: 'image',
          tiers: [{ when: {}, credits: 8.44 }],
          rate: { credits: 211, micros: usd('1') },
          source: COMFY_PRICING,
        },
        source: COMFY_PRICING,
      },
      {
        topic: 'price',
        text: '$0.035 per call through APIYI',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.035') }],
          source: APIYI_KONTEXT,
        },
        source: APIYI_KONTEXT,
      },
    ],
  },
  {
    id: 'flux-1-kontext-max',
    name: 'FLUX.1 Kontext [max]',
    aliases: ['Flux Kontext Max', 'flux-kontext-max', 'black-forest-labs/flux-kontext-max'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'The stronger FLUX.1 Kontext: multi-reference, context-aware editing with the best consistency of the FLUX.1 line.',
    tasks: ['edit', 'text-to-image', 'multi-image-reference'],
    lifecycle: {
      status: 'deprecated',
      replacements: ['flux-2-max'],
      source: BFL_FLUX1,
      note: 'BFL marks Kontext legacy: "use FLUX.2 [max] with references instead"; still priced, no shutdown date announced.',
    },
    // input_image plus input_image_2 … input_image_4 (BFL's Kontext reference, 2026-12).
    image: kontextImage(4),
    scores: {
      realism: judged(4.5, 'higher tier of Kontext; about 1 MP output', BFL_FLUX1.ref),
      textRendering: judged(4, 'in-scene text editing as Kontext [pro]', BFL_FLUX1.ref),
      promptAdherence: judged(
        4.5,
        'natural-language references across images (BFL)',
        BFL_FLUX1.ref,
      ),
      editingFlexibility: judged(
        5,
        'context-aware edits with up to 10 reference images',
        BFL_FLUX1.ref,
      ),
      consistency: judged(4.5, "BFL: 'best editing consistency across references'", BFL_FLUX1.ref),
      speed: judged(3, 'no latency source; BFL caps it at 6 concurrent requests', BFL_GUIDE.ref),
      costEfficiency: judged(3, '$0.08 per image (band ≤$0.08 → 3)', FLUX1_PRICES.ref),
      finalPolish: judged(4, 'about 1 MP output', APIYI_KONTEXT.ref),
    },
    strengths: [
      {
        text: 'Up to 10 reference images with the best editing consistency of FLUX.1',
        source: BFL_FLUX1,
      },
      {
        text: 'Composes scenes from several images described in plain language',
        source: BFL_FLUX1,
      },
    ],
    limitations: [
      { text: 'Rate limit of 6 concurrent requests (24 for most endpoints)', source: BFL_GUIDE },
      { text: 'BFL recommends FLUX.2 [max] with references instead', source: BFL_FLUX1 },
    ],
    bestFor: [
      {
        text: 'Character consistency across scenes built from several references',
        source: BFL_FLUX1,
      },
    ],
    avoidIf: [{ text: 'High-throughput pipelines (6 concurrent requests)', source: BFL_GUIDE }],
    prompt: {
      ...KONTEXT_PROMPT,
      tips: [
        ...KONTEXT_TIPS,
        'Refer to inputs by number: "the person from image 1 in the cafe from image 2".',
      ],
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-kontext-max',
        status: 'deprecated',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.08') }], source: FLUX1_PRICES },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: '$0.07 per call through APIYI',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.07') }], source: APIYI_KONTEXT },
        source: APIYI_KONTEXT,
      },
    ],
  },
  {
    id: 'flux-1-1-pro',
    name: 'FLUX1.1 [pro]',
    aliases: [
      'FLUX 1.1 Pro',
      'Flux 1.1 Pro',
      'FLUX.1.1 [pro]',
      'flux-pro-1.1',
      'black-forest-labs/flux-1.1-pro',
    ],
    vendor: 'bfl',
    modality: 'image',
    description:
      "BFL's previous-generation text-to-image workhorse: fast, reliable prompt adherence at a flat $0.04.",
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: BFL_FLUX1,
      note: 'BFL calls FLUX1.1 [pro] legacy and points to FLUX.2 [pro]; no deprecation date is announced.',
    },
    image: {
      sizes: {
        kind: 'range',
        multipleOf: 32,
        minEdge: 256,
        maxEdge: 1440,
        minPixels: 256 * 256,
        maxPixels: 1440 * 1440,
        // No aspect limit is documented; the edge limits allow 1440:256.
        maxAspect: 5.625,
        presets: ['1024x1024', '1024x768', '768x1024'],
      },
      maxImagesPerCall: 1,
      maxWidth: 1440,
      maxHeight: 1440,
      transparency: false,
      outputFormats: ['jpeg', 'png'],
      maxInputImages: 1,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: src(
        COMFY_FLUX1_NODES.ref,
        RESEARCH_DATE,
        'third-party',
        'width/height 256–1440 in steps of 32 (default 1024×768); one optional image_prompt (Redux) to steer composition',
      ),
    },
    scores: {
      realism: judged(4, 'production-grade FLUX.1 output; below FLUX.2 per BFL', BFL_FLUX1.ref),
      textRendering: judged(
        3,
        'no text rating; BFL moved typography work to FLUX.2 [flex]',
        BFL_FLUX1.ref,
      ),
      promptAdherence: judged(4, "BFL: 'strong prompt adherence'", BFL_FLUX1.ref),
      editingFlexibility: judged(
        1.5,
        'no edit endpoint; one image_prompt can steer composition',
        COMFY_FLUX1_NODES.ref,
      ),
      consistency: judged(3.5, "BFL: 'consistent, reliable results'", BFL_FLUX1.ref),
      speed: judged(4, "BFL: 'fast and reliable'; no latency figure", BFL_FLUX1.ref),
      costEfficiency: judged(4, '$0.04 per image (band ≤$0.04 → 4)', FLUX1_PRICES.ref),
      finalPolish: judged(3.5, 'up to 1440 px per side', COMFY_FLUX1_NODES.ref),
    },
    strengths: [
      {
        text: 'Strong prompt adherence with consistent, reliable results at volume',
        source: BFL_FLUX1,
      },
      { text: 'Flat $0.04 per image regardless of size', source: FLUX1_PRICES },
    ],
    limitations: [
      { text: 'Legacy: BFL recommends FLUX.2 [pro] instead', source: BFL_FLUX1 },
      { text: 'At most 1440 px per side', source: COMFY_FLUX1_NODES },
    ],
    bestFor: [
      { text: 'Existing pipelines that want a flat per-image FLUX price', source: FLUX1_PRICES },
    ],
    avoidIf: [
      { text: 'New work: FLUX.2 [pro] is better and about as cheap at 1 MP', source: BFL_FLUX1 },
    ],
    prompt: {
      template: '[Subject] [Action], [Setting], [Lighting], [Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'style'],
      maxWords: 80,
      tips: [
        'Standard descriptive prompts with a clear subject and style.',
        'Describe what you want: FLUX has no negative prompt.',
      ],
      example:
        'A golden retriever puppy playing in autumn leaves, warm afternoon sunlight, shallow depth of field with bokeh background, joyful expression, professional pet photography style',
      source: src(
        BFL_FLUX1.ref,
        RESEARCH_DATE,
        'provider',
        "BFL's FLUX1.1 [pro] guidance and example; 80 words is an editorial cap",
      ),
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-pro-1.1',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source: FLUX1_PRICES },
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux-pro/v1.1',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.04') }], source: FAL_LIST },
      },
    ],
  },
  {
    id: 'flux-1-1-pro-ultra',
    name: 'FLUX1.1 [pro] Ultra',
    aliases: [
      'FLUX 1.1 Pro Ultra',
      'Flux 1.1 Pro Ultra',
      'flux-1.1-pro-ultra',
      'flux-pro-1.1-ultra',
      'black-forest-labs/flux-1.1-pro-ultra',
    ],
    vendor: 'bfl',
    modality: 'image',
    description:
      'FLUX1.1 [pro] at about 4 megapixels, with a raw mode for candid, less processed photography.',
    tasks: ['text-to-image'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: BFL_FLUX1,
      note: 'Part of the FLUX.1 generation BFL calls legacy; no deprecation date is announced.',
    },
    image: {
      sizes: { kind: 'aspect' },
      // BFL's reference: "between 21:9 and 9:21" (1:4 and 4:1 are refused).
      aspectRatios: ['9:21', '9:16', '2:3', '3:4', '1:1', '4:3', '3:2', '16:9', '21:9'],
      maxImagesPerCall: 1,
      // About 4 MP.
      maxWidth: 4096,
      maxHeight: 4096,
      transparency: false,
      outputFormats: ['jpeg', 'png'],
      maxInputImages: 1,
      mask: false,
      seed: true,
      negativePrompt: false,
      source: src(
        COMFY_FLUX1_NODES.ref,
        RESEARCH_DATE,
        'third-party',
        'aspect ratio between 1:4 and 4:1, raw mode, one image_prompt; about 4 MP output per APIYI',
      ),
    },
    scores: {
      realism: judged(
        4.5,
        'raw mode for natural, less processed photographs; ~4 MP',
        COMFY_FLUX1_NODES.ref,
      ),
      textRendering: judged(3, 'no text rating in the sources'),
      promptAdherence: judged(4, 'FLUX1.1 [pro] base; no separate rating', BFL_FLUX1.ref),
      editingFlexibility: judged(
        1.5,
        'no edit endpoint; one image_prompt with a strength blend',
        COMFY_FLUX1_NODES.ref,
      ),
      consistency: judged(3.5, 'seedable; no reference-image editing'),
      speed: judged(3.5, 'no latency source; larger output than FLUX1.1 [pro]'),
      costEfficiency: judged(3.5, '$0.06 per image (band ≤$0.06 → 3.5)', FLUX1_PRICES.ref),
      finalPolish: judged(
        4.5,
        "seed 002: 'one of the strongest options' for ultra-high-resolution output",
        SEEDS.nb2VsFlux2Pro.ref,
      ),
    },
    strengths: [
      {
        text: 'One of the strongest options for ultra-high-resolution output',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { text: 'Raw mode for a candid, natural photographic look', source: COMFY_FLUX1_NODES },
      { text: 'Flat $0.06 for about 4 MP', source: FLUX1_PRICES },
    ],
    limitations: [
      {
        text: 'Text-to-image only; one image prompt, no reference editing',
        source: COMFY_FLUX1_NODES,
      },
      { text: 'Legacy FLUX.1 generation', source: BFL_FLUX1 },
    ],
    bestFor: [
      { text: 'Large prints and wide formats at a flat price', source: SEEDS.nb2VsFlux2Pro },
    ],
    avoidIf: [{ text: 'You need editing or multi-reference control', source: BFL_FLUX1 }],
    prompt: {
      template: '[Subject] [Action], [Setting], [Lighting], [Camera and Style]',
      parts: ['subject', 'action', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 80,
      tips: [
        'Use raw mode for candid photography; leave it off for polished, stylised looks.',
        'Describe what you want: FLUX has no negative prompt.',
      ],
      source: src(
        BFL_FLUX1.ref,
        RESEARCH_DATE,
        'provider',
        "BFL's FLUX1.1 [pro] guidance; raw mode per Comfy's BFL node; 80 words is an editorial cap",
      ),
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-pro-1.1-ultra',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.06') }], source: FLUX1_PRICES },
        note: 'raw: true selects raw mode at the same price.',
      },
      {
        provider: 'fal',
        providerModelId: 'fal-ai/flux-pro/v1.1-ultra',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.06') }], source: FAL_LIST },
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'Comfy partner nodes: 12.66 credits per image (211 credits = $1)',
        price: {
          unit: 'credits',
          per: 'image',
          tiers: [{ when: {}, credits: 12.66 }],
          rate: { credits: 211, micros: usd('1') },
          source: COMFY_PRICING,
        },
        source: COMFY_PRICING,
      },
    ],
  },
  {
    id: 'flux-1-fill-pro',
    name: 'FLUX.1 Fill [pro]',
    aliases: ['Flux Fill', 'Flux Fill Pro', 'FLUX.1 Fill', 'flux-pro-1.0-fill', 'flux-fill'],
    vendor: 'bfl',
    modality: 'image',
    description:
      "BFL's mask inpainting model: removes objects and fills masked areas with matching texture and light.",
    tasks: ['mask-inpainting', 'edit'],
    lifecycle: {
      status: 'active',
      replacements: [],
      source: BFL_FLUX1,
      note: 'BFL keeps Fill as the FLUX.1 model that is "still useful" for inpainting.',
    },
    image: {
      sizes: { kind: 'aspect' },
      maxImagesPerCall: 1,
      maxWidth: 2048,
      maxHeight: 2048,
      transparency: false,
      outputFormats: ['jpeg', 'png'],
      maxInputImages: 1,
      mask: true,
      seed: true,
      negativePrompt: false,
      source: src(
        COMFY_FLUX1_NODES.ref,
        RESEARCH_DATE,
        'third-party',
        'image + mask, steps 15–50, guidance 1.5–100; output follows the input image (Comfy downsizes inputs to 2048² pixels)',
      ),
    },
    scores: {
      realism: judged(4, 'texture-aware fills that blend seamlessly (BFL)', BFL_FLUX1.ref),
      textRendering: judged(2.5, 'not meant for typography'),
      promptAdherence: judged(
        3.5,
        'follows a short description of what fills the mask',
        BFL_FLUX1.ref,
      ),
      editingFlexibility: judged(
        4.5,
        'true mask inpainting, object removal and completion',
        BFL_FLUX1.ref,
      ),
      consistency: judged(3.5, 'keeps everything outside the mask'),
      speed: judged(3.5, 'no latency source'),
      costEfficiency: judged(3.5, '$0.05 per image (band ≤$0.06 → 3.5)', FLUX1_PRICES.ref),
      finalPolish: judged(3.5, 'output follows the input image'),
    },
    strengths: [
      { text: 'Clean object removal with texture-aware, seamless fills', source: BFL_FLUX1 },
      { text: 'The only FLUX model with a mask input', source: BFL_GUIDE },
    ],
    limitations: [
      { text: 'Needs an input image and a mask; no text-to-image', source: COMFY_FLUX1_NODES },
    ],
    bestFor: [
      { text: 'Removing unwanted objects and completing partial images', source: BFL_FLUX1 },
    ],
    avoidIf: [
      { text: 'Open-ended edits without a mask: use FLUX.2 with references', source: BFL_GUIDE },
    ],
    prompt: {
      template:
        'Fill with [what belongs in the masked area], matching [surrounding texture and light]',
      parts: ['subject', 'environment', 'lighting'],
      maxWords: 40,
      tips: [
        'Describe what should fill the area, not what to remove.',
        'Mention the surrounding texture and lighting so the fill blends.',
      ],
      example: 'Fill with continuation of the brick wall texture and ivy',
      source: src(
        BFL_FLUX1.ref,
        RESEARCH_DATE,
        'provider',
        "BFL's Fill guidance and examples; 40 words is an editorial cap",
      ),
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-pro-1.0-fill',
        status: 'active',
        price: { unit: 'image', tiers: [{ when: {}, micros: usd('0.05') }], source: FLUX1_PRICES },
      },
    ],
  },
];
