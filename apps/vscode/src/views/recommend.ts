import type { RouterOutputs } from '@atelier/api';
import { escapeHtml, moneyHtml } from './format.ts';

/** The "Atelier: Recommend" panel: the ranked models with reasons and price, then the exclusions. */

export type Recommendation = RouterOutputs['recommend']['run'];

export function recommendHtml(r: Recommendation): string {
  const ranked = r.ranked
    .map(
      (
        m,
        i,
      ) => `<li data-testid="ranked"><strong>${i + 1}. ${escapeHtml(m.name)}</strong> <span class="muted">${escapeHtml(m.model)} · score ${m.score.toFixed(2)}${
        m.estimate
          ? ` · ${moneyHtml(m.estimate.perAsset.expected)} / ${escapeHtml(m.estimate.per)}`
          : ''
      }${m.runnable ? '' : ` · not runnable here${m.notRunnableReason ? `: ${escapeHtml(m.notRunnableReason)}` : ''}`}</span>
<ul>${m.reasons.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul></li>`,
    )
    .join('');
  const excluded = r.excluded
    .map((m) => `<li>${escapeHtml(m.name)}: ${escapeHtml(m.reasons.join('; '))}</li>`)
    .join('');
  return `<h1>Recommended${r.useCase ? ` for ${escapeHtml(r.useCase)}` : ''}</h1>
${ranked ? `<ol class="plain">${ranked}</ol>` : '<p>No model fits these requirements.</p>'}
${excluded ? `<details><summary>Excluded (${r.excluded.length})</summary><ul>${excluded}</ul></details>` : ''}`;
}
