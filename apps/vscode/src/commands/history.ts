import * as vscode from 'vscode';
import { extensionFor } from '../lib/slug.ts';
import { openPanel } from '../panels/panel.ts';
import type { Deps } from '../panels/run.ts';
import { historyHtml, historyItemHtml, type HistoryItem } from '../views/history.ts';
import { insertReference, saveOutput, workspaceRelative } from '../workspace.ts';

/**
 * Open History: the studio's generations (history.list, or history.search with the query), with
 * thumbnails fetched here with the token and handed over as data: URIs. Open saves the file to
 * the extension's storage and opens it; Keep marks it kept; Insert saves it into the workspace
 * and inserts its reference where the cursor was when the panel opened.
 */

const PAGE = 30;
/** Thumbnails larger than this are not inlined (a video, a huge PNG): the card says what it is. */
const MAX_THUMB_BYTES = 4 * 1024 * 1024;

export async function openHistory(deps: Deps): Promise<void> {
  const { client } = deps.connection;
  const editor = vscode.window.activeTextEditor;
  const target = editor ? { uri: editor.document.uri, position: editor.selection.end } : undefined;
  const items = new Map<string, HistoryItem>();
  const bytesOf = async (g: HistoryItem) => {
    const asset = g.assets[0];
    if (!asset) throw new Error(`Generation ${g.id} has no output.`);
    return { asset, bytes: await deps.connection.download(asset.sha256) };
  };

  const load = async (query: string) => {
    const page = query.trim()
      ? await client.history.search.query({ query: query.trim(), limit: PAGE })
      : await client.history.list.query({ limit: PAGE });
    const shown = await Promise.all(
      page.items.map(async (item) => {
        items.set(item.id, item);
        const asset = item.assets[0];
        if (!asset || !asset.mediaType.startsWith('image/') || asset.byteSize > MAX_THUMB_BYTES)
          return { item };
        const bytes = await deps.connection.download(asset.sha256).catch(() => undefined);
        return bytes
          ? {
              item,
              thumb: `data:${asset.mediaType};base64,${Buffer.from(bytes).toString('base64')}`,
            }
          : { item };
      }),
    );
    return historyHtml(query, shown, target !== undefined);
  };

  const panel = openPanel(deps.context, {
    viewType: 'atelier.history',
    title: 'Atelier: History',
    body: await load(''),
    log: deps.log,
    onMessage: async (message) => {
      if (message.type === 'search') {
        panel.render(await load(message.query));
        return;
      }
      if (message.type !== 'open' && message.type !== 'keep' && message.type !== 'insert') return;
      const g = items.get(message.id);
      if (!g) return;
      if (message.type === 'keep') {
        const kept = await client.history.keep.mutate({ id: g.id });
        items.set(g.id, kept);
        panel.patch(g.id, historyItemHtml(kept, undefined, target !== undefined));
        panel.status(`Kept ${g.modelId}.`);
      } else if (message.type === 'open') {
        const { asset, bytes } = await bytesOf(g);
        const dir = vscode.Uri.joinPath(deps.context.globalStorageUri, 'history');
        await vscode.workspace.fs.createDirectory(dir);
        const file = vscode.Uri.joinPath(
          dir,
          `${asset.sha256.slice(0, 16)}.${extensionFor(asset.mediaType)}`,
        );
        await vscode.workspace.fs.writeFile(file, bytes);
        await vscode.commands.executeCommand('vscode.open', file, vscode.ViewColumn.Active);
      } else if (target) {
        const { asset, bytes } = await bytesOf(g);
        const uri = await saveOutput({
          bytes,
          prompt: g.prompt,
          modelId: g.modelId,
          mediaType: asset.mediaType,
          near: target.uri,
        });
        await insertReference(target, uri, {
          alt: g.prompt,
          width: asset.width,
          height: asset.height,
          video: asset.mediaType.startsWith('video/'),
        });
        panel.status(`Saved ${workspaceRelative(uri)} and inserted its reference.`);
      }
    },
  });
}
