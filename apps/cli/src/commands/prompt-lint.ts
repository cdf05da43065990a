import { readFileSync } from 'node:fs';
import { PromptPart } from '@atelier/core/catalog';
import { analyzePrompt, type PromptAnalysis } from '@atelier/core/prompt';
import { z } from 'zod';
import { cliCatalog } from '../catalog.ts';
import type { Invocation, Output } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { bulletText, wrap } from '../format.ts';
import type { Style } from '../output/style.ts';

const LintFlags = z.object({ model: z.string().trim().min(1).optional() });

/** The prompt as typed: the words of the argument, or stdin when the argument is "-" or absent on a pipe. */
function promptText(words: readonly string[]): string {
  if (words.length === 0 || (words.length === 1 && words[0] === '-')) {
    if (process.stdin.isTTY) return '';
    return readFileSync(0, 'utf8');
  }
  return words.join(' ');
}

/** `atelier prompt lint "<text>"`: structure, word limit, quoted text and flags against a model's guidance. */
export function run({ args, options }: Invocation): Output {
  const { model } = parseFlags(LintFlags, { model: options.model });
  const words = (args[0] as string[] | undefined) ?? [];
  const catalog = cliCatalog();
  const analysis = analyzePrompt(promptText(words), model ? { model } : {}, catalog);
  const name = analysis.model ? catalog.resolve(analysis.model).name : undefined;
  return { data: analysis, text: (style) => render(analysis, name, style) };
}

function render(a: PromptAnalysis, modelName: string | undefined, s: Style): string {
  const { c } = s;
  const out: string[] = [];
  out.push(
    c.bold(
      modelName
        ? `Prompt check for ${modelName} (${a.model})`
        : 'Prompt check (no model: the common structure)',
    ),
  );
  const limit = a.maxWords === undefined ? '' : ` of at most ${a.maxWords}`;
  out.push(
    s.fields([
      [
        'Words',
        a.overLimit ? c.yellow(`${a.words}${limit}: over the limit`) : `${a.words}${limit}`,
      ],
      ['Missing', a.missing.length ? c.yellow(a.missing.join(', ')) : c.green('nothing')],
      ['Quoted text', a.quotedText.map((q) => `"${q}"`).join(', ')],
      ['Text models', a.textRenderingSuggestions.join(', ')],
    ]),
  );

  out.push('', s.heading('Structure'));
  const rows = PromptPart.options
    .filter((part) => a.expected.includes(part) || a.parts[part].present)
    .map((part) => {
      const finding = a.parts[part];
      const mark = finding.present ? c.green('✓') : a.expected.includes(part) ? c.yellow('✗') : ' ';
      return [
        `${mark} ${part}`,
        finding.present
          ? finding.evidence.join(', ')
          : c.dim(a.expected.includes(part) ? 'missing' : ''),
      ];
    });
  out.push(s.table(['Part', 'Found'], rows, { fit: true }));

  const flags = a.flags.raw;
  if (flags.length || a.sizeMapping.length) {
    out.push('', s.heading('Flags'));
    if (flags.length)
      out.push(
        `  Read: ${flags.map((f) => `--${f.name}${f.value ? ` ${f.value}` : ''}`).join(' ')}`,
      );
    for (const m of a.sizeMapping) {
      out.push(
        `  ${m.model}: ${m.requested} → ${m.kind === 'size' ? 'size' : 'aspect ratio'} ${m.value}${m.exact ? '' : c.yellow(` (${(m.ratioError * 100).toFixed(1)}% off)`)}`,
      );
    }
    out.push('', s.heading('Prompt without flags'), wrap(a.cleanedPrompt, 2));
  }

  if (a.hints.length) out.push('', s.heading('Hints'), ...a.hints.map((h) => bulletText(h)));
  return out.join('\n');
}
