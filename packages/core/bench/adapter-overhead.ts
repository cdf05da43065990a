import { createOpenAI } from '@ai-sdk/openai';
import { generateImage } from 'ai';
import OpenAI from 'openai';
import { generateImages, imageModel } from '../src/providers/index.ts';
import { startEmulatorProcess } from './emulators.ts';
import {
  flag,
  load,
  machine,
  markdownTable,
  median,
  ms,
  percentile,
  today,
  WRITE,
  writePart,
} from './report.ts';

/**
 * Per-call time of our OpenAI adapter against the openai SDK called directly and against the
 * Vercel AI SDK's generateImage, all three asking the same emulator for the same image. The
 * three take turns within every iteration (rotating which goes first), so machine noise, GC and
 * the emulator's own render time fall on all of them alike.
 *
 * Every client ends with the image's bytes in memory (the SDK's base64 decoded), because that is
 * the least a caller can use.
 */

const RUNS = flag('runs', 200);
const WARMUP = 20;
const PROVIDER_MODEL = 'gpt-image-1.5';
const PROMPT = 'a copper kettle on a windowsill, morning light';
const GOAL_VS_SDK = 1.05;

const emulators = await startEmulatorProcess();
const env = emulators.env;
const apiKey = env['OPENAI_API_KEY'] ?? '';
const baseURL = env['ATELIER_OPENAI_BASE_URL'] ?? '';

// Ours: the model is resolved once, as a run resolves it once per model; each call is what
// runModels does per model after that (validate, check capabilities, call, decode, price).
const model = await imageModel({
  model: PROVIDER_MODEL,
  provider: 'openai',
  settings: { env, keys: { store: null } },
});
const sdk = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
const vercel = createOpenAI({ apiKey, baseURL });

interface Client {
  name: string;
  call(): Promise<number>;
}

const clients: Client[] = [
  {
    name: 'Atelier adapter (`generateImages`)',
    async call() {
      const result = await generateImages(model, {
        prompt: PROMPT,
        size: '1024x1024',
        quality: 'low',
        n: 1,
      });
      return result.assets[0]?.data.byteLength ?? 0;
    },
  },
  {
    name: '`openai` SDK, `images.generate`',
    async call() {
      const response = await sdk.images.generate({
        model: PROVIDER_MODEL,
        prompt: PROMPT,
        size: '1024x1024',
        quality: 'low',
        n: 1,
      });
      return Buffer.from(response.data?.[0]?.b64_json ?? '', 'base64').byteLength;
    },
  },
  {
    name: 'Vercel AI SDK, `generateImage`',
    async call() {
      const { image } = await generateImage({
        model: vercel.image(PROVIDER_MODEL),
        prompt: PROMPT,
        size: '1024x1024',
        n: 1,
        maxRetries: 0,
        providerOptions: { openai: { quality: 'low' } },
      });
      return image.uint8Array.byteLength;
    },
  },
];

async function timed(client: Client): Promise<{ wall: number; cpu: number; bytes: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = await client.call();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, bytes };
}

try {
  // Same request on the wire: the bodies each client sent must match.
  for (const client of clients) await timed(client);
  const bodies = (await emulators.bodies('openai', clients.length)).map((b) => {
    const { model, prompt, size, quality, n, ...rest } = b as Record<string, unknown>;
    return JSON.stringify({ model, prompt, size, quality, n, rest });
  });
  if (new Set(bodies).size !== 1) {
    throw new Error(`the clients sent different requests:\n${bodies.join('\n')}`);
  }
  console.log(`request body: ${bodies[0]}`);

  for (let i = 0; i < WARMUP; i++) for (const client of clients) await timed(client);
  await emulators.reset();

  const wall: number[][] = clients.map(() => []);
  const cpu: number[][] = clients.map(() => []);
  const sizes = new Set<number>();
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < clients.length; k++) {
      const j = (i + k) % clients.length;
      const sample = await timed(clients[j] as Client);
      wall[j]?.push(sample.wall);
      cpu[j]?.push(sample.cpu);
      sizes.add(sample.bytes);
    }
  }
  if (sizes.size !== 1)
    throw new Error(`the clients got different images: ${[...sizes].join(', ')} bytes`);
  const bytes = [...sizes][0] ?? 0;

  const stats = clients.map((client, j) => ({
    name: client.name,
    median: median(wall[j] ?? []),
    p95: percentile(wall[j] ?? [], 95),
    cpu: median(cpu[j] ?? []),
  }));
  const [ours, direct, ai] = stats as [(typeof stats)[0], (typeof stats)[0], (typeof stats)[0]];
  const vsSdk = ours.median / direct.median;
  const vsAi = ours.median / ai.median;
  for (const s of stats) {
    console.log(
      `${s.name}: median ${ms(s.median, 2)}, p95 ${ms(s.p95, 2)}, client CPU ${ms(s.cpu, 2)}`,
    );
  }
  console.log(
    `ours / SDK ${vsSdk.toFixed(3)}× (goal ≤ ${GOAL_VS_SDK}×); ours / AI SDK ${vsAi.toFixed(3)}× (goal < 1)`,
  );

  if (WRITE) {
    const passSdk = vsSdk <= GOAL_VS_SDK;
    const passAi = vsAi < 1;
    writePart('adapter-overhead', [
      '### Adapter overhead: one 1024² image, ours vs the `openai` SDK vs the Vercel AI SDK',
      '',
      `${RUNS} sequential generations per client against the OpenAI emulator with no added latency:`,
      `\`${PROVIDER_MODEL}\`, 1024x1024, quality low, n=1, the same JSON body from all three`,
      `(checked), a ${(bytes / 1024).toFixed(0)} KB PNG each. The clients take turns within every iteration`,
      `(rotating who goes first) after ${WARMUP} warm-up rounds; every call ends with the image's bytes in`,
      'memory. Client CPU is the user + system time of the measuring process per call (the emulator',
      'runs in another process), the part of the time the client itself costs; the wall times are',
      'mostly the emulator rendering and encoding the PNG. The adapter reads the response body as it',
      'streams and decodes the image on the way (`src/providers/images-body.ts`) where the SDKs',
      'parse the whole JSON text first.',
      '',
      '- Command: `pnpm --filter @atelier/core bench adapter-overhead` (`node packages/core/bench/run.mjs adapter-overhead`)',
      `- Machine: ${machine()}`,
      `- Date: ${today()}; ${load()}`,
      `- Runs: ${RUNS} per client after ${WARMUP} warm-up rounds`,
      '- Versions: `openai` 6.x as the adapter uses it; `ai` 6.x with `@ai-sdk/openai` 3.x (bench dev dependencies)',
      '',
      ...markdownTable(
        ['Client', 'Median', 'p95', 'Client CPU (median)', 'Median vs SDK'],
        stats.map((s) => [
          s.name,
          ms(s.median, 2),
          ms(s.p95, 2),
          ms(s.cpu, 2),
          `${(s.median / direct.median).toFixed(3)}×`,
        ]),
      ),
      '',
      `- Ours vs the \`openai\` SDK: **${vsSdk.toFixed(3)}×** the median (${(ours.median - direct.median).toFixed(2)} ms per call); goal ≤ ${GOAL_VS_SDK}×: ${passSdk ? 'pass' : 'fail'}.`,
      `- Ours vs the Vercel AI SDK: **${vsAi.toFixed(3)}×** the median (${(ours.median - ai.median).toFixed(2)} ms per call); goal < 1× (faster): ${passAi ? 'pass' : 'fail'}.`,
    ]);
  }
} finally {
  await emulators.close();
}
