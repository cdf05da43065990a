import { PromptPart } from '../catalog/schema.ts';
import { escapeRegExp, NOT_ACTIONS, PART_CUES, type Cue } from './lexicon.ts';

export interface PartFinding {
  present: boolean;
  /** The words that gave the part away, in prompt order. */
  evidence: string[];
}
export type PromptParts = Record<PromptPart, PartFinding>;

interface Hit {
  start: number;
  end: number;
  text: string;
}

const MAX_EVIDENCE = 6;

/** A phrase cue matches as whole words, case-insensitive, with an optional plural ending. */
function compile(cue: Cue): RegExp {
  if (typeof cue !== 'string')
    return new RegExp(cue.source, cue.flags.includes('g') ? cue.flags : `${cue.flags}g`);
  const body = escapeRegExp(cue).replace(/ /g, '[\\s-]+');
  return new RegExp(`(?<![\\w])${body}(?:s|es)?(?![\\w])`, 'gi');
}

const COMPILED = Object.fromEntries(
  PromptPart.options.map((part) => [part, PART_CUES[part].map(compile)]),
) as Record<PromptPart, RegExp[]>;

function hitsFor(part: PromptPart, text: string): Hit[] {
  const hits: Hit[] = [];
  for (const re of COMPILED[part]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const word = m[0].trim();
      if (part === 'action' && NOT_ACTIONS.has(word.toLowerCase())) continue;
      hits.push({ start: m.index, end: m.index + m[0].length, text: word });
    }
  }
  return hits;
}

/** Keeps the longest of overlapping hits ("in a rustic kitchen" over "kitchen"), in text order. */
function outermost(hits: Hit[]): Hit[] {
  const byLength = [...hits].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Hit[] = [];
  for (const hit of byLength) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const LEADING_NOUN_PHRASE = /^\s*(?:an?|the|one|two|three|four|five|\d+)\s+([^,.;:!?]+)/i;
const PHRASE_STOP = new Set([
  'in',
  'on',
  'at',
  'with',
  'wearing',
  'holding',
  'and',
  'against',
  'under',
  'as',
  'who',
  'that',
  'while',
  'from',
  'by',
  'near',
  'beside',
]);

/** "A dim seaside boardwalk at night…" → "A dim seaside boardwalk": the prompt opens on its subject. */
function leadingNounPhrase(text: string): string | undefined {
  const m = LEADING_NOUN_PHRASE.exec(text);
  if (!m?.[1]) return undefined;
  const words = m[0].trim().split(/\s+/);
  const phrase: string[] = [];
  for (const [i, word] of words.entries()) {
    if (i > 0 && PHRASE_STOP.has(word.toLowerCase())) break;
    phrase.push(word);
    if (phrase.length === 5) break;
  }
  return phrase.length > 1 ? phrase.join(' ') : undefined;
}

/** Finds evidence of each prompt part with the transparent cue lists in lexicon.ts. */
export function detectParts(text: string): PromptParts {
  const parts = {} as PromptParts;
  for (const part of PromptPart.options) {
    const evidence: string[] = [];
    const seen = new Set<string>();
    for (const hit of outermost(hitsFor(part, text))) {
      const key = hit.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(hit.text);
    }
    if (part === 'subject' && evidence.length === 0) {
      const phrase = leadingNounPhrase(text);
      if (phrase) evidence.push(phrase);
    }
    parts[part] = { present: evidence.length > 0, evidence: evidence.slice(0, MAX_EVIDENCE) };
  }
  return parts;
}
