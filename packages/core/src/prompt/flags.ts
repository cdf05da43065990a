/**
 * Midjourney-style flags people paste into prompts ("… --ar 16:9 --no text, watermark"). They are
 * read into settings and removed from the prompt, because providers would otherwise draw them as
 * words. Flags Atelier has no setting for are reported, never dropped silently.
 */

export interface IgnoredFlag {
  flag: string;
  value?: string;
  reason: string;
}

export interface PromptFlags {
  /** Normalized "W:H" from --ar / --aspect. */
  aspectRatio?: string;
  /** "WxH" from --size. */
  size?: string;
  quality?: string;
  resolution?: string;
  seed?: number;
  /** Clip length from --duration / --seconds. */
  seconds?: number;
  /** Number of outputs from --n / --count. */
  count?: number;
  /** What --no asks to leave out, split on commas. */
  negative: string[];
  ignored: IgnoredFlag[];
  /** Every flag as written, in order. */
  raw: { name: string; value?: string }[];
}

type Known =
  'aspectRatio' | 'size' | 'quality' | 'resolution' | 'seed' | 'seconds' | 'count' | 'negative';

const ALIASES: Readonly<Record<string, Known>> = {
  ar: 'aspectRatio',
  aspect: 'aspectRatio',
  'aspect-ratio': 'aspectRatio',
  size: 'size',
  q: 'quality',
  quality: 'quality',
  res: 'resolution',
  resolution: 'resolution',
  seed: 'seed',
  duration: 'seconds',
  seconds: 'seconds',
  n: 'count',
  count: 'count',
  no: 'negative',
  neg: 'negative',
  negative: 'negative',
};

/** A flag starts after whitespace with "--" (or the em/en dash that autocorrect turns it into). */
const FLAG = /(^|\s)(?:--|—|–)([a-z][\w-]*)(?:=(\S+))?/gi;

const RATIO = /^(\d+(?:\.\d+)?)\s*[:x/]\s*(\d+(?:\.\d+)?)$/i;

/** "16x9", "16/9" and "16:9" all mean 16:9; zero sides are not a ratio. */
export function normalizeRatio(value: string): string | undefined {
  const m = RATIO.exec(value.trim());
  if (!m?.[1] || !m[2] || Number(m[1]) <= 0 || Number(m[2]) <= 0) return undefined;
  return `${Number(m[1])}:${Number(m[2])}`;
}

interface Span {
  start: number;
  end: number;
}

function read(key: Known, value: string | undefined, flags: PromptFlags, name: string): void {
  const bad = (reason: string): void => {
    flags.ignored.push({ flag: `--${name}`, value, reason });
  };
  if (key === 'negative') {
    const items = (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!items.length) return bad('--no needs what to leave out, e.g. "--no text, watermark"');
    flags.negative.push(...items);
    return;
  }
  if (value === undefined) return bad('missing a value');
  switch (key) {
    case 'aspectRatio': {
      const ratio = normalizeRatio(value);
      if (!ratio) return bad('not an aspect ratio such as 16:9');
      flags.aspectRatio = ratio;
      return;
    }
    case 'size': {
      const m = /^(\d+)\s*[x×*]\s*(\d+)$/i.exec(value);
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0)
        return bad('not a size such as 1024x1024');
      flags.size = `${Number(m[1])}x${Number(m[2])}`;
      return;
    }
    case 'seed': {
      const seed = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) return bad('not a whole number');
      flags.seed = seed;
      return;
    }
    case 'seconds': {
      const seconds = Number(value.replace(/s$/i, ''));
      if (!Number.isFinite(seconds) || seconds <= 0) return bad('not a number of seconds');
      flags.seconds = seconds;
      return;
    }
    case 'count': {
      const count = Number(value);
      if (!/^\d+$/.test(value) || count < 1) return bad('not a positive whole number');
      flags.count = count;
      return;
    }
    case 'quality':
    case 'resolution':
      flags[key] = value;
      return;
  }
}

/** Splits flags from the prompt text: `cleaned` is what should be sent as the prompt. */
export function parseFlags(text: string): { flags: PromptFlags; cleaned: string } {
  const flags: PromptFlags = { negative: [], ignored: [], raw: [] };
  const starts = [...text.matchAll(FLAG)].map((m) => ({
    at: m.index + (m[1]?.length ?? 0),
    end: m.index + m[0].length,
    name: (m[2] ?? '').toLowerCase(),
    inline: m[3],
  }));
  const removed: Span[] = [];
  for (const [i, flag] of starts.entries()) {
    const regionEnd = starts[i + 1]?.at ?? text.length;
    const region = text.slice(flag.end, regionEnd);
    const key = ALIASES[flag.name];
    let value = flag.inline;
    let end = flag.end;
    if (value === undefined) {
      if (key === 'negative') {
        // --no takes everything up to the next flag: "--no text, watermark, logos"
        value = region.trim() || undefined;
        end = regionEnd;
      } else {
        const token = /^\s+(\S+)/.exec(region);
        if (token?.[1] && !/^(?:--|—|–)/.test(token[1])) {
          value = token[1];
          end = flag.end + token[0].length;
        }
      }
    }
    flags.raw.push(value === undefined ? { name: flag.name } : { name: flag.name, value });
    removed.push({ start: flag.at, end });
    if (key) read(key, value, flags, flag.name);
    else
      flags.ignored.push({
        flag: `--${flag.name}`,
        value,
        reason: 'not a setting Atelier knows; it was removed from the prompt',
      });
  }
  let cleaned = '';
  let cursor = 0;
  for (const span of removed) {
    cleaned += `${text.slice(cursor, span.start)} `;
    cursor = span.end;
  }
  cleaned += text.slice(cursor);
  cleaned = cleaned
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim()
    .replace(/[,;]+$/, '')
    .trim();
  return { flags, cleaned };
}
