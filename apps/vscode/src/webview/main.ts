import { choiceForKey } from './arena-keys.ts';
import { ArenaChoice, FromWebview, ToWebview } from './messages.ts';

/**
 * The one script every Atelier webview runs (bundled apart as a browser IIFE). It renders the
 * HTML the extension host built and escaped, and turns clicks on `data-action` elements and the
 * search form into messages; anything that does not parse is ignored on both sides.
 */

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();

function post(message: FromWebview): void {
  const parsed = FromWebview.safeParse(message);
  if (parsed.success) vscode.postMessage(parsed.data);
}

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
  if (!target || target.hasAttribute('disabled')) return;
  const action = target.dataset['action'];
  const id = target.dataset['id'];
  if (action === 'keep' || action === 'insert' || action === 'open') {
    if (id) post({ type: action, id });
  } else if (action === 'runThese' || action === 'cancel') {
    post({ type: action });
  } else if (action === 'vote') {
    const choice = ArenaChoice.safeParse(target.dataset['choice']);
    if (choice.success) post({ type: 'vote', choice: choice.data });
  }
});

// A blind round open for votes: keys 1–4 (not while typing in a field).
document.addEventListener('keydown', (event) => {
  const votes = document.querySelector('[data-arena-votes]');
  if (!votes || event.altKey || event.ctrlKey || event.metaKey) return;
  if ((event.target as Element | null)?.closest('input, textarea, select')) return;
  const shown = Number(votes.getAttribute('data-arena-votes'));
  const choice = choiceForKey(event.key, shown);
  if (!choice) return;
  event.preventDefault();
  post({ type: 'vote', choice });
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.matches('[data-search]')) return;
  event.preventDefault();
  const input = form.querySelector<HTMLInputElement>('input[name="query"]');
  post({ type: 'search', query: input?.value ?? '' });
});

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWebview.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'render') {
    const root = document.getElementById('root');
    if (root) root.innerHTML = message.html;
  } else if (message.type === 'patch') {
    const el = document.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
    if (el) el.outerHTML = message.html;
  } else {
    const status = document.getElementById('status');
    if (status) status.textContent = message.text;
  }
});

post({ type: 'ready' });
