import { usd } from '../../money.ts';
import type { ImageCapabilities, ModelEntryInput, Price, Score, Source } from '../schema.ts';
import { COMFY_PRICING, LITELLM_PRICES, RESEARCH_DATE, SEEDS, research, src } from './sources.ts';

/*
 * Black Forest Labs: FLUX.2 ([pro], [max], [flex], [klein], open-weight [dev]) on the BFL API and
 * fal. Routes are the BFL endpoint paths (`POST /v1/<path>`). The FLUX.1 generation still on the
 * BFL API (Kontext, FLUX1.1 [pro] and Ultra, Fill) is in flux-1-hosted.ts.
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
export const BFL_GUIDE = src(
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
];
