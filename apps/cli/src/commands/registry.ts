import type { CommandDef } from '../command.ts';
import { list, usdAmount } from './parsers.ts';

/*
 * Every command, in help order. Definitions stay light (names, arguments, flags); each `load`
 * is a dynamic import, so a command's code and its dependencies are read only when it runs.
 * A new command is one entry here plus one module.
 */

const models: CommandDef = {
  name: 'models',
  summary: 'List catalog models with their starting prices',
  define: (cmd) =>
    cmd
      .argument('[query]', 'free text over id, name, aliases, vendor and description')
      .option('--modality <modality>', 'image or video')
      .option('--task <task>', 'e.g. text-to-image, edit, image-to-video')
      .option('--vendor <vendor>', 'e.g. google, openai, bfl')
      .option('--status <status>', 'lifecycle status, repeatable or comma-separated', list)
      .option('--max-price <usd>', 'only models whose starting price per asset is at most this', usdAmount)
      .option('--all', 'include retired models'),
  load: () => import('./models.ts'),
};

const model: CommandDef = {
  name: 'model',
  summary: 'Show one model: specs, lifecycle, prices with sources, scores, prompt guidance',
  define: (cmd) => cmd.argument('<model>', 'model id or alias (e.g. nano-banana-pro, "Gemini 3 Pro Image")'),
  load: () => import('./model.ts'),
};

export const COMMANDS: readonly CommandDef[] = [models, model];
