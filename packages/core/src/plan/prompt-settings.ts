import { parseFlags } from '../prompt/flags.ts';
import type { Kind } from './request.ts';

/**
 * Flags written inside a prompt ("a poster --ar 21:9 --no text") are read as settings and taken
 * out of the text, in every frontend alike: a provider would otherwise draw them as words.
 * Settings given explicitly beat the flags (the caller spreads its own settings over these).
 */
export function promptSettings(
  kind: Kind,
  text: string,
): { prompt: string; settings: Record<string, unknown>; notes: string[] } {
  const { flags, cleaned } = parseFlags(text);
  const settings: Record<string, unknown> = {};
  const notes: string[] = [];
  const read = (flag: string, key: string, value: unknown, label: string) => {
    if (value === undefined) return;
    settings[key] = value;
    notes.push(
      `${flag} ${String(value)} in the prompt was read as the ${label} and removed from the text.`,
    );
  };
  read('--ar', 'aspectRatio', flags.aspectRatio, 'aspect ratio');
  read('--quality', 'quality', flags.quality, 'quality');
  read('--resolution', 'resolution', flags.resolution, 'resolution');
  read('--seed', 'seed', flags.seed, 'seed');
  if (kind === 'image') {
    read('--size', 'size', flags.size, 'size');
    read('--n', 'n', flags.count, 'number of images');
  } else {
    read('--duration', 'duration', flags.seconds, 'clip length');
  }
  if (flags.negative.length)
    read('--no', 'negativePrompt', flags.negative.join(', '), 'negative prompt');
  for (const f of flags.ignored)
    notes.push(`${f.flag}${f.value ? ` ${f.value}` : ''}: ${f.reason}.`);
  return { prompt: cleaned || text.trim(), settings, notes };
}
