import type { Command } from 'commander';
import type { CommandDef } from '../command.ts';
import { collect, integer, list, number, percent, usdAmount } from './parsers.ts';

/*
 * Every command, in help order. Definitions stay light (names, arguments, flags); each `load`
 * is a dynamic import, so a command's code and its dependencies are read only when it runs.
 * A new command is one entry here plus one module.
 */

const models: CommandDef = {
  name: 'models',
  summary: 'List the models Atelier can run here, with their starting prices',
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
      .option('--include-unrunnable', "also list models Atelier can't run here, marked")
      .option('--all', "every model: retired ones and those Atelier can't run here too, marked"),
  help: `
By default the list holds the models Atelier can run here. Those it can't (no adapter for
their provider yet, or no sourced price) come back with --include-unrunnable, retired ones with
--status retired, and both with --all; each is marked with the reason, and \`atelier model <id>\`
gives it route by route.`,
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
      .option(
        '--variant <variant>',
        'route variant where a model prices one, e.g. vector, video-input, voice-control (a tier such as Kling Pro is picked by --resolution)',
      )
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
      .option(
        '--include-unrunnable',
        "also rank models Atelier can't run here (no adapter yet, no sourced price), marked",
      )
      .option('--limit <n>', 'models to list (default 10; --json has all)', integer)
      .option(
        '--use-my-ratings',
        'weigh your arena ratings for the use case into the scores (read from the studio)',
      )
      .option('--team-ratings', "weigh the team's arena ratings instead of only yours")
      .option(...SERVER_FLAG),
  load: () => import('./recommend.ts'),
};

/** Where studio commands send their work; see `atelier whoami`. */
const SERVER_FLAG = [
  '--server <url>',
  'a studio server to use (default: ATELIER_SERVER, then `atelier login`, else this machine’s studio)',
] as const;

/** The models of a paid run; first in its --help. */
function modelFlag(cmd: Command): Command {
  return cmd.option(
    '-m, --model <model>',
    'a model to run, repeatable; pin a route with @provider (e.g. nano-banana-pro@fal)',
    collect,
  );
}

/** Flags every paid run shares: provider options, output, and the spending gate. */
function runFlags(cmd: Command, kind: 'image' | 'video'): Command {
  return cmd
    .option(
      '-o, --option <key=value>',
      "a provider option, repeatable, checked against the model's schema (see --options)",
      collect,
    )
    .option('--options', 'list the provider options each model takes, then exit')
    .option(
      '-d, --out <dir>',
      `folder for the ${kind === 'image' ? 'images' : 'videos'} and their JSON sidecars (default ./atelier-out)`,
    )
    .option('--dry-run', 'show the plan and the estimate; call nothing')
    .option('-y, --yes', 'run without asking, whatever the estimate')
    .option(
      '--max-cost <usd>',
      'refuse before calling when the high estimate is above this',
      usdAmount,
    )
    .option(
      '--confirm-above <usd>',
      'ask first when the expected total is above this (default 0.50, or ATELIER_CONFIRM_ABOVE)',
      usdAmount,
    )
    .option(...SERVER_FLAG);
}

const RUN_HELP = (example: string) => `
Examples:
${example}

Each model runs as a job of the studio, so the run is in \`atelier history\` and \`atelier spend\`;
input images (-i/--mask/--last-frame) are uploaded to the studio first and recorded with it.
Each model runs concurrently; one failing does not stop the others. Files are written to --out
as <model>-<n>.<ext> with a <model>-<n>.json sidecar (prompt, model, route, settings, warnings,
cost, latency, provider request id), never replacing a file. Progress goes to stderr; --json
prints only the final document on stdout.

Exit codes: 0 every model succeeded; 1 some model failed (the summary still prints);
2 bad input (unknown model, flag or option value, missing key, over --max-cost, unconfirmed).`;

const generate: CommandDef = {
  name: 'generate',
  summary: 'Run one prompt through several image models side by side; save images with sidecars',
  define: (cmd) =>
    runFlags(
      modelFlag(cmd.argument('[prompt]', 'the prompt, quoted ("-" reads stdin)'))
        .option('-n, --count <n>', 'images per model (default 1)', integer)
        .option('--size <WxH>', 'output size, e.g. 1024x1536 (or auto)')
        .option('--ar, --aspect-ratio <w:h>', 'aspect ratio, e.g. 16:9')
        .option('--resolution <tier>', 'resolution tier, e.g. 1K, 2K, 4K')
        .option('--quality <quality>', "the provider's quality word, e.g. low, medium, high")
        .option('--seed <n>', 'seed, where the model takes one', integer)
        .option(
          '--format <format>',
          'png, jpeg, webp or svg (Recraft vector), where the model offers it',
        )
        .option('--background <background>', 'transparent, opaque or auto')
        .option('--negative-prompt <text>', 'what to leave out, where the model takes it')
        .option('-i, --image <path>', 'an image to edit or use as a reference, repeatable', collect)
        .option('--mask <path>', 'a PNG mask for --image: transparent where to edit'),
      'image',
    ),
  help: RUN_HELP(`  atelier generate "a red fox in snow" -m nano-banana-pro -m gpt-image-2 -m flux-2-pro
  atelier generate "same, at dusk" -m flux-2-flex -i fox.png -o guidance=4
  atelier generate "poster" -m nano-banana-pro@fal --ar 3:4 -n 4 --dry-run`),
  load: () => import('./generate.ts'),
};

const video: CommandDef = {
  name: 'video',
  summary: 'Run one prompt through several video models side by side; save clips with sidecars',
  define: (cmd) =>
    runFlags(
      modelFlag(cmd.argument('[prompt]', 'the prompt, quoted ("-" reads stdin)'))
        .option('--seconds <s>', 'clip length in whole seconds (default: the shortest)', integer)
        .option('--resolution <res>', '720p, 1080p or 4k (default: the lowest)')
        .option('--ar, --aspect-ratio <w:h>', 'aspect ratio, e.g. 16:9 or 9:16')
        .option('--audio', 'with generated audio, where the model makes it')
        .option('--no-audio', 'silent')
        .option('-i, --image <path>', 'first frame to animate (image-to-video)')
        .option('--last-frame <path>', 'last frame, with --image')
        .option('--seed <n>', 'seed, where the model takes one', integer)
        .option('--negative-prompt <text>', 'what to leave out, where the model takes it'),
      'video',
    ),
  help: RUN_HELP(`  atelier video "a lantern drifting down a river" -m veo-3-1 -m kling-v3 --seconds 8
  atelier video "the fox looks up" -m veo-3-1@vertex -i fox.png --resolution 1080p --no-audio`),
  load: () => import('./video.ts'),
};

const keys: CommandDef = {
  name: 'keys',
  summary: 'Store provider keys (0600 file in the config directory); list them masked',
  subcommands: [
    {
      name: 'set',
      summary: 'Store a key: typed at a hidden prompt, or piped on stdin (never an argument)',
      define: (cmd) =>
        cmd.argument(
          '<provider>',
          'openai, google, vertex, fal, bfl, byteplus, stability, recraft, replicate or dashscope',
        ),
      help: `
Examples:
  atelier keys set openai                 # paste at the hidden prompt
  atelier keys set fal < ~/fal-key.txt    # or pipe it in

Stored keys come before the environment variables (OPENAI_API_KEY, GEMINI_API_KEY,
GOOGLE_CLOUD_API_KEY, FAL_KEY, BFL_API_KEY). The file is keys.json under ATELIER_CONFIG_DIR,
else the platform's config directory; \`atelier keys path\` prints it.`,
      load: async () => ({ run: (await import('./keys.ts')).set }),
    },
    {
      name: 'list',
      summary: 'Each provider: where its key comes from (stored or env) and the key, masked',
      load: async () => ({ run: (await import('./keys.ts')).list }),
    },
    {
      name: 'remove',
      summary: 'Delete a stored key',
      define: (cmd) =>
        cmd.argument(
          '<provider>',
          'openai, google, vertex, fal, bfl, byteplus, stability, recraft, replicate or dashscope',
        ),
      load: async () => ({ run: (await import('./keys.ts')).remove }),
    },
    {
      name: 'path',
      summary: 'Print where keys are stored',
      load: async () => ({ run: (await import('./keys.ts')).path }),
    },
  ],
};

const STUDIO_HELP = `
Commands that use the studio (generate, video, history, spend, whoami) talk to a studio server
when one is named: --server <url>, else ATELIER_SERVER, else the server saved by \`atelier login\`
(with its token; ATELIER_TOKEN overrides it). Without one they use a studio started with
\`atelier serve\` on this machine's data folder if it is running, else they open that folder's
embedded database themselves (ATELIER_DATA_DIR, else the platform's data folder).`;

const serve: CommandDef = {
  name: 'serve',
  summary: 'Start the studio: web app, API and job engine on http://127.0.0.1:8787',
  define: (cmd) =>
    cmd
      .option('--port <n>', 'port to listen on, 0 for any free one (default 8787, or ATELIER_PORT)')
      .option(
        '--host <host>',
        'address to listen on (default 127.0.0.1; other addresses need --team)',
      )
      .option('--team', 'team mode: every request needs an API token')
      .option('--cors-origin <origin>', 'allow browser calls from this origin, repeatable', collect)
      .option(
        '--trust-proxy <addresses>',
        'team mode behind a proxy: take client addresses from X-Forwarded-For when the connection comes from these addresses, CIDR ranges or loopback (repeatable or comma-separated)',
        collect,
      )
      .option(
        '--data-dir <dir>',
        'assets, server secret and embedded database (default ATELIER_DATA_DIR, else the platform’s)',
      )
      .option('--bootstrap-admin', 'team mode: print a first admin token unless one exists'),
  help: `
Examples:
  atelier serve                       # http://127.0.0.1:8787, local mode (no sign-in)
  atelier serve --port 0 --json       # any free port; prints {"url": ...} when listening
  atelier serve --team --host 0.0.0.0 --bootstrap-admin
  atelier serve --team --trust-proxy loopback   # behind nginx on this machine

Runs until Ctrl-C (or SIGTERM), then finishes requests and jobs in flight; video jobs still
rendering resume at the next start. While it runs, other \`atelier\` commands on this machine use
it. Also read: DATABASE_URL, ATELIER_TRUST_PROXY, ATELIER_SECRET, ATELIER_MAX_BODY_BYTES,
ATELIER_MAX_UPLOAD_BYTES, ATELIER_RATE_LIMIT, ATELIER_POLL_INTERVAL_MS, ATELIER_SHUTDOWN_GRACE_MS
and the provider key variables.`,
  load: () => import('./serve.ts'),
};

const login: CommandDef = {
  name: 'login',
  summary: 'Use a studio server from now on: saves its URL and API token (0600 config file)',
  define: (cmd) =>
    cmd
      .argument('<url>', 'the studio, e.g. http://127.0.0.1:8787 or https://studio.example.com')
      .option('--token-stdin', 'read the API token from stdin (else asked for when needed)'),
  help: `
Examples:
  atelier login http://127.0.0.1:8787                       # a studio in local mode: no token
  atelier login https://studio.example.com --token-stdin < token.txt

The token is checked with the server before it is saved to config.json in the config directory
(ATELIER_CONFIG_DIR, else the platform's), readable by you only. It is never an argument, so it
stays out of shell history. \`atelier logout\` forgets it.`,
  load: async () => ({ run: (await import('./login.ts')).login }),
};

const logout: CommandDef = {
  name: 'logout',
  summary: 'Forget the saved studio server and token; commands use this machine’s studio again',
  load: async () => ({ run: (await import('./login.ts')).logout }),
};

const whoami: CommandDef = {
  name: 'whoami',
  summary: 'Which studio the CLI uses (server or in-process), how it was chosen, and as whom',
  define: (cmd) => cmd.option(...SERVER_FLAG),
  help: STUDIO_HELP,
  load: async () => ({ run: (await import('./login.ts')).whoami }),
};

const history: CommandDef = {
  name: 'history',
  summary:
    'Past generations: search prompts, filter by model, status, date; `show`, `share`, `unshare` one',
  define: (cmd) =>
    cmd
      .argument('[query]', 'full-text search of the prompts: red fox -cartoon "oil painting"')
      .option(
        '--scope <scope>',
        'whose: mine (default), shared (with the team, by anyone), all (admins)',
      )
      .option('-m, --model <model>', 'only this model, repeatable', collect)
      .option(
        '--status <status>',
        'queued, running, succeeded, failed, cancelled, interrupted; repeatable or comma-separated',
        list,
      )
      .option('--since <when>', 'queued since a date (2026-11-01) or a span ago (90m, 24h, 7d, 2w)')
      .option('--kept', 'only generations marked kept')
      .option('--batch <id>', 'one side-by-side run: the batch id `history show` prints')
      .option('-n, --limit <n>', 'rows to show (default 20, at most 200)', integer)
      .option(...SERVER_FLAG),
  help: `
Examples:
  atelier history                         # the 20 latest
  atelier history "lighthouse -night" -m gpt-image-2 --since 7d
  atelier history --status failed --json
  atelier history show 01JD5V…            # one generation: settings, timing, cost, files
  atelier history --batch 01JD5T…         # one side-by-side run: each model's cost and latency
  atelier history share 01JD5V…           # team members can now read it and its files
  atelier history --scope shared          # what the team shared, with who shared it
${STUDIO_HELP}`,
  subcommands: [
    {
      name: 'show',
      summary: 'One generation: prompt, route, settings, timing, cost, warnings, error, assets',
      define: (cmd) => cmd.argument('<id>', 'the generation id').option(...SERVER_FLAG),
      load: async () => ({ run: (await import('./history.ts')).show }),
    },
    {
      name: 'share',
      summary: 'Share one of your generations with the team (members can read it, not change it)',
      define: (cmd) => cmd.argument('<id>', 'the generation id').option(...SERVER_FLAG),
      load: async () => ({ run: (await import('./history.ts')).share }),
    },
    {
      name: 'unshare',
      summary: 'Stop sharing a generation: only its owner and admins see it again',
      define: (cmd) => cmd.argument('<id>', 'the generation id').option(...SERVER_FLAG),
      load: async () => ({ run: (await import('./history.ts')).unshare }),
    },
  ],
  load: async () => ({ run: (await import('./history.ts')).list }),
};

const spend: CommandDef = {
  name: 'spend',
  summary: 'What generations really cost: totals by model or day, pending reservations, budgets',
  define: (cmd) =>
    cmd
      .option(
        '--from <when>',
        'start: a date (2026-11-01), a date-time, or a span ago (7d); default 30 days ago',
      )
      .option('--to <when>', 'end: a date (that whole day included) or a date-time; default now')
      .option('--by <what>', 'model (default), day, or model-day (each model per UTC day)')
      .option(...SERVER_FLAG),
  help: `
Examples:
  atelier spend                              # the last 30 days by model
  atelier spend --from 2026-11-01 --to 2026-11-30 --by day
  atelier spend --from 7d --by model-day     # each model's spend per day this week
  atelier spend --json
${STUDIO_HELP}`,
  load: () => import('./spend.ts'),
};

const arena: CommandDef = {
  name: 'arena',
  summary: 'A blind round: a prompt on 2–4 models, names hidden, your vote, then the reveal',
  define: (cmd) =>
    cmd
      .argument('<prompt>', 'what to make ("-" reads stdin)')
      .option(
        '-m, --model <model>',
        'a model to compare, 2–4 times; none: the studio picks',
        collect,
      )
      .option('--count <n>', 'how many models the studio picks when none is named (2–4, default 2)')
      .option(
        '--modality <kind>',
        'image or video (default: video when every named model makes video, else image)',
      )
      .option('--use-case <case>', 'the job the round is for (portrait, product, landscape, …)')
      .option('--ar, --aspect-ratio <w:h>', 'aspect ratio for every model, e.g. 16:9')
      .option('--resolution <tier>', '1K / 2K / 4K for images, 720p / 1080p / 4k for video')
      .option('--size <WxH>', 'image size, e.g. 1024x1024 (image rounds)')
      .option('--quality <quality>', "the provider's quality word (image rounds)")
      .option('--seconds <s>', 'clip length in whole seconds (video rounds)', integer)
      .option('--audio', 'clips with generated audio (video rounds)')
      .option('--no-audio', 'silent clips (video rounds)')
      .option('--seed <n>', 'seed, where the model takes one', integer)
      .option('--vote <choice>', 'vote without asking: 1–4 (the position), tie or both-bad')
      .option(
        '-d, --out <dir>',
        'folder for the outputs, named by position only (default ./atelier-out)',
      )
      .option('-y, --yes', 'run without asking, whatever the estimate')
      .option(
        '--max-cost <usd>',
        'refuse before calling when the high estimate is above this',
        usdAmount,
      )
      .option(
        '--confirm-above <usd>',
        'ask first when the expected total is above this (default 0.50)',
        usdAmount,
      )
      .option(...SERVER_FLAG),
  help: `
Examples:
  atelier arena "a copper kettle on a windowsill" -m gpt-image-2 -m flux-2-pro
  atelier arena "a logo for a bakery" --use-case text-heavy-design --count 3
  atelier arena "a fox in the snow" -m gpt-image-2 -m nano-banana-pro --vote 2 --json
  atelier arena "a paper boat on a rainy street" --modality video --count 2 --seconds 4
  atelier arena "a harbour at dawn" --ar 21:9 --count 3

Settings apply to every model: a named model that cannot take one fails the round before
anything is spent, and one that adjusts it prints a warning; picked by the studio, only models
that honour every setting as given are picked (a warning would name the model before your vote).

The outputs are written as round-<id>-A.png, round-<id>-B.png… (.mp4 for a video round) with
nothing naming the model; open them, then answer 1–4 (or t for a tie, x for both bad). The vote
is recorded (votes are never changed), then each position's model, real cost and latency are
shown. Picked by the
studio, the models are runnable ones fitting the use case whose cost stays within the
confirmation threshold (or --max-cost), pairs with few votes first.
${STUDIO_HELP}`,
  load: async () => ({ run: (await import('./arena.ts')).arena }),
};

const leaderboard: CommandDef = {
  name: 'leaderboard',
  summary: 'Your models ranked by your votes, with 95 % intervals, measured latency and cost',
  define: (cmd) =>
    cmd
      .option('--use-case <case>', 'only votes cast for this use case')
      .option('--modality <kind>', 'only rounds of image models, or of video models')
      .option('--team', "the team's votes and measurements, not only yours")
      .option('--blind', 'only blind votes (not kept winners of side-by-side runs)')
      .option(...SERVER_FLAG),
  help: `
Bradley–Terry ratings (Elo-like, the mean at 1000) from your votes, with 95 % intervals from a
seeded bootstrap, ranked by the interval's lower bound. Beside each model: measured p50 / p95
latency, failure rate and real cost per kept asset, and the catalog's price.
${STUDIO_HELP}`,
  load: async () => ({ run: (await import('./arena.ts')).leaderboard }),
};

const mcp: CommandDef = {
  name: 'mcp',
  summary:
    'Serve Atelier to editor agents over MCP (stdio): catalog, compare, plan, generate, history',
  define: (cmd) =>
    cmd
      .option(...SERVER_FLAG)
      .option(
        '-d, --out <dir>',
        'folder `generate` saves files into when a call names none (default ./atelier-out)',
      ),
  help: `
Speaks the Model Context Protocol on stdin/stdout for Claude Code, Cursor, VS Code and other MCP
clients; logs go to stderr. Tools: search_models, model_card, compare_models, recommend_models,
lint_prompt, plan_generation, generate (needs maxCostUsd), search_history.

The studio is found as for \`atelier generate\`: --server, else ATELIER_SERVER (with ATELIER_TOKEN
for a team server), else \`atelier login\`, else a running \`atelier serve\`, else the data folder
(ATELIER_DATA_DIR), opened only while a call needs it.

Example (Claude Code):  claude mcp add atelier -- atelier mcp`,
  load: () => import('./mcp.ts'),
};

const catalog: CommandDef = {
  name: 'catalog',
  summary: 'Export the catalog in use as a file, or apply an edited one (prices, dates, models)',
  help: `
Examples:
  atelier catalog export --output catalog.json   # the catalog the studio uses now
  atelier catalog apply catalog.json             # after editing: checked whole, then in use

A file is taken whole or refused whole: the catalog schema, then the catalog's integrity rules
(sourced facts, sources the file's "sources" names, dates no later than its "asOf", lifecycles
that agree with their dates). A refusal names the entry, the field and the allowed values, and
changes nothing. On a team server only admins may apply.
${STUDIO_HELP}`,
  subcommands: [
    {
      name: 'export',
      summary: 'Write the catalog in use (with its as-of date and source titles) as JSON',
      define: (cmd) =>
        cmd
          .option('-o, --output <file>', 'write to this file instead of stdout')
          .option(...SERVER_FLAG),
      load: async () => ({ run: (await import('./catalog.ts')).exportFile }),
    },
    {
      name: 'apply',
      summary: 'Check a catalog file and put it in use in the studio (admins on a team server)',
      define: (cmd) =>
        cmd
          .argument('<file>', 'a catalog file, as `catalog export` writes it')
          .option(...SERVER_FLAG),
      load: async () => ({ run: (await import('./catalog.ts')).applyFile }),
    },
  ],
};

export const COMMANDS: readonly CommandDef[] = [
  models,
  model,
  compare,
  cost,
  recommend,
  prompt,
  generate,
  video,
  history,
  spend,
  arena,
  leaderboard,
  catalog,
  keys,
  serve,
  login,
  logout,
  whoami,
  mcp,
];
