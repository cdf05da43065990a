import type { RouterOutputs } from '@atelier/api';
import { escapeHtml, moneyHtml } from './format.ts';

/**
 * A model page: description, lifecycle, capabilities, routes with their price unit and source,
 * the starting price, scores with sources, strengths and limits, and the prompt template.
 */

export type ModelCard = RouterOutputs['catalog']['get'];
export type Listed = RouterOutputs['catalog']['list'][number];

type SourceLike = { ref: string; asOf: string; kind: string };
const cite = (s: SourceLike) => `${s.ref} (${s.kind}, as of ${s.asOf})`;
const sourced = (text: string, s: SourceLike) =>
  `<span title="${escapeHtml(cite(s))}">${escapeHtml(text)}</span>`;

/** A route's price for the model's default request (pricing.estimate), keyed `provider/providerModelId`. */
export type RouteEstimates = Record<
  string,
  { low: number; expected: number; high: number; per: string } | undefined
>;

/** "textRendering" → "Text rendering". */
export function criterionLabel(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function modelHtml(m: ModelCard, listed?: Listed, estimates: RouteEstimates = {}): string {
  const priceOf = (provider: string, id: string) => {
    const e = estimates[`${provider}/${id}`];
    if (!e) return '<span class="muted">—</span>';
    return `${moneyHtml(e.expected)} / ${escapeHtml(e.per)}${e.low !== e.high ? ` <span class="muted">(${moneyHtml(e.low)}–${moneyHtml(e.high)})</span>` : ''}`;
  };
  const routes = m.routes
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.provider)}</td><td><code>${escapeHtml(r.providerModelId)}</code></td><td>${escapeHtml(r.status)}${
          r.shutdown ? ` (shutdown ${escapeHtml(r.shutdown)})` : ''
        }</td><td>${priceOf(r.provider, r.providerModelId)}<div class="muted">per ${escapeHtml(r.price.unit)}</div></td><td>${escapeHtml(cite(r.price.source))}</td><td>${
          r.runnable
            ? 'yes'
            : `no${r.notRunnableReason ? `: ${escapeHtml(r.notRunnableReason)}` : ''}`
        }</td></tr>`,
    )
    .join('');
  const scores = Object.entries(m.scores)
    .map(([k, s]) =>
      s
        ? `<tr><th scope="row">${escapeHtml(criterionLabel(k))}</th><td>${sourced(s.value.toFixed(1), s.source)}</td></tr>`
        : '',
    )
    .join('');
  const notes = (title: string, list: { text: string; source: SourceLike }[]) =>
    list.length
      ? `<h2>${title}</h2><ul>${list.map((n) => `<li>${sourced(n.text, n.source)}</li>`).join('')}</ul>`
      : '';
  const list = (xs: readonly (string | number)[]) => (xs.length ? xs.join(', ') : '—');
  const caps = escapeHtml(
    m.modality === 'image'
      ? `Aspect ratios: ${list(m.image.aspectRatios)}. Qualities: ${list(m.image.qualities)}. Up to ${m.image.maxWidth}×${m.image.maxHeight}, ${m.image.maxImagesPerCall} per call. Input images: ${m.image.maxInputImages}; mask: ${m.image.mask ? 'yes' : 'no'}; transparency: ${m.image.transparency ? 'yes' : 'no'}.`
      : `Durations: ${list(m.video.durations)} s. Resolutions: ${list(m.video.resolutions)}.`,
  );
  const start = listed?.startingPrice
    ? `<p>Starting price: ${moneyHtml(listed.startingPrice.micros)} / ${escapeHtml(listed.startingPrice.per)} on ${escapeHtml(listed.startingPrice.provider)} <span class="muted">(${escapeHtml(cite(listed.startingPrice.source))})</span></p>`
    : '<p class="muted">No sourced price.</p>';
  return `<h1 data-testid="model-name">${escapeHtml(m.name)}</h1>
<p class="muted">${escapeHtml(m.id)} · ${escapeHtml(m.vendor)} · ${escapeHtml(m.modality)} · ${escapeHtml(m.lifecycle.status)}${
    m.lifecycle.shutdown ? ` · shutdown ${escapeHtml(m.lifecycle.shutdown)}` : ''
  } · ${m.runnable ? 'runnable here' : `not runnable here${m.notRunnableReason ? `: ${escapeHtml(m.notRunnableReason)}` : ''}`}</p>
<p>${escapeHtml(m.description)}</p>
${start}
<h2>Routes and prices</h2>
<table><thead><tr><th>Provider</th><th>Model id</th><th>Status</th><th>Default request</th><th>Source</th><th>Runnable</th></tr></thead><tbody>${routes}</tbody></table>
<p class="muted">Tasks: ${escapeHtml(m.tasks.join(', '))}. ${caps}</p>
${scores ? `<h2>Scores (0–5)</h2><table><tbody>${scores}</tbody></table>` : ''}
${notes('Strengths', m.strengths)}${notes('Limitations', m.limitations)}${notes('Best for', m.bestFor)}${notes('Avoid if', m.avoidIf)}
<h2>Prompt template</h2>
<pre>${escapeHtml(m.prompt.template)}</pre>
<p class="muted">About ${m.prompt.maxWords} words at most.${m.prompt.tips.length ? ` Tips: ${escapeHtml(m.prompt.tips.join(' '))}` : ''}</p>
${m.prompt.example ? `<p>Example: <em>${escapeHtml(m.prompt.example)}</em></p>` : ''}`;
}
