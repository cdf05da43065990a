import * as vscode from 'vscode';
import { openPanel } from '../panels/panel.ts';
import { planAndRun, type Deps } from '../panels/run.ts';
import { describeError } from '../studio/errors.ts';
import { compareHtml } from '../views/compare.ts';
import { pickModels, USE_CASES } from './pick.ts';

/** Compare Models: 2–4 models and a use case → compare.run in the "Atelier: Compare" panel. */

export async function compareModels(deps: Deps): Promise<void> {
  const models = await pickModels(deps.context, deps.connection, {
    filter: {},
    placeHolder: 'Models to compare (2–4)',
    min: 2,
    max: 4,
  });
  if (!models) return;
  const useCase = await vscode.window.showQuickPick(USE_CASES, { placeHolder: 'Use case' });
  if (!useCase) return;
  const ids = models.map((m) => m.id);
  const { client } = deps.connection;
  const [comparison, evidence] = await Promise.all([
    client.compare.run.query({ ids, ...(useCase.id ? { useCase: useCase.id } : {}) }),
    // Your evidence is an extra: a studio without the arena (or a failure) leaves Compare as it was.
    client.arena.evidence
      .query({ models: ids, ...(useCase.id ? { useCase: useCase.id } : {}) })
      .catch((e: unknown) => {
        deps.log.warn(`arena.evidence: ${describeError(e).message}`);
        return undefined;
      }),
  ]);
  const editor = vscode.window.activeTextEditor;
  const target = editor ? { uri: editor.document.uri, position: editor.selection.end } : undefined;
  openPanel(deps.context, {
    viewType: 'atelier.compare',
    title: 'Atelier: Compare',
    body: compareHtml(comparison, evidence),
    log: deps.log,
    onMessage: async (message) => {
      if (message.type !== 'runThese') return;
      const modality = new Set(comparison.models.map((m) => m.modality));
      if (modality.size > 1)
        throw new Error(
          'These models mix images and video; run image and video models separately.',
        );
      const prompt = await vscode.window.showInputBox({
        title: 'Atelier: Run these',
        prompt: `Prompt for ${comparison.models.map((m) => m.name).join(', ')}`,
        ignoreFocusOut: true,
      });
      if (!prompt?.trim()) return;
      await planAndRun(deps, {
        request: {
          kind: modality.has('video') ? 'video' : 'image',
          prompt: prompt.trim(),
          models: ids,
        },
        ...(target ? { target } : {}),
        alt: prompt.trim(),
      });
    },
  });
}
