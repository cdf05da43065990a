import { formatUsd } from '@atelier/core/money';
import * as vscode from 'vscode';
import { confirmQuestion, planSummary, readyModels } from '../lib/plan-summary.ts';
import { confirmAboveMicros } from '../lib/settings.ts';
import { runArena } from '../panels/arena.ts';
import type { Deps } from '../panels/run.ts';
import { readSettings } from '../studio/connection.ts';
import { pickModels, USE_CASES } from './pick.ts';

/**
 * Blind Round (Arena): a prompt (the selection, or typed), two to four models (picked, or image
 * or video models left to the studio), an optional use case; the plan and the confirmation as
 * Generate shows them, then `arena.start` and the blind panel of panels/arena.ts.
 */

export const ARENA_MODELS_KEY = 'atelier.models.arena';

type Kind = 'image' | 'video';

export async function blindRound(deps: Deps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const selected =
    editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  const prompt =
    selected ||
    (
      await vscode.window.showInputBox({
        title: 'Atelier: Blind Round',
        prompt: 'Describe the image or clip to run on two to four models, names hidden',
        ignoreFocusOut: true,
      })
    )?.trim();
  if (!prompt) return;

  const how = await vscode.window.showQuickPick<{
    label: string;
    detail: string;
    pick: boolean;
    makes?: Kind;
  }>(
    [
      {
        label: 'Let the studio pick',
        detail: 'Image models that fit, pairs with few votes first',
        pick: false,
        makes: 'image',
      },
      {
        label: 'Let the studio pick video models',
        detail: 'Clips cost more and take minutes; pairs with few votes first',
        pick: false,
        makes: 'video',
      },
      { label: 'Choose the models…', detail: 'Two to four, all image or all video', pick: true },
    ],
    // Later steps keep the typed prompt even if focus wanders (a webview, the output panel).
    { placeHolder: 'Which models?', ignoreFocusOut: true },
  );
  if (!how) return;
  let models: string[] | undefined;
  let kind: Kind = how.makes ?? 'image';
  let count = 2;
  if (how.pick) {
    const picked = await pickModels(deps.context, deps.connection, {
      filter: { runnableOnly: true },
      placeHolder: 'Models for the blind round (2–4, all image or all video)',
      memoryKey: ARENA_MODELS_KEY,
      min: 2,
      max: 4,
    });
    if (!picked) return;
    const kinds = new Set(picked.map((m) => m.modality));
    if (kinds.size > 1)
      throw Object.assign(new Error('A blind round compares like with like.'), {
        hint: 'Pick image models only, or video models only.',
      });
    kind = picked[0]?.modality === 'video' ? 'video' : 'image';
    models = picked.map((m) => m.id);
  } else {
    const n = await vscode.window.showQuickPick(['2', '3', '4'], {
      placeHolder: 'How many models?',
      ignoreFocusOut: true,
    });
    if (!n) return;
    count = Number(n);
  }
  const useCase = await vscode.window.showQuickPick(USE_CASES, {
    placeHolder: 'Use case',
    ignoreFocusOut: true,
  });
  if (!useCase) return;

  const limit = confirmAboveMicros(readSettings());
  let planText: string;
  // Each sampled model stays under its share of the confirmation threshold, so the round does too.
  let maxCostMicros: number | undefined;
  if (models) {
    const plan = await deps.connection.client.generate.plan.query({ kind, prompt, models });
    planText = planSummary(plan);
    deps.log.info(`Blind round plan:\n${planText}`);
    const refused = plan.plans[0]?.plan.models.find((m) => m.status === 'refused');
    if (refused?.status === 'refused')
      throw Object.assign(
        new Error(
          `The round cannot run ${refused.modelName ?? refused.model}: ${refused.refusal.message}`,
        ),
        { hint: refused.refusal.hint },
      );
    if (readyModels(plan).length < 2) throw new Error('Fewer than two of these models can run.');
    if (plan.total.expected > limit) {
      const answer = await vscode.window.showWarningMessage(
        confirmQuestion(plan),
        { modal: true, detail: planText },
        'Run',
      );
      if (answer !== 'Run') return;
    }
  } else if (limit >= count) {
    maxCostMicros = Math.floor(limit / count);
    planText = `${count} models the studio picks, each expected at most ${formatUsd(maxCostMicros)} (atelier.confirmAboveUsd shared among them).`;
  } else {
    planText = `${count} models the studio picks among the runnable ones.`;
    const answer = await vscode.window.showWarningMessage(
      `Run a blind round on ${count} models the studio picks?`,
      { modal: true, detail: `${planText} Their names and costs are shown after your vote.` },
      'Run',
    );
    if (answer !== 'Run') return;
  }

  const round = await deps.connection.client.arena.start.mutate({
    kind,
    prompt,
    ...(models ? { models } : { count }),
    ...(useCase.id ? { useCase: useCase.id } : {}),
    ...(maxCostMicros ? { maxCostMicros } : {}),
  });
  await runArena(deps, {
    round,
    planText: models
      ? `${planText}\nPositions shuffled; expected ${formatUsd(round.expectedMicros)}.`
      : `${planText}\nExpected ${formatUsd(round.expectedMicros)}.`,
    ...(useCase.id ? { useCase: useCase.id } : {}),
  });
}
