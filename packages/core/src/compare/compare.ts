import { z } from 'zod';
import { loadCatalog, type Catalog } from '../catalog/index.ts';
import {
  Criterion,
  type LifecycleStatus,
  type Modality,
  type ModelEntry,
  type Note,
  type Source,
} from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import { entryOn } from '../catalog/lifecycle.ts';
import { today } from '../providers/runnable.ts';
import { parseInput } from '../validate.ts';
import { runPrice, type RunPrice } from './default-price.ts';
import { featureRows, type FeatureRow } from './features.ts';
import { CRITERION_LABELS, LENSES, UseCase, type Lens } from './lenses.ts';
import { balancedWeights, weightedScore, type WeightedScore } from './scoring.ts';

export const CompareInputSchema = z
  .object({
    ids: z
      .array(z.string().trim().min(1, 'a model id or alias'))
      .min(2, 'compare needs at least 2 models')
      .max(4, 'compare takes at most 4 models'),
    useCase: UseCase.optional(),
  })
  .strict();
export interface CompareOptions {
  useCase?: UseCase;
}

export interface ComparedModel {
  id: string;
  name: string;
  vendor: string;
  modality: Modality;
  status: LifecycleStatus;
  /** Set for retired and deprecated models. */
  shutdown?: string;
  replacements: { id: string; name: string }[];
  bestFor?: Note;
  avoidIf?: Note;
  strengths: Note[];
}

export interface CellScore {
  value: number;
  source: Source;
  note?: string;
  /** The provider's facts contradict the claim behind it: shown as contested, weighed less. */
  contested?: { reason: string; source: Source };
}

export interface CriterionRow {
  criterion: Criterion;
  label: string;
  /** Keyed by catalog id; null where the catalog has no score (or motion for a still model). */
  scores: Record<string, CellScore | null>;
  /** The id with the unique top score, 'tie' when several share it, null when there is too little to call. */
  winner: string | 'tie' | null;
  /** The ids holding the top score. */
  leaders: string[];
  /**
   * Cost efficiency only: each model's price for one run at the compared settings. When every
   * model has one (same modality), the cheapest leads the row, so the row and the "lower-cost"
   * line agree with what a run costs.
   */
  prices?: Record<string, RunPrice | null>;
}

export interface LensResult {
  id: UseCase;
  label: string;
  rationale: string;
  weights: Lens['weights'];
  /** Settings the use case implies, for running these models ("Run these"). */
  settings?: Lens['settings'];
  scores: Record<string, WeightedScore>;
  winner: string | 'tie';
  leaders: string[];
  because: string;
  /** The winner's reason without its name ("scores higher on realism, which…"). */
  reason?: string;
}

/** One "If you need… choose… because…" line. `choose` holds several ids when it is a tie. */
export interface ChooseRow {
  need: string;
  criterion?: Criterion;
  useCase?: UseCase;
  choose: string[];
  because: string;
  sources: Source[];
}

/**
 * The verdict as a short lead and a list, so four models read as four lines rather than one long
 * paragraph; `text` joins them for plain-text readers (the MCP tool's reply).
 */
export interface Verdict {
  /** The model to test first: the lens winner, else the best balanced score. */
  firstPick: string;
  /** One sentence: which model to test first, and why. */
  lead: string;
  /** One line per model (what it is better for, what it excels at), then lifecycle notes. */
  points: string[];
  /** What to do with the verdict. */
  next: string;
  /** Every model's "better for", in one sentence. */
  summary: string;
  text: string;
}

export interface Comparison {
  models: ComparedModel[];
  criteria: CriterionRow[];
  features: FeatureRow[];
  /** Equal weight on every criterion that applies to each model. */
  overall: Record<string, WeightedScore>;
  lens?: LensResult;
  verdict: Verdict;
  chooseIf: ChooseRow[];
  warnings: string[];
}

const NEEDS: Readonly<Record<Criterion, string>> = {
  costEfficiency: 'Lower-cost exploration and more variants per dollar',
  finalPolish: 'Polished, ready-to-ship final assets',
  textRendering: 'Readable text in designs, overlays and packaging',
  editingFlexibility: 'Editing and reference-driven iteration',
  consistency: 'Consistent characters and repeated campaign visuals',
  realism: 'Photoreal people, products and materials',
  promptAdherence: 'Long, complex prompts followed element by element',
  speed: 'Fast turnaround while iterating',
  motion: 'Natural motion and camera movement',
};
const NEED_ORDER: readonly Criterion[] = [
  'costEfficiency',
  'finalPolish',
  'textRendering',
  'editingFlexibility',
  'consistency',
  'realism',
  'promptAdherence',
  'speed',
  'motion',
];

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const lowerFirst = (s: string) =>
  /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
const fmt = (n: number) => String(Math.round(n * 100) / 100);
const uniqueSources = (sources: readonly (Source | undefined)[]): Source[] => {
  const seen = new Map<string, Source>();
  for (const s of sources) if (s) seen.set(`${s.ref}|${s.asOf}|${s.kind}`, s);
  return [...seen.values()];
};

function resolveAll(ids: readonly string[], catalog: Catalog): ModelEntry[] {
  const models: ModelEntry[] = [];
  const asked = new Map<string, string>();
  for (const id of ids) {
    const model = catalog.resolve(id);
    const earlier = asked.get(model.id);
    if (earlier !== undefined) {
      throw new AtelierError(
        'invalid_input',
        `"${earlier}" and "${id}" are the same model (${model.id}).`,
        {
          hint: 'List each model once.',
          details: { duplicate: model.id },
        },
      );
    }
    asked.set(model.id, id);
    models.push(model);
  }
  return models;
}

function describeModel(model: ModelEntry, catalog: Catalog): ComparedModel {
  const { status, shutdown, replacements } = model.lifecycle;
  const retiring = status === 'retired' || status === 'deprecated';
  return {
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    modality: model.modality,
    status,
    ...(retiring && shutdown ? { shutdown } : {}),
    replacements: retiring
      ? replacements.map((id) => ({ id, name: catalog.get(id)?.name ?? id }))
      : [],
    ...(model.bestFor[0] ? { bestFor: model.bestFor[0] } : {}),
    ...(model.avoidIf[0] ? { avoidIf: model.avoidIf[0] } : {}),
    strengths: model.strengths,
  };
}

/** Motion is a video criterion: still-image models are not scored on it, they cannot do it. */
function cellOf(model: ModelEntry, criterion: Criterion): CellScore | null {
  if (criterion === 'motion' && model.modality === 'image') return null;
  const s = model.scores[criterion];
  return s
    ? {
        value: s.value,
        source: s.source,
        ...(s.note ? { note: s.note } : {}),
        ...(s.contested ? { contested: s.contested } : {}),
      }
    : null;
}

function criterionRow(models: readonly ModelEntry[], criterion: Criterion): CriterionRow {
  const scores = Object.fromEntries(models.map((m) => [m.id, cellOf(m, criterion)]));
  const scored = models.filter((m) => scores[m.id]);
  // A still model "loses" motion to a scored video model; otherwise two scores are needed to call it.
  const decidable =
    scored.length >= 2 ||
    (criterion === 'motion' && scored.length === 1 && models.some((m) => m.modality === 'image'));
  if (!decidable)
    return { criterion, label: CRITERION_LABELS[criterion], scores, winner: null, leaders: [] };
  const top = Math.max(...scored.map((m) => scores[m.id]?.value ?? 0));
  const leaders = scored.filter((m) => scores[m.id]?.value === top).map((m) => m.id);
  return {
    criterion,
    label: CRITERION_LABELS[criterion],
    scores,
    winner: leaders.length === 1 ? (leaders[0] ?? null) : 'tie',
    leaders,
  };
}

function leadersOf(scores: Record<string, WeightedScore>, order: readonly ModelEntry[]): string[] {
  const top = Math.max(...order.map((m) => scores[m.id]?.score ?? 0));
  return order.filter((m) => scores[m.id]?.score === top).map((m) => m.id);
}

function lensResult(lens: Lens, models: readonly ModelEntry[]): LensResult {
  const stillMotion = lens.modality === 'video' ? 'zero' : 'skip';
  const scores = Object.fromEntries(
    models.map((m) => [m.id, weightedScore(m, lens.weights, stillMotion)]),
  );
  const leaders = leadersOf(scores, models);
  const name = (id: string) => models.find((m) => m.id === id)?.name ?? id;
  const use = lens.label.toLowerCase();
  const winner = leaders.length === 1 ? leaders[0] : undefined;
  let reason: string | undefined;
  if (winner) {
    const others = models.filter((m) => m.id !== winner);
    const versus = others.map((o) => `${fmt(scores[o.id]?.score ?? 0)} for ${o.name}`).join(', ');
    const counted = (id: string, c: Criterion) =>
      scores[id]?.breakdown.find((b) => b.criterion === c)?.counted ?? 0;
    const byWeight = Criterion.options
      .filter((c) => (lens.weights[c] ?? 0) > 0)
      .sort(
        (a, b) =>
          (lens.weights[b] ?? 0) - (lens.weights[a] ?? 0) ||
          Criterion.options.indexOf(a) - Criterion.options.indexOf(b),
      );
    // The heaviest criterion on which the winner beats every other model.
    const lead = byWeight.find((c) => others.every((o) => counted(winner, c) > counted(o.id, c)));
    const weighted = `weighted ${fmt(scores[winner]?.score ?? 0)} of 5 against ${versus}`;
    if (lead && lead === byWeight[0]) {
      reason = `scores higher on ${CRITERION_LABELS[lead].toLowerCase()}, which matters most for ${use} (${weighted})`;
    } else if (lead) {
      const share = Math.round(
        (scores[winner]?.breakdown.find((b) => b.criterion === lead)?.weight ?? 0) * 100,
      );
      reason = `has the higher ${use} score (${weighted}), led by ${CRITERION_LABELS[lead].toLowerCase()} (${share}% of the weight)`;
    } else {
      reason = `has the higher ${use} score (${weighted})`;
    }
  }
  const because = winner
    ? `${name(winner)} ${reason}.`
    : `${listNames(leaders.map(name))} are level for ${use} (${fmt(scores[leaders[0] ?? '']?.score ?? 0)} of 5 each, weighted).`;
  return {
    id: lens.id,
    label: lens.label,
    rationale: lens.rationale,
    weights: lens.weights,
    ...(lens.settings ? { settings: lens.settings } : {}),
    scores,
    winner: winner ?? 'tie',
    leaders,
    because,
    ...(reason ? { reason } : {}),
  };
}

function scoreText(row: CriterionRow, model: ModelEntry): string {
  const cell = row.scores[model.id];
  if (cell) return `${fmt(cell.value)}/5${cell.contested ? ' (contested)' : ''}`;
  return row.criterion === 'motion' && model.modality === 'image'
    ? 'none (still images)'
    : 'unscored';
}

/** Evidence beyond the score for a few criteria: claimed latency, edit inputs. */
function extraFacts(model: ModelEntry, criterion: Criterion): string | undefined {
  if (criterion === 'speed' && model.claimedLatency) {
    const { minSeconds, maxSeconds, condition } = model.claimedLatency;
    return `claimed ${minSeconds}–${maxSeconds} s${condition ? `, ${condition}` : ''}`;
  }
  if (criterion === 'editingFlexibility' && model.modality === 'image') {
    const facts = [
      model.image.mask ? 'mask inpainting' : '',
      model.image.maxInputImages > 0 ? `up to ${model.image.maxInputImages} reference images` : '',
    ].filter(Boolean);
    return facts.length ? facts.join(', ') : 'no image inputs';
  }
  return undefined;
}

function chooseByScore(row: CriterionRow, models: readonly ModelEntry[]): ChooseRow | undefined {
  if (row.winner === null) return undefined;
  const label = row.label.toLowerCase();
  const leaders = models.filter((m) => row.leaders.includes(m.id));
  const others = models.filter((m) => !row.leaders.includes(m.id));
  const top = leaders[0] ? scoreText(row, leaders[0]) : '';
  const withFacts = (m: ModelEntry) => {
    const extra = extraFacts(m, row.criterion);
    return extra ? `${m.name} (${extra})` : m.name;
  };
  let because: string;
  if (leaders.length === 1 && leaders[0]) {
    const versus = others.map((o) => `${scoreText(row, o)} for ${withFacts(o)}`).join(', ');
    because = `${withFacts(leaders[0])} scores ${top} on ${label} against ${versus}.`;
  } else if (!others.length) {
    because = `${leaders.length === 2 ? 'Both' : `All ${leaders.length}`} score ${top} on ${label}.`;
  } else {
    const behind = others.map((o) => `${o.name} (${scoreText(row, o)})`);
    because = `${listNames(leaders.map((m) => m.name))} score ${top} on ${label}, ahead of ${listNames(behind)}.`;
  }
  return {
    need: NEEDS[row.criterion],
    criterion: row.criterion,
    choose: row.leaders,
    because,
    sources: uniqueSources(models.map((m) => row.scores[m.id]?.source)),
  };
}

type Prices = Record<string, RunPrice | null>;

/** Prices that can be ranked: every model priced, per the same kind of asset. */
function comparable(prices: Prices, models: readonly ModelEntry[]): RunPrice[] | undefined {
  const all = models.map((m) => prices[m.id]);
  const per = all[0]?.per;
  return all.every((p): p is RunPrice => !!p && p.per === per) ? all : undefined;
}

/** The cost row led by the cheapest run when every model has a comparable price. */
function costRow(row: CriterionRow, prices: Prices, models: readonly ModelEntry[]): CriterionRow {
  const priced = comparable(prices, models);
  if (!priced) return { ...row, prices };
  const min = Math.min(...priced.map((p) => p.micros));
  const leaders = models.filter((m) => prices[m.id]?.micros === min).map((m) => m.id);
  return { ...row, prices, leaders, winner: leaders.length === 1 ? (leaders[0] ?? null) : 'tie' };
}

/** Cost by the price of a run at the compared settings, shown in the line; by score otherwise. */
function chooseByPrice(
  prices: Prices,
  models: readonly ModelEntry[],
  settingsLabel: string,
): ChooseRow | undefined {
  if (!comparable(prices, models)) return undefined;
  const priced = models.map((model) => ({ model, price: prices[model.id] as RunPrice }));
  const min = Math.min(...priced.map((p) => p.price.micros));
  const cheapest = priced.filter((p) => p.price.micros === min);
  const others = priced.filter((p) => p.price.micros !== min);
  const line = (p: (typeof priced)[number]) => `${p.model.name}: ${p.price.text}`;
  const lead = `At ${settingsLabel}, ${listNames(cheapest.map(line))}`;
  return {
    need: NEEDS.costEfficiency,
    criterion: 'costEfficiency',
    choose: cheapest.map((p) => p.model.id),
    because: others.length
      ? `${lead}, against ${others.map(line).join('; ')}.`
      : `${lead}: the same price.`,
    sources: uniqueSources(priced.map((p) => p.price.source)),
  };
}

/** A model's "best for" in a few words: its catalog note up to the first colon or dash. */
function bestForPhrase(model: ModelEntry, rows: readonly CriterionRow[]): string {
  const note = model.bestFor[0]?.text;
  if (note)
    return lowerFirst(
      note
        .split(/:| — | - /)[0]
        ?.replace(/[.]$/, '')
        .trim() ?? note,
    );
  // Else the two criteria it wins by the widest margin.
  const margin = (r: CriterionRow) =>
    (r.scores[model.id]?.value ?? 0) -
    Math.max(
      ...Object.entries(r.scores)
        .filter(([id]) => id !== model.id)
        .map(([, s]) => s?.value ?? 0),
    );
  const won = rows
    .filter((r) => r.winner === model.id)
    .sort((a, b) => margin(b) - margin(a))
    .slice(0, 2)
    .map((r) => r.label.toLowerCase());
  return won.length ? `the best ${listNames(won)}` : 'general use';
}

/** Among equals, the cheaper to run first, when their run prices compare. */
function firstPickOf(leaders: readonly string[], prices: Prices): { id: string; cheaper: boolean } {
  const first = leaders[0] ?? '';
  if (leaders.length < 2) return { id: first, cheaper: false };
  const priced = leaders.map((id) => ({ id, micros: prices[id]?.micros, per: prices[id]?.per }));
  const per = priced[0]?.per;
  if (!per || !priced.every((p) => p.micros !== undefined && p.per === per))
    return { id: first, cheaper: false };
  const sorted = [...priced].sort((a, b) => (a.micros ?? 0) - (b.micros ?? 0));
  const cheapest = sorted[0];
  const cheaper = !!cheapest && cheapest.micros !== sorted[1]?.micros;
  return { id: cheaper && cheapest ? cheapest.id : first, cheaper };
}

function verdictOf(
  models: readonly ModelEntry[],
  rows: readonly CriterionRow[],
  overall: Record<string, WeightedScore>,
  lens: LensResult | undefined,
  prices: Prices,
  catalog: Catalog,
): Verdict {
  const name = (id: string) => models.find((m) => m.id === id)?.name ?? id;
  const phrases = models.map((m) => ({ m, phrase: bestForPhrase(m, rows) }));
  const summary =
    phrases.length === 2
      ? `${phrases[0]?.m.name} is better for ${phrases[0]?.phrase}, while ${phrases[1]?.m.name} is better for ${phrases[1]?.phrase}.`
      : `${phrases.map(({ m, phrase }) => `${m.name} is better for ${phrase}`).join('; ')}.`;

  const leaders = lens ? lens.leaders : leadersOf(overall, models);
  const { id: firstPick, cheaper } = firstPickOf(leaders, prices);
  const context = lens ? `For ${lens.label.toLowerCase()}` : 'Across all criteria';
  const lead =
    leaders.length === 1
      ? `${context}, ${name(firstPick)} is the stronger first pick: it ${lens?.reason ?? `has the best balanced score (${fmt(overall[firstPick]?.score ?? 0)} of 5)`}.`
      : `${context}, ${listNames(leaders.map(name))} are level; start with ${name(firstPick)}${cheaper ? ', the cheaper to test' : ''}.`;
  const points = phrases.map(({ m, phrase }) => {
    const top = m.strengths.slice(0, 3).map((s) => lowerFirst(s.text.replace(/[.]$/, '')));
    return `${m.name} is better for ${phrase}.${top.length ? ` It excels at ${top.join('; ')}.` : ''}`;
  });
  for (const m of models) {
    const { status, shutdown, replacements } = m.lifecycle;
    if (status !== 'retired' && status !== 'deprecated') continue;
    const instead = replacements.map((id) => catalog.get(id)?.name ?? id);
    points.push(
      `${m.name} ${status === 'retired' ? 'was retired' : 'is deprecated'}${shutdown ? ` (${status === 'retired' ? '' : 'shuts down '}${shutdown})` : ''}${instead.length ? `; compare ${listNames(instead)} instead` : ''}.`,
    );
  }
  const next = `Run the same prompt through ${models.length === 2 ? 'both' : 'each'} and keep the output that fits your brief.`;
  return { firstPick, lead, points, next, summary, text: [lead, ...points, next].join(' ') };
}

function warningsOf(
  models: readonly ModelEntry[],
  rows: readonly CriterionRow[],
  lens: Lens | undefined,
  catalog: Catalog,
): string[] {
  const warnings: string[] = [];
  const modalities = new Set(models.map((m) => m.modality));
  if (modalities.size > 1) {
    warnings.push(
      'This compares image and video models: their scores rate different kinds of output, and motion applies to video only.',
    );
  }
  if (lens?.modality && !models.some((m) => m.modality === lens.modality)) {
    warnings.push(
      `The ${lens.label.toLowerCase()} lens is meant for ${lens.modality} models and none of these is one.`,
    );
  } else if (lens?.modality === 'video' && modalities.has('image')) {
    warnings.push(
      `Under the ${lens.label.toLowerCase()} lens still-image models count 0 on motion.`,
    );
  }
  for (const m of models) {
    const { status, shutdown, replacements } = m.lifecycle;
    const instead = replacements.map((id) => catalog.get(id)?.name ?? id);
    const use = instead.length ? `; use ${listNames(instead)} instead` : '';
    if (status === 'retired')
      warnings.push(
        `${m.name} was retired${shutdown ? ` on ${shutdown}` : ''} and can no longer be called${use}.`,
      );
    if (status === 'deprecated')
      warnings.push(
        `${m.name} is deprecated${shutdown ? ` and shuts down on ${shutdown}` : ''}${use}.`,
      );
    if (status === 'preview')
      warnings.push(`${m.name} is in preview: its API and price may still change.`);
    const unscored = rows
      .filter(
        (r) => r.scores[m.id] === null && !(r.criterion === 'motion' && m.modality === 'image'),
      )
      .map((r) => r.label.toLowerCase());
    if (unscored.length)
      warnings.push(`${m.name} has no catalog score for ${listNames(unscored)}.`);
  }
  return warnings;
}

/**
 * Compares 2–4 catalog models criterion by criterion and feature by feature, and derives the
 * verdict and the "if you need… choose…" table from the catalog by fixed rules.
 */
export function compare(
  ids: string[],
  opts: CompareOptions = {},
  catalog: Catalog = loadCatalog(),
): Comparison {
  const input = parseInput(CompareInputSchema, { ids, ...opts }, 'comparison');
  // Statuses as they stand today, from the lifecycle dates.
  const date = today();
  const models = resolveAll(input.ids, catalog).map((m) => entryOn(m, date));
  const lensDef = input.useCase ? LENSES[input.useCase] : undefined;
  // Cost is what one run costs at the settings the use case implies, else at the defaults.
  const settings = lensDef?.settings;
  const prices: Prices = Object.fromEntries(
    models.map((m) => [
      m.id,
      runPrice(m, catalog, date, settings ? { aspectRatio: settings.aspectRatio } : {}) ?? null,
    ]),
  );
  const settingsLabel = settings
    ? `${lensDef.label.toLowerCase()} settings (${settings.aspectRatio})`
    : 'default settings';
  const hasVideo = models.some((m) => m.modality === 'video');
  const criteria = Criterion.options.filter((c) => c !== 'motion' || hasVideo);
  const rows = criteria.map((c) => {
    const row = criterionRow(models, c);
    return c === 'costEfficiency' ? costRow(row, prices, models) : row;
  });
  const features = featureRows(models);
  const overall = Object.fromEntries(
    models.map((m) => [m.id, weightedScore(m, balancedWeights())]),
  );
  const lens = lensDef ? lensResult(lensDef, models) : undefined;

  const chooseIf: ChooseRow[] = [];
  for (const criterion of NEED_ORDER) {
    const row = rows.find((r) => r.criterion === criterion);
    if (!row) continue;
    const choice =
      (criterion === 'costEfficiency' ? chooseByPrice(prices, models, settingsLabel) : undefined) ??
      chooseByScore(row, models);
    if (choice) chooseIf.push(choice);
  }
  if (lens) {
    chooseIf.push({
      need: `${lens.label} specifically`,
      useCase: lens.id,
      choose: lens.leaders,
      because: lens.because,
      sources: uniqueSources(
        models.flatMap((m) => lens.scores[m.id]?.breakdown.map((b) => b.score?.source) ?? []),
      ),
    });
  }

  return {
    models: models.map((m) => describeModel(m, catalog)),
    criteria: rows,
    features,
    overall,
    ...(lens ? { lens } : {}),
    verdict: verdictOf(models, rows, overall, lens, prices, catalog),
    chooseIf,
    warnings: warningsOf(models, rows, lensDef, catalog),
  };
}
