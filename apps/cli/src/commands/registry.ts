import type { CommandDef } from '../command.ts';
import { integer, list, number, percent, usdAmount } from './parsers.ts';

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
      .option(
        '--max-price <usd>',
        'only models starting at or below this price per image (per second for video priced by time)',
        usdAmount,
      )
      .option('--all', 'include retired models'),
  load: () => import('./models.ts'),
};

const model: CommandDef = {
  name: 'model',
  summary: 'Show one model: specs, lifecycle, prices with sources, scores, prompt guidance',
  define: (cmd) =>
    cmd.argument('<model>', 'model id or alias (e.g. nano-banana-pro, "Gemini 3 Pro Image")'),
  load: () => import('./model.ts'),
};

const cost: CommandDef = {
  name: 'cost',
  summary: 'Estimate what a request costs: low / expected / high, line by line with sources',
  define: (cmd) =>
    cmd
      .argument('<model>', 'model id or alias')
      .option('--count <n>', 'images or videos to produce (default 1)', integer)
      .option('--quality <quality>', "the provider's quality word, e.g. low, medium, high")
      .option('--size <WxH>', 'output size, e.g. 1024x1024 (or auto)')
      .option(
        '--resolution <tier>',
        'resolution tier: 1K / 2K / 4K for images, 720p / 1080p / 4k for video',
      )
      .option('--aspect-ratio <w:h>', 'e.g. 16:9')
      .option('--seconds <s>', 'clip length of each video', number)
      .option('--audio', 'video with generated audio')
      .option('--no-audio', 'video without audio')
      .option('--variant <variant>', 'route variant, e.g. pro, standard, vector')
      .option('--input-images <n>', 'reference or edit images sent with each request', integer)
      .option('--prompt <text>', 'the prompt, to count its tokens where input tokens are billed')
      .option('--provider <provider>', 'price this provider route instead of the cheapest')
      .option('--monthly', 'project the cost at 50 / 200 / 1,000 / 5,000 assets a month')
      .option('--accept-rate <pct>', 'share of generations you keep; prices the retakes', percent),
  load: () => import('./cost.ts'),
};

const compare: CommandDef = {
  name: 'compare',
  summary: 'Compare 2–4 models: scores with sources, features, a verdict, "if you need… choose…"',
  define: (cmd) =>
    cmd
      .argument('<a>', 'model id or alias')
      .argument('<b>', 'model id or alias')
      .argument('[c]', 'a third model')
      .argument('[d]', 'a fourth model')
      .option(
        '--use-case <lens>',
        'weigh the criteria for one job, e.g. portrait, product, social-video',
      ),
  load: () => import('./compare.ts'),
};

const prompt: CommandDef = {
  name: 'prompt',
  summary: 'Check prompts against a model’s prompt guidance',
  subcommands: [
    {
      name: 'lint',
      summary: 'Structure, word limit, quoted text and Midjourney-style flags of a prompt',
      define: (cmd) =>
        cmd
          .argument('[text...]', 'the prompt (quote it; "-" or nothing reads stdin)')
          .option('--model <model>', 'check against this model’s template and word limit'),
      load: () => import('./prompt-lint.ts'),
    },
  ],
};

const recommend: CommandDef = {
  name: 'recommend',
  summary: 'Rank the catalog for a job: must-haves, budget, priorities; with reasons and prices',
  define: (cmd) =>
    cmd
      .option(
        '--use-case <lens>',
        'weigh the criteria for one job, e.g. portrait, product, social-video',
      )
      .option('--modality <modality>', 'image or video')
      .option(
        '--must <feature>',
        'a feature the job needs, repeatable or comma-separated (e.g. 4k, edit, audio)',
        list,
      )
      .option('--budget <usd>', 'the most to spend, per asset or per month (see --per)', usdAmount)
      .option('--per <period>', 'what --budget covers: asset (default) or month')
      .option('--volume <n>', 'assets a month (prices the month; needed with --per month)', integer)
      .option(
        '--priority <criterion>',
        'a criterion to weigh up, repeatable (e.g. textRendering, speed)',
        list,
      )
      .option('--quality <quality>', 'price at this quality')
      .option('--resolution <tier>', 'price at this resolution (1K / 2K / 4K, 720p / 1080p / 4k)')
      .option('--size <WxH>', 'price at this output size')
      .option('--aspect-ratio <w:h>', 'price at this aspect ratio')
      .option('--seconds <s>', 'price video clips of this length (default: nearest to 8 s)', number)
      .option('--audio', 'price video with audio')
      .option('--no-audio', 'price video without audio')
      .option('--all', 'also rank deprecated and retired models')
      .option('--limit <n>', 'models to list (default 10; --json has all)', integer),
  load: () => import('./recommend.ts'),
};

export const COMMANDS: readonly CommandDef[] = [models, model, compare, cost, recommend, prompt];
