import * as vscode from 'vscode';
import { showError } from '../ui.ts';
import { nonce, pageHtml } from '../webview/html.ts';
import { parseFromWebview, ToWebview, type FromWebview } from '../webview/messages.ts';

/**
 * A webview panel with the strict shell of webview/html.ts: scripts off except the bundled one,
 * local resources limited to the extension's dist/ and media/ (and the output folder when
 * given), every message in both directions checked against webview/messages.ts.
 */

export interface Panel {
  readonly panel: vscode.WebviewPanel;
  render(html: string): void;
  patch(id: string, html: string): void;
  status(text: string): void;
}

export function openPanel(
  context: vscode.ExtensionContext,
  o: {
    viewType: string;
    title: string;
    body: string;
    outputFolder?: vscode.Uri;
    onMessage: (message: FromWebview) => void | Promise<void>;
    log: vscode.LogOutputChannel;
  },
): Panel {
  const roots = [
    vscode.Uri.joinPath(context.extensionUri, 'dist'),
    vscode.Uri.joinPath(context.extensionUri, 'media'),
  ];
  if (o.outputFolder) roots.push(o.outputFolder);
  const panel = vscode.window.createWebviewPanel(o.viewType, o.title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: roots,
  });
  const webview = panel.webview;
  webview.html = pageHtml({
    cspSource: webview.cspSource,
    nonce: nonce(),
    scriptUri: webview
      .asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview.js'))
      .toString(),
    styleUri: webview
      .asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'webview.css'))
      .toString(),
    title: o.title,
    body: o.body,
  });
  // A closed panel ignores updates: the run it shows goes on (and can be found in history).
  let disposed = false;
  const send = (message: ToWebview) => {
    if (!disposed) void webview.postMessage(ToWebview.parse(message));
  };
  const received = webview.onDidReceiveMessage(async (data: unknown) => {
    const message = parseFromWebview(data);
    if (!message) {
      o.log.warn(`Ignored a webview message that is not one of the known kinds.`);
      return;
    }
    try {
      await o.onMessage(message);
    } catch (error) {
      await showError(o.log, error);
    }
  });
  panel.onDidDispose(() => {
    disposed = true;
    received.dispose();
  });
  return {
    panel,
    render: (html) => send({ type: 'render', html }),
    patch: (id, html) => send({ type: 'patch', id, html }),
    status: (text) => send({ type: 'status', text }),
  };
}
