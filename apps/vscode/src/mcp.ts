import * as vscode from 'vscode';
import { cliCommand } from './studio/local.ts';
import type { Studio } from './studio/connection.ts';
import { keyVariables } from './studio/provider-keys.ts';
import { outputFolderUri } from './workspace.ts';

/**
 * `atelier mcp` (the CLI's stdio MCP server) for VS Code's agents, on the studio this extension
 * uses: its URL and token go into the server's environment (ATELIER_SERVER, ATELIER_TOKEN), as
 * the CLI reads them. Without a studio it opens the local data folder itself, so it gets the
 * provider keys kept in VS Code as the local studio would (studio/provider-keys.ts). Tokens and
 * keys come from SecretStorage when the server is resolved and are never logged.
 */

export function registerMcp(
  context: vscode.ExtensionContext,
  studio: Studio,
  log: vscode.LogOutputChannel,
): void {
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    studio.onDidChange(() => changed.fire()),
  );
  context.subscriptions.push(
    vscode.lm.registerMcpServerDefinitionProvider('atelier', {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => {
        let cli: string | undefined;
        try {
          cli = studio.cliPath();
        } catch (error) {
          log.warn(`MCP server: ${error instanceof Error ? error.message : String(error)}`);
          return [];
        }
        // Files the agent generates go where the extension keeps its results.
        const out = outputFolderUri();
        const { command, args } = cliCommand(cli, ['mcp', ...(out ? ['--out', out.fsPath] : [])]);
        const version = context.extension.packageJSON.version as string;
        const server = new vscode.McpStdioServerDefinition('Atelier', command, args, {}, version);
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (folder) server.cwd = folder.uri;
        return [server];
      },
      resolveMcpServerDefinition: async (server) => {
        if (!(server instanceof vscode.McpStdioServerDefinition)) return server;
        const connection = studio.current ?? (await studio.resolve({ start: false }));
        if (!connection) {
          const { vars, providers } = await keyVariables(context.secrets);
          server.env = { ...server.env, ...vars };
          log.info(
            `MCP server: atelier mcp on the local data folder${providers.length > 0 ? `, with the provider keys kept in VS Code for ${providers.join(', ')}` : ''}.`,
          );
          return server;
        }
        const token = await connection.token();
        server.env = {
          ...server.env,
          ATELIER_SERVER: connection.url,
          ...(token ? { ATELIER_TOKEN: token } : {}),
        };
        log.info(`MCP server: atelier mcp on ${connection.url}.`);
        return server;
      },
    }),
  );
}
