import { readFileSync, writeFileSync } from 'node:fs';
import { AtelierError } from '@atelier/core/errors';
import { z } from 'zod';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { withStudio } from '../studio/session.ts';

/*
 * `atelier catalog export` and `atelier catalog apply <file>`: the catalog as a file, to correct
 * a price or a shutdown date without waiting for a release. Both go to the studio (the one named
 * by --server or login, a running `atelier serve`, else this data folder's), which keeps the
 * applied file in its database; cost, compare, recommend and jobs use it from then on.
 */

const ExportFlags = z
  .object({
    output: z.string().min(1).optional(),
    server: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

export async function exportFile({ options }: Invocation): Promise<Output> {
  const flags = parseFlags(ExportFlags, {
    output: options.output,
    server: options.server,
    json: options.json,
  });
  return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
    const file = await client.catalog.export.query();
    const text = `${JSON.stringify(file, null, 2)}\n`;
    if (flags.output) {
      writeFileSync(flags.output, text);
      const summary = { output: flags.output, asOf: file.asOf, models: file.models.length };
      return {
        data: summary,
        text: () =>
          `Wrote the catalog as of ${file.asOf} (${file.models.length} models) to ${flags.output}.`,
      };
    }
    // Without --output the file itself is the output, JSON either way.
    return { data: file, text: () => text.trimEnd() };
  });
}

const ApplyFlags = z
  .object({ server: z.string().optional(), json: z.boolean().default(false) })
  .strict();

export async function applyFile({ args, options }: Invocation): Promise<Output> {
  const flags = parseFlags(ApplyFlags, { server: options.server, json: options.json });
  const path = String(args[0]);
  const file = readJson(path);
  return withStudio(flags.server ? { server: flags.server } : {}, async ({ client }) => {
    const result = await client.catalog.apply.mutate({ file });
    return {
      data: result,
      text: (s) => {
        const what = [
          result.changed.length ? `changed ${result.changed.join(', ')}` : '',
          result.added.length ? `added ${result.added.join(', ')}` : '',
        ].filter(Boolean);
        return [
          s.c.green(
            `Applied ${path}: ${what.length ? what.join('; ') : 'no entry differs from the built-in catalog'}.`,
          ),
          result.catalog.text,
          s.c.dim('Prices, comparisons, recommendations and new jobs use it from now on.'),
        ].join('\n');
      },
    };
  });
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AtelierError(
      'invalid_input',
      `Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AtelierError('invalid_input', `${path} is not JSON: ${(e as Error).message}`, {
      hint: 'A catalog file is what `atelier catalog export` writes.',
    });
  }
}
