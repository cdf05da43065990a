import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import pkg from '../../package.json' with { type: 'json' };
import type { StudioAccess } from './studio.ts';
import { registerAnalysisTools } from './tools/analysis.ts';
import { registerCatalogTools } from './tools/catalog.ts';
import { registerGenerateTool } from './tools/generate.ts';
import { registerHistoryTool } from './tools/history.ts';
import { registerPlanTool } from './tools/plan.ts';

/**
 * Atelier as an MCP server: the questions the CLI, the web app and the editor answer, as tools
 * over the same tRPC procedures (catalog, compare, recommend, prompt, generate.plan,
 * generate.create, jobs, history). Nothing here plans, prices or runs anything itself.
 */

export const INSTRUCTIONS = `Atelier chooses, prices and runs AI image and video models from a sourced catalog.
Find models with search_models, read one with model_card, weigh 2–4 with compare_models or rank the catalog for a job with recommend_models, check a prompt with lint_prompt.
Before spending, plan_generation gives each model's route, exact settings, warnings and cost (low / expected / high).
generate runs the plan as studio jobs and saves the files; it needs maxCostUsd and refuses before spending when the plan could cost more.
Money is integer micro-USD ("micros") beside a formatted "usd" string.`;

export interface ServerOptions {
  studio: StudioAccess;
  outDir: string;
  log(line: string): void;
}

export function createMcpServer(opts: ServerOptions): McpServer {
  const server = new McpServer(
    { name: 'atelier', title: 'Atelier', version: pkg.version },
    { instructions: INSTRUCTIONS },
  );
  const ctx = { server, ...opts };
  registerCatalogTools(ctx);
  registerAnalysisTools(ctx);
  registerPlanTool(ctx);
  registerGenerateTool(ctx);
  registerHistoryTool(ctx);
  return server;
}
