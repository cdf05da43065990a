import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import type { CommandDef, Output } from './command.ts';
import { COMMANDS } from './commands/registry.ts';

/**
 * Builds the `atelier` program from the command registry. Commander reports its own usage errors
 * by throwing (exitOverride) and never prints them, so the caller formats every error one way.
 */
export function buildProgram(): Command {
  const program = new Command('atelier')
    .description('Choose, price and run AI image and video models from a sourced catalog.')
    .version(pkg.version, '-V, --version')
    .helpCommand(true)
    .showSuggestionAfterError(true)
    // A command's options stop at its subcommand, so `history show <id> --json` is show's
    // --json, not history's (commands inherit this setting).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const def of COMMANDS) addCommand(program, def);
  return program;
}

function addCommand(parent: Command, def: CommandDef): void {
  const cmd = parent.command(def.name).description(def.summary);
  def.define?.(cmd);
  if (def.help) cmd.addHelpText('after', def.help);
  for (const sub of def.subcommands ?? []) addCommand(cmd, sub);
  const load = def.load;
  if (!load) return;
  cmd.option('--json', 'print JSON for scripts instead of tables');
  cmd.action(async (...received: unknown[]) => {
    const self = received[received.length - 1] as Command;
    const options = self.opts();
    const impl = await load();
    const output = await impl.run({ args: self.processedArgs, options });
    if (!output.printed) await print(output, options.json === true);
    if (output.exitCode !== undefined) process.exitCode = output.exitCode;
  });
}

/** "atelier prompt lint": the deepest command the arguments name, for pointing at its --help. */
export function commandPathFor(program: Command, argv: readonly string[]): string {
  const names = [program.name()];
  let current = program;
  for (const token of argv) {
    if (token.startsWith('-')) continue;
    const next = current.commands.find((c) => c.name() === token || c.aliases().includes(token));
    if (!next) break;
    names.push(next.name());
    current = next;
  }
  return names.join(' ');
}

async function print(output: Output, json: boolean): Promise<void> {
  if (json) {
    // Sources keep their key and gain their title, publisher and link.
    const { withTitles } = await import('./output/source-titles.ts');
    process.stdout.write(`${JSON.stringify(withTitles(output.data), null, 2)}\n`);
    return;
  }
  const { createStyle } = await import('./output/style.ts');
  process.stdout.write(`${output.text(createStyle(process.stdout))}\n`);
}
