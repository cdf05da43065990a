import type { Command } from 'commander';
import type { Style } from './output/style.ts';

/**
 * What a command hands back: `data` is printed as JSON with --json, `text` renders it for people.
 * Commands never write to stdout themselves, so --json output is always one JSON document.
 */
export interface Output {
  data: unknown;
  text(style: Style): string;
  /** Set when the output is complete but the work was not (a side-by-side run where a model failed). */
  exitCode?: number;
  /** Everything was printed while the command ran (`serve`): nothing more to print. */
  printed?: boolean;
}

export interface Invocation {
  /** Positional arguments as commander parsed them (variadic ones arrive as arrays). */
  args: unknown[];
  /** Option values keyed by commander's camelCase names. */
  options: Record<string, unknown>;
}

/** The heavy half of a command, loaded only when that command runs. */
export interface CommandImpl {
  run(invocation: Invocation): Promise<Output> | Output;
}

/**
 * The light half of a command: its name, arguments and flags for parsing and --help.
 * `load` must be a dynamic import so each implementation lands in its own chunk.
 */
export interface CommandDef {
  name: string;
  summary: string;
  define?(cmd: Command): void;
  /** Extra --help text, after the options (examples, exit codes). */
  help?: string;
  load?(): Promise<CommandImpl>;
  /** Nested commands (`prompt lint`, `keys set`). */
  subcommands?: readonly CommandDef[];
}
