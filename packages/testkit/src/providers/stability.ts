import { randomUUID } from 'node:crypto';
import { wrap, serverOptions, type Emulator, type EmulatorOptions } from '../emulator.ts';
import type { ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import type { RecordedFile } from '../http/types.ts';
import { decodeImage } from '../media/decode.ts';
import { MIME, renderImage, type ImageFormat } from '../media/image.ts';
import type { Size } from '../media/sizes.ts';
import { planInpaint, planRemoveBackground } from './stability-edit.ts';

/**
 * Stability AI's Stable Image API (platform.stability.ai/docs/api-reference): POST
 * /v2beta/stable-image/generate/{ultra|core|sd3}, multipart/form-data, `Authorization: Bearer`.
 * Synchronous: `Accept: image/*` answers the image bytes (headers `finish-reason`, `seed`),
 * `Accept: application/json` answers `{ image (base64), finish_reason, seed }`. Errors are
 * `{ id, name, errors: [...] }`: 400 bad_request for a field out of range, 401 without a valid
 * key, 403 content_moderation for a flagged prompt (the 'safety' fault, stage input), 413 for
 * a body over 10 MiB, 429, 500. A flagged output (stage output) is a 200 with finish_reason
 * CONTENT_FILTERED. Fields no endpoint declares are listed in `request.ignoredFields`.
 * The edit services POST /v2beta/stable-image/edit/inpaint and edit/remove-background answer the
 * same way (stability-edit.ts).
 *
 * `url` is `http://host:port`, replacing https://api.stability.ai.
 */
export interface StabilityEmulatorOptions extends EmulatorOptions {
  /** Expected Bearer key (default STABILITY_DEMO_KEY). */
  apiKey?: string;
}

export type StabilityEmulator = Emulator & { readonly apiKey: string };

export const STABILITY_DEMO_KEY = 'sk-emulator-stability-key';

/** Output sizes per aspect ratio: about one megapixel, as the API renders them. */
export const STABILITY_SIZES: Record<string, Size> = {
  '1:1': { width: 1024, height: 1024 },
  '16:9': { width: 1344, height: 768 },
  '9:16': { width: 768, height: 1344 },
  '21:9': { width: 1536, height: 640 },
  '9:21': { width: 640, height: 1536 },
  '3:2': { width: 1216, height: 832 },
  '2:3': { width: 832, height: 1216 },
  '5:4': { width: 1088, height: 896 },
  '4:5': { width: 896, height: 1088 },
};

const STYLE_PRESETS = [
  '3d-model',
  'analog-film',
  'anime',
  'cinematic',
  'comic-book',
  'digital-art',
  'enhance',
  'fantasy-art',
  'isometric',
  'line-art',
  'low-poly',
  'modeling-compound',
  'neon-punk',
  'origami',
  'photographic',
  'pixel-art',
  'tile-texture',
];
const SD3_MODELS = [
  'sd3.5-large',
  'sd3.5-large-turbo',
  'sd3.5-medium',
  'sd3.5-flash',
  'sd3-large',
  'sd3-large-turbo',
  'sd3-medium',
];
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The fields each endpoint declares; anything else is ignored by the API. */
const DECLARED: Record<string, readonly string[]> = {
  ultra: [
    'prompt',
    'negative_prompt',
    'aspect_ratio',
    'seed',
    'output_format',
    'image',
    'strength',
    'style_preset',
  ],
  core: ['prompt', 'negative_prompt', 'aspect_ratio', 'seed', 'output_format', 'style_preset'],
  sd3: [
    'prompt',
    'negative_prompt',
    'aspect_ratio',
    'seed',
    'output_format',
    'image',
    'strength',
    'mode',
    'model',
    'style_preset',
    'cfg_scale',
  ],
};

interface Planned {
  prompt: string;
  format: ImageFormat;
  size: Size;
  seed: number;
  model: string;
}

const reply = (status: number, name: string, errors: string[]): ErrorReply => ({
  status,
  body: { id: randomUUID().replace(/-/g, ''), name, errors },
});

function stabilityDialect(apiKey: string): Dialect {
  return {
    provider: 'stability',
    authenticate: bearerAuth(apiKey),
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return reply(401, 'unauthorized', ['authorization: missing header value']);
        case 'auth-invalid':
          return reply(401, 'unauthorized', ['authorization: invalid API key']);
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            ...reply(429, 'rate_limit_exceeded', [
              'You have exceeded the rate limit of 150 requests within a 10 second period.',
            ]),
            headers: { 'retry-after': String(seconds) },
          };
        }
        case 'server-error':
          return reply(500, 'internal_error', [
            details.message ?? 'An unexpected server error has occurred, please try again later.',
          ]);
        case 'unavailable':
          return {
            ...reply(503, 'service_unavailable', ['The service is temporarily unavailable.']),
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
          };
        case 'bad-request':
          return reply(400, 'bad_request', [details.message ?? 'bad request']);
        case 'not-found':
          return reply(404, 'not_found', ['The requested resource was not found.']);
      }
    },
    malformedBody: '{"image": "iVBORw0KGgo',
  };
}

const text = (fields: Record<string, string | string[]>, name: string): string | undefined => {
  const v = fields[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks one request as the endpoint does; the first problems found, in the API's wording. */
async function planRequest(
  endpoint: string,
  fields: Record<string, string | string[]>,
  files: readonly RecordedFile[],
): Promise<{ ok: true; plan: Planned; ignored: string[] } | { ok: false; errors: string[] }> {
  const errors: string[] = [];
  const prompt = text(fields, 'prompt') ?? '';
  if (prompt.trim() === '') errors.push('prompt: cannot be empty');
  else if (prompt.length > 10_000) errors.push('prompt: must be at most 10000 characters');

  const model =
    endpoint === 'sd3' ? (text(fields, 'model') ?? 'sd3.5-large') : `stable-image-${endpoint}`;
  if (endpoint === 'sd3' && !SD3_MODELS.includes(model))
    errors.push(`model: must be one of ${SD3_MODELS.join(', ')}`);

  const formats = endpoint === 'sd3' ? ['png', 'jpeg'] : ['png', 'jpeg', 'webp'];
  const format = text(fields, 'output_format') ?? 'png';
  if (!formats.includes(format)) errors.push(`output_format: must be one of ${formats.join(', ')}`);

  const ratio = text(fields, 'aspect_ratio') ?? '1:1';
  if (!(ratio in STABILITY_SIZES))
    errors.push(`aspect_ratio: must be one of ${Object.keys(STABILITY_SIZES).join(', ')}`);

  const seedText = text(fields, 'seed');
  const seed =
    seedText === undefined ? Math.floor(Math.random() * 4_294_967_294) : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_294)
    errors.push('seed: must be an integer between 0 and 4294967294');

  if (text(fields, 'negative_prompt') !== undefined && model === 'sd3.5-large-turbo')
    errors.push('negative_prompt: is not supported by sd3.5-large-turbo');

  const preset = text(fields, 'style_preset');
  if (preset !== undefined && !STYLE_PRESETS.includes(preset))
    errors.push(`style_preset: must be one of ${STYLE_PRESETS.join(', ')}`);
  const cfg = text(fields, 'cfg_scale');
  if (cfg !== undefined && !(Number(cfg) >= 1 && Number(cfg) <= 10))
    errors.push('cfg_scale: must be a number between 1 and 10');

  // Image-to-image: the input image sets the output's proportions.
  const image = files.find((f) => f.field === 'image');
  const mode = text(fields, 'mode') ?? 'text-to-image';
  let size = STABILITY_SIZES[ratio] ?? { width: 1024, height: 1024 };
  if (endpoint === 'sd3' && mode !== 'text-to-image' && mode !== 'image-to-image')
    errors.push('mode: must be one of text-to-image, image-to-image');
  if (endpoint === 'sd3' && mode === 'image-to-image' && !image)
    errors.push('image: is required when mode is image-to-image');
  if (endpoint === 'sd3' && mode === 'text-to-image' && image)
    errors.push('image: is only accepted when mode is image-to-image');
  if (endpoint === 'core' && image) errors.push('image: is not accepted by this endpoint');
  const strength = text(fields, 'strength');
  if (strength !== undefined && !(Number(strength) >= 0 && Number(strength) <= 1))
    errors.push('strength: must be a number between 0 and 1');
  if (endpoint === 'sd3' && image && strength === undefined)
    errors.push('strength: is required when mode is image-to-image');
  if (image) {
    const decoded = await decodeImage(image.data);
    if (!decoded || !['png', 'jpeg', 'webp'].includes(decoded.format))
      errors.push('image: must be a valid png, jpeg or webp image');
    else {
      const want = decoded.width / decoded.height;
      const off = (s: Size) => Math.abs(Math.log(s.width / s.height / want));
      size = Object.values(STABILITY_SIZES).reduce((best, s) => (off(s) < off(best) ? s : best));
    }
  }
  if (errors.length) return { ok: false, errors };
  const declared = DECLARED[endpoint] ?? [];
  const ignored = [...Object.keys(fields), ...files.map((f) => f.field)].filter(
    (k) => !declared.includes(k),
  );
  return { ok: true, plan: { prompt, format: format as ImageFormat, size, seed, model }, ignored };
}

export async function startStabilityEmulator(
  options: StabilityEmulatorOptions = {},
): Promise<StabilityEmulator> {
  const apiKey = options.apiKey ?? STABILITY_DEMO_KEY;

  async function generate(ctx: RouteContext): Promise<void> {
    const endpoint = ctx.match[1] ?? '';
    const { request } = ctx;
    if (request.bodyBytes > MAX_BODY_BYTES)
      return sendError(
        ctx,
        reply(413, 'payload_too_large', ['body: payloads cannot be larger than 10MiB in size']),
      );
    if (!request.fields)
      return sendError(
        ctx,
        reply(400, 'bad_request', ['content-type: must be multipart/form-data']),
      );
    const accept = request.headers['accept'] ?? 'image/*';
    const json = accept.includes('application/json');
    if (!json && !accept.includes('image/'))
      return sendError(
        ctx,
        reply(400, 'bad_request', ['accept: must be image/* or application/json']),
      );
    const planned =
      endpoint === 'inpaint'
        ? await planInpaint(request.fields, request.files ?? [], STYLE_PRESETS)
        : endpoint === 'remove-background'
          ? await planRemoveBackground(request.fields, request.files ?? [])
          : await planRequest(endpoint, request.fields, request.files ?? []);
    if (!planned.ok) return sendError(ctx, reply(400, 'bad_request', planned.errors));
    const { plan } = planned;
    if (planned.ignored.length) request.ignoredFields = planned.ignored;
    request.model = plan.model;
    if (ctx.safety?.stage !== 'output' && ctx.safety) {
      return sendError(
        ctx,
        reply(403, 'content_moderation', [
          'Your request was flagged by our content moderation system, as a result your request was denied and you were not charged.',
        ]),
      );
    }
    const finish = ctx.safety ? 'CONTENT_FILTERED' : 'SUCCESS';
    const bytes = await renderImage({
      format: plan.format,
      ...plan.size,
      seed: `${plan.model}\u0000${plan.prompt}\u0000${plan.seed}`,
      ...('transparent' in plan && plan.transparent ? { transparent: true } : {}),
      ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
    });
    if (json)
      return ctx.json(200, {
        image: bytes.toString('base64'),
        finish_reason: finish,
        seed: plan.seed,
      });
    if (ctx.res.headersSent || ctx.res.destroyed) return;
    ctx.res.writeHead(200, {
      ...ctx.headers,
      'content-type': MIME[plan.format],
      'content-length': String(bytes.length),
      'finish-reason': finish,
      seed: String(plan.seed),
    });
    ctx.res.end(bytes);
  }

  function sendError(ctx: RouteContext, error: ErrorReply): void {
    ctx.json(error.status, error.body, error.headers);
  }

  const server: EmulatorServer = new EmulatorServer({
    name: 'stability',
    dialect: stabilityDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety'],
    routes: [
      {
        method: 'POST',
        path: /^\/v2beta\/stable-image\/generate\/(ultra|core|sd3)$/,
        generates: true,
        model: (m, request) =>
          m[1] === 'sd3'
            ? (text(request.fields ?? {}, 'model') ?? 'sd3.5-large')
            : `stable-image-${m[1] ?? ''}`,
        handle: generate,
      },
      {
        method: 'POST',
        path: /^\/v2beta\/stable-image\/edit\/(inpaint|remove-background)$/,
        generates: true,
        model: (m) => m[1] ?? 'inpaint',
        handle: generate,
      },
    ],
  });
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(server, () => server.origin, { apiKey });
}
