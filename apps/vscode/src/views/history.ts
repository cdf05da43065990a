import type { RouterOutputs } from '@atelier/api';
import { escapeHtml, moneyHtml, seconds } from './format.ts';

/** The "Atelier: History" panel: a search form and the generations with open, keep and insert. */

export type HistoryItem = RouterOutputs['history']['list']['items'][number];

export function historyItemHtml(
  g: HistoryItem,
  thumb: string | undefined,
  canInsert: boolean,
): string {
  const cost =
    g.actualCostMicros !== null
      ? moneyHtml(g.actualCostMicros)
      : `~${moneyHtml(g.estimatedCostMicros)}`;
  const asset = g.assets[0];
  const media = thumb
    ? `<img src="${escapeHtml(thumb)}" alt="${escapeHtml(g.prompt.slice(0, 100))}">`
    : `<div class="placeholder">${escapeHtml(asset ? asset.mediaType : g.status)}</div>`;
  const actions = asset
    ? `<button data-action="open" data-id="${escapeHtml(g.id)}" class="secondary">Open</button>
<button data-action="keep" data-id="${escapeHtml(g.id)}" class="secondary" ${g.kept ? 'disabled' : ''}>${g.kept ? 'Kept' : 'Keep'}</button>
${canInsert ? `<button data-action="insert" data-id="${escapeHtml(g.id)}">Insert reference</button>` : ''}`
    : '';
  return `<article class="history-item" data-testid="history-item" data-id="${escapeHtml(g.id)}">
<div>${media}</div>
<div><p>${escapeHtml(g.prompt)}</p>
<p class="muted">${escapeHtml(g.modelId)} · ${escapeHtml(g.status)} · ${cost} · ${escapeHtml(seconds(g.generationMs))} · ${escapeHtml(new Date(g.queuedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC${g.kept ? ' · kept' : ''}</p>
${g.errorMessage ? `<p class="error">${escapeHtml(g.errorMessage)}</p>` : ''}
<p>${actions}</p></div>
</article>`;
}

export function historyHtml(
  query: string,
  items: { item: HistoryItem; thumb?: string }[],
  canInsert: boolean,
): string {
  return `<h1>History</h1>
<form data-search><input name="query" value="${escapeHtml(query)}" placeholder='Search prompts: red fox -cartoon "oil painting"' aria-label="Search"><button type="submit">Search</button></form>
${items.length ? items.map((i) => historyItemHtml(i.item, i.thumb, canInsert)).join('\n') : '<p class="muted">Nothing found.</p>'}`;
}
