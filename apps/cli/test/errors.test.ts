import { AtelierError } from '@atelier/core/errors';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeFailure, EXIT } from '../src/failure.ts';
import { atelier, jsonError } from './cli.ts';

describe('usage errors from commander', () => {
  it('an unknown option exits 2 with commander’s message and a pointer to --help', async () => {
    const run = await atelier(['models', '--modalty', 'image']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--modalty'");
    expect(run.stderr).toContain('Did you mean --modality?');
    expect(run.stderr).toContain('atelier models --help');
    expect(run.stdout).toBe('');
  });

  it('prints errors as JSON on stderr under --json', async () => {
    const run = await atelier(['models', '--bogus', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const error = jsonError(run);
    expect(error).toMatchObject({
      code: 'invalid_input',
      hint: 'Run `atelier models --help` for usage.',
    });
    expect(error.message).toContain("unknown option '--bogus'");
  });

  it('an unknown command exits 2 with a suggestion', async () => {
    const run = await atelier(['modles']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'modles'");
    expect(run.stderr).toContain('Did you mean models?');
  });

  it('help and version exit 0 on stdout', async () => {
    const help = await atelier(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: atelier');
    for (const name of ['models', 'model', 'cost'])
      expect(help.stdout).toMatch(new RegExp(`\\n  ${name} `));
    const bare = await atelier([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe(help.stdout);
    const version = await atelier(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('describeFailure', () => {
  it('turns AtelierErrors into message + hint with the usage exit code for input problems', () => {
    const unknown = new AtelierError('unknown_model', 'Unknown model "x".', {
      hint: 'Did you mean "y"?',
    });
    expect(describeFailure(unknown)).toMatchObject({
      code: 'unknown_model',
      message: 'Unknown model "x".',
      hint: 'Did you mean "y"?',
      exitCode: EXIT.usage,
    });
    const unpriced = new AtelierError('price_unavailable', 'No price is known for X.');
    expect(describeFailure(unpriced).exitCode).toBe(EXIT.failure);
  });

  it('reduces anything unexpected to one line and points at ATELIER_DEBUG', () => {
    const failure = describeFailure(new TypeError('boom\n    at somewhere (file.js:1:1)'));
    expect(failure).toEqual({
      code: 'internal',
      message: 'Unexpected error: boom',
      hint: 'Set ATELIER_DEBUG=1 for details.',
      exitCode: EXIT.failure,
    });
  });

  it('maps commander errors to the usage exit code', () => {
    const failure = describeFailure(
      new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"),
      'atelier cost',
    );
    expect(failure).toMatchObject({
      message: "unknown option '--x'",
      hint: 'Run `atelier cost --help` for usage.',
      exitCode: EXIT.usage,
    });
  });
});
