import type { RouterOutputs } from '@atelier/api';
import type { ArenaChoice } from '../webview/messages.ts';
import { escapeHtml, moneyHtml, seconds } from './format.ts';
import type { CardStatus } from './results.ts';

/**
 * The "Atelier: Blind Round" panel: the outputs under letters only (no model name, id or route
 * in the HTML until the vote), the vote buttons once every output is in (keys in
 * webview/arena-keys.ts), then the reveal with each model's cost and latency.
 */

export type Reveal = RouterOutputs['arena']['vote'];
export type Position = 'A' | 'B' | 'C' | 'D';

export interface ArenaSlot {
  position: Position;
  generationId: string;
  status: CardStatus;
  progress?: string;
  /** A data: URI the extension host built from the bytes it fetched with the token. */
  media?: { src: string; mediaType: string; width: number; height: number };
  error?: string;
}

export interface ArenaRound {
  prompt: string;
  planText: string;
  slots: ArenaSlot[];
  /** Models the studio refused at submit (nameless: the round is blind). */
  refused: number;
  reveal?: Reveal;
}

const CHOICE_TEXT: Record<ArenaChoice, string> = {
  A: 'A is better',
  B: 'B is better',
  C: 'C is better',
  D: 'D is better',
  tie: 'Tie',
  both_bad: 'Both bad',
};

/** Whether the round can be voted on: every output in, no vote yet. */
export function votable(r: ArenaRound): boolean {
  return !r.reveal && r.slots.length >= 2 && r.slots.every((s) => s.status === 'succeeded');
}

export function arenaSlotHtml(s: ArenaSlot, reveal?: Reveal['reveal'][number]): string {
  const media = s.media
    ? s.media.mediaType.startsWith('video/')
      ? `<video controls src="${escapeHtml(s.media.src)}" width="${s.media.width}"></video>`
      : `<img src="${escapeHtml(s.media.src)}" alt="Output ${s.position}" width="${s.media.width}" height="${s.media.height}">`
    : `<div class="placeholder">${escapeHtml(s.progress ?? s.status)}</div>`;
  const error = s.error
    ? `<div class="error" data-testid="error"><p>${escapeHtml(s.error)}</p></div>`
    : '';
  const revealed = reveal
    ? `<p class="reveal" data-testid="reveal"><strong data-model="${escapeHtml(reveal.model)}">${escapeHtml(reveal.modelName)}</strong>${reveal.won ? ' ★' : ''}<br><span class="muted">${escapeHtml(reveal.provider ?? '')}</span> <span data-testid="cost">${reveal.costMicros === null ? '<span class="muted">cost not settled yet</span>' : moneyHtml(reveal.costMicros)}</span> <span data-testid="latency">${escapeHtml(seconds(reveal.latencyMs))}</span></p>`
    : '';
  return `<section class="card status-${s.status}" data-testid="arena-slot" data-id="${escapeHtml(s.generationId)}" data-position="${s.position}" data-status="${s.status}">
<header><h2>${s.position}</h2></header>
<div class="media">${media}</div>
${error}${revealed}
</section>`;
}

function votesHtml(r: ArenaRound): string {
  if (r.reveal)
    return `<p data-testid="voted">Your vote: <strong>${escapeHtml(CHOICE_TEXT[r.reveal.choice])}</strong>. Recorded; the names are shown below each output.</p>`;
  if (
    r.slots.some(
      (s) => s.status === 'failed' || s.status === 'cancelled' || s.status === 'interrupted',
    )
  )
    return '<p class="muted">An output did not come: this round cannot be voted on.</p>';
  if (!votable(r)) return '<p class="muted">The vote opens once every output is in.</p>';
  const n = r.slots.length;
  const choices: ArenaChoice[] = [...r.slots.map((s) => s.position), 'tie', 'both_bad'];
  const buttons = choices
    .map((c, i) => {
      const k = n === 2 || i < n ? String(i + 1) : undefined;
      return `<button data-action="vote" data-choice="${c}" data-testid="vote-${c}"${c === 'tie' || c === 'both_bad' ? ' class="secondary"' : ''}>${escapeHtml(c === 'both_bad' && n > 2 ? 'All bad' : CHOICE_TEXT[c])}${k ? ` <kbd>${k}</kbd>` : ''}</button>`;
    })
    .join(' ');
  return `<div class="votes" data-arena-votes="${n}" data-testid="votes">${buttons}</div>`;
}

export function arenaHtml(r: ArenaRound): string {
  const byPosition = new Map(r.reveal?.reveal.map((x) => [x.position, x]));
  return `<header class="run">
<h1>Blind round: ${escapeHtml(r.prompt)}</h1>
<pre class="plan">${escapeHtml(r.planText)}</pre>
${r.refused > 0 ? `<p class="warnings">${r.refused} of the models could not run (a budget); the round goes on with the rest.</p>` : ''}
</header>
${votesHtml(r)}
<div class="cards">${r.slots.map((s) => arenaSlotHtml(s, byPosition.get(s.position))).join('\n')}</div>`;
}
