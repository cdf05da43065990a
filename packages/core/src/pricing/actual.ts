import { groupThousands } from '../money.ts';
import { z } from 'zod';
import type { Price, Route } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { formatUsd, perMillion } from '../money.ts';
import { parseInput } from '../validate.ts';
import type { PriceParams } from './params.ts';
import { priceOf, type PriceResult } from './price-of.ts';
import { matchTier } from './tiers.ts';
import type { CostLine } from './units.ts';

const tokens = z.number().int().min(0).optional();

/** What a provider reported after a call. Token counts are as the provider reports them. */
export const UsageSchema = z
  .object({
    inputTextTokens: tokens,
    inputImageTokens: tokens,
    outputImageTokens: tokens,
    outputTextTokens: tokens,
    /** Cached input tokens, counted inside inputTextTokens/inputImageTokens (OpenAI's convention). */
    cachedInputTokens: tokens,
    /** Seedance-style video tokens, when the provider reports them. */
    outputVideoTokens: tokens,
    videoSeconds: z.number().min(0).optional(),
    images: z.number().int().min(0).optional(),
    videos: z.number().int().min(0).optional(),
  })
  .strict();
export type Usage = z.infer<typeof UsageSchema>;

const perM = (micros: number): string => `${formatUsd(micros)} / 1M tokens`;

function hasTokens(u: Usage): boolean {
  return [u.inputTextTokens, u.inputImageTokens, u.outputImageTokens, u.outputTextTokens].some(
    (t) => t !== undefined,
  );
}

function fromTokens(price: Extract<Price, { unit: 'token' }>, u: Usage): PriceResult {
  const rates = price.ratesPerMillion;
  const lines: CostLine[] = [];
  const assumptions: string[] = ['Billed from the token usage the provider reported.'];
  const line = (label: string, count: number, rate: number): void => {
    if (count > 0) {
      lines.push({
        label,
        quantity: `${groupThousands(count)} tokens`,
        unitPrice: perM(rate),
        micros: perMillion(count, rate),
        source: price.source,
      });
    }
  };
  // Cached tokens are part of the reported input; they come off text first, then images.
  let cached = u.cachedInputTokens ?? 0;
  const textIn = u.inputTextTokens ?? 0;
  const cachedText = Math.min(cached, textIn);
  cached -= cachedText;
  const imageIn = u.inputImageTokens ?? 0;
  const cachedImage = Math.min(cached, imageIn);
  line('Text input tokens', textIn - cachedText, rates.textInput);
  line('Cached text input tokens', cachedText, rates.textInputCached ?? rates.textInput);
  const imageRate = rates.imageInput ?? rates.textInput;
  line('Image input tokens', imageIn - cachedImage, imageRate);
  line('Cached image input tokens', cachedImage, rates.imageInputCached ?? imageRate);
  line('Image output tokens', u.outputImageTokens ?? 0, rates.imageOutput);
  if ((u.outputTextTokens ?? 0) > 0 && rates.textOutput === undefined) {
    assumptions.push(
      'No text-output rate listed: text output tokens priced at the image-output rate.',
    );
  }
  line('Text output tokens', u.outputTextTokens ?? 0, rates.textOutput ?? rates.imageOutput);
  if (
    (cachedText > 0 && rates.textInputCached === undefined) ||
    (cachedImage > 0 && rates.imageInputCached === undefined)
  ) {
    assumptions.push('No cached-input rate listed: cached tokens priced at the full input rate.');
  }
  const total = lines.reduce((sum, l) => sum + l.micros, 0);
  return { low: total, expected: total, high: total, lines, assumptions };
}

function fromVideoTokens(
  price: Extract<Price, { unit: 'video_token' }>,
  count: number,
  params: PriceParams,
): PriceResult {
  const tier = matchTier(price.tiers, params);
  if (!tier) {
    throw new AtelierError(
      'price_unavailable',
      'No video-token rate matches the settings of this call.',
      {
        details: { allowed: price.tiers.map((t) => t.when), source: price.source.ref },
      },
    );
  }
  const micros = perMillion(count, tier.microsPerMillion);
  const line: CostLine = {
    label: 'Video tokens',
    quantity: `${groupThousands(count)} tokens`,
    unitPrice: perM(tier.microsPerMillion),
    micros,
    source: price.source,
  };
  return {
    low: micros,
    expected: micros,
    high: micros,
    lines: [line],
    assumptions: ['Billed from the video tokens the provider reported.'],
  };
}

/**
 * The cost of a finished call: from the reported tokens where the price is token-based, else
 * from the route's list price applied to what was produced (images, clips, seconds).
 */
export function actualCost(route: Route, usage: Usage, params: PriceParams): PriceResult {
  const u = parseInput(UsageSchema, usage, 'usage');
  const price = route.price;
  if (price.unit === 'token' && hasTokens(u)) return fromTokens(price, u);
  if (price.unit === 'video_token' && u.outputVideoTokens !== undefined)
    return fromVideoTokens(price, u.outputVideoTokens, params);
  const produced =
    route.price.unit === 'second' || route.price.unit === 'video_token'
      ? u.videos
      : (u.images ?? u.videos);
  const result = priceOf(price, {
    ...params,
    count: produced && produced > 0 ? produced : params.count,
    seconds: u.videoSeconds && u.videoSeconds > 0 ? u.videoSeconds : params.seconds,
  });
  const note =
    price.unit === 'token'
      ? 'The provider reported no token usage: cost estimated from the list price.'
      : 'Cost from the list price applied to what was produced.';
  return { ...result, assumptions: [note, ...result.assumptions] };
}
