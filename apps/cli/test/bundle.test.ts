import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Meta {
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
      entryPoint?: string;
    }
  >;
}

const meta = JSON.parse(
  readFileSync(fileURLToPath(new URL('../dist/meta.json', import.meta.url)), 'utf8'),
) as Meta;

/** Inputs that load when `output` is imported: it and its static imports, not its dynamic ones. */
function staticInputs(output: string, seen = new Set<string>()): string[] {
  if (seen.has(output)) return [];
  seen.add(output);
  const out = meta.outputs[output];
  if (!out) throw new Error(`no output ${output}`);
  const nested = out.imports
    .filter((i) => i.kind === 'import-statement' && meta.outputs[i.path])
    .flatMap((i) => staticInputs(i.path, seen));
  return [...Object.keys(out.inputs), ...nested];
}

/** Packages left out of the bundle that `output` imports as it loads (statically). */
function staticExternals(output: string, seen = new Set<string>()): string[] {
  if (seen.has(output)) return [];
  seen.add(output);
  const out = meta.outputs[output];
  if (!out) throw new Error(`no output ${output}`);
  return out.imports
    .filter((i) => i.kind === 'import-statement')
    .flatMap((i) =>
      i.external ? [i.path] : meta.outputs[i.path] ? staticExternals(i.path, seen) : [],
    );
}

function chunkOf(source: string): string {
  const found = Object.entries(meta.outputs).find(
    ([name, o]) => name.endsWith('.mjs') && Object.keys(o.inputs).includes(source),
  );
  if (!found) throw new Error(`${source} is in no chunk`);
  return found[0];
}

describe('the bundle loads each command lazily', () => {
  it('starts with commander and the registry only', () => {
    const entry = staticInputs('dist/atelier.mjs');
    expect(entry.some((i) => i.includes('commander'))).toBe(true);
    for (const heavy of [
      'zod',
      'packages/core',
      'cli-table3',
      'src/commands/models.ts',
      'src/commands/generate.ts',
      'src/run/',
      '/log-update/',
    ]) {
      expect(entry.filter((i) => i.includes(heavy))).toEqual([]);
    }
  });

  it('loads neither the table renderer, other commands nor provider SDKs for `models --json`', () => {
    const models = staticInputs(chunkOf('src/commands/models.ts'));
    expect(models.some((i) => i.includes('packages/core/src/catalog'))).toBe(true);
    for (const heavy of [
      '/cli-table3/',
      'src/commands/cost.ts',
      'src/commands/model.ts',
      '/node_modules/openai/',
      '/node_modules/@google/genai/',
      '/@trpc/',
      'packages/api/',
      'packages/db/',
      'apps/server/',
    ]) {
      // The data folder's path (where an applied catalog file's copy is) is a pure function.
      expect(
        models.filter((i) => i.includes(heavy) && !i.endsWith('packages/db/src/data-dir.ts')),
      ).toEqual([]);
    }
    // Whether a model can run here is read from a table, not from the adapters.
    expect(models.filter((i) => i.includes('packages/core/src/providers')).sort()).toEqual([
      '../../packages/core/src/providers/errors.ts',
      '../../packages/core/src/providers/runnable.ts',
    ]);
  });

  it('loads the server and the embedded database only for `serve` and in-process studio commands', () => {
    for (const command of ['history', 'spend', 'login']) {
      const chunk = chunkOf(`src/commands/${command}.ts`);
      const inputs = staticInputs(chunk);
      for (const heavy of ['apps/server/', 'packages/db/src/client.ts', 'packages/api/src/']) {
        expect(inputs.filter((i) => i.includes(heavy))).toEqual([]);
      }
      expect(staticExternals(chunk).filter((p) => p.includes('pglite'))).toEqual([]);
    }
    // The in-process studio: opened on demand, with PGlite outside the bundle.
    const local = chunkOf('src/studio/local.ts');
    expect(staticInputs(local).some((i) => i.includes('packages/api/src/root.ts'))).toBe(true);
    expect(staticExternals(local)).toContain('@electric-sql/pglite');
  });

  it('loads the key store alone for `keys`, and the provider adapters only for runs', () => {
    const keys = staticInputs(chunkOf('src/commands/keys.ts'));
    expect(keys.some((i) => i.includes('packages/core/src/providers/keys.ts'))).toBe(true);
    for (const heavy of [
      '/node_modules/openai/',
      '/node_modules/@google/genai/',
      'providers/runner.ts',
      '/log-update/',
    ]) {
      expect(keys.filter((i) => i.includes(heavy))).toEqual([]);
    }
    const generate = staticInputs(chunkOf('src/commands/generate.ts'));
    expect(generate.some((i) => i.includes('packages/core/src/providers/openai.ts'))).toBe(true);
    // The live progress renderer is loaded on a terminal only.
    expect(generate.filter((i) => i.includes('/log-update/'))).toEqual([]);
  });
});
