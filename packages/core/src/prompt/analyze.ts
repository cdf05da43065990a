import { z } from 'zod';
import { loadCatalog, type Catalog } from '../catalog/index.ts';
import type { ModelEntry, PromptPart } from '../catalog/schema.ts';
import { parseInput } from '../validate.ts';
import { mapAspectRatio, type AspectMapping } from './aspect.ts';
import { parseFlags, type PromptFlags } from './flags.ts';
import { DEFAULT_IMAGE_PARTS, DEFAULT_VIDEO_PARTS, PART_EXAMPLES } from './lexicon.ts';
import { detectParts, type PromptParts } from './structure.ts';

export const AnalyzePromptInputSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'a prompt needs at least one word')
      .max(20_000, 'a prompt of at most 20,000 characters'),
    model: z.string().trim().min(1, 'a model id or alias').optional(),
  })
  .strict();
export type AnalyzePromptOptions = { model?: string };

export interface PromptAnalysis {
  /** Catalog id of the model the prompt was checked against, when one was named. */
  model?: string;
  /** Words in the cleaned prompt (flags removed). */
  words: number;
  /** The model's recommended maximum, from its catalog prompt guidance. */
  maxWords?: number;
  overLimit: boolean;
  parts: PromptParts;
  /** The parts this check asks for: the model's template parts, or the seeds' default structure. */
  expected: PromptPart[];
  missing: PromptPart[];
  /** Text in quotes, which the model is being asked to render. */
  quotedText: string[];
  /** Catalog ids strongest at text rendering, when there is quoted text. */
  textRenderingSuggestions: string[];
  flags: PromptFlags;
  cleanedPrompt: string;
  /** The nearest supported size or ratio for --ar / --size, per model checked. */
  sizeMapping: AspectMapping[];
  hints: string[];
}

/** Score from which a model counts as strong at text rendering (seed scale 0–5). */
export const STRONG_TEXT_RENDERING = 4.5;
const MAX_TEXT_SUGGESTIONS = 3;

// "…", “…”, „…“, «…», ‘…’, and '…' only where the quotes are not apostrophes.
const QUOTES = [
  /"([^"\n]+)"/g,
  /“([^”\n]+)”/g,
  /„([^“”\n]+)[“”]/g,
  /«([^»\n]+)»/g,
  /(?<!\w)‘([^’\n]+)’(?!\w)/g,
  /(?<![\w'])'([^'\n]+)'(?![\w'])/g,
];

export function extractQuotedText(text: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const re of QUOTES) {
    for (const m of text.matchAll(re)) {
      const inner = m[1]?.trim();
      if (inner) found.push({ at: m.index, text: inner });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.text)
    .filter((t) => !seen.has(t) && seen.add(t));
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const servable = (m: ModelEntry) =>
  m.lifecycle.status === 'active' || m.lifecycle.status === 'preview';

/** The best text renderers of a modality: text score, then active before preview, then cost score. */
export function textRenderingLeaders(
  catalog: Catalog,
  modality: ModelEntry['modality'],
  max = MAX_TEXT_SUGGESTIONS,
): ModelEntry[] {
  return catalog.models
    .filter(
      (m) =>
        m.modality === modality &&
        servable(m) &&
        (m.scores.textRendering?.value ?? 0) >= STRONG_TEXT_RENDERING,
    )
    .sort(
      (a, b) =>
        (b.scores.textRendering?.value ?? 0) - (a.scores.textRendering?.value ?? 0) ||
        Number(b.lifecycle.status === 'active') - Number(a.lifecycle.status === 'active') ||
        (b.scores.costEfficiency?.value ?? 0) - (a.scores.costEfficiency?.value ?? 0) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, max);
}

function ratioOfSize(size: string): string {
  const [w = 1, h = 1] = size.split('x').map(Number);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(w, h);
  return `${w / d}:${h / d}`;
}

/** Hints about flags the model cannot honour: each names what will happen to the setting. */
function flagHints(model: ModelEntry, flags: PromptFlags): string[] {
  const hints: string[] = [];
  const caps = model.modality === 'image' ? model.image : model.video;
  if (flags.seed !== undefined && !caps.seed) {
    hints.push(
      `${model.name} does not take a seed; --seed ${flags.seed} will be ignored and results will vary run to run.`,
    );
  }
  if (flags.negative.length && !caps.negativePrompt) {
    hints.push(
      `${model.name} has no negative prompt; --no ${flags.negative.join(', ')} will not be sent. Say what you want instead (e.g. "a clean, unmarked background").`,
    );
  }
  if (model.modality === 'image') {
    const { qualities, resolutions, maxImagesPerCall } = model.image;
    if (
      flags.quality !== undefined &&
      !qualities.some((q) => q.toLowerCase() === flags.quality?.toLowerCase())
    ) {
      hints.push(
        qualities.length
          ? `${model.name} quality is one of ${qualities.join(', ')}; --quality ${flags.quality} is not one of them.`
          : `${model.name} has no quality setting${resolutions.length ? `; choose a resolution tier instead (${resolutions.map((r) => r.name).join(', ')})` : ''}; --quality ${flags.quality} will be ignored.`,
      );
    }
    if (
      flags.resolution !== undefined &&
      !resolutions.some((r) => r.name.toLowerCase() === flags.resolution?.toLowerCase())
    ) {
      hints.push(
        resolutions.length
          ? `${model.name} resolution tiers are ${resolutions.map((r) => r.name).join(', ')}; --resolution ${flags.resolution} is not one of them.`
          : `${model.name} has no resolution tiers; --resolution ${flags.resolution} will be ignored.`,
      );
    }
    if (flags.count !== undefined && flags.count > maxImagesPerCall) {
      hints.push(
        `${model.name} makes at most ${maxImagesPerCall} image(s) per call; ${flags.count} means ${Math.ceil(flags.count / maxImagesPerCall)} calls.`,
      );
    }
    if (flags.seconds !== undefined)
      hints.push(`${model.name} makes still images; --duration ${flags.seconds} will be ignored.`);
  } else {
    const { durations, resolutions } = model.video;
    if (flags.seconds !== undefined && !durations.includes(flags.seconds)) {
      hints.push(
        `${model.name} clip lengths are ${durations.join(', ')} s; ${flags.seconds} s is not one of them.`,
      );
    }
    if (
      flags.resolution !== undefined &&
      !resolutions.some((r) => r.toLowerCase() === flags.resolution?.toLowerCase())
    ) {
      hints.push(
        `${model.name} resolutions are ${resolutions.join(', ')}; --resolution ${flags.resolution} is not one of them.`,
      );
    }
    if (flags.quality !== undefined)
      hints.push(
        `${model.name} has no quality setting; --quality ${flags.quality} will be ignored.`,
      );
  }
  return hints;
}

function lifecycleHint(model: ModelEntry, catalog: Catalog): string | undefined {
  const { status, shutdown, replacements } = model.lifecycle;
  if (status !== 'retired' && status !== 'deprecated') return undefined;
  const names = replacements.map((id) => catalog.get(id)?.name ?? id);
  const verb = status === 'retired' ? 'was retired' : 'is deprecated';
  const when = shutdown
    ? status === 'retired'
      ? ` on ${shutdown}`
      : ` and shuts down on ${shutdown}`
    : '';
  return `${model.name} ${verb}${when}${names.length ? `; use ${names.join(' or ')} instead` : ''}.`;
}

/**
 * Checks a prompt's structure against a model's catalog guidance (template, parts, word limit),
 * reads Midjourney-style flags out of it, and maps --ar to what the model can make.
 */
export function analyzePrompt(
  text: string,
  opts: AnalyzePromptOptions = {},
  catalog: Catalog = loadCatalog(),
): PromptAnalysis {
  const input = parseInput(AnalyzePromptInputSchema, { text, ...opts }, 'prompt analysis');
  const model = input.model ? catalog.resolve(input.model) : undefined;

  const { flags, cleaned } = parseFlags(input.text);
  const words = countWords(cleaned);
  const quotedText = extractQuotedText(cleaned);
  const parts = detectParts(cleaned);
  if (quotedText.length) {
    parts.text = {
      present: true,
      evidence: [...quotedText.map((q) => `"${q}"`), ...parts.text.evidence].slice(0, 6),
    };
  }

  const modality = model?.modality ?? 'image';
  const expected = model
    ? [...model.prompt.parts]
    : [...(modality === 'video' ? DEFAULT_VIDEO_PARTS : DEFAULT_IMAGE_PARTS)];
  if (quotedText.length && !expected.includes('text')) expected.push('text');
  const missing = expected.filter((p) => !parts[p].present);
  const maxWords = model?.prompt.maxWords;
  const overLimit = maxWords !== undefined && words > maxWords;

  const leaders = quotedText.length ? textRenderingLeaders(catalog, modality) : [];
  const textRenderingSuggestions = leaders.map((m) => m.id);

  const ratio = flags.aspectRatio ?? (flags.size ? ratioOfSize(flags.size) : undefined);
  const mapped = model ? [model] : leaders;
  const sizeMapping = ratio ? mapped.map((m) => mapAspectRatio(m, ratio)) : [];

  const hints: string[] = [];
  const lifecycle = model && lifecycleHint(model, catalog);
  if (lifecycle) hints.push(lifecycle);
  if (overLimit && model) {
    hints.push(
      `${words} words: ${model.name} follows prompts best within ${maxWords}. Cut repeated adjectives and keep one idea per clause.`,
    );
  }
  for (const part of missing) hints.push(`Add ${part}: ${PART_EXAMPLES[part]}.`);
  if (missing.length) {
    hints.push(
      model
        ? `${model.name} prompt structure: ${model.prompt.template}`
        : 'A prompt structure that works across models: [Subject] [Action] in [Environment], [Lighting], [Camera], [Style]',
    );
  }
  if (quotedText.length) {
    const score = model?.scores.textRendering?.value;
    const others = leaders.filter((m) => m.id !== model?.id).map((m) => m.name);
    if (model && score !== undefined && score < 4 && others.length) {
      hints.push(
        `${model.name} scores ${score}/5 on text rendering; for the quoted text consider ${others.join(', ')}.`,
      );
    } else if (model && score === undefined && others.length) {
      hints.push(
        `${model.name} has no text-rendering score; models rated strongest at it: ${others.join(', ')}.`,
      );
    } else if (!model && others.length) {
      hints.push(
        `The prompt asks for rendered text; models rated strongest at it: ${others.join(', ')}.`,
      );
    }
  }
  if (model?.modality === 'image' && parts.motion.present) {
    hints.push(
      `Motion words (${parts.motion.evidence.join(', ')}) have no effect on ${model.name}, which makes still images.`,
    );
  }
  if (flags.size && !flags.aspectRatio)
    hints.push(`--size ${flags.size} is read as the aspect ratio ${ratio}.`);
  if (model) hints.push(...flagHints(model, flags));
  for (const f of flags.ignored)
    hints.push(`${f.flag}${f.value ? ` ${f.value}` : ''} ignored: ${f.reason}.`);
  for (const m of sizeMapping) if (m.warning) hints.push(m.warning);
  if (model) hints.push(...model.prompt.tips);

  return {
    ...(model ? { model: model.id } : {}),
    words,
    ...(maxWords !== undefined ? { maxWords } : {}),
    overLimit,
    parts,
    expected,
    missing,
    quotedText,
    textRenderingSuggestions,
    flags,
    cleanedPrompt: cleaned,
    sizeMapping,
    hints,
  };
}
