import type { RouterOutputs } from '@atelier/api';
import { escapeHtml, moneyHtml, seconds } from './format.ts';

/**
 * "Your evidence" under Compare: your arena rating and its 95 % interval, the compared models'
 * head-to-head, and what they measured against what the catalog claims (`arena.evidence`). One
 * line pointing to the blind round when there is none yet.
 */

export type Evidence = RouterOutputs['arena']['evidence'];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function evidenceHtml(e: Evidence): string {
  if (e.empty)
    return `<p class="muted" data-testid="evidence-hint">No evidence of your own for these models yet: run <strong>Atelier: Blind Round (Arena)</strong> to rate them on your prompts.</p>`;
  const name = (model: string) => e.models.find((m) => m.model === model)?.name ?? model;
  const rows = e.models
    .map((m) => {
      const rating = m.rating
        ? `${Math.round(m.rating.rating)} <span class="muted">(${Math.round(m.rating.lower)}–${Math.round(m.rating.upper)}) · #${m.rating.rank} · ${plural(m.rating.votes, 'vote')}${m.rating.preliminary ? ' · preliminary' : ''}</span>`
        : '<span class="muted">no votes</span>';
      const latency =
        m.measured?.p50Ms == null
          ? '—'
          : `${escapeHtml(seconds(m.measured.p50Ms))} / ${escapeHtml(seconds(m.measured.p95Ms ?? m.measured.p50Ms))}`;
      const gap = m.latencyGap ? `<div class="muted">${escapeHtml(m.latencyGap)}</div>` : '';
      const failures =
        m.measured?.failureRate == null ? '—' : `${Math.round(m.measured.failureRate * 100)} %`;
      const kept =
        m.measured?.costPerKeptMicros == null
          ? '<span class="muted">none kept</span>'
          : moneyHtml(m.measured.costPerKeptMicros);
      const claimed = m.claimedPrice ? escapeHtml(m.claimedPrice.label) : '—';
      return `<tr data-model="${escapeHtml(m.model)}"><th scope="row">${escapeHtml(m.name)}</th><td>${rating}</td><td>${latency}${gap}</td><td>${failures}</td><td>${kept}</td><td>${claimed}</td></tr>`;
    })
    .join('');
  const pairs = e.headToHead
    .map(
      (h) =>
        `<li>${escapeHtml(name(h.a))} beat ${escapeHtml(name(h.b))} ${h.aWins}–${h.bWins}${h.draws > 0 ? ` (${plural(h.draws, 'draw')})` : ''}: ${Math.round(h.aWinRate * 100)} % over ${plural(h.votes, 'vote')}</li>`,
    )
    .join('');
  return `<section class="evidence" data-testid="your-evidence"><h2>Your evidence</h2>
<p class="muted">From your ${plural(e.votes, 'arena vote')} and your generations${e.useCase ? ` (${escapeHtml(e.useCase)})` : ''}.</p>
<table class="compare">
<thead><tr><th scope="col">Model</th><th scope="col">Your rating (95 %)</th><th scope="col">Latency p50 / p95</th><th scope="col">Failures</th><th scope="col">Cost per kept</th><th scope="col">Catalog price</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${pairs ? `<ul data-testid="head-to-head">${pairs}</ul>` : ''}
</section>`;
}
