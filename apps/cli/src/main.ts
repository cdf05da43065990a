#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT, reportFailure } from './failure.ts';
import { buildProgram, commandPathFor } from './program.ts';

if (process.env.ATELIER_DEBUG) process.setSourceMapsEnabled(true);

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const program = buildProgram();

// `atelier models | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});
// Last resort for errors outside the command's promise chain: still one line, never a trace.
process.on('uncaughtException', (e) => {
  process.exitCode = reportFailure(e, { json });
});

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
    process.exitCode = reportFailure(e, { json, commandPath: commandPathFor(program, argv) });
  }
}
