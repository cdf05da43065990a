import { startAllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Provider } from '../catalog/schema.ts';
import { AtelierError } from '../errors.ts';
import {
  cancelledError,
  errorFromHttpStatus,
  malformedError,
  timeoutError,
  withDetail,
} from './errors.ts';
import { KeyName, missingKeyError, resolveVertex } from './keys.ts';
import { imageModel, videoModel } from './models.ts';
import type { ProviderSettings } from './settings.ts';

/**
 * Every message and hint a provider failure can show, scanned for the slips that creep in when
 * text is pieced together: a word twice ("Gemini API API key") or a stop after the provider's
 * own full stop ("…prohibited content..").
 */

function slips(text: string): string[] {
  const found: string[] = [];
  const word = /\b(\w+)\s+\1\b/i.exec(text);
  if (word) found.push(`doubled word "${word[0]}"`);
  const marks = /(?<!\.)\.\.(?!\.)|[!?,;:]\s*[.,;:]|\.\s*[,;:]|\s[.,;:](\s|$)/.exec(text);
  if (marks) found.push(`doubled punctuation "${marks[0]}"`);
  return found;
}

function scan(errors: unknown[]): void {
  for (const error of errors) {
    expect(error).toBeInstanceOf(AtelierError);
    const e = error as AtelierError;
    for (const text of [e.message, e.hint ?? '']) expect(slips(text), text).toEqual([]);
  }
}

describe('the scanner', () => {
  test('catches the slips it looks for, and passes clean text', () => {
    expect(slips('No Gemini API API key is configured.')).toHaveLength(1);
    expect(slips('Gemini blocked the prompt (X): it was blocked..')).toHaveLength(1);
    expect(slips('It failed: done!.')).toHaveLength(1);
    expect(
      slips(
        'No Gemini API key is configured. Run `atelier keys set google` or set GEMINI_API_KEY or GOOGLE_API_KEY.',
      ),
    ).toEqual([]);
    expect(slips('Wait…')).toEqual([]);
  });

  test('withDetail ends in one mark whatever the detail ends with', () => {
    expect(withDetail('Gemini blocked the prompt (SAFETY)', 'The prompt was blocked.')).toBe(
      'Gemini blocked the prompt (SAFETY): The prompt was blocked.',
    );
    expect(withDetail('Lead', 'really?')).toBe('Lead: really?');
    expect(withDetail('Lead', '  ')).toBe('Lead.');
    expect(withDetail('Lead')).toBe('Lead.');
  });
});

describe('provider messages', () => {
  test('missing keys and credentials', async () => {
    scan(KeyName.options.map((name) => missingKeyError(name)));
    expect(missingKeyError('google').message).toBe('No Gemini API key is configured.');
    scan([await resolveVertex({}, { env: {}, store: null }).catch((e: unknown) => e)]);
  });

  test('HTTP failures, timeouts, cancellations and malformed answers for every provider', () => {
    const said = [
      '',
      'Quota exceeded.',
      'Invalid value for size',
      'Too many requests!',
      'content_policy_violation: flagged.',
    ];
    const errors: AtelierError[] = [];
    for (const provider of Provider.options) {
      for (const status of [400, 401, 402, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504]) {
        for (const message of said) errors.push(errorFromHttpStatus({ provider, status, message }));
      }
      errors.push(
        cancelledError(provider),
        timeoutError(provider, 1000),
        malformedError(provider, 'status response', { retryable: true }),
      );
    }
    scan(errors);
  });

  describe('as the adapters raise them, against the emulators', () => {
    let all: Awaited<ReturnType<typeof startAllEmulators>>;
    let settings: ProviderSettings;
    beforeAll(async () => {
      all = await startAllEmulators();
      settings = {
        env: all.env,
        keys: { store: null, env: all.env },
        pollIntervalMs: 1,
        retry: { maxRetries: 0, sleep: async () => undefined },
      };
    });
    afterAll(() => all.close());

    const images: [string, Provider][] = [
      ['gpt-image-2', 'openai'],
      ['nano-banana-pro', 'google'],
      ['nano-banana-pro', 'vertex'],
      ['seedream-4-5', 'fal'],
      ['flux-2-pro', 'bfl'],
    ];
    const emulatorOf = (provider: Provider) =>
      ({ openai: all.openai, google: all.gemini, vertex: all.vertex, fal: all.fal, bfl: all.bfl })[
        provider as 'openai'
      ];

    test('content blocks (prompt and output), server errors and missing keys', async () => {
      const errors: unknown[] = [];
      for (const [model, provider] of images) {
        for (const fault of [
          { kind: 'safety', stage: 'input' },
          { kind: 'safety', stage: 'output' },
          { kind: 500 },
          { kind: 429 },
        ] as const) {
          all.reset();
          emulatorOf(provider).inject(fault.kind, 'stage' in fault ? { stage: fault.stage } : {});
          const m = await imageModel({ model, provider, settings });
          errors.push(
            await m.doGenerate({ prompt: 'a red fox', aspectRatio: '1:1' }).then(
              () => new Error(`${model}@${provider} ${String(fault.kind)} did not fail`),
              (e: unknown) => e,
            ),
          );
        }
        const bare: ProviderSettings = { env: {}, keys: { store: null, env: {} } };
        errors.push(
          await (
            await imageModel({ model, provider, settings: bare })
          )
            .doGenerate({ prompt: 'a red fox' })
            .catch((e: unknown) => e),
        );
      }
      for (const [model, provider] of [
        ['veo-3-1', 'vertex'],
        ['kling-v3', 'fal'],
      ] as const) {
        all.reset();
        emulatorOf(provider).inject('safety', { stage: 'output' });
        const m = await videoModel({ model, provider, settings });
        const { operation } = await m.doStart({ prompt: 'a red fox', duration: 8 });
        let status = await m.doStatus(operation);
        for (let i = 0; status.status === 'pending' && i < 200; i++)
          status = await m.doStatus(status.operation);
        errors.push(
          status.status === 'failed'
            ? status.error
            : new Error(`${model}@${provider} did not fail`),
        );
      }
      scan(errors);
    });
  });
});
