import * as vscode from 'vscode';
import { lintFindings } from '../lib/lint.ts';
import type { Deps } from '../panels/run.ts';
import { pickModel } from './pick.ts';

/**
 * Lint Prompt: prompt.analyze on the selection (for a chosen model, or none), shown as
 * diagnostics in the "Atelier" collection with quick fixes where the analysis has one.
 */

const fixes = new WeakMap<vscode.Diagnostic, { title: string; edit: vscode.TextEdit }>();
let collection: vscode.DiagnosticCollection | undefined;

export function registerLint(context: vscode.ExtensionContext): void {
  collection = vscode.languages.createDiagnosticCollection('atelier');
  context.subscriptions.push(
    collection,
    vscode.languages.registerCodeActionsProvider(
      { scheme: '*' },
      {
        provideCodeActions(document, _range, ctx) {
          return ctx.diagnostics.flatMap((d) => {
            const fix = fixes.get(d);
            if (!fix) return [];
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [d];
            action.isPreferred = true;
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, fix.edit.range, fix.edit.newText);
            return [action];
          });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    // Findings describe the text as it was: clear them once it changes.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) collection?.delete(e.document.uri);
    }),
  );
}

export async function lintPrompt(deps: Deps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new Error('Select the prompt to lint first.');
  const document = editor.document;
  const selection = editor.selection;
  const text = document.getText(selection);
  const items = [
    {
      label: 'Any model',
      description: 'The general prompt structure',
      id: undefined as string | undefined,
    },
  ];
  const model = await vscode.window.showQuickPick(
    [
      ...items,
      {
        label: 'A model…',
        description: 'Check against one model’s guide, sizes and ratios',
        id: 'pick',
      },
    ],
    { placeHolder: 'Lint the prompt for' },
  );
  if (!model) return;
  let modelId: string | undefined;
  if (model.id === 'pick') {
    const picked = await pickModel(deps.connection, {
      filter: {},
      placeHolder: 'Model the prompt is for',
    });
    if (!picked) return;
    modelId = picked.id;
  }
  const analysis = await deps.connection.client.prompt.analyze.query({
    text,
    ...(modelId ? { model: modelId } : {}),
  });
  const base = document.offsetAt(selection.start);
  const diagnostics = lintFindings(text, analysis).map((f) => {
    const range = new vscode.Range(
      document.positionAt(base + f.start),
      document.positionAt(base + f.end),
    );
    const d = new vscode.Diagnostic(
      range,
      f.message,
      f.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information,
    );
    d.source = 'Atelier';
    if (f.fix)
      fixes.set(d, { title: f.fix.title, edit: vscode.TextEdit.replace(range, f.fix.replacement) });
    return d;
  });
  collection?.set(document.uri, diagnostics);
  deps.log.info(`Lint: ${diagnostics.length} finding(s) for ${modelId ?? 'any model'}.`);
  if (diagnostics.length === 0)
    void vscode.window.showInformationMessage('Atelier: no findings for this prompt.');
  else await vscode.commands.executeCommand('workbench.actions.view.problems');
}
