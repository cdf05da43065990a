#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT, reportFailure } from './failure.ts';
import { buildProgram, commandPathFor } from './program.ts';

if (process.env.ATELIER_DEBUG) process.setSourceMapsEnabled(true);

const argv = process.argv.slice(2);
const program = buildProgram();

try {
  if (argv.length === 0) {
    program.outputHelp();
  } else {
    await program.parseAsync(argv, { from: 'user' });
  }
} catch (e) {
  if (e instanceof CommanderError && (e.exitCode === 0 || e.code === 'commander.help')) {
    // --help and --version (exit 0), or a command group run without a subcommand: its help is
    // already on stderr, and that is a usage error.
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportFailure(e, {
      json: argv.includes('--json'),
      commandPath: commandPathFor(program, argv),
    });
  }
}
