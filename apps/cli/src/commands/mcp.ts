import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { createMcpServer } from '../mcp/server.ts';
import { studioAccess } from '../mcp/studio.ts';
import { cliSettings } from '../run/shared.ts';

const McpFlags = z
  .object({
    server: z.string().optional(),
    out: z.string().trim().min(1, 'must name a folder').default('atelier-out'),
    json: z.boolean().optional(),
  })
  .strict();

/**
 * `atelier mcp`: an MCP server on stdin/stdout for editor agents, until the client closes the
 * stream. Stdout carries the protocol alone; the log goes to stderr (never a key or token).
 */
export async function run({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(McpFlags, options);
  const { pollIntervalMs } = cliSettings();
  const log = (line: string) => process.stderr.write(`atelier mcp: ${line}\n`);
  const studio = studioAccess({
    ...(flags.server ? { server: flags.server } : {}),
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
  const server = createMcpServer({ studio, outDir: resolve(flags.out), log });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = done;
    // The client going away closes stdin: that is the end of the session.
    process.stdin.once('end', () => void server.close());
  });
  await server.connect(transport);
  const where = flags.server ?? process.env['ATELIER_SERVER']?.trim();
  log(
    `ready on stdio (studio: ${where ? where : 'a running `atelier serve`, else this machine’s data folder'}; files into ${resolve(flags.out)})`,
  );
  await closed;
  await studio.close();
  return { data: null, text: () => '', printed: true };
}
