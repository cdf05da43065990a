import type { RouterOutputs } from '@atelier/api';

/**
 * Prompt lint findings from prompt.analyze, placed on the text: the aspect-ratio flag with a
 * quick fix to what the chosen model can produce (its nearest size or ratio), flags Atelier
 * ignores with a fix that removes them, and the analysis's hints on the whole selection.
 * Offsets are into the analysed text; the editor adds the selection's start.
 */

export type PromptAnalysis = RouterOutputs['prompt']['analyze'];

export interface Finding {
  start: number;
  end: number;
  severity: 'warning' | 'info';
  message: string;
  /** Replace [start, end) with this text. */
  fix?: { title: string; replacement: string };
}

const DASH = '(?:--|—|–)';

/** Where `--name value` (or `--name=value`) is written: the span of the whole flag. */
export function findFlag(
  text: string,
  names: readonly string[],
): { start: number; end: number; value?: string } | undefined {
  const re = new RegExp(
    `(^|\\s)(${DASH}(?:${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')})(?:(?:=|\\s+)(?!${DASH})(\\S+))?)(?=\\s|$)`,
    'i',
  );
  const m = re.exec(text);
  if (!m || m[2] === undefined) return undefined;
  const start = m.index + (m[1]?.length ?? 0);
  return { start, end: start + m[2].length, ...(m[3] ? { value: m[3] } : {}) };
}

export function lintFindings(text: string, a: PromptAnalysis): Finding[] {
  const findings: Finding[] = [];
  const whole = { start: 0, end: text.length };
  const ar = findFlag(text, ['ar', 'aspect', 'aspect-ratio']);
  for (const mapping of a.sizeMapping) {
    if (!ar) break;
    const replacement =
      mapping.kind === 'size' ? `--size ${mapping.value}` : `--ar ${mapping.value}`;
    findings.push({
      ...ar,
      severity: mapping.exact ? 'info' : 'warning',
      message:
        mapping.warning ??
        `${mapping.model}: --ar ${mapping.requested} is sent as ${mapping.kind === 'size' ? `size ${mapping.value}` : `aspect ratio ${mapping.value}`}.`,
      ...(mapping.exact && mapping.kind === 'aspect'
        ? {}
        : { fix: { title: `Use ${replacement} (${mapping.model})`, replacement } }),
    });
  }
  for (const ignored of a.flags.ignored) {
    const at = findFlag(text, [ignored.flag.replace(/^--/, '')]);
    findings.push({
      ...(at ?? whole),
      severity: 'warning',
      message: `${ignored.flag}${ignored.value ? ` ${ignored.value}` : ''} is ignored: ${ignored.reason}.`,
      ...(at ? { fix: { title: `Remove ${ignored.flag}`, replacement: '' } } : {}),
    });
  }
  if (a.overLimit && a.maxWords) {
    findings.push({
      ...whole,
      severity: 'warning',
      message: `${a.words} words: over the ${a.maxWords} the model's guide recommends.`,
    });
  }
  if (a.missing.length) {
    findings.push({
      ...whole,
      severity: 'info',
      message: `Missing parts: ${a.missing.join(', ')} (expected: ${a.expected.join(', ')}).`,
    });
  }
  for (const hint of a.hints) findings.push({ ...whole, severity: 'info', message: hint });
  return findings;
}
