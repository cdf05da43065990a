#!/usr/bin/env node
import { reportFailure } from './failure.ts';
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
  // --help and --version arrive as CommanderErrors with exit code 0 after printing.
  const printed = e instanceof Error && 'exitCode' in e && e.exitCode === 0;
  if (!printed) {
    process.exitCode = reportFailure(e, { json: argv.includes('--json'), commandPath: commandPathFor(program, argv) });
  }
}
