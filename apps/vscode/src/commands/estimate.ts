import { formatUsd } from '@atelier/core/money';
import * as vscode from 'vscode';
import { planSummary } from '../lib/plan-summary.ts';
import type { Deps } from '../panels/run.ts';
import { pickModel } from './pick.ts';

/**
 * Estimate Cost: a model and a prompt with its settings as flags (`--ar 16:9 --n 4 --quality
 * high --seconds 8`, read by the studio's planner as it reads them everywhere) → the plan's low /
 * expected / high with its lines. Nothing runs.
 */
export async function estimateCost(deps: Deps): Promise<void> {
  const model = await pickModel(deps.connection, {
    filter: { runnableOnly: true },
    placeHolder: 'Model to price',
  });
  if (!model) return;
  const editor = vscode.window.activeTextEditor;
  const selected =
    editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  const prompt = await vscode.window.showInputBox({
    title: `Atelier: Estimate Cost — ${model.name}`,
    prompt:
      model.modality === 'video'
        ? 'Prompt and settings, e.g. "a paper boat --seconds 8 --ar 16:9"'
        : 'Prompt and settings, e.g. "a red fox --ar 16:9 --n 4 --quality high"',
    value: selected,
    ignoreFocusOut: true,
  });
  if (!prompt?.trim()) return;
  const plan = await deps.connection.client.generate.plan.query({
    kind: model.modality,
    prompt: prompt.trim(),
    models: [model.id],
  });
  const summary = planSummary(plan);
  deps.log.info(`Estimate for ${model.name}:\n${summary}`);
  const t = plan.total;
  await vscode.window.showInformationMessage(
    `${model.name}: ${formatUsd(t.expected)} expected (low ${formatUsd(t.low)}, high ${formatUsd(t.high)})`,
    { modal: true, detail: summary },
  );
}
