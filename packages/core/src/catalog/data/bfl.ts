import { usd } from '../../money.ts';
import type { ImageCapabilities, ModelEntryInput, Price, Score, Source } from '../schema.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Black Forest Labs: FLUX.2 ([pro], [max], [flex], [klein], open-weight [dev]) and the FLUX.1
 * generation still on the BFL API. Routes are the BFL endpoint paths (`POST /v1/<path>`) and fal.
 *
 * FLUX.2 is billed per megapixel: first MP + each extra output MP + each input MP (BFL's formula).
 * A megapixel is 1024 × 1024 = 1,048,576 px and partial megapixels round up: Comfy's price badge
 * for these same BFL endpoints computes `outMP = max(1, ceil(w·h / 1024²))`, and responses seen in
 * public code agree (FLUX.2 [max] at 1024² billed 7 credits with output_mp 1; FLUX.2 [pro] with
 * output_mp 1.98 billed 4.5 credits = 3 + 1 × 1.5). BFL's own resolution table prints 1024² as
 * "1.05 MP", so the unit is decimal there but not in the bill. Input images use the same rule;
 * whether BFL rounds input MP up is not documented.
 *
 * Editorial scores use the bands in ./google.ts (cost per standard 1 MP image; speed by latency).
 */

const BFL_API = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/bfl-api/SKILL.md',
  '2026-02-03',
  'provider',
  "BFL's own API skill: endpoint paths, per-MP prices (1 credit = $0.01), reference-image limits",
);
const BFL_ENDPOINTS = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/bfl-api/references/endpoints.md',
  '2026-02-03',
  'provider',
  'width/height multiples of 16, min 64×64, max 4 MP; seed, safety_tolerance 0–5, output_format jpeg|png; input_image … input_image_8',
);
const BFL_PRICING = src(
  'https://docs.bfl.ai/quick_start/pricing.md',
  RESEARCH_DATE,
  'provider',
  'FLUX.2 "from" prices; FLUX.2 [dev] local only, no hosted API',
);
const BFL_GUIDE = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/rules/model-selection-guide.md',
  RESEARCH_DATE,
  'provider',
  "BFL's model selection guide: relative speed and quality per model",
);
const BFL_PROMPTING = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/SKILL.md',
  RESEARCH_DATE,
  'provider',
  'prompt formula; no negative prompts; quote text; hex colours',
);
const BFL_FLUX1 = src(
  'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/rules/flux1-models.md',
  RESEARCH_DATE,
  'provider',
  'FLUX.1 family is legacy; Kontext marked deprecated in favour of FLUX.2 with references',
);
const FLUX2_REPO = src(
  'https://github.com/black-forest-labs/flux2',
  RESEARCH_DATE,
  'provider',
  'FLUX.2 [dev] released 2025-11-25; [klein] 2026-01-15; sub-second generation on consumer GPUs',
);
const MP_ROUNDING = src(
  'https://github.com/comfyanonymous/ComfyUI/blob/master/comfy_api_nodes/nodes_bfl.py',
  RESEARCH_DATE,
  'third-party',
  'Flux2ProImageNode / Flux2MaxImageNode price badge: $MP := 1024 * 1024; outMP := max(1, ceil(w*h / $MP))',
);
const REPLICATE_FLUX2_PRO = src(
  'https://replicate.com/black-forest-labs/flux-2-pro/api',
  RESEARCH_DATE,
  'third-party',
  'up to 4 MP, maximum image size 2048×2048; at most 8 input images',
);
const APIYI_FLUX = src(
  'https://docs.apiyi.com/en/api-capabilities/flux/overview',
  RESEARCH_DATE,
  'reseller',
  'klein sub-second, pro under 10 s, max under 15 s, flex slower but more precise; native 4 MP (2048×2048)',
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

const judged = (value: number, note: string, ref: string = BFL_GUIDE.ref): Score => ({
  value,
  source: src(ref, RESEARCH_DATE, 'editorial'),
  note,
});

/** FLUX.2 megapixel price: first MP, then each extra output MP and each input MP (USD strings). */
function perMp(firstMp: string, perExtraMp: string, source: Source): Price {
  return {
    unit: 'megapixel',
    firstMpMicros: usd(firstMp),
    extraMpMicros: usd(perExtraMp),
    inputMpMicros: usd(perExtraMp),
    mpPixels: 1_048_576,
    rounding: 'up',
    source,
    note: `$${firstMp} for the first MP, $${perExtraMp} per extra output MP and per input MP; 1 MP = 1024² px, partial MP rounded up (see the file header).`,
  };
}

/** FLUX.2 output: any multiple-of-16 size up to 4 MP and 2048 px a side. */
function flux2Image(maxInputImages: number, note: string): ImageCapabilities {
  return {
    sizes: {
      kind: 'range',
      multipleOf: 16,
      minEdge: 64,
      maxEdge: 2048,
      minPixels: 64 * 64,
      maxPixels: 2048 * 2048,
      // No aspect limit is documented; 32:1 is what the edge limits alone allow.
      maxAspect: 32,
      presets: ['1024x1024', '1536x1152', '1152x1536', '2048x1024', '1024x2048', '2048x2048'],
    },
    aspectRatios: [],
    qualities: [],
    resolutions: [],
    maxImagesPerCall: 1,
    maxWidth: 2048,
    maxHeight: 2048,
    transparency: false,
    outputFormats: ['jpeg', 'png'],
    maxInputImages,
    mask: false,
    seed: true,
    negativePrompt: false,
    source: src(
      BFL_ENDPOINTS.ref,
      BFL_ENDPOINTS.asOf,
      'provider',
      `${BFL_ENDPOINTS.note}; 2048 px per side as on Replicate's FLUX.2 schema. ${note}`,
    ),
  };
}

const FLUX2_TIPS = [
  'Describe what you want: FLUX has no negative prompt.',
  'Put words to render in "quotes" and give colours as #RRGGBB with a name.',
  'Lighting has the biggest effect on quality: say where it comes from and how it falls.',
];

const FLUX2_PROMPT: ModelEntryInput['prompt'] = {
  template:
    '[Subject] [Action or Pose], [Style or Medium], [Context or Setting], [Lighting], [Camera and Technical]',
  parts: ['subject', 'action', 'style', 'environment', 'lighting', 'camera'],
  maxWords: 100,
  tips: FLUX2_TIPS,
  example:
    'A weathered fisherman in his 70s with a salt-and-pepper beard, wearing a navy cable-knit sweater, at the helm of his wooden boat. Golden hour sunlight from the left, rim lighting on his profile. Shot on Hasselblad, 85mm at f/2.8, harbour lights in soft bokeh. Kodak Portra 400 colour.',
  source: src(
    BFL_PROMPTING.ref,
    RESEARCH_DATE,
    'provider',
    "BFL's prompt formula and example; BFL accepts up to 32K tokens, so 100 words is an editorial soft cap",
  ),
};

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

export const bfl: ModelEntryInput[] = [
  {
    id: 'flux-2-pro',
    name: 'FLUX.2 [pro]',
    aliases: [
      'Flux 2 Pro',
      'FLUX.2 Pro',
      'Flux2 Pro',
      'black-forest-labs/flux-2-pro',
      'bfl/flux-2-pro',
    ],
    vendor: 'bfl',
    modality: 'image',
    description:
      "Black Forest Labs' production FLUX.2 model: precise micro-detail, accurate text and strict spatial adherence at per-megapixel prices.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2025-11-25',
      replacements: [],
      source: FLUX2_REPO,
      note: "FLUX.2 launch date from BFL's repo (the [dev] weights); a reseller's changelog lists the [pro] and [flex] APIs from 2025-11-26.",
    },
    image: flux2Image(8, 'Up to 8 reference images.'),
    scores: {
      realism: {
        value: 5,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'facial accuracy and hair strand detail Excellent, skin warmth Good',
      },
      textRendering: { value: 5, source: SEEDS.nb2VsFlux2Pro, note: 'text in image: Excellent' },
      promptAdherence: {
        value: 5,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'complex prompts Excellent, minimal prompts Good',
      },
      editingFlexibility: judged(
        4,
        'editing through up to 8 reference images; no mask input',
        BFL_API.ref,
      ),
      consistency: judged(
        4,
        'BFL recommends [max] or [pro] for character consistency across scenes',
      ),
      speed: { value: 3, source: SEEDS.nb2VsFlux2Pro, note: 'generation speed: Moderate' },
      costEfficiency: judged(
        4,
        "$0.03 for a 1 MP image (band ≤$0.04 → 4); seed 002 calls it the higher-cost option against Nano Banana 2, which BFL's list prices do not bear out",
        BFL_API.ref,
      ),
      finalPolish: {
        value: 5,
        source: SEEDS.nb2VsFlux2Pro,
        note: 'final delivery quality: Excellent',
      },
    },
    strengths: [
      {
        text: 'Micro-texture: fabric weave, hair strands, brushed metal and weathered surfaces',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        text: 'Readable signage, labels and short words with few distortions',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        text: 'Places elements where instructed in multi-subject scenes',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        text: 'Neutral colour science that adapts across creative uses',
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
    limitations: [
      { text: 'Can read literal or sterile on minimal prompts', source: SEEDS.nb2VsFlux2Pro },
      {
        text: 'Accurate rather than flattering skin tones; beauty work may need grading',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { text: 'No negative prompt and no mask input', source: BFL_PROMPTING },
      {
        text: 'At most 2048 px a side, so 4 MP is only reached at 1:1',
        source: REPLICATE_FLUX2_PRO,
      },
    ],
    bestFor: [
      {
        text: 'Close-up product photography, fashion editorial, architectural visualisation and prompts with readable text',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { text: 'Production marketing assets at scale', source: BFL_GUIDE },
    ],
    avoidIf: [{ text: 'You iterate on many quick, loose concepts', source: SEEDS.nb2VsFlux2Pro }],
    prompt: {
      template:
        '[Subject with detailed description] [Environment] [Precise lighting] [Camera lens and settings] [Material textures]',
      parts: ['subject', 'environment', 'lighting', 'camera', 'style'],
      maxWords: 100,
      tips: [
        'Name the lens and settings ("85mm f/1.8", "shot on medium format").',
        'Give light direction and quality ("volumetric morning light from camera-left").',
        'Add material descriptors ("knit wool with visible yarn texture").',
        'Run one careful generation rather than rapid-fire variations.',
        ...FLUX2_TIPS,
      ],
      example:
        'A woman in a tailored burgundy blazer seated at a marble desk, natural north-facing window light from the left, 85mm f/1.8 Canon L, warm skin tones with pore-level detail, cream linen shirt fabric texture, polished marble with visible veining, Kodak Portra 400 color science',
      source: src(
        SEEDS.nb2VsFlux2Pro.ref,
        RESEARCH_DATE,
        'seed',
        "seed 002's structure and example (~50 words, 'rewards specificity'); 100 words is an editorial soft cap; FLUX rules from BFL's prompting guide",
      ),
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-2-pro',
        status: 'active',
        price: perMp('0.03', '0.015', BFL_API),
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'Higher cost per image than Nano Banana 2',
        source: SEEDS.nb2VsFlux2Pro,
      },
      {
        topic: 'price',
        text: "Comfy's price badge for the BFL FLUX.2 endpoints counts 1 MP as 1024×1024 px and rounds output megapixels up",
        source: MP_ROUNDING,
      },
      {
        topic: 'latency',
        text: 'Generation speed "Moderate"; longer at maximum quality settings',
        source: SEEDS.nb2VsFlux2Pro,
      },
      { topic: 'latency', text: 'Under 10 seconds per image through APIYI', source: APIYI_FLUX },
      {
        topic: 'price',
        text: '$0.04 per image on Azure AI Foundry (azure_ai/flux.2-pro)',
        price: {
          unit: 'image',
          tiers: [{ when: {}, micros: usd('0.04') }],
          source: LITELLM_PRICES,
        },
        source: LITELLM_PRICES,
      },
      {
        topic: 'price',
        text: 'Comfy partner nodes: 6.33 credits for the first MP + 3.17 credits per further MP (211 credits = $1)',
        source: COMFY_PRICING,
      },
      {
        topic: 'other',
        text: "Sits above flux-2-dev and flux-2-flex in BFL's lineup, per PicassoIA",
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
  },
  {
    id: 'flux-2-max',
    name: 'FLUX.2 [max]',
    aliases: ['Flux 2 Max', 'FLUX.2 Max', 'black-forest-labs/flux-2-max', 'bfl/flux-2-max'],
    vendor: 'bfl',
    modality: 'image',
    description:
      "The top FLUX.2 tier: BFL's highest detail and coherence, multi-reference editing and grounding search for current events.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: { status: 'active', replacements: [], source: BFL_API },
    image: flux2Image(8, "Up to 8 reference images (BFL's guide says 8–10)."),
    scores: {
      realism: judged(
        5,
        'BFL: highest quality, best detail; seed 002 says it pushes quality beyond [pro] (5)',
      ),
      textRendering: judged(
        4.5,
        'BFL points typography work to [flex]; [max] is its highest-quality model overall',
      ),
      promptAdherence: judged(5, "BFL: best coherence; at least [pro]'s seed 002 'Excellent'"),
      editingFlexibility: judged(
        4.5,
        'multi-reference editing with up to 8–10 images; no mask input',
      ),
      consistency: judged(4.5, 'BFL recommends [max] first for character-consistent series'),
      speed: judged(
        2.5,
        "BFL ranks it the slowest FLUX.2 model; [pro] is 'Moderate' (3) in seed 002; a reseller reports under 15 s",
      ),
      costEfficiency: judged(3, '$0.07 for a 1 MP image (band ≤$0.08 → 3)', BFL_API.ref),
      finalPolish: judged(5, "BFL's choice for hero images and premium content"),
    },
    strengths: [
      { text: 'Maximum detail and coherence in the FLUX.2 line', source: BFL_GUIDE },
      {
        text: 'Grounding search brings in real-time web information (news, weather, places)',
        source: BFL_GUIDE,
      },
      {
        text: 'Pushes quality further than FLUX.2 [pro] for the most demanding projects',
        source: SEEDS.nb2VsFlux2Pro,
      },
    ],
    limitations: [
      { text: 'The slowest and most expensive FLUX.2 model', source: BFL_GUIDE },
      { text: 'No negative prompt and no mask input', source: BFL_PROMPTING },
    ],
    bestFor: [
      { text: 'Hero images, key visuals and character reference sheets', source: BFL_GUIDE },
    ],
    avoidIf: [{ text: 'Volume work where [pro] or [klein] is good enough', source: BFL_GUIDE }],
    prompt: FLUX2_PROMPT,
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-2-max',
        status: 'active',
        price: perMp('0.07', '0.03', BFL_API),
      },
    ],
    claims: [
      { topic: 'latency', text: 'Under 15 seconds per image through APIYI', source: APIYI_FLUX },
      {
        topic: 'price',
        text: 'Comfy partner nodes: 14.77 credits for the first MP + 6.33 credits per further MP (211 credits = $1)',
        source: COMFY_PRICING,
      },
    ],
  },
  {
    id: 'flux-2-flex',
    name: 'FLUX.2 [flex]',
    aliases: ['Flux 2 Flex', 'FLUX.2 Flex', 'black-forest-labs/flux-2-flex', 'bfl/flux-2-flex'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'FLUX.2 with adjustable steps and guidance, tuned for typography: posters, signage, UI mockups and infographics.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: {
      status: 'active',
      released: '2025-11-25',
      replacements: [],
      source: FLUX2_REPO,
      note: "FLUX.2 launch date from BFL's repo (the [dev] weights); a reseller's changelog lists the [pro] and [flex] APIs from 2025-11-26.",
    },
    image: flux2Image(
      8,
      'Up to 8 reference images; steps 1–50 (default 50) and guidance 1.5–10 (default 4.5).',
    ),
    scores: {
      realism: judged(4.5, "BFL rates its quality 'High (text)', specialised for typography"),
      textRendering: judged(
        5,
        "BFL: 'Best text rendering' — its pick whenever text must be readable",
      ),
      promptAdherence: judged(
        4.5,
        'same family as [pro] (seed 002: Excellent on complex prompts); no separate rating',
      ),
      editingFlexibility: judged(
        4,
        'up to 8 reference images plus steps/guidance control; no mask',
      ),
      consistency: judged(4, 'multi-reference support as [pro]'),
      speed: judged(2.5, "BFL: 'Medium'; a reseller calls it slower than [pro] at full steps"),
      costEfficiency: judged(
        3.5,
        '$0.05 for a 1 MP image (band ≤$0.06 → 3.5); extra MP cost as much as the first',
        BFL_API.ref,
      ),
      finalPolish: judged(4.5, 'high quality with the most control over the final look'),
    },
    strengths: [
      {
        text: 'Best FLUX text rendering: signage, posters, UI mockups, infographics',
        source: BFL_GUIDE,
      },
      { text: 'Steps and guidance can be tuned per request', source: BFL_ENDPOINTS },
      { text: 'Flexible parameter control for experimental work', source: SEEDS.nb2VsFlux2Pro },
    ],
    limitations: [
      {
        text: 'Every extra megapixel costs as much as the first ($0.05), so large sizes get expensive',
        source: BFL_API,
      },
      { text: 'No negative prompt and no mask input', source: BFL_PROMPTING },
    ],
    bestFor: [
      {
        text: 'Typography, signage and text overlays (e.g. a text pass over a [max] base image)',
        source: BFL_GUIDE,
      },
    ],
    avoidIf: [
      {
        text: 'Large outputs on a budget: per-MP cost does not fall after the first MP',
        source: BFL_API,
      },
    ],
    prompt: {
      ...FLUX2_PROMPT,
      parts: ['subject', 'text', 'style', 'environment', 'lighting'],
      tips: [
        ...FLUX2_TIPS,
        'Raise steps (up to 50) and guidance for crisper lettering; lower them for drafts.',
      ],
    },
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-2-flex',
        status: 'active',
        price: perMp('0.05', '0.05', BFL_API),
      },
    ],
    claims: [
      {
        topic: 'price',
        text: 'fal lists fal-ai/flux-2-flex at $0.05 per megapixel (infr.sh)',
        source: research('3.9', 'third-party'),
      },
    ],
  },
  {
    id: 'flux-2-klein-9b',
    name: 'FLUX.2 [klein] 9B',
    aliases: ['Flux 2 Klein 9B', 'FLUX.2 klein 9B', 'black-forest-labs/flux-2-klein-9b'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'The larger FLUX.2 [klein]: sub-second generation and editing with better quality than 4B, for previews and high volume.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: { status: 'active', released: '2026-01-15', replacements: [], source: FLUX2_REPO },
    image: flux2Image(4, 'Up to 4 reference images.'),
    scores: {
      realism: judged(3.5, "BFL rates its quality 'Good: fast, slightly less detail'"),
      textRendering: judged(3.5, 'no text rating in the sources; below [flex]/[pro]'),
      promptAdherence: judged(4, 'no rating in the sources; 9B Qwen3-based text encoder'),
      editingFlexibility: judged(3.5, 'editing with up to 4 reference images; no mask'),
      consistency: judged(3.5, 'fewer references (4) than [pro]/[max] (8)'),
      speed: judged(5, 'sub-second generation (BFL repo); BFL: Very Fast', FLUX2_REPO.ref),
      costEfficiency: judged(5, '$0.015 for a 1 MP image (band ≤$0.015 → 5)', BFL_API.ref),
      finalPolish: judged(3.5, 'better-quality previews rather than final assets'),
    },
    strengths: [
      { text: 'Sub-second generation and editing', source: FLUX2_REPO },
      {
        text: 'Among the cheapest FLUX.2 calls: 1.5¢ for the first MP, 0.2¢ per extra MP',
        source: BFL_API,
      },
    ],
    limitations: [
      { text: 'At most 4 reference images', source: BFL_API },
      { text: 'Open weights are non-commercial (the hosted API is not)', source: FLUX2_REPO },
    ],
    bestFor: [
      {
        text: 'High-volume drafts and fast edit iterations with better quality than 4B',
        source: BFL_GUIDE,
      },
    ],
    avoidIf: [{ text: 'Final hero assets', source: BFL_GUIDE }],
    prompt: FLUX2_PROMPT,
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-2-klein-9b',
        status: 'active',
        price: perMp('0.015', '0.002', BFL_API),
      },
    ],
    claims: [{ topic: 'latency', text: 'Sub-second generation through APIYI', source: APIYI_FLUX }],
  },
  {
    id: 'flux-2-klein-4b',
    name: 'FLUX.2 [klein] 4B',
    aliases: ['Flux 2 Klein 4B', 'FLUX.2 klein 4B', 'black-forest-labs/flux-2-klein-4b'],
    vendor: 'bfl',
    modality: 'image',
    description:
      'The fastest, cheapest FLUX.2: sub-second previews and edits, with Apache-2.0 open weights.',
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: { status: 'active', released: '2026-01-15', replacements: [], source: FLUX2_REPO },
    image: flux2Image(4, 'Up to 4 reference images.'),
    scores: {
      realism: judged(3, "BFL rates its quality 'Moderate: fastest, preview quality'"),
      textRendering: judged(3, 'no text rating in the sources; preview-quality model'),
      promptAdherence: judged(3.5, 'no rating in the sources'),
      editingFlexibility: judged(3.5, 'editing with up to 4 reference images; no mask'),
      consistency: judged(3, 'fewer references (4); preview quality'),
      speed: judged(5, 'sub-second generation (BFL repo); BFL: Fastest', FLUX2_REPO.ref),
      costEfficiency: judged(5, '$0.014 for a 1 MP image (band ≤$0.015 → 5)', BFL_API.ref),
      finalPolish: judged(3, "preview quality by BFL's own description"),
    },
    strengths: [
      {
        text: 'The fastest FLUX model: sub-second, runs on consumer GPUs (~8 GB VRAM)',
        source: FLUX2_REPO,
      },
      { text: 'Cheapest FLUX.2 call: 1.4¢ for the first MP, 0.1¢ per extra MP', source: BFL_API },
      { text: 'Apache-2.0 open weights', source: FLUX2_REPO },
    ],
    limitations: [
      { text: 'Preview quality, less detail than the larger models', source: BFL_GUIDE },
      { text: 'At most 4 reference images', source: BFL_API },
    ],
    bestFor: [{ text: 'Rapid prototyping, mood boards and real-time apps', source: BFL_GUIDE }],
    avoidIf: [{ text: 'Anything that ships as a final asset', source: BFL_GUIDE }],
    prompt: FLUX2_PROMPT,
    routes: [
      {
        provider: 'bfl',
        providerModelId: 'flux-2-klein-4b',
        status: 'active',
        price: perMp('0.014', '0.001', BFL_API),
      },
    ],
  },
  {
    id: 'flux-2-dev',
    name: 'FLUX.2 [dev]',
    aliases: [
      'Flux 2 Dev',
      'FLUX.2 Dev',
      'black-forest-labs/FLUX.2-dev',
      'black-forest-labs/flux-2-dev',
    ],
    vendor: 'bfl',
    modality: 'image',
    description:
      "FLUX.2's 32B open-weight model for local generation and multi-reference editing; non-commercial licence, no hosted BFL API.",
    tasks: ['text-to-image', 'edit', 'multi-image-reference'],
    lifecycle: { status: 'active', released: '2025-11-25', replacements: [], source: FLUX2_REPO },
    image: flux2Image(
      8,
      'Request limits of the hosted FLUX.2 models, assumed for [dev] hosts; BFL serves [dev] only as weights.',
    ),
    scores: {
      realism: judged(
        4,
        "BFL's repo recommends it for 'maximum quality, no latency constraints' among open weights",
        FLUX2_REPO.ref,
      ),
      textRendering: judged(4, 'no text rating in the sources; same FLUX.2 family'),
      promptAdherence: judged(
        4,
        'no rating in the sources; benefits from prompt upsampling (BFL repo)',
        FLUX2_REPO.ref,
      ),
      editingFlexibility: judged(
        4,
        'single- and multi-reference editing in the open model',
        FLUX2_REPO.ref,
      ),
      consistency: judged(4, 'multi-reference editing; seedable locally'),
      speed: judged(
        2,
        '32B parameters; BFL notes it needs H100-class hardware at full precision',
        FLUX2_REPO.ref,
      ),
      costEfficiency: judged(
        4.5,
        'free weights but no hosted BFL price; a third-party note puts fal-ai/flux-2 at about $0.012 per image',
        BFL_PRICING.ref,
      ),
      finalPolish: judged(
        4,
        "strong open-weight quality, below the hosted [pro]/[max] in BFL's lineup",
      ),
    },
    strengths: [
      { text: 'Open weights: local generation, LoRA training and fine-tuning', source: FLUX2_REPO },
      {
        text: 'Text-to-image plus single- and multi-reference editing in one model',
        source: FLUX2_REPO,
      },
    ],
    limitations: [
      { text: 'No hosted BFL API: "Local only"', source: BFL_PRICING },
      { text: 'FLUX.2-dev Non-Commercial License', source: FLUX2_REPO },
      { text: 'Needs H100-class VRAM unless quantised', source: FLUX2_REPO },
    ],
    bestFor: [{ text: 'Local development, research and fine-tuning', source: BFL_GUIDE }],
    avoidIf: [{ text: 'Commercial output without a separate licence', source: FLUX2_REPO }],
    prompt: FLUX2_PROMPT,
    routes: [],
    unpricedReason:
      'BFL offers no hosted API for FLUX.2 [dev] ("Local only"); fal hosts it as fal-ai/flux-2, but the only price found (~$0.012 per image) is a third-party estimate, not a list price.',
    claims: [
      {
        topic: 'price',
        text: 'fal hosts FLUX.2 [dev] as fal-ai/flux-2 at about $0.012 per image',
        source: research('3.1', 'third-party', '3rd-party research note'),
      },
    ],
  },
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
