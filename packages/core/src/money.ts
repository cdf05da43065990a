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

/**
 * Money for people, the one formatter of every frontend: to the cent from $1 ("$15.78",
 * "$1,121.67"), to 3 significant digits below ("$0.134", "$0.0336", "$0.039", "$0.50"), so a
 * price reads at a glance. Rounded half away from zero in integers. Never used for arithmetic;
 * the exact figure goes beside it ({@link formatMicrosExact}) on hover and stays in `--json`.
 */
export function formatUsd(micros: Micros): string {
  if (!Number.isSafeInteger(micros))
    throw new Error(`formatUsd needs integer micro-USD, got ${micros}`);
  const abs = Math.abs(micros);
  let rounded = roundTo(abs, abs >= MICROS_PER_USD ? CENT : significantStep(abs, 3));
  // $0.9996 rounds to $1.00 and is then shown to the cent like any dollar amount.
  if (rounded >= MICROS_PER_USD) rounded = roundTo(rounded, CENT);
  return exactText(micros < 0 && rounded > 0 ? -rounded : rounded, 2);
}

/** Every micro-USD digit, e.g. "$0.134414", "$15.784368", "$4.00": for hover text and inputs. */
export function formatUsdExact(micros: Micros): string {
  return exactText(micros, 2);
}

/** "$0.134414 (134,414 µUSD)": the exact amount as Atelier counts it, for a title attribute. */
export function formatMicrosExact(micros: Micros): string {
  return `${formatUsdExact(micros)} (${groupThousands(micros)} µUSD)`;
}

const CENT = 10_000;

/** The power of ten that keeps `digits` significant digits of a positive integer (1 for 0). */
function significantStep(n: number, digits: number): number {
  const length = String(n).length;
  return length <= digits ? 1 : 10 ** (length - digits);
}

function roundTo(n: number, step: number): number {
  return step === 1 ? n : divRound(n, step) * step;
}

function exactText(micros: Micros, minDecimals: number): string {
  const negative = micros < 0;
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_USD);
  let frac = String(abs % MICROS_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  return `${negative ? '-' : ''}$${groupThousands(whole)}${frac ? `.${frac}` : ''}`;
}

/** "1234567" → "1,234,567" without Intl, whose first use costs milliseconds at CLI start-up. */
export function groupThousands(n: number): string {
  const [whole = '', frac] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
