import { InvalidArgumentError } from 'commander';

/*
 * Commander-level parsers turn flag strings into numbers and lists; range and enum checks happen
 * later in each command's zod schema, where the allowed values are known.
 */

export function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError('Expected a number.');
  return n;
}

export function integer(value: string): number {
  const n = number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('Expected a whole number.');
  return n;
}

/** A USD amount as typed ("0.05", "$12", "1,200"), kept as a decimal string for exact money parsing. */
export function usdAmount(value: string): string {
  const cleaned = value.trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned))
    throw new InvalidArgumentError('Expected a USD amount such as 0.05 or 20.');
  return cleaned;
}

/** A percentage as typed ("40", "40%"). */
export function percent(value: string): number {
  return number(value.trim().replace(/%$/, ''));
}

/** Repeatable and comma-separated: `--status active,preview` or `--status active --status preview`. */
export function list(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

/** Repeatable, each value whole (`-m a -m b`; a value may contain commas). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
