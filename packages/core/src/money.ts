/**
 * Money is integer micro-USD (1 USD = 1_000_000 µUSD). Prices are written in data files as
 * decimal strings and parsed without floating point, so "$0.039" is exactly 39_000 µUSD.
 */

export type Micros = number;

export const MICROS_PER_USD = 1_000_000;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a decimal USD string ("0.039", "12", "0.0000025") into integer micro-USD. */
export function usd(amount: string): Micros {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`not a decimal USD amount: "${amount}"`);
  const whole = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > 6 && /[1-9]/.test(frac.slice(6))) {
    throw new Error(`"${amount}" has more precision than one micro-USD`);
  }
  const micros = Number(whole) * MICROS_PER_USD + Number(frac.slice(0, 6).padEnd(6, '0'));
  if (!Number.isSafeInteger(micros)) throw new Error(`"${amount}" is too large`);
  return micros;
}

/**
 * A rate per million units (tokens, pixels) in micro-USD, e.g. "$30 per 1M tokens" = 30_000_000.
 * Rates below one micro-USD per unit are why token prices are kept per million.
 */
export function usdPerMillion(amount: string): Micros {
  return usd(amount);
}

/** Divides and rounds half away from zero, in integers. */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new Error(`divRound needs safe integers, got ${numerator}/${denominator}`);
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (r * 2 >= d ? q + 1 : q);
}

/** units × (µUSD per million units), rounded once to whole micro-USD. */
export function perMillion(units: number, microsPerMillion: Micros): Micros {
  const product = BigInt(units) * BigInt(microsPerMillion);
  const q = product / 1_000_000n;
  const r = product % 1_000_000n;
  return Number(r * 2n >= 1_000_000n ? q + 1n : q);
}

/** Multiplies micro-USD by a ratio of integers (e.g. an acceptance rate in percent), rounded. */
export function scale(micros: Micros, numerator: number, denominator: number): Micros {
  const product = BigInt(micros) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = product / d;
  const r = product % d;
  return Number(r * 2n >= d ? q + 1n : q);
}

/** Formats micro-USD for people: "$0.039", "$4.00", "$1,234.50". Never used for arithmetic. */
export function formatUsd(micros: Micros, opts: { minDecimals?: number } = {}): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_USD);
  let frac = String(abs % MICROS_PER_USD).padStart(6, '0').replace(/0+$/, '');
  const min = opts.minDecimals ?? 2;
  if (frac.length < min) frac = frac.padEnd(min, '0');
  return `${negative ? '-' : ''}$${groupThousands(whole)}${frac ? `.${frac}` : ''}`;
}

/** "1234567" → "1,234,567" without Intl, whose first use costs milliseconds at CLI start-up. */
export function groupThousands(n: number): string {
  const [whole = '', frac] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
