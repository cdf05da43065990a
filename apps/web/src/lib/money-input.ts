import { usd } from './format.ts';

/** "$1,250.50" or "1250.5" → exact micro-USD; an error message for anything else. */
export function parseUsdInput(text: string): { micros: number } | { error: string } {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!cleaned) return { error: 'Enter an amount in US dollars.' };
  try {
    return { micros: usd(cleaned) };
  } catch {
    return { error: `"${text}" is not an amount in US dollars (e.g. 500 or 12.50).` };
  }
}
