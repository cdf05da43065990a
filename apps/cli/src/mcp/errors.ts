import { AtelierError, isAtelierError } from '@atelier/core/errors';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cliCatalog } from '../catalog.ts';

/*
 * Two kinds of failure, kept apart so an agent knows whether to change its call or report a
 * problem. Bad input (a field out of range, an unknown model, a setting a model refuses, a cost
 * cap under the plan) is an MCP InvalidParams error naming the field and the values allowed.
 * Anything else (a provider's failure, a missing key, a studio out of reach, a budget) is a tool
 * result with `isError: true` carrying the studio's message and hint. The SDK reports both as
 * results the model can read (the spec's advice for input errors), with "MCP error -32602" in
 * the text of the first.
 */

/** AtelierError codes that mean "the arguments were wrong". */
const INPUT_CODES = new Set([
  'invalid_input',
  'invalid_request',
  'unsupported',
  'unknown_model',
  'model_retired',
]);

export function isInputCode(code: string): boolean {
  return INPUT_CODES.has(code);
}

export function badInput(field: string, message: string, hint?: string): McpError {
  // The catalog's hint names the CLI command; an agent has the tool.
  const said = hint?.replace(
    'Run `atelier models` to list them all.',
    'search_models lists them all.',
  );
  const text = message.startsWith(`${field}:`) ? message : `${field}: ${message}`;
  return new McpError(ErrorCode.InvalidParams, said ? `${text} ${said}` : text, { field });
}

/**
 * A model named by the caller, resolved as the CLI resolves `-m` (ids, names and aliases,
 * case-insensitively); an unknown one is bad input with the nearest ids ("Did you mean…").
 */
export function resolveModel(field: string, name: string): string {
  const at = name.lastIndexOf('@');
  const bare = at > 0 ? name.slice(0, at) : name;
  try {
    return cliCatalog().resolve(bare.trim()).id;
  } catch (error) {
    if (isAtelierError(error)) throw badInput(field, error.message, error.hint);
    throw error;
  }
}

/** Every name of a list checked, so the error says which one (`models[1]`). */
export function resolveModels(field: string, names: readonly string[]): string[] {
  return names.map((n, i) => resolveModel(`${field}[${i}]`, n));
}

/** What a tool's failure becomes: bad input as an MCP error, the rest as an error result. */
export function toolFailure(error: unknown): CallToolResult {
  if (error instanceof McpError) throw error;
  if (isAtelierError(error) && INPUT_CODES.has(error.code)) {
    const field = fieldOf(error);
    throw new McpError(
      ErrorCode.InvalidParams,
      [error.message, error.hint].filter(Boolean).join(' '),
      field ? { field } : undefined,
    );
  }
  return errorResult(error);
}

export function errorResult(error: unknown): CallToolResult {
  const e = isAtelierError(error)
    ? error
    : new AtelierError('internal', error instanceof Error ? error.message : String(error));
  return {
    isError: true,
    content: [
      { type: 'text', text: [`${e.code}: ${e.message}`, e.hint].filter(Boolean).join('\n') },
    ],
  };
}

function fieldOf(error: AtelierError): string | undefined {
  const field = error.details?.['field'];
  return typeof field === 'string' ? field : undefined;
}

/** Runs a tool body; failures are sorted as above. */
export async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toolFailure(error);
  }
}
