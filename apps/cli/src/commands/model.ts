import {
  Criterion,
  shutdownWarning,
  today,
  withRunnability,
  type Note,
  type WithRunnability,
} from '@atelier/core/catalog';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { bulletText, indent, priceText, sourceText, wrap, yesNo } from '../format.ts';
import type { Style } from '../output/style.ts';

/** `atelier model <id|alias>`: the full card of one model. */
export function run({ args }: Invocation): Output {
  const catalog = cliCatalog();
  const entry = catalog.resolve(String(args[0]));
  // Read on today's date (ATELIER_TODAY pins it): the status and the warning ahead of a shutdown.
  const date = today();
  const model = withRunnability(entry, date);
  const warning = shutdownWarning(entry, date, { nameOf: (id) => catalog.get(id)?.name })?.message;
  const replacements = model.lifecycle.replacements.map((id) => {
    const m = catalog.get(id);
    return { id, name: m?.name ?? id, status: m?.lifecycle.status };
  });
  return {
    data: {
      ...model,
      lifecycle: {
        ...model.lifecycle,
        replacementModels: replacements,
        ...(warning ? { warning } : {}),
      },
    },
    text: (style) => card(model, replacements, style, warning),
  };
}

type Model = WithRunnability;

function card(
  m: Model,
  replacements: { id: string; name: string }[],
  s: Style,
  warning: string | undefined,
): string {
  const { c } = s;
  const out: string[] = [];
  const status = statusText(m, s);
  out.push(`${c.bold(m.name)}  ${c.dim(m.id)}  ${m.vendor} · ${m.modality} · ${status}`);
  if (warning) out.push(c.yellow(wrap(`Warning: ${warning}`)));
  out.push(
    m.runnable
      ? c.green('Atelier can run it here.')
      : c.yellow(
          wrap(`Atelier can't run it here: ${m.notRunnableReason ?? 'no reason recorded'}.`),
        ),
  );
  out.push(wrap(m.description));
  out.push('');
  out.push(
    s.fields([
      ['Aliases', m.aliases.join(', ')],
      ['Tasks', m.tasks.join(', ')],
      [
        'Moderation',
        m.moderation ? `${m.moderation.level} — ${sourceText(m.moderation.source)}` : undefined,
      ],
      [
        'Latency',
        m.claimedLatency
          ? `${m.claimedLatency.minSeconds}–${m.claimedLatency.maxSeconds} s${m.claimedLatency.condition ? ` (${m.claimedLatency.condition})` : ''} — ${sourceText(m.claimedLatency.source)}`
          : undefined,
      ],
    ]),
  );

  out.push('', s.heading('Specs'), indent(s.fields(specs(m))));

  out.push('', s.heading('Lifecycle'));
  const lc = m.lifecycle;
  out.push(
    indent(
      s.fields([
        ['Status', status],
        ['Released', lc.released],
        ['Deprecated', lc.deprecated],
        ['Shutdown', lc.shutdown],
        ['Replaced by', replacements.map((r) => `${r.id} (${r.name})`).join(', ')],
        ['Note', lc.note],
        ['Source', sourceText(lc.source)],
      ]),
    ),
  );

  out.push('', s.heading('Routes and prices'));
  if (m.routes.length === 0) {
    out.push(indent(c.yellow(`No priced route: ${m.unpricedReason ?? 'no reason recorded'}`)));
  }
  for (const r of m.routes) {
    out.push(
      indent(
        `${c.bold(r.provider)}  ${r.providerModelId}  ${r.status === 'active' ? c.green(r.status) : c.yellow(r.status)}`,
      ),
    );
    if (!r.runnable) out.push(c.yellow(wrap(`can't run here: ${r.notRunnableReason}`, 4)));
    out.push(wrap(priceText(r.price), 4));
    if (r.price.note) out.push(c.dim(wrap(r.price.note, 4)));
    if (r.note) out.push(c.dim(wrap(r.note, 4)));
    out.push(c.dim(`    source: ${sourceText(r.price.source)}`));
  }

  const scores = Criterion.options.flatMap((k) => {
    const score = m.scores[k];
    return score ? [[k, score] as const] : [];
  });
  if (scores.length) {
    out.push('', s.heading('Scores (0–5)'));
    out.push(
      indent(
        s.table(
          ['Criterion', 'Score', 'Source', 'Note'],
          scores.map(([k, v]) => [
            k,
            v.value.toFixed(1),
            sourceText(v.source, false),
            v.note ?? '',
          ]),
          { align: ['left', 'right', 'left', 'left'] },
        ),
      ),
    );
  }

  for (const [title, notes] of [
    ['Strengths', m.strengths],
    ['Limitations', m.limitations],
    ['Best for', m.bestFor],
    ['Avoid if', m.avoidIf],
  ] as const) {
    if (notes.length) out.push('', s.heading(title), ...notes.map((n) => bullet(n, s)));
  }

  out.push('', s.heading('Prompt'));
  out.push(
    indent(
      s.fields([
        ['Template', m.prompt.template],
        ['Parts', m.prompt.parts.join(', ')],
        ['Max words', String(m.prompt.maxWords)],
        ['Example', m.prompt.example],
        ['Source', sourceText(m.prompt.source)],
      ]),
    ),
  );
  for (const tip of m.prompt.tips) out.push(bulletText(tip));

  if (m.claims.length) {
    out.push(
      '',
      s.heading('Claims'),
      c.dim('  What sources say, in their words; not verified by Atelier.'),
    );
    for (const claim of m.claims) {
      out.push(bulletText(`[${claim.topic}] ${claim.text}`));
      out.push(c.dim(`    ${sourceText(claim.source)}`));
    }
  }
  return out.join('\n');
}

function statusText(m: Model, { c }: Style): string {
  const st = m.lifecycle.status;
  if (st === 'active') return c.green(st);
  if (st === 'preview') return c.cyan(st);
  if (st === 'deprecated') return c.yellow(st);
  return c.red(st);
}

function specs(m: Model): [string, string | undefined][] {
  if (m.modality === 'image') {
    const i = m.image;
    const sizes =
      i.sizes.kind === 'list'
        ? i.sizes.values.join(', ')
        : i.sizes.kind === 'range'
          ? `any WxH, multiple of ${i.sizes.multipleOf}, edges ${i.sizes.minEdge}–${i.sizes.maxEdge}, up to ${(i.sizes.maxPixels / 1e6).toFixed(1)} MP, aspect ≤ ${i.sizes.maxAspect}:1; presets ${i.sizes.presets.join(', ')}`
          : 'set by aspect ratio and resolution';
    return [
      ['Sizes', sizes],
      ['Aspect ratios', i.aspectRatios.join(', ')],
      ['Resolutions', i.resolutions.map((r) => `${r.name} (${r.longEdge}px)`).join(', ')],
      ['Qualities', i.qualities.join(', ')],
      ['Max output', `${i.maxWidth}x${i.maxHeight}`],
      ['Images per call', String(i.maxImagesPerCall)],
      ['Input images', String(i.maxInputImages)],
      ['Formats', i.outputFormats.join(', ')],
      ['Transparency', yesNo(i.transparency)],
      ['Mask', yesNo(i.mask)],
      ['Seed', yesNo(i.seed)],
      ['Negative prompt', yesNo(i.negativePrompt)],
      ['Source', sourceText(i.source)],
    ];
  }
  const v = m.video;
  return [
    ['Durations', v.durations.map((d) => `${d}s`).join(', ')],
    ['Resolutions', v.resolutions.join(', ')],
    ['Aspect ratios', v.aspectRatios.join(', ')],
    ['Frame rates', v.fps.map((f) => `${f} fps`).join(', ')],
    ['Audio', v.audio],
    ['Image to video', yesNo(v.imageToVideo)],
    ['Last frame', yesNo(v.lastFrame)],
    ['Videos per call', String(v.maxVideosPerCall)],
    ['Seed', yesNo(v.seed)],
    ['Negative prompt', yesNo(v.negativePrompt)],
    ['Source', sourceText(v.source)],
  ];
}

function bullet(note: Note, { c }: Style): string {
  return `${bulletText(note.text)}\n${c.dim(`    ${sourceText(note.source)}`)}`;
}
