import * as vscode from 'vscode';
import { periodStarts, statusText } from './lib/spend-text.ts';
import type { Studio } from './studio/connection.ts';
import { describeError } from './studio/errors.ts';

/**
 * The status bar item: which studio, and today's spend against the daily budget. It never
 * prompts: without a configured or running studio it offers to choose one.
 */

const REFRESH_MS = 60_000;

export function registerStatusBar(
  context: vscode.ExtensionContext,
  studio: Studio,
  log: vscode.LogOutputChannel,
): { refresh(): void } {
  const item = vscode.window.createStatusBarItem(
    'atelier.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  item.name = 'Atelier';
  context.subscriptions.push(item);
  let busy = false;

  const refresh = async () => {
    if (busy) return;
    busy = true;
    try {
      const connection =
        studio.current ?? (await studio.resolve({ start: false }).catch(() => undefined));
      if (!connection) {
        item.text = '$(sparkle) Atelier: no studio';
        item.tooltip = 'Choose a studio: Use Local Studio or Connect to Studio';
        item.command = 'atelier.useLocalStudio';
      } else {
        const { day } = periodStarts(new Date());
        const [today, budgets] = await Promise.all([
          connection.client.spend.summary.query({ from: day }),
          connection.client.budgets.list.query({}),
        ]);
        const s = statusText(today, budgets);
        item.text = `$(sparkle) ${connection.label} · ${s.text}`;
        item.tooltip = `Atelier studio: ${connection.url}\n${s.tooltip}`;
        item.command = 'atelier.showSpend';
      }
    } catch (error) {
      const d = describeError(error);
      item.text = '$(warning) Atelier';
      item.tooltip = `${d.message}${d.hint ? `\n${d.hint}` : ''}`;
      item.command = 'atelier.connect';
      log.debug(`Status bar: ${d.message}`);
    } finally {
      busy = false;
      item.show();
    }
  };
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  context.subscriptions.push(
    { dispose: () => clearInterval(timer) },
    studio.onDidChange(() => void refresh()),
  );
  void refresh();
  return { refresh: () => void refresh() };
}
