import { groupThousands } from '../money.ts';
import type { Price, Source } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { formatUsd, perMillion, scale, type Micros } from '../money.ts';
import { OUTPUT_TOKEN_FORMULAS } from './formulas.ts';
import { parseSize, tierFrame, videoFrame, type Dimensions } from './params.ts';
import { describeWhen, matchTier, sameValue, type Scenario } from './tiers.ts';

export interface CostLine {
  label: string;
  /** What is counted, for people: "50 images", "8 s × 2 videos", "7,024 tokens × 3 images". */
  quantity: string;
  /** The rate applied, for people: "$0.08 / image", "$30.00 / 1M tokens". */
  unitPrice: string;
  micros: Micros;
  source: Source;
}

/** The parts of a request that are not price dimensions but still scale the bill. */
export interface Fixed {
  count: number;
  aspectRatio?: string;
  inputImages: number;
  inputPixels?: number;
  promptTokens?: number;
}

/** What `estimate` knows about the model that a bare Price does not carry. */
export interface PriceContext {
  /** The provider's defaults, used as the expected value for dimensions the caller left open. */
  defaults?: Scenario;
  /**
   * What the model offers for each setting. An open setting that changes the price ranges over
   * these (instead of every tier the price names, which may include settings the model lacks).
   */
  options?: {
    quality?: readonly string[];
    size?: readonly string[];
    resolution?: readonly string[];
    audio?: readonly boolean[];
    variant?: readonly string[];
  };
  /** Clip lengths to range over when seconds is open. */
  durations?: readonly number[];
  /** Image resolution tiers (name → long edge), to turn resolution + aspect ratio into pixels. */
  resolutions?: readonly { name: string; longEdge: number }[];
  /** Assets one request returns: prompt and input images are billed once per request. */
  assetsPerRequest?: number;
}

export interface Evaluation {
  micros: Micros;
  lines: CostLine[];
  notes: string[];
  /** The quantity behind this price is derived by an unofficial formula: widen the range. */
  derived: boolean;
}

/** Prompt length assumed when neither tokens nor text are given (a typical 75-word prompt). */
export const DEFAULT_PROMPT_TOKENS = 100;
/** The label of a token price's prompt line (estimates widen it when the count is a guess). */
export const TEXT_INPUT_LINE = 'Text input tokens';
/** Pixels assumed per input image when only a count of inputs is known (one 1024² image). */
export const DEFAULT_INPUT_PIXELS = 1024 * 1024;
/**
 * Tokens assumed per input image when a token-priced route does not state them: OpenAI's
 * published vision tile count for a 1024² image (85 + 4 × 170).
 */
export const DEFAULT_INPUT_IMAGE_TOKENS = 765;
const DEFAULT_IMAGE_FRAME: Dimensions = { width: 1024, height: 1024 };

const int = (n: number): string => groupThousands(n);
const plural = (n: number, word: string): string => `${int(n)} ${word}${n === 1 ? '' : 's'}`;
const perM = (micros: Micros): string => `${formatUsd(micros)} / 1M tokens`;
const secondsText = (s: number): string =>
  `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')} s`;

function requests(fixed: Fixed, ctx: PriceContext): number {
  return Math.ceil(fixed.count / Math.max(1, ctx.assetsPerRequest ?? 1));
}

/** Rounds a ratio of non-negative BigInts half up into a safe number. */
function ratio(numerator: bigint, denominator: bigint): number {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return Number(r * 2n >= denominator ? q + 1n : q);
}

/** An exact fraction for a decimal number such as 6.33 credits → 633/100. */
function fraction(x: number): [bigint, bigint] {
  const text = /e/i.test(String(x)) ? x.toFixed(12) : String(x);
  const [whole = '0', frac = ''] = text.split('.');
  return [BigInt(whole + frac), 10n ** BigInt(frac.length)];
}

function millis(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** Output pixels for a scenario: an explicit size, else a resolution tier at the aspect ratio. */
export function frameOf(
  scenario: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Dimensions | undefined {
  if (scenario.size !== undefined) return parseSize(scenario.size);
  if (scenario.resolution === undefined) return undefined;
  const tier = ctx.resolutions?.find((r) => sameValue(r.name, scenario.resolution ?? ''));
  if (tier) return tierFrame(tier.longEdge, fixed.aspectRatio);
  return videoFrame(scenario.resolution, fixed.aspectRatio);
}

function requireSeconds(scenario: Scenario): number {
  if (scenario.seconds === undefined) {
    throw new AtelierError(
      'invalid_input',
      'seconds: the clip length is needed to price per-second video.',
      {
        hint: 'Pass seconds (e.g. 8).',
      },
    );
  }
  return scenario.seconds;
}

/** Prices one concrete scenario; undefined when no tier of the price applies to it. */
export function evaluate(
  price: Price,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Evaluation | undefined {
  switch (price.unit) {
    case 'image':
      return perImage(price, s, fixed, ctx);
    case 'megapixel':
      return perMegapixel(price, s, fixed, ctx);
    case 'token':
      return perToken(price, s, fixed, ctx);
    case 'second':
      return perSecond(price, s, fixed);
    case 'video_token':
      return perVideoToken(price, s, fixed, ctx);
    case 'credits':
      return perCredits(price, s, fixed);
  }
}

function tierLabel(base: string, when: Parameters<typeof describeWhen>[0]): string {
  const detail = describeWhen(when);
  return detail ? `${base} (${detail})` : base;
}

function perImage(
  price: Extract<Price, { unit: 'image' }>,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Evaluation | undefined {
  const tier = matchTier(price.tiers, s);
  if (!tier) return undefined;
  const lines: CostLine[] = [
    {
      label: tierLabel('Image', tier.when),
      quantity: plural(fixed.count, 'image'),
      unitPrice: `${formatUsd(tier.micros)} / image`,
      micros: scale(tier.micros, fixed.count, 1),
      source: price.source,
    },
  ];
  if (price.inputImageMicros !== undefined && fixed.inputImages > 0) {
    const n = fixed.inputImages * requests(fixed, ctx);
    lines.push({
      label: 'Input images',
      quantity: plural(n, 'image'),
      unitPrice: `${formatUsd(price.inputImageMicros)} / input image`,
      micros: scale(price.inputImageMicros, n, 1),
      source: price.source,
    });
  }
  return finish(lines, [], false);
}

function perMegapixel(
  price: Extract<Price, { unit: 'megapixel' }>,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Evaluation {
  const notes: string[] = [];
  let frame = frameOf(s, fixed, ctx);
  if (!frame) {
    frame = DEFAULT_IMAGE_FRAME;
    notes.push('Output size not given: assumed 1024x1024.');
  }
  const px = frame.width * frame.height;
  const mp = price.mpPixels;
  const mpText = (pixels: number): string => (pixels / mp).toFixed(2).replace(/\.?0+$/, '');
  const lines: CostLine[] = [
    {
      label: 'First megapixel',
      quantity: plural(fixed.count, 'image'),
      unitPrice: `${formatUsd(price.firstMpMicros)} / image`,
      micros: scale(price.firstMpMicros, fixed.count, 1),
      source: price.source,
    },
  ];
  const extraPx = Math.max(0, px - mp);
  if (extraPx > 0) {
    const billed = price.rounding === 'up' ? Math.ceil(px / mp) - 1 : extraPx / mp;
    const micros =
      price.rounding === 'up'
        ? scale(price.extraMpMicros, billed * fixed.count, 1)
        : scale(price.extraMpMicros, extraPx * fixed.count, mp);
    lines.push({
      label: 'Extra megapixels',
      quantity: `${price.rounding === 'up' ? billed : mpText(extraPx)} MP × ${plural(fixed.count, 'image')}`,
      unitPrice: `${formatUsd(price.extraMpMicros)} / MP`,
      micros,
      source: price.source,
    });
  }
  let inputPx = fixed.inputPixels ?? 0;
  if (fixed.inputPixels === undefined && fixed.inputImages > 0) {
    inputPx = fixed.inputImages * DEFAULT_INPUT_PIXELS;
    notes.push(
      `Input image size not given: assumed 1024x1024 (${mpText(DEFAULT_INPUT_PIXELS)} MP) each.`,
    );
  }
  if (inputPx > 0) {
    if (price.inputMpMicros === undefined) {
      notes.push('This price lists no charge for input images.');
    } else {
      const n = requests(fixed, ctx);
      const billed = price.rounding === 'up' ? Math.ceil(inputPx / mp) : inputPx / mp;
      lines.push({
        label: 'Input megapixels',
        quantity: `${price.rounding === 'up' ? billed : mpText(inputPx)} MP × ${plural(n, 'request')}`,
        unitPrice: `${formatUsd(price.inputMpMicros)} / MP`,
        micros:
          price.rounding === 'up'
            ? scale(price.inputMpMicros, billed * n, 1)
            : scale(price.inputMpMicros, inputPx * n, mp),
        source: price.source,
      });
    }
  }
  return finish(lines, notes, false);
}

/** Image-output tokens of one image under a token price, or undefined when no tier applies. */
export function outputImageTokens(
  price: Extract<Price, { unit: 'token' }>,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
  notes: string[],
): number | undefined {
  const spec = price.outputImageTokens;
  if (spec.kind === 'table') return matchTier(spec.tiers, s)?.tokens;
  let frame = frameOf(s, fixed, ctx);
  if (!frame) {
    frame = DEFAULT_IMAGE_FRAME;
    notes.push('Output size not given: assumed 1024x1024.');
  }
  if (s.quality === undefined) return undefined;
  return OUTPUT_TOKEN_FORMULAS[spec.formula].tokens(
    s.quality.toLowerCase(),
    frame.width,
    frame.height,
  );
}

function perToken(
  price: Extract<Price, { unit: 'token' }>,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Evaluation | undefined {
  const notes: string[] = [];
  const rates = price.ratesPerMillion;
  const spec = price.outputImageTokens;
  const tokens = outputImageTokens(price, s, fixed, ctx, notes);
  if (tokens === undefined) return undefined;
  const derived = spec.kind === 'formula' || spec.source.kind === 'derived';
  const lines: CostLine[] = [
    {
      label:
        spec.kind === 'formula'
          ? `Image output tokens (${spec.formula} formula)`
          : 'Image output tokens',
      quantity: `${int(tokens)} tokens × ${plural(fixed.count, 'image')}`,
      unitPrice: perM(rates.imageOutput),
      micros: perMillion(tokens * fixed.count, rates.imageOutput),
      // The token count is the weakest fact in this line, so its source is the one shown.
      source: spec.source,
    },
  ];
  const n = requests(fixed, ctx);
  let promptTokens = fixed.promptTokens;
  if (promptTokens === undefined) {
    promptTokens = DEFAULT_PROMPT_TOKENS;
    notes.push(
      `Prompt length not given: assumed ${DEFAULT_PROMPT_TOKENS} tokens (about 75 words).`,
    );
  }
  if (promptTokens > 0) {
    lines.push({
      label: TEXT_INPUT_LINE,
      quantity: `${int(promptTokens)} tokens × ${plural(n, 'request')}`,
      unitPrice: perM(rates.textInput),
      micros: perMillion(promptTokens * n, rates.textInput),
      source: price.source,
    });
  }
  if (fixed.inputImages > 0) {
    let perImage = price.inputImageTokens;
    if (perImage === undefined) {
      perImage = DEFAULT_INPUT_IMAGE_TOKENS;
      notes.push(
        `Input image tokens are not stated for this route: assumed ${DEFAULT_INPUT_IMAGE_TOKENS} per image (OpenAI's tile count for 1024²).`,
      );
    }
    const rate = rates.imageInput ?? rates.textInput;
    if (rates.imageInput === undefined)
      notes.push('No image-input rate listed: input images priced at the text-input rate.');
    const total = perImage * fixed.inputImages * n;
    lines.push({
      label: 'Image input tokens',
      quantity: `${int(perImage)} tokens × ${plural(fixed.inputImages * n, 'input image')}`,
      unitPrice: perM(rate),
      micros: perMillion(total, rate),
      source: price.source,
    });
  }
  return finish(lines, notes, derived);
}

function perSecond(
  price: Extract<Price, { unit: 'second' }>,
  s: Scenario,
  fixed: Fixed,
): Evaluation | undefined {
  const tier = matchTier(price.tiers, s);
  if (!tier) return undefined;
  const seconds = requireSeconds(s);
  return finish(
    [
      {
        label: tierLabel('Video', tier.when),
        quantity: `${secondsText(seconds)} × ${plural(fixed.count, 'video')}`,
        unitPrice: `${formatUsd(tier.micros)} / s`,
        micros: scale(tier.micros, millis(seconds) * fixed.count, 1000),
        source: price.source,
      },
    ],
    [],
    false,
  );
}

/** Seedance-style video tokens of one clip: seconds × W × H × fps / 1024. */
export function videoTokens(seconds: number, frame: Dimensions, fps: number): number {
  return ratio(
    BigInt(millis(seconds)) * BigInt(frame.width * frame.height) * BigInt(fps),
    1024n * 1000n,
  );
}

function perVideoToken(
  price: Extract<Price, { unit: 'video_token' }>,
  s: Scenario,
  fixed: Fixed,
  ctx: PriceContext,
): Evaluation | undefined {
  const tier = matchTier(price.tiers, s);
  if (!tier) return undefined;
  const notes: string[] = [];
  const seconds = requireSeconds(s);
  let frame = frameOf(s, fixed, ctx);
  if (!frame) {
    frame = { width: 1280, height: 720 };
    notes.push('Resolution not given: assumed 1280x720.');
  }
  const tokens = videoTokens(seconds, frame, price.fps);
  return finish(
    [
      {
        label: tierLabel('Video tokens', tier.when),
        quantity: `${int(tokens)} tokens (${secondsText(seconds)} × ${frame.width}x${frame.height} × ${price.fps} fps / 1024) × ${plural(fixed.count, 'video')}`,
        unitPrice: perM(tier.microsPerMillion),
        micros: perMillion(tokens * fixed.count, tier.microsPerMillion),
        source: price.source,
      },
    ],
    notes,
    false,
  );
}

/** Throws unless a credits price can be turned into dollars. */
export function creditRate(price: Extract<Price, { unit: 'credits' }>): {
  credits: number;
  micros: Micros;
} {
  if (price.rate) return price.rate;
  throw new AtelierError(
    'price_unavailable',
    `This price is in credits (${price.tiers.map((t) => t.credits).join(' / ')} per ${price.per}) and its source gives no credit-to-USD rate.`,
    {
      hint: 'Use a route priced in dollars, or add the credit rate to the catalog.',
      details: { source: price.source.ref },
    },
  );
}

function perCredits(
  price: Extract<Price, { unit: 'credits' }>,
  s: Scenario,
  fixed: Fixed,
): Evaluation | undefined {
  const rate = creditRate(price);
  const tier = matchTier(price.tiers, s);
  if (!tier) return undefined;
  const [cNum, cDen] = fraction(tier.credits);
  const perSecond = price.per === 'second';
  const seconds = perSecond ? requireSeconds(s) : 1;
  const micros = ratio(
    cNum * BigInt(millis(seconds)) * BigInt(fixed.count) * BigInt(rate.micros),
    cDen * 1000n * BigInt(rate.credits),
  );
  const what = perSecond
    ? `${secondsText(seconds)} × ${plural(fixed.count, 'video')}`
    : plural(fixed.count, 'image');
  return finish(
    [
      {
        label: tierLabel('Credits', tier.when),
        quantity: `${tier.credits} credits / ${price.per} × ${what}`,
        unitPrice: `${formatUsd(rate.micros)} / ${int(rate.credits)} credits`,
        micros,
        source: price.source,
      },
    ],
    [],
    false,
  );
}

function finish(lines: CostLine[], notes: string[], derived: boolean): Evaluation {
  return { micros: lines.reduce((sum, l) => sum + l.micros, 0), lines, notes, derived };
}
