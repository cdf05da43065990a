import * as vscode from 'vscode';
import { planAndRun, type Deps } from '../panels/run.ts';
import { pickModels } from './pick.ts';

/**
 * Generate Image from Selection / from Prompt: the prompt (the selected text, or typed), the
 * models (remembered per workspace), then the run of panels/run.ts. Keep inserts the reference
 * at the end of the selection (or the cursor) of the editor the command started from.
 */

export const IMAGE_MODELS_KEY = 'atelier.models.image';

export async function generateImage(deps: Deps, fromSelection: boolean): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  let prompt =
    editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (fromSelection && !prompt) {
    throw new Error('Select the text to use as the prompt (alt text or a comment) first.');
  }
  if (!fromSelection || !prompt) {
    const typed = await vscode.window.showInputBox({
      title: 'Atelier: Generate Image',
      prompt: 'Describe the image',
      value: prompt,
      ignoreFocusOut: true,
    });
    if (!typed?.trim()) return;
    prompt = typed.trim();
  }
  const target = editor ? { uri: editor.document.uri, position: editor.selection.end } : undefined;
  await runImage(deps, prompt, target);
}

/** Picks the models (remembered) and runs the prompt through them. */
export async function runImage(
  deps: Deps,
  prompt: string,
  target: { uri: vscode.Uri; position: vscode.Position } | undefined,
  preselect?: string[],
): Promise<void> {
  const models = await pickModels(deps.context, deps.connection, {
    filter: { modality: 'image', runnableOnly: true },
    placeHolder: 'Models to run',
    memoryKey: IMAGE_MODELS_KEY,
    ...(preselect ? { preselect } : {}),
  });
  if (!models) return;
  await planAndRun(deps, {
    request: { kind: 'image', prompt, models: models.map((m) => m.id) },
    ...(target ? { target } : {}),
    alt: prompt,
  });
}
