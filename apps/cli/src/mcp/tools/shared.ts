import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { StudioAccess } from '../studio.ts';

/** What every tool module is given. */
export interface ToolContext {
  server: McpServer;
  studio: StudioAccess;
  /** Where `generate` saves files when the call names no folder (absolute). */
  outDir: string;
  /** A line for the log on stderr (stdout carries the protocol). */
  log(line: string): void;
}

/** A result as the spec asks: structured content for programs, a short text for the model. */
export function result(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** Where a price, score or claim comes from, as the catalog records it. */
export const SourceOut = z
  .looseObject({
    ref: z.string(),
    asOf: z.string().optional(),
    kind: z.string().optional(),
    title: z.string().optional().describe('what to call the source when citing it'),
    publisher: z.string().optional(),
    url: z.string().optional().describe('its page, when it has one'),
  })
  .describe('where the figure comes from (its key, title, publisher and link) and its as-of date');

export const WarningOut = z.object({
  type: z.string(),
  setting: z.string().optional(),
  message: z.string(),
});

export const KindIn = z.enum(['image', 'video']);
