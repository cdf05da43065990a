import * as vscode from 'vscode';
import { describeError } from './studio/errors.ts';

/** Shows the studio's message and hint; logs the message (never a token: errors carry none). */
export async function showError(
  log: vscode.LogOutputChannel,
  error: unknown,
  prefix = 'Atelier',
): Promise<void> {
  if (error instanceof vscode.CancellationError) return;
  const d = describeError(error);
  log.error(`${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}${d.code ? ` [${d.code}]` : ''}`);
  // A non-modal message shows no `detail`, so the hint goes into the text.
  const choice = await vscode.window.showErrorMessage(
    `${prefix}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`,
    'Show Log',
  );
  if (choice === 'Show Log') log.show(true);
}

/** Runs a command body, turning any failure into a message with the studio's hint. */
export function guarded<A extends unknown[]>(
  log: vscode.LogOutputChannel,
  body: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      await showError(log, error);
    }
  };
}
