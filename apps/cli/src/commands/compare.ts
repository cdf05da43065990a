import { compare, UseCase, type Comparison } from '@atelier/core/compare';
import { formatUsd } from '@atelier/core/money';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { bulletText, wrap } from '../format.ts';
import { SourceNotes } from '../output/sources.ts';
import type { Style } from '../output/style.ts';

const CompareFlags = z.object({ useCase: UseCase.optional() });

/** `atelier compare <a> <b> [c] [d]`: criteria, features, a verdict and "if you need… choose…". */
export function run({ args, options }: Invocation): Output {
  const { useCase } = parseFlags(CompareFlags, { useCase: options.useCase });
  const ids = args.filter((a): a is string => typeof a === 'string');
  const result = compare(ids, useCase ? { useCase } : {}, cliCatalog());
  return { data: result, text: (style) => render(result, style) };
}

function render(r: Comparison, s: Style): string {
  const { c } = s;
  const notes = new SourceNotes();
  const ids = r.models.map((m) => m.id);
  const names = r.models.map((m) => m.name);
  const out: string[] = [];
  out.push(
    c.bold(names.join(' vs ')) +
      (r.lens ? c.dim(`  (use case: ${r.lens.label.toLowerCase()})`) : ''),
  );

  const star = (on: boolean, text: string) => (on ? `${c.green(text)} ${c.green('★')}` : text);
  const rows: string[][] = [
    [
      'Status',
      ...r.models.map((m) => `${m.vendor} · ${m.status}${m.shutdown ? ` ${m.shutdown}` : ''}`),
    ],
  ];
  for (const row of r.criteria) {
    rows.push([
      row.label,
      ...ids.map((id) => {
        const cell = row.scores[id];
        if (!cell) return c.dim('—');
        const price = row.prices?.[id];
        // A contested score is shown as such, with the source that contradicts it.
        const contested = cell.contested
          ? ` ${c.yellow('contested')} ${c.dim(notes.ref(cell.contested.source))}`
          : '';
        return `${star(row.leaders.includes(id) && row.winner !== null, cell.value.toFixed(1))} ${c.dim(notes.ref(cell.source))}${contested}${price ? ` ${c.dim(`(run ${formatUsd(price.micros)})`)}` : ''}`;
      }),
    ]);
  }
  const top = (scores: Record<string, { score: number }>) =>
    Math.max(...ids.map((id) => scores[id]?.score ?? 0));
  const overallTop = top(r.overall);
  rows.push([
    'Balanced score',
    ...ids.map((id) =>
      star(r.overall[id]?.score === overallTop, (r.overall[id]?.score ?? 0).toFixed(2)),
    ),
  ]);
  if (r.lens) {
    const lens = r.lens;
    const lensTop = top(lens.scores);
    rows.push([
      `${lens.label} score`,
      ...ids.map((id) =>
        star(lens.scores[id]?.score === lensTop, (lens.scores[id]?.score ?? 0).toFixed(2)),
      ),
    ]);
  }
  out.push('', s.heading('Scores (0–5)'), s.table(['', ...names], rows));

  out.push('', s.heading('Features'));
  out.push(
    s.table(
      ['', ...names],
      r.features.map((f) => [
        f.label,
        ...ids.map((id) => {
          const cell = f.values[id];
          return cell
            ? `${cell.text}${cell.source ? ` ${c.dim(notes.ref(cell.source))}` : ''}`
            : '';
        }),
      ]),
      { fit: true },
    ),
  );

  out.push('', s.heading('If you need…'));
  const nameOf = (id: string) => r.models.find((m) => m.id === id)?.name ?? id;
  for (const row of r.chooseIf) {
    out.push(`  ${c.bold(row.need)} → ${row.choose.map(nameOf).join(' or ')}`);
    out.push(c.dim(wrap(`${row.because} ${row.sources.map((src) => notes.ref(src)).join('')}`, 4)));
  }

  out.push(
    '',
    s.heading('Verdict'),
    c.bold(wrap(r.verdict.lead, 2)),
    ...r.verdict.points.map(bulletText),
    wrap(r.verdict.next, 2),
  );
  if (r.lens) out.push(c.dim(wrap(`${r.lens.label} lens: ${r.lens.rationale}`, 2)));

  if (r.warnings.length)
    out.push('', s.heading('Warnings'), ...r.warnings.map((w) => c.yellow(bulletText(w))));
  out.push('', s.heading('Sources'), ...notes.render(s));
  return out.join('\n');
}
