import type { RouterInputs, RouterOutputs } from '@atelier/api';
import { formatUsd } from '@atelier/core/money';
import * as vscode from 'vscode';
import type { Connection } from '../studio/connection.ts';

/** QuickPicks over the studio's catalog (`catalog.list`): names, vendors, prices, lifecycle. */

export type ListedModel = RouterOutputs['catalog']['list'][number];

export interface ModelItem extends vscode.QuickPickItem {
  model: ListedModel;
}

export function modelItem(m: ListedModel): ModelItem {
  const price = m.startingPrice
    ? `from ${formatUsd(m.startingPrice.micros)} / ${m.startingPrice.per}`
    : 'no sourced price';
  const runnable = m.runnable
    ? 'runnable'
    : `not runnable here${m.notRunnableReason ? `: ${m.notRunnableReason}` : ''}`;
  return {
    label: m.name,
    description: m.id,
    detail: `${m.vendor} · ${price} · ${m.lifecycle.status} · ${runnable}`,
    model: m,
  };
}

export async function listModels(
  connection: Connection,
  filter: RouterInputs['catalog']['list'] = {},
): Promise<ListedModel[]> {
  return connection.client.catalog.list.query(filter);
}

/** Several models, the ones remembered under `memoryKey` (per workspace) preselected. */
export async function pickModels(
  context: vscode.ExtensionContext,
  connection: Connection,
  o: {
    filter: RouterInputs['catalog']['list'];
    placeHolder: string;
    memoryKey?: string;
    min?: number;
    max?: number;
    preselect?: string[];
  },
): Promise<ListedModel[] | undefined> {
  const models = await listModels(connection, o.filter);
  if (models.length === 0) throw new Error('The studio lists no model for this.');
  const remembered = new Set(
    o.preselect ??
      (o.memoryKey ? context.workspaceState.get<string[]>(o.memoryKey) : undefined) ??
      [],
  );
  const items = models.map((m) => ({ ...modelItem(m), picked: remembered.has(m.id) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    // Ticking several rows is work a stray click elsewhere should not throw away.
    ignoreFocusOut: true,
    placeHolder: o.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked || picked.length === 0) return undefined;
  if (o.min !== undefined && picked.length < o.min)
    throw new Error(`Pick at least ${o.min} models (you picked ${picked.length}).`);
  if (o.max !== undefined && picked.length > o.max)
    throw new Error(`Pick at most ${o.max} models (you picked ${picked.length}).`);
  if (o.memoryKey)
    await context.workspaceState.update(
      o.memoryKey,
      picked.map((p) => p.model.id),
    );
  return picked.map((p) => p.model);
}

/** One model. */
export async function pickModel(
  connection: Connection,
  o: { filter: RouterInputs['catalog']['list']; placeHolder: string },
): Promise<ListedModel | undefined> {
  const models = await listModels(connection, o.filter);
  const picked = await vscode.window.showQuickPick(models.map(modelItem), {
    placeHolder: o.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.model;
}

export type UseCase = NonNullable<RouterInputs['compare']['run']['useCase']>;

/** The catalog's use-case lenses (core's UseCase), with a line on what each weighs. */
export const USE_CASES: { id: UseCase | undefined; label: string; detail: string }[] = [
  { id: undefined, label: 'No particular use case', detail: 'Balanced weights on every criterion' },
  { id: 'portrait', label: 'Portrait', detail: 'People, faces, skin' },
  { id: 'product', label: 'Product shot', detail: 'Objects, packaging, e-commerce' },
  { id: 'landscape', label: 'Landscape', detail: 'Scenery, environments' },
  { id: 'text-heavy-design', label: 'Text-heavy design', detail: 'Posters, UI, typography' },
  { id: 'social-video', label: 'Social video', detail: 'Short clips' },
  { id: 'commercial-video', label: 'Commercial video', detail: 'Ads, product films' },
  { id: 'rapid-ideation', label: 'Rapid ideation', detail: 'Fast, cheap drafts' },
];
