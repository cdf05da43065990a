import type { RouterOutputs } from '@atelier/api';
import { evidenceHtml, type Evidence } from './evidence.ts';
import { escapeHtml, moneyHtml } from './format.ts';

/**
 * The "Atelier: Compare" panel: the criterion table (one column per model, the winner marked,
 * sources in tooltips), the features, "if you need…" lines, the use case's pick, the verdict and
 * "Run these". Built from compare.run's answer, and arena.evidence's when the studio gave one.
 */

export type Comparison = RouterOutputs['compare']['run'];

export function compareHtml(c: Comparison, evidence?: Evidence): string {
  const ids = c.models.map((m) => m.id);
  const name = (id: string) => c.models.find((m) => m.id === id)?.name ?? id;
  const head = `<tr><th scope="col">Criterion</th>${c.models
    .map(
      (m) =>
        `<th scope="col" data-model="${escapeHtml(m.id)}">${escapeHtml(m.name)}<div class="muted">${escapeHtml(m.vendor)} · ${escapeHtml(m.status)}</div></th>`,
    )
    .join('')}</tr>`;
  const criteria = c.criteria
    .map((row) => {
      const cells = ids
        .map((id) => {
          const cell = row.scores[id];
          if (!cell) return '<td class="muted">—</td>';
          const win = row.winner === id || (row.winner === 'tie' && row.leaders.includes(id));
          const title = `${cell.source.ref} (${cell.source.kind}, as of ${cell.source.asOf})${cell.note ? ` — ${cell.note}` : ''}`;
          return `<td class="${win ? 'winner' : ''}" title="${escapeHtml(title)}">${cell.value.toFixed(1)}${win ? ' ★' : ''}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(row.label)}</th>${cells}</tr>`;
    })
    .join('');
  const overall = `<tr class="overall"><th scope="row">Overall (balanced)</th>${ids
    .map((id) => `<td>${c.overall[id]?.score.toFixed(2) ?? '—'}</td>`)
    .join('')}</tr>`;
  const features = c.features
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.label)}</th>${ids
          .map((id) => {
            const v = row.values[id];
            if (!v) return '<td class="muted">—</td>';
            return `<td>${v.micros !== undefined ? `${moneyHtml(v.micros)}${v.per ? ` / ${escapeHtml(v.per)}` : ''}` : escapeHtml(v.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  const chooseIf = c.chooseIf
    .map(
      (r) =>
        `<li>If you need <strong>${escapeHtml(r.need)}</strong>: ${escapeHtml(r.choose.map(name).join(' or '))} — ${escapeHtml(r.because)}</li>`,
    )
    .join('');
  const lens = c.lens
    ? `<p class="lens"><strong>${escapeHtml(c.lens.label)}:</strong> ${escapeHtml(c.lens.because)}</p>`
    : '';
  const warnings = c.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<h1>Compare: ${escapeHtml(c.models.map((m) => m.name).join(' · '))}</h1>
<table data-testid="compare-table" class="compare">
<thead>${head}</thead>
<tbody>${criteria}${overall}${features}</tbody>
</table>
${lens}
<section class="verdict" data-testid="verdict"><h2>Verdict</h2><p><strong>${escapeHtml(c.verdict.lead)}</strong></p>
<ul>${c.verdict.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
<p>${escapeHtml(c.verdict.next)}</p></section>
${evidence ? evidenceHtml(evidence) : ''}
${chooseIf ? `<h2>If you need…</h2><ul>${chooseIf}</ul>` : ''}
${warnings ? `<ul class="warnings">${warnings}</ul>` : ''}
<p><button data-action="runThese" data-testid="run-these">Run these</button></p>`;
}
