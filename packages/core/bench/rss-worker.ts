import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { runModels } from './run-models.ts';

/**
 * The measured process of the peak-RSS bench: `count` images in a row, each written to disk as
 * soon as it arrives and then let go. Prints what it wrote as JSON; the parent measures its memory.
 *   --mode atelier  runModels (plan, adapter, price), as `atelier generate` runs a model
 *   --mode sdk      the openai SDK directly, the baseline
 *   --mode idle     loads the same code and makes no call (the resting footprint)
 */

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string' },
    out: { type: 'string' },
  },
});
const mode = values.mode ?? 'atelier';
const count = Number(values.count ?? 50);
const size = values.size ?? '3840x2160';
const out = values.out ?? '';
const env = JSON.parse(process.env['BENCH_EMULATOR_ENV'] ?? '{}') as Record<string, string>;
const PROMPT = 'a harbour at dusk, long exposure';

if (!out) throw new Error('--out is required');
await mkdir(out, { recursive: true });

let bytes = 0;
const t0 = performance.now();
if (mode === 'atelier') {
  for (let i = 0; i < count; i++) {
    const [run] = await runModels({
      prompt: `${PROMPT} ${i}`,
      models: [{ model: 'gpt-image-2', provider: 'openai' }],
      params: { size, quality: 'low', n: 1 },
      settings: { env, keys: { store: null } },
    });
    const asset = run?.result?.assets[0];
    if (!asset) throw new Error(`image ${i} failed: ${run?.error ?? 'no asset'}`);
    await writeFile(join(out, `atelier-${i}.png`), asset.data);
    bytes += asset.data.byteLength;
  }
} else if (mode === 'sdk') {
  const client = new OpenAI({
    apiKey: env['OPENAI_API_KEY'],
    baseURL: env['ATELIER_OPENAI_BASE_URL'],
    maxRetries: 0,
  });
  for (let i = 0; i < count; i++) {
    const response = await client.images.generate({
      model: 'gpt-image-2',
      prompt: `${PROMPT} ${i}`,
      size: size as '1024x1024',
      quality: 'low',
      n: 1,
    });
    const data = Buffer.from(response.data?.[0]?.b64_json ?? '', 'base64');
    await writeFile(join(out, `sdk-${i}.png`), data);
    bytes += data.byteLength;
  }
} else if (mode !== 'idle') {
  throw new Error(`unknown --mode ${mode}`);
}
process.stdout.write(
  `${JSON.stringify({ images: mode === 'idle' ? 0 : count, bytes, ms: performance.now() - t0 })}\n`,
);
