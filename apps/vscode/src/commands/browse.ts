import * as vscode from 'vscode';
import { openPanel } from '../panels/panel.ts';
import type { Deps } from '../panels/run.ts';
import { modelHtml, type RouteEstimates } from '../views/model.ts';
import { listModels, modelItem } from './pick.ts';

/** Browse Models: the catalog in a QuickPick (vendor, starting price, lifecycle, runnable) → a model page. */
export async function browseModels(deps: Deps): Promise<void> {
  const models = await listModels(deps.connection, {});
  const picked = await vscode.window.showQuickPick(models.map(modelItem), {
    placeHolder: 'Models (type to filter by name, id, vendor)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const { client } = deps.connection;
  const card = await client.catalog.get.query({ id: picked.model.id });
  // Each route priced for the model's default request by the studio (a route it cannot price shows "—").
  const estimates: RouteEstimates = {};
  await Promise.all(
    card.routes.map(async (r) => {
      const e = await client.pricing.estimate
        .query({ model: card.id, provider: r.provider, providerModelId: r.providerModelId })
        .catch(() => undefined);
      if (e)
        estimates[`${r.provider}/${r.providerModelId}`] = {
          ...e.perAsset,
          per: card.modality === 'video' ? 'clip' : 'image',
        };
    }),
  );
  openPanel(deps.context, {
    viewType: 'atelier.model',
    title: `Atelier: ${card.name}`,
    body: modelHtml(card, picked.model, estimates),
    log: deps.log,
    onMessage: () => undefined,
  });
}
