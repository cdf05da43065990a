/**
 * Named output-token formulas referenced by catalog prices (`outputImageTokens.kind: 'formula'`).
 */

/** Quality factors of the community gpt-image-2 formula. */
export const GPT_IMAGE_2_QUALITY_FACTORS = { low: 16, medium: 48, high: 96 } as const;
export type GptImage2Quality = keyof typeof GPT_IMAGE_2_QUALITY_FACTORS;

/**
 * Output image tokens of one gpt-image-2 image, by the formula reverse-engineered in OpenAI
 * community thread 1382699 (research/provider-facts.md §1.5). OpenAI publishes no per-image
 * table for gpt-image-2, only a calculator; this reproduces the calculator values quoted there
 * (1024² high = 7,024; 1536x1024 high = 5,488) but is unofficial:
 *   saf = ⌊(2·qf·short + long) / (2·long)⌋
 *   tokens = ⌈qf · saf · (2,000,000 + w·h) / 4,000,000⌉
 */
export function gptImage2OutputTokens(
  quality: GptImage2Quality,
  width: number,
  height: number,
): number {
  const qf = GPT_IMAGE_2_QUALITY_FACTORS[quality];
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const saf = Math.floor((2 * qf * short + long) / (2 * long));
  const numerator = BigInt(qf * saf) * BigInt(2_000_000 + width * height);
  return Number((numerator + 3_999_999n) / 4_000_000n);
}

export const OUTPUT_TOKEN_FORMULAS = {
  'openai-gpt-image-2': {
    qualities: Object.keys(GPT_IMAGE_2_QUALITY_FACTORS) as GptImage2Quality[],
    tokens: (quality: string, width: number, height: number): number | undefined =>
      quality in GPT_IMAGE_2_QUALITY_FACTORS
        ? gptImage2OutputTokens(quality as GptImage2Quality, width, height)
        : undefined,
  },
} as const;
export type OutputTokenFormula = keyof typeof OUTPUT_TOKEN_FORMULAS;
