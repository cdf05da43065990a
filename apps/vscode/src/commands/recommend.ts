import type { RouterInputs } from '@atelier/api';
import { usd } from '@atelier/core/money';
import * as vscode from 'vscode';
import { openPanel } from '../panels/panel.ts';
import type { Deps } from '../panels/run.ts';
import { recommendHtml } from '../views/recommend.ts';
import { USE_CASES } from './pick.ts';

/** Recommend a Model: use case, must-haves, budget per asset → recommend.run's ranking. */

type MustHave = NonNullable<RouterInputs['recommend']['run']['mustHaves']>[number];

const MUST_HAVES: { id: MustHave; label: string }[] = [
  { id: 'text-in-image', label: 'Legible text in the image' },
  { id: 'edit', label: 'Edits an input image' },
  { id: 'mask-edit', label: 'Edits inside a mask' },
  { id: 'multi-image-reference', label: 'Several reference images' },
  { id: '4k', label: '4K output' },
  { id: 'transparency', label: 'Transparent background' },
  { id: 'vector', label: 'Vector (SVG) output' },
  { id: 'seed', label: 'Seed (reproducible)' },
  { id: 'negative-prompt', label: 'Negative prompt' },
  { id: 'text-to-video', label: 'Text to video' },
  { id: 'image-to-video', label: 'Image to video' },
  { id: 'last-frame', label: 'Last frame' },
  { id: 'audio', label: 'Audio' },
];

export async function recommendModel(deps: Deps): Promise<void> {
  const useCase = await vscode.window.showQuickPick(USE_CASES, { placeHolder: 'Use case' });
  if (!useCase) return;
  const must = await vscode.window.showQuickPick(
    MUST_HAVES.map((m) => ({ label: m.label, description: m.id, id: m.id })),
    { canPickMany: true, placeHolder: 'Must-haves (none is fine)' },
  );
  if (!must) return;
  const budget = await vscode.window.showInputBox({
    title: 'Atelier: Recommend a Model',
    prompt: 'Budget per image or clip in US dollars (empty: no budget)',
    placeHolder: '0.05',
    validateInput: (v) =>
      v.trim() === '' || /^\d+(\.\d{1,6})?$/.test(v.trim())
        ? undefined
        : 'A dollar amount such as 0.05, or empty',
  });
  if (budget === undefined) return;
  const query: RouterInputs['recommend']['run'] = {
    ...(useCase.id ? { useCase: useCase.id } : {}),
    mustHaves: must.map((m) => m.id),
    ...(budget.trim() ? { budgetPerAsset: usd(budget.trim()) } : {}),
  };
  const result = await deps.connection.client.recommend.run.query(query);
  openPanel(deps.context, {
    viewType: 'atelier.recommend',
    title: 'Atelier: Recommend',
    body: recommendHtml(result),
    log: deps.log,
    onMessage: () => undefined,
  });
}
