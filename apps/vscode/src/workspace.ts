import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { referenceFor } from './lib/reference.ts';
import { uniqueFileName } from './lib/slug.ts';
import { readSettings } from './studio/connection.ts';

/**
 * Saving outputs into the workspace (atelier.outputFolder, a slugged unique name) and inserting
 * their reference where the user asked for them, in the document's language.
 */

/** Where a kept result's reference goes: a document and a position in it. */
export interface InsertTarget {
  uri: vscode.Uri;
  position: vscode.Position;
}

export function outputFolderUri(near?: vscode.Uri): vscode.Uri | undefined {
  const folder =
    (near && vscode.workspace.getWorkspaceFolder(near)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder
    ? vscode.Uri.joinPath(folder.uri, ...readSettings().outputFolder.split(/[\\/]/).filter(Boolean))
    : undefined;
}

export async function saveOutput(o: {
  bytes: Uint8Array;
  prompt: string;
  modelId: string;
  mediaType: string;
  near?: vscode.Uri;
}): Promise<vscode.Uri> {
  const dir = outputFolderUri(o.near);
  if (!dir)
    throw new Error(
      'Open a folder first: results are saved into the workspace (atelier.outputFolder).',
    );
  await vscode.workspace.fs.createDirectory(dir);
  const names = new Set((await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name));
  const name = uniqueFileName(o.prompt, o.modelId, o.mediaType, (n) => names.has(n));
  const uri = vscode.Uri.joinPath(dir, name);
  await vscode.workspace.fs.writeFile(uri, o.bytes);
  return uri;
}

/** Inserts the reference at the target, on a line of its own when the line has text before it. */
export async function insertReference(
  target: InsertTarget,
  file: vscode.Uri,
  o: { alt: string; width?: number; height?: number; video?: boolean },
): Promise<string> {
  const document = await vscode.workspace.openTextDocument(target.uri);
  const reference = referenceFor({
    languageId: document.languageId,
    documentDir: dirname(document.uri.fsPath),
    filePath: file.fsPath,
    alt: o.alt,
    ...(o.width === undefined ? {} : { width: o.width }),
    ...(o.height === undefined ? {} : { height: o.height }),
    ...(o.video ? { video: true } : {}),
  });
  const position = document.validatePosition(target.position);
  const before = document.lineAt(position.line).text.slice(0, position.character);
  const text = before.trim() ? `\n${reference}` : reference;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, position, text);
  if (!(await vscode.workspace.applyEdit(edit)))
    throw new Error(`Could not insert the reference into ${document.uri.fsPath}.`);
  return reference;
}

export function workspaceRelative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
