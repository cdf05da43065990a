import { z } from 'zod';

/**
 * The catalog schema: one entry per model, each fact with its source and as-of date.
 * Money fields are integer micro-USD (see ../money.ts); data files write them with usd("0.039").
 */

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/**
 * Where a fact comes from. `ref` is a seed file ("seeds/000_62a5d1837332ffeb.txt"), a research
 * file ("research/provider-facts.md#3.1"), or a URL. `kind` says how much weight it carries:
 * provider docs outrank a price map, which outranks a reseller page or a blog.
 */
export const SourceKind = z.enum([
  'provider', // the provider's own docs, model page or pricing page
  'sdk', // the provider's official SDK source
  'price-map', // a maintained machine-readable price list (LiteLLM)
  'reseller', // a reseller's or gateway's list price (fal list prices are 'provider' for fal routes)
  'seed', // one of the articles the product grew from: claims of that source
  'third-party', // blogs, community threads, catalogs
  'derived', // computed from other sourced facts by a stated formula
  'editorial', // Atelier's own judgement, grounded on the sources named in `note`
]);
export type SourceKind = z.infer<typeof SourceKind>;

export const Source = z
  .object({
    ref: z
      .string()
      .regex(
        /^(https?:\/\/\S+|seeds\/\d{3}_[0-9a-f]+\.txt|research\/[\w.-]+(#\S+)?)$/,
        'a URL, a seed file (seeds/NNN_hash.txt) or a research file (research/name#section)',
      ),
    asOf: IsoDate,
    kind: SourceKind,
    note: z.string().optional(),
    /**
     * What people read instead of `ref`, filled from the source registry when a catalog is built
     * (source-registry.ts); values given in data or a catalog file are replaced by the registry's.
     */
    title: z.string().optional(),
    publisher: z.string().optional(),
    url: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const Modality = z.enum(['image', 'video']);
export type Modality = z.infer<typeof Modality>;

export const Task = z.enum([
  'text-to-image',
  'edit',
  'mask-inpainting',
  'multi-image-reference',
  'text-to-video',
  'image-to-video',
  'upscale',
  /** A raster image in, the same picture as SVG shapes out (Recraft Vectorize). */
  'vectorize',
]);
export type Task = z.infer<typeof Task>;

export const LifecycleStatus = z.enum(['active', 'preview', 'deprecated', 'retired']);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

export const ModelId = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case letters, digits, dots and dashes');

export const Lifecycle = z
  .object({
    /** As declared when the catalog was checked; the day's status comes from the dates (lifecycle.ts). */
    status: LifecycleStatus,
    released: IsoDate.optional(),
    /** When the deprecation was announced. */
    deprecated: IsoDate.optional(),
    /** When the API stopped (retired) or stops (deprecated) serving it. */
    shutdown: IsoDate.optional(),
    /** Catalog ids of the models to move to. */
    replacements: z.array(ModelId).default([]),
    source: Source,
    note: z.string().optional(),
  })
  .strict();
export type Lifecycle = z.infer<typeof Lifecycle>;

/** The seeds' comparison criteria; `motion` applies to video only. */
export const Criterion = z.enum([
  'realism',
  'textRendering',
  'promptAdherence',
  'editingFlexibility',
  'consistency',
  'speed',
  'costEfficiency',
  'finalPolish',
  'motion',
]);
export type Criterion = z.infer<typeof Criterion>;
export const IMAGE_CRITERIA = Criterion.options.filter((c) => c !== 'motion');
export const VIDEO_CRITERIA = Criterion.options;

/**
 * A score whose claim the provider's own facts contradict (e.g. a review of a "Nano Banana Pro"
 * with limits Google's model does not have): kept and shown, but marked, and weighed less.
 */
export const Contested = z.object({ reason: z.string().min(1), source: Source }).strict();
export type Contested = z.infer<typeof Contested>;

export const Score = z
  .object({
    value: z.number().min(0).max(5).multipleOf(0.5),
    source: Source,
    note: z.string().optional(),
    contested: Contested.optional(),
  })
  .strict();
export type Score = z.infer<typeof Score>;

export const Scores = z.partialRecord(Criterion, Score);
export type Scores = z.infer<typeof Scores>;

/** A sourced sentence: a strength, a limitation, a "best for", an "avoid if". */
export const Note = z.object({ text: z.string().min(1), source: Source }).strict();
export type Note = z.infer<typeof Note>;

// ---------------------------------------------------------------------------------------------
// Capabilities

export const SizeString = z.string().regex(/^\d+x\d+$/, 'WIDTHxHEIGHT, e.g. 1024x1024');
export const AspectRatio = z.string().regex(/^\d+(?:\.\d+)?:\d+(?:\.\d+)?$/, 'W:H, e.g. 16:9');

/** Resolution tiers such as Gemini's 1K/2K/4K: the long edge each tier produces. */
export const ResolutionTier = z.object({ name: z.string(), longEdge: z.number().int() }).strict();

export const ImageSizes = z.discriminatedUnion('kind', [
  /** Only these exact sizes. */
  z.object({ kind: z.literal('list'), values: z.array(SizeString).min(1) }).strict(),
  /** Any WxH within limits (gpt-image-2, FLUX.2); `presets` are the sizes people usually pick. */
  z
    .object({
      kind: z.literal('range'),
      multipleOf: z.number().int().positive(),
      minEdge: z.number().int().positive(),
      maxEdge: z.number().int().positive(),
      minPixels: z.number().int().positive(),
      maxPixels: z.number().int().positive(),
      /** Longest allowed side ratio, e.g. 3 for 3:1. */
      maxAspect: z.number().positive(),
      presets: z.array(SizeString).min(1),
    })
    .strict(),
  /** Size is chosen through aspect ratio (and resolution tier); no explicit pixels. */
  z.object({ kind: z.literal('aspect') }).strict(),
]);
export type ImageSizes = z.infer<typeof ImageSizes>;

export const OutputFormat = z.enum(['png', 'jpeg', 'webp', 'gif', 'svg', 'mp4']);

export const ImageCapabilities = z
  .object({
    sizes: ImageSizes,
    aspectRatios: z.array(AspectRatio).default([]),
    /** Provider quality values ("low", "medium", "high", "auto"…). */
    qualities: z.array(z.string()).default([]),
    resolutions: z.array(ResolutionTier).default([]),
    maxImagesPerCall: z.number().int().positive(),
    maxWidth: z.number().int().positive(),
    maxHeight: z.number().int().positive(),
    transparency: z.boolean(),
    outputFormats: z.array(OutputFormat).min(1),
    /** Reference / edit inputs accepted in one call; 0 when the model cannot take images. */
    maxInputImages: z.number().int().min(0),
    mask: z.boolean(),
    seed: z.boolean(),
    negativePrompt: z.boolean(),
    source: Source,
  })
  .strict();
export type ImageCapabilities = z.infer<typeof ImageCapabilities>;

export const VideoResolution = z.enum(['480p', '720p', '768p', '1080p', '1440p', '2k', '4k']);
export type VideoResolution = z.infer<typeof VideoResolution>;

export const VideoCapabilities = z
  .object({
    /** Allowed clip lengths in whole seconds. */
    durations: z.array(z.number().int().positive()).min(1),
    resolutions: z.array(VideoResolution).min(1),
    aspectRatios: z.array(AspectRatio).min(1),
    fps: z.array(z.number().int().positive()).default([]),
    audio: z.enum(['none', 'optional', 'always']),
    imageToVideo: z.boolean(),
    lastFrame: z.boolean(),
    maxVideosPerCall: z.number().int().positive(),
    seed: z.boolean(),
    negativePrompt: z.boolean(),
    source: Source,
  })
  .strict();
export type VideoCapabilities = z.infer<typeof VideoCapabilities>;

// ---------------------------------------------------------------------------------------------
// Prices

/**
 * Conditions under which a price tier applies. An empty `when` matches everything; the most
 * specific matching tier wins (see pricing/). Values are the provider's own words.
 */
export const When = z
  .object({
    quality: z.string().optional(),
    size: SizeString.optional(),
    resolution: z.string().optional(),
    audio: z.boolean().optional(),
    /** Route-specific variant, e.g. Kling "pro" vs "standard", Recraft "vector". */
    variant: z.string().optional(),
  })
  .strict();
export type When = z.infer<typeof When>;

const Micros = z.number().int().nonnegative();

const PriceBase = { source: Source, note: z.string().optional() };

export const PerImagePrice = z
  .object({
    unit: z.literal('image'),
    tiers: z.array(z.object({ when: When, micros: Micros }).strict()).min(1),
    /** Extra charge per input/reference image, where the provider bills it. */
    inputImageMicros: Micros.optional(),
    ...PriceBase,
  })
  .strict();

/** Megapixel pricing as FLUX.2: first MP + each extra MP (+ input MP for edits). */
export const PerMegapixelPrice = z
  .object({
    unit: z.literal('megapixel'),
    firstMpMicros: Micros,
    extraMpMicros: Micros,
    inputMpMicros: Micros.optional(),
    /** How many pixels make one billed megapixel. */
    mpPixels: z.union([z.literal(1_000_000), z.literal(1_048_576)]),
    /** 'up': partial megapixels bill as whole ones; 'exact': pro rata. */
    rounding: z.enum(['up', 'exact']),
    ...PriceBase,
  })
  .strict();

export const TokenRates = z
  .object({
    textInput: Micros,
    textInputCached: Micros.optional(),
    imageInput: Micros.optional(),
    imageInputCached: Micros.optional(),
    imageOutput: Micros,
    textOutput: Micros.optional(),
  })
  .strict();

/** Token pricing as GPT Image and Gemini image models. Rates are µUSD per 1M tokens. */
export const PerTokenPrice = z
  .object({
    unit: z.literal('token'),
    ratesPerMillion: TokenRates,
    /** How many image-output tokens one image costs, for estimates before the call. */
    outputImageTokens: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('table'),
          tiers: z
            .array(z.object({ when: When, tokens: z.number().int().positive() }).strict())
            .min(1),
          source: Source,
        })
        .strict(),
      /** A named formula implemented in pricing/ (e.g. the community gpt-image-2 formula). */
      z
        .object({
          kind: z.literal('formula'),
          formula: z.enum(['openai-gpt-image-2']),
          source: Source,
        })
        .strict(),
    ]),
    /** Estimated input tokens per reference image (edits), when known. */
    inputImageTokens: z.number().int().positive().optional(),
    ...PriceBase,
  })
  .strict();

/** Per second of output video, by resolution and audio. */
export const PerSecondPrice = z
  .object({
    unit: z.literal('second'),
    tiers: z.array(z.object({ when: When, micros: Micros }).strict()).min(1),
    ...PriceBase,
  })
  .strict();

/** Video tokens as Seedance: tokens = (input s + output s) × W × H × fps / 1024, priced per 1M. */
export const PerVideoTokenPrice = z
  .object({
    unit: z.literal('video_token'),
    tiers: z.array(z.object({ when: When, microsPerMillion: Micros }).strict()).min(1),
    fps: z.number().int().positive(),
    ...PriceBase,
  })
  .strict();

/** Credits (resellers, Comfy); convertible to USD only when the credit rate is known. */
export const CreditsPrice = z
  .object({
    unit: z.literal('credits'),
    per: z.enum(['image', 'second']),
    tiers: z.array(z.object({ when: When, credits: z.number().positive() }).strict()).min(1),
    /** `credits` credits cost `micros` µUSD; null when the source gives no rate. */
    rate: z.object({ credits: z.number().int().positive(), micros: Micros }).strict().nullable(),
    ...PriceBase,
  })
  .strict();

export const Price = z.discriminatedUnion('unit', [
  PerImagePrice,
  PerMegapixelPrice,
  PerTokenPrice,
  PerSecondPrice,
  PerVideoTokenPrice,
  CreditsPrice,
]);
export type Price = z.infer<typeof Price>;
export type PriceUnit = Price['unit'];

// ---------------------------------------------------------------------------------------------
// Routes: the ways to call a model

export const Provider = z.enum([
  'openai',
  'google', // Gemini Developer API (API key)
  'vertex', // Google Vertex AI / Gemini Enterprise Agent Platform (project + location)
  'fal',
  'bfl',
  'replicate',
  'byteplus',
  'stability',
  'recraft',
  'dashscope',
]);
export type Provider = z.infer<typeof Provider>;

export const Route = z
  .object({
    provider: Provider,
    /** The id the provider's API expects (OpenAI model, Gemini model, fal endpoint id…). */
    providerModelId: z.string().min(1),
    /** As declared when the catalog was checked; the day's status comes from the dates (lifecycle.ts). */
    status: LifecycleStatus,
    /**
     * The route's own lifecycle, when it differs from the model's (a model can leave the Gemini
     * API and stay on Vertex): the day its deprecation was announced and the day it stops.
     */
    deprecated: IsoDate.optional(),
    shutdown: IsoDate.optional(),
    /** Where the route's own dates come from; required when it has any. */
    lifecycleSource: Source.optional(),
    price: Price,
    note: z.string().optional(),
  })
  .strict();
export type Route = z.infer<typeof Route>;

// ---------------------------------------------------------------------------------------------
// Claims: what a source says, kept as that source's words

export const Claim = z
  .object({
    topic: z.enum(['price', 'latency', 'quality', 'resolution', 'feature', 'engagement', 'other']),
    text: z.string().min(1),
    /** A structured price claim (e.g. a reseller's "$0.08 per image"), usable by the pricing engine. */
    price: Price.optional(),
    /** A structured latency claim in seconds. */
    latency: z
      .object({ minSeconds: z.number().positive(), maxSeconds: z.number().positive() })
      .strict()
      .optional(),
    source: Source,
  })
  .strict();
export type Claim = z.infer<typeof Claim>;

export const PromptPart = z.enum([
  'subject',
  'action',
  'environment',
  'lighting',
  'camera',
  'style',
  'text',
  'motion',
]);
export type PromptPart = z.infer<typeof PromptPart>;

export const PromptGuidance = z
  .object({
    /** A structure template, e.g. "[Subject] [Action] in [Environment], [Lighting], [Camera]". */
    template: z.string().min(1),
    /** The parts the template asks for, checked by prompt analysis. */
    parts: z.array(PromptPart).min(1),
    maxWords: z.number().int().positive(),
    tips: z.array(z.string()).default([]),
    example: z.string().optional(),
    source: Source,
  })
  .strict();
export type PromptGuidance = z.infer<typeof PromptGuidance>;

export const Moderation = z
  .object({ level: z.enum(['strict', 'medium', 'permissive']), source: Source })
  .strict();

const ModelBase = {
  id: ModelId,
  name: z.string().min(1),
  /** Marketing names, provider ids and nicknames; resolved case-insensitively. */
  aliases: z.array(z.string().min(1)).default([]),
  vendor: z.string().min(1),
  description: z.string().min(1),
  tasks: z.array(Task).min(1),
  lifecycle: Lifecycle,
  claimedLatency: z
    .object({
      minSeconds: z.number().positive(),
      maxSeconds: z.number().positive(),
      condition: z.string().optional(),
      source: Source,
    })
    .strict()
    .optional(),
  scores: Scores,
  strengths: z.array(Note).default([]),
  limitations: z.array(Note).default([]),
  bestFor: z.array(Note).default([]),
  avoidIf: z.array(Note).default([]),
  prompt: PromptGuidance,
  moderation: Moderation.optional(),
  routes: z.array(Route),
  /** Why there is no priced route, when `routes` is empty. */
  unpricedReason: z.string().optional(),
  claims: z.array(Claim).default([]),
};

export const ImageModelEntry = z
  .object({ ...ModelBase, modality: z.literal('image'), image: ImageCapabilities })
  .strict();
export const VideoModelEntry = z
  .object({ ...ModelBase, modality: z.literal('video'), video: VideoCapabilities })
  .strict();

export const ModelEntry = z.discriminatedUnion('modality', [ImageModelEntry, VideoModelEntry]);
export type ModelEntry = z.infer<typeof ModelEntry>;
export type ModelEntryInput = z.input<typeof ModelEntry>;
export type ImageModelEntry = z.infer<typeof ImageModelEntry>;
export type VideoModelEntry = z.infer<typeof VideoModelEntry>;
