import type { Price, Source, When } from '@atelier/core/catalog';
import { formatUsd } from '@atelier/core/money';
import { sourceTitle } from './output/source-titles.ts';

/*
 * Display helpers shared by the human renderers. Never used for arithmetic: money stays
 * integer micro-USD until it is printed.
 */

/** A source for people: its title, publisher, kind and date (see output/source-titles.ts). */
export function sourceText(source: Source, link = true): string {
  return sourceTitle(source, link);
}

export function whenText(when: When): string {
  const parts: string[] = [];
  if (when.quality !== undefined) parts.push(when.quality);
  if (when.size !== undefined) parts.push(when.size);
  if (when.resolution !== undefined) parts.push(when.resolution);
  if (when.audio !== undefined) parts.push(when.audio ? 'audio' : 'no audio');
  if (when.variant !== undefined) parts.push(when.variant);
  return parts.join(' ');
}

function tiered<T extends { when: When }>(
  tiers: readonly T[],
  amount: (tier: T) => string,
): string {
  return tiers
    .map((t) => {
      const cond = whenText(t.when);
      return cond ? `${cond} ${amount(t)}` : amount(t);
    })
    .join(', ');
}

const perM = (micros: number) => `${formatUsd(micros)}/1M`;

/** A route's rate card in one line: "$0.15/image, 4K $0.30/image". */
export function priceText(price: Price): string {
  switch (price.unit) {
    case 'image': {
      const base = tiered(price.tiers, (t) => `${formatUsd(t.micros)}/image`);
      return price.inputImageMicros === undefined
        ? base
        : `${base}; input image ${formatUsd(price.inputImageMicros)}`;
    }
    case 'megapixel': {
      const mp = price.mpPixels === 1_048_576 ? 'MP (2^20 px)' : 'MP';
      const input =
        price.inputMpMicros === undefined ? '' : `; input ${formatUsd(price.inputMpMicros)}/${mp}`;
      return `first ${mp} ${formatUsd(price.firstMpMicros)}, each extra ${formatUsd(price.extraMpMicros)}${input}, ${price.rounding === 'up' ? 'rounded up' : 'pro rata'}`;
    }
    case 'token': {
      const r = price.ratesPerMillion;
      const parts = [`image out ${perM(r.imageOutput)} tokens`, `text in ${perM(r.textInput)}`];
      if (r.imageInput !== undefined) parts.push(`image in ${perM(r.imageInput)}`);
      if (r.textOutput !== undefined) parts.push(`text out ${perM(r.textOutput)}`);
      const spec = price.outputImageTokens;
      parts.push(
        spec.kind === 'table'
          ? `tokens per image: ${tiered(spec.tiers, (t) => t.tokens.toLocaleString('en-US'))}`
          : `tokens per image by the ${spec.formula} formula`,
      );
      return parts.join('; ');
    }
    case 'second':
      return tiered(price.tiers, (t) => `${formatUsd(t.micros)}/s`);
    case 'video_token':
      return `${tiered(price.tiers, (t) => perM(t.microsPerMillion))} video tokens at ${price.fps} fps`;
    case 'credits': {
      const base = tiered(price.tiers, (t) => `${t.credits} credits/${price.per}`);
      return price.rate
        ? `${base} (${price.rate.credits} credits = ${formatUsd(price.rate.micros)})`
        : `${base} (no USD rate given)`;
    }
  }
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Wraps prose to the terminal width; `first` replaces the indent of the first line (a bullet). */
export function wrap(text: string, indent = 0, first = ' '.repeat(indent)): string {
  const width = Math.min(process.stdout.columns || 100, 120);
  const max = Math.max(40, width - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? first : ' '.repeat(indent)) + l).join('\n');
}

export function indent(text: string, n = 2): string {
  return text
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');
}

/** "  - text" with continuation lines aligned under the text. */
export function bulletText(text: string): string {
  return wrap(text, 4, '  - ');
}
