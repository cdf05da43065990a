import { escapeHtml, moneyHtml, seconds } from './format.ts';

/**
 * The "Atelier: Results" panel: one card per model of a run, side by side, each with its
 * output, cost and latency and a Keep button, or the provider's message and hint. The data-testid
 * attributes are the end-to-end tests' contract (result, keep, error).
 */

export type CardStatus =
  | 'planned'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'interrupted'
  | 'refused';

export interface ResultCard {
  /** The generation id (or `refused-<n>` for a model refused before it was queued). */
  id: string;
  modelId: string;
  modelName: string;
  status: CardStatus;
  estimateMicros?: number;
  costMicros?: number | null;
  latencyMs?: number | null;
  progress?: string;
  /** A data: URI the extension host built from the bytes it fetched with the token. */
  media?: { src: string; mediaType: string; width: number; height: number };
  error?: { message: string; hint?: string };
  warnings?: string[];
  /** Workspace-relative path once kept. */
  savedAs?: string;
}

const STATUS_TEXT: Record<CardStatus, string> = {
  planned: 'planned',
  queued: 'queued',
  running: 'running…',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  refused: 'refused',
};

const IN_FLIGHT: ReadonlySet<CardStatus> = new Set(['planned', 'queued', 'running']);

/** The progress figure while a job runs; once it ends, its status (a failure's error is shown below). */
function placeholderText(card: ResultCard): string {
  return (IN_FLIGHT.has(card.status) && card.progress) || STATUS_TEXT[card.status];
}

export function resultCardHtml(card: ResultCard): string {
  const media = card.media
    ? card.media.mediaType.startsWith('video/')
      ? `<video controls src="${escapeHtml(card.media.src)}" width="${card.media.width}"></video>`
      : `<img src="${escapeHtml(card.media.src)}" alt="${escapeHtml(card.modelName)}" width="${card.media.width}" height="${card.media.height}">`
    : `<div class="placeholder">${escapeHtml(placeholderText(card))}</div>`;
  const cost =
    card.costMicros !== undefined && card.costMicros !== null
      ? moneyHtml(card.costMicros)
      : card.estimateMicros !== undefined
        ? `~${moneyHtml(card.estimateMicros)}`
        : '';
  const error = card.error
    ? `<div class="error" data-testid="error"><p>${escapeHtml(card.error.message)}</p>${
        card.error.hint ? `<p class="hint">${escapeHtml(card.error.hint)}</p>` : ''
      }</div>`
    : '';
  const warnings = (card.warnings ?? []).map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  const keep =
    card.status === 'succeeded'
      ? card.savedAs
        ? `<p class="saved">Kept: <code>${escapeHtml(card.savedAs)}</code></p>`
        : `<button data-testid="keep" data-action="keep" data-id="${escapeHtml(card.id)}">Keep</button>`
      : '';
  return `<section class="card status-${card.status}" data-testid="result" data-id="${escapeHtml(card.id)}" data-model="${escapeHtml(card.modelId)}" data-status="${card.status}">
<header><h2>${escapeHtml(card.modelName)}</h2><span class="badge">${escapeHtml(STATUS_TEXT[card.status])}</span></header>
<div class="media">${media}</div>
<p class="meta"><span data-testid="cost">${cost}</span> <span data-testid="latency">${escapeHtml(seconds(card.latencyMs))}</span></p>
${error}${warnings ? `<ul class="warnings">${warnings}</ul>` : ''}${keep}
</section>`;
}

export function resultsHtml(o: {
  prompt: string;
  planText: string;
  cards: ResultCard[];
  running: boolean;
}): string {
  return `<header class="run">
<h1>${escapeHtml(o.prompt)}</h1>
<pre class="plan">${escapeHtml(o.planText)}</pre>
${o.running ? '<button data-action="cancel" class="secondary" data-testid="cancel">Cancel</button>' : ''}
</header>
<div class="cards">${o.cards.map(resultCardHtml).join('\n')}</div>`;
}
