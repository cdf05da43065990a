import * as vscode from 'vscode';
import { blindRound } from './commands/arena.ts';
import { browseModels } from './commands/browse.ts';
import { compareModels } from './commands/compare.ts';
import { estimateCost } from './commands/estimate.ts';
import { generateImage } from './commands/generate.ts';
import { openHistory } from './commands/history.ts';
import { removeProviderKey, setProviderKey } from './commands/keys.ts';
import { lintPrompt, registerLint } from './commands/lint.ts';
import { editImage, generateVideo } from './commands/media.ts';
import { recommendModel } from './commands/recommend.ts';
import { showSpend } from './commands/spend.ts';
import { registerMcp } from './mcp.ts';
import type { Deps } from './panels/run.ts';
import { registerStatusBar } from './statusbar.ts';
import { Studio } from './studio/connection.ts';
import { guarded } from './ui.ts';

/**
 * Atelier in VS Code: the command palette on the studio's typed API (see README.md). Every
 * command resolves the studio first (studio/connection.ts), then works only through the API.
 */

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Atelier', { log: true });
  const studio = new Studio(context, log);
  context.subscriptions.push(log, studio);
  const status = registerStatusBar(context, studio, log);

  const deps = async (): Promise<Deps> => ({ context, log, connection: await studio.get() });
  const register = (id: string, body: (d: Deps, ...args: unknown[]) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(
        id,
        guarded(log, async (...args: unknown[]) => {
          await body(await deps(), ...args);
          // A run or a key change may have changed today's spend or the studio.
          status.refresh();
        }),
      ),
    );

  register('atelier.browseModels', (d) => browseModels(d));
  register('atelier.compareModels', (d) => compareModels(d));
  register('atelier.arena', (d) => blindRound(d));
  register('atelier.estimateCost', (d) => estimateCost(d));
  register('atelier.recommend', (d) => recommendModel(d));
  register('atelier.generateFromSelection', (d) => generateImage(d, true));
  register('atelier.generateFromPrompt', (d) => generateImage(d, false));
  register('atelier.editImage', (d, resource) =>
    editImage(d, resource instanceof vscode.Uri ? resource : undefined),
  );
  register('atelier.generateVideo', (d) => generateVideo(d));
  register('atelier.lintPrompt', (d) => lintPrompt(d));
  register('atelier.openHistory', (d) => openHistory(d));
  register('atelier.showSpend', (d) => showSpend(d));
  register('atelier.setProviderKey', (d) => setProviderKey(d, studio));
  register('atelier.removeProviderKey', (d) => removeProviderKey(d, studio));

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'atelier.connect',
      guarded(log, () => studio.connect()),
    ),
    vscode.commands.registerCommand(
      'atelier.useLocalStudio',
      guarded(log, () => studio.useLocal()),
    ),
    vscode.commands.registerCommand(
      'atelier.signOut',
      guarded(log, () => studio.signOut()),
    ),
  );

  registerLint(context);
  registerMcp(context, studio, log);
}

export function deactivate(): void {}
