import { basename } from 'node:path';
import * as vscode from 'vscode';
import { planAndRun, type Deps } from '../panels/run.ts';
import { pickModels } from './pick.ts';

/**
 * Edit Image… (an image of the workspace, with a prompt and an optional mask) and Generate
 * Video (optionally from a first frame): the inputs are uploaded to the studio (POST /assets),
 * the models that take them are offered, and the run is the same as Generate Image's.
 */

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp}';

async function pickImageFile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: { Images: ['png', 'jpg', 'jpeg', 'webp'] },
    ...(vscode.workspace.workspaceFolders?.[0]
      ? { defaultUri: vscode.workspace.workspaceFolders[0].uri }
      : {}),
  });
  return picked?.[0];
}

async function upload(deps: Deps, uri: vscode.Uri): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const uploaded = await deps.connection.upload(bytes);
  deps.log.info(
    `Uploaded ${basename(uri.fsPath)} (${uploaded.width}×${uploaded.height}, ${uploaded.mediaType}).`,
  );
  return uploaded.sha256;
}

export async function editImage(deps: Deps, resource?: vscode.Uri): Promise<void> {
  const image = resource instanceof vscode.Uri ? resource : await pickImageFile('Image to edit');
  if (!image) return;
  const prompt = await vscode.window.showInputBox({
    title: `Atelier: Edit ${basename(image.fsPath)}`,
    prompt: 'What to change',
    ignoreFocusOut: true,
  });
  if (!prompt?.trim()) return;
  const maskChoice = await vscode.window.showQuickPick(
    [
      { label: 'No mask', description: 'The model edits the whole image', id: 'none' },
      {
        label: 'Choose a mask…',
        description: 'A black-and-white or transparent PNG of the same size',
        id: 'mask',
      },
    ],
    { placeHolder: 'Mask' },
  );
  if (!maskChoice) return;
  const mask = maskChoice.id === 'mask' ? await pickImageFile('Mask') : undefined;
  if (maskChoice.id === 'mask' && !mask) return;
  const models = await pickModels(deps.context, deps.connection, {
    filter: { modality: 'image', task: mask ? 'mask-inpainting' : 'edit', runnableOnly: true },
    placeHolder: mask ? 'Models that edit inside a mask' : 'Models that edit an image',
    memoryKey: mask ? 'atelier.models.mask' : 'atelier.models.edit',
  });
  if (!models) return;
  const images = [await upload(deps, image)];
  const maskHash = mask ? await upload(deps, mask) : undefined;
  await planAndRun(deps, {
    request: {
      kind: 'image',
      prompt: prompt.trim(),
      models: models.map((m) => m.id),
      inputs: { images, ...(maskHash ? { mask: maskHash } : {}) },
    },
  });
}

export async function generateVideo(deps: Deps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const selected =
    editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  const prompt = await vscode.window.showInputBox({
    title: 'Atelier: Generate Video',
    prompt: 'Describe the clip (settings as flags: --seconds 8 --ar 16:9)',
    value: selected,
    ignoreFocusOut: true,
  });
  if (!prompt?.trim()) return;
  const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/node_modules/**', 200);
  const frame = await vscode.window.showQuickPick(
    [
      {
        label: 'No first frame',
        description: 'Text to video',
        uri: undefined as vscode.Uri | undefined,
      },
      ...files.map((uri) => ({
        label: vscode.workspace.asRelativePath(uri),
        description: 'first frame',
        uri,
      })),
    ],
    { placeHolder: 'First frame (optional)', matchOnDescription: true },
  );
  if (!frame) return;
  const models = await pickModels(deps.context, deps.connection, {
    filter: {
      modality: 'video',
      task: frame.uri ? 'image-to-video' : 'text-to-video',
      runnableOnly: true,
    },
    placeHolder: 'Models to run',
    memoryKey: 'atelier.models.video',
  });
  if (!models) return;
  const images = frame.uri ? [await upload(deps, frame.uri)] : undefined;
  await planAndRun(deps, {
    request: {
      kind: 'video',
      prompt: prompt.trim(),
      models: models.map((m) => m.id),
      ...(images ? { inputs: { images } } : {}),
    },
    ...(editor ? { target: { uri: editor.document.uri, position: editor.selection.end } } : {}),
    alt: prompt.trim(),
  });
}
