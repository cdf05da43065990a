import { randomUUID } from 'node:crypto';
import { wrap, serverOptions, type Emulator, type EmulatorOptions } from '../emulator.ts';
import type { ErrorReply } from '../http/respond.ts';
import { bearerAuth, EmulatorServer, type Dialect, type RouteContext } from '../http/server.ts';
import { decodeImage } from '../media/decode.ts';
import { hash32, renderImage } from '../media/image.ts';
import { parseWxH, type Size } from '../media/sizes.ts';

/**
 * Recraft's API (recraft.ai/docs/api-reference): POST /v1/images/generations, JSON, with
 * `Authorization: Bearer` → `{ created, credits, data: [{ image_id, url | b64_json }] }`,
 * synchronously; V3 (and V2) also edit: /v1/images/imageToImage and /v1/images/inpaint, multipart.
 * Sizes per model from the appendix (WxH or w:h); `style`/`substyle` on V3 and
 * V2 only; n 1–6; response_format url (links on the emulator, as Recraft's expire after about
 * a day) or b64_json. The `_vector` models, and V3's vector_illustration and icon styles,
 * answer SVG documents. Errors: `{ code, message }` with 400 for a request the model cannot
 * take, 401 without a valid token, 429, 500. The 'safety' fault answers 400 `prompt_blocked`.
 * POST /v1/images/vectorize traces an uploaded raster `file` into an SVG.
 *
 * `url` is `http://host:port`, replacing https://external.api.recraft.ai.
 */
export interface RecraftEmulatorOptions extends EmulatorOptions {
  /** Expected Bearer token (default RECRAFT_DEMO_KEY). */
  apiKey?: string;
}

export type RecraftEmulator = Emulator & { readonly apiKey: string };

export const RECRAFT_DEMO_KEY = 'emulator-recraft-token';

const V3_SIZES = [
  '1024x1024',
  '1365x1024',
  '1024x1365',
  '1536x1024',
  '1024x1536',
  '1820x1024',
  '1024x1820',
  '1024x2048',
  '2048x1024',
  '1434x1024',
  '1024x1434',
  '1024x1280',
  '1280x1024',
  '1024x1707',
  '1707x1024',
];
const V4_RATIOS: Record<string, string> = {
  '1:1': '1024x1024',
  '2:1': '1536x768',
  '1:2': '768x1536',
  '3:2': '1280x832',
  '2:3': '832x1280',
  '4:3': '1216x896',
  '3:4': '896x1216',
  '5:4': '1152x896',
  '4:5': '896x1152',
  '6:10': '832x1344',
  '14:10': '1280x896',
  '10:14': '896x1280',
  '16:9': '1344x768',
  '9:16': '768x1344',
};
const V4_PRO_RATIOS: Record<string, string> = {
  '1:1': '2048x2048',
  '2:1': '3072x1536',
  '1:2': '1536x3072',
  '3:2': '2560x1664',
  '2:3': '1664x2560',
  '4:3': '2432x1792',
  '3:4': '1792x2432',
  '5:4': '2304x1792',
  '4:5': '1792x2304',
  '6:10': '1664x2688',
  '14:10': '2560x1792',
  '10:14': '1792x2560',
  '16:9': '2688x1536',
  '9:16': '1536x2688',
};
const V3_RATIOS: Record<string, string> = Object.fromEntries(V3_SIZES.map((s) => [ratioOf(s), s]));

/** Per model: its sizes by aspect ratio, whether it answers SVG, whether it takes styles, credits per image. */
const MODELS: Record<
  string,
  { sizes: Record<string, string>; vector: boolean; styles: boolean; credits: number }
> = {
  recraftv3: { sizes: V3_RATIOS, vector: false, styles: true, credits: 40 },
  recraftv3_vector: { sizes: V3_RATIOS, vector: true, styles: true, credits: 80 },
  recraftv2: { sizes: V3_RATIOS, vector: false, styles: true, credits: 22 },
  recraftv4: { sizes: V4_RATIOS, vector: false, styles: false, credits: 40 },
  recraftv4_vector: { sizes: V4_RATIOS, vector: true, styles: false, credits: 80 },
  recraftv4_pro: { sizes: V4_PRO_RATIOS, vector: false, styles: false, credits: 250 },
  recraftv4_pro_vector: { sizes: V4_PRO_RATIOS, vector: true, styles: false, credits: 300 },
  // V4.1 (the API's default model since May 2026) keeps V4's sizes; its Pro keeps V4 Pro's.
  recraftv4_1: { sizes: V4_RATIOS, vector: false, styles: false, credits: 35 },
  recraftv4_1_vector: { sizes: V4_RATIOS, vector: true, styles: false, credits: 80 },
  recraftv4_1_pro: { sizes: V4_PRO_RATIOS, vector: false, styles: false, credits: 210 },
};
const STYLES = [
  'any',
  'realistic_image',
  'digital_illustration',
  'vector_illustration',
  'icon',
  'logo_raster',
];
const VECTOR_STYLES = ['vector_illustration', 'icon'];

function ratioOf(size: string): string {
  const s = parseWxH(size) as Size;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(s.width, s.height);
  return `${s.width / g}:${s.height / g}`;
}

const reply = (status: number, code: string, message: string): ErrorReply => ({
  status,
  body: { code, message },
});

function recraftDialect(apiKey: string): Dialect {
  return {
    provider: 'recraft',
    authenticate: bearerAuth(apiKey),
    error(kind, details): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return reply(401, 'unauthorized', 'Authorization header is missing');
        case 'auth-invalid':
          return reply(401, 'unauthorized', 'Invalid API token');
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            ...reply(429, 'too_many_requests', 'Rate limit exceeded'),
            headers: { 'retry-after': String(seconds) },
          };
        }
        case 'server-error':
          return reply(500, 'internal_error', details.message ?? 'Internal server error');
        case 'unavailable':
          return {
            ...reply(503, 'service_unavailable', 'Service unavailable'),
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
          };
        case 'bad-request':
          return reply(400, 'bad_request', details.message ?? 'Bad request');
        case 'not-found':
          return reply(404, 'not_found', 'Not found');
      }
    },
    malformedBody: '{"created": 1700000000, "data": [{"b64_json": "iVBOR',
  };
}

/** A small, valid SVG document of the requested size, different for every seed. */
export function renderSvg(size: Size, seed: string): Buffer {
  const h = hash32(seed);
  const color = (shift: number) =>
    `#${(((h >>> shift) & 0xffffff) | 0x202020).toString(16).padStart(6, '0')}`;
  const { width: w, height: ht } = size;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${ht}" viewBox="0 0 ${w} ${ht}">` +
      `<rect width="${w}" height="${ht}" fill="${color(0)}"/>` +
      `<circle cx="${w / 2}" cy="${ht / 2}" r="${Math.min(w, ht) / 3}" fill="${color(8)}"/>` +
      `<path d="M0 ${ht} L${w / 2} ${ht / 3} L${w} ${ht} Z" fill="${color(4)}" opacity="0.7"/></svg>`,
  );
}

export async function startRecraftEmulator(
  options: RecraftEmulatorOptions = {},
): Promise<RecraftEmulator> {
  const apiKey = options.apiKey ?? RECRAFT_DEMO_KEY;
  const files = new Map<string, { data: Buffer; contentType: string }>();

  async function generate(ctx: RouteContext): Promise<void> {
    const body = ctx.request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return send(ctx, reply(400, 'bad_request', 'Request body must be a JSON object'));
    const b = body as Record<string, unknown>;
    const modelName = typeof b['model'] === 'string' ? b['model'] : 'recraftv3';
    const model = MODELS[modelName];
    if (!model)
      return send(
        ctx,
        reply(
          400,
          'invalid_model',
          `Unknown model "${modelName}"; one of ${Object.keys(MODELS).join(', ')}`,
        ),
      );
    ctx.request.model = modelName;
    const prompt = typeof b['prompt'] === 'string' ? b['prompt'] : '';
    const limit = modelName.startsWith('recraftv4') ? 10_000 : 1_000;
    if (prompt.trim() === '') return send(ctx, reply(400, 'invalid_prompt', 'prompt is required'));
    if (prompt.length > limit)
      return send(
        ctx,
        reply(
          400,
          'prompt_too_long',
          `prompt must be at most ${limit} characters for ${modelName}`,
        ),
      );
    const sizeText =
      b['size'] === undefined
        ? model.sizes === V4_PRO_RATIOS
          ? '2048x2048'
          : '1024x1024'
        : b['size'];
    const wxh =
      typeof sizeText === 'string'
        ? (model.sizes[sizeText] ??
          (Object.values(model.sizes).includes(sizeText) ? sizeText : undefined))
        : undefined;
    if (!wxh)
      return send(
        ctx,
        reply(
          400,
          'invalid_size',
          `size must be one of ${Object.values(model.sizes).join(', ')} or their aspect ratios for ${modelName}`,
        ),
      );
    const n = b['n'] ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 6)
      return send(ctx, reply(400, 'invalid_n', 'n must be an integer between 1 and 6'));
    const format = b['response_format'] ?? 'url';
    if (format !== 'url' && format !== 'b64_json')
      return send(
        ctx,
        reply(400, 'invalid_response_format', 'response_format must be one of url, b64_json'),
      );
    const style = b['style'];
    if ((style !== undefined || b['substyle'] !== undefined) && !model.styles)
      return send(
        ctx,
        reply(400, 'style_not_supported', `${modelName} does not support style or substyle`),
      );
    if (style !== undefined && (typeof style !== 'string' || !STYLES.includes(style)))
      return send(ctx, reply(400, 'invalid_style', `style must be one of ${STYLES.join(', ')}`));
    if (b['substyle'] !== undefined && style === undefined)
      return send(ctx, reply(400, 'invalid_substyle', 'substyle needs a style'));
    const known = [
      'prompt',
      'model',
      'size',
      'n',
      'response_format',
      'style',
      'substyle',
      'style_id',
      'negative_prompt',
      'controls',
      'text_layout',
    ];
    const ignored = Object.keys(b).filter((k) => !known.includes(k));
    if (ignored.length) ctx.request.ignoredFields = ignored;
    if (ctx.safety)
      return send(ctx, reply(400, 'prompt_blocked', 'The prompt violates the content policy'));

    const vector = model.vector || (typeof style === 'string' && VECTOR_STYLES.includes(style));
    await answer(ctx, {
      modelName,
      prompt,
      size: parseWxH(wxh) as Size,
      n,
      format,
      vector,
      credits: model.credits,
    });
  }

  /** Renders n results (PNG, or SVG for vector models and styles) as URLs or base64. */
  async function answer(
    ctx: RouteContext,
    r: {
      modelName: string;
      prompt: string;
      size: Size;
      n: number;
      format: unknown;
      vector: boolean;
      credits: number;
    },
  ): Promise<void> {
    const data = [];
    for (let i = 0; i < r.n; i++) {
      const seed = `${r.modelName}\u0000${r.prompt}\u0000${i}`;
      const bytes = r.vector
        ? renderSvg(r.size, seed)
        : await renderImage({
            format: 'png',
            ...r.size,
            seed,
            ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
          });
      const id = randomUUID();
      const contentType = r.vector ? 'image/svg+xml' : 'image/png';
      if (r.format === 'b64_json') data.push({ image_id: id, b64_json: bytes.toString('base64') });
      else {
        files.set(id, { data: bytes, contentType });
        data.push({
          image_id: id,
          url: `${server.origin}/files/${id}.${r.vector ? 'svg' : 'png'}`,
        });
      }
    }
    ctx.json(200, { created: Math.floor(Date.now() / 1000), credits: r.credits * r.n, data });
  }

  /**
   * POST /v1/images/imageToImage and /v1/images/inpaint (multipart): an `image` file (under
   * 5 MB, under 16 MP), `prompt`, `strength` 0–1 (imageToImage, required), a black-and-white
   * `mask` of the image's size (inpaint, required); V2 and V3 models only. The result has the
   * input image's size.
   */
  async function edit(ctx: RouteContext): Promise<void> {
    const inpaint = ctx.match[1] === 'inpaint';
    const fields = ctx.request.fields;
    if (!fields)
      return send(ctx, reply(400, 'bad_request', 'Request body must be multipart/form-data'));
    const field = (name: string) => {
      const v = fields[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const modelName = field('model') ?? 'recraftv3';
    const model = MODELS[modelName];
    if (!model) return send(ctx, reply(400, 'invalid_model', `Unknown model "${modelName}"`));
    ctx.request.model = modelName;
    if (!model.styles)
      return send(
        ctx,
        reply(
          400,
          'model_not_supported',
          `${modelName} does not support ${inpaint ? 'inpainting' : 'image-to-image'}`,
        ),
      );
    const prompt = field('prompt') ?? '';
    if (prompt.trim() === '') return send(ctx, reply(400, 'invalid_prompt', 'prompt is required'));
    if (prompt.length > 1_000)
      return send(
        ctx,
        reply(400, 'prompt_too_long', `prompt must be at most 1000 characters for ${modelName}`),
      );
    const file = (name: string) => ctx.request.files?.find((f) => f.field === name);
    const image = file('image');
    if (!image) return send(ctx, reply(400, 'invalid_image', 'image is required'));
    if (image.size >= 5 * 1024 * 1024)
      return send(ctx, reply(400, 'image_too_large', 'image must be less than 5 MB in size'));
    const decoded = await decodeImage(image.data);
    if (!decoded || !['png', 'jpeg', 'webp'].includes(decoded.format))
      return send(ctx, reply(400, 'invalid_image', 'image must be a PNG, JPG or WEBP file'));
    if (decoded.width * decoded.height > 16 * 1024 * 1024)
      return send(ctx, reply(400, 'image_too_large', 'image resolution must be less than 16 MP'));
    if (inpaint) {
      const mask = file('mask');
      const m = mask ? await decodeImage(mask.data) : undefined;
      if (!m)
        return send(ctx, reply(400, 'invalid_mask', 'mask is required: a black-and-white image'));
      if (m.width !== decoded.width || m.height !== decoded.height)
        return send(ctx, reply(400, 'invalid_mask', 'mask must have the size of the image'));
    } else {
      const strength = Number(field('strength'));
      if (field('strength') === undefined || !(strength >= 0 && strength <= 1))
        return send(
          ctx,
          reply(400, 'invalid_strength', 'strength is required, a number between 0 and 1'),
        );
    }
    const style = field('style');
    if (style !== undefined && !STYLES.includes(style))
      return send(ctx, reply(400, 'invalid_style', `style must be one of ${STYLES.join(', ')}`));
    const n = Number(field('n') ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > 6)
      return send(ctx, reply(400, 'invalid_n', 'n must be an integer between 1 and 6'));
    if (ctx.safety)
      return send(ctx, reply(400, 'prompt_blocked', 'The prompt violates the content policy'));
    const vector = model.vector || (style !== undefined && VECTOR_STYLES.includes(style));
    await answer(ctx, {
      modelName,
      prompt,
      size: { width: decoded.width, height: decoded.height },
      n,
      format: field('response_format') ?? 'url',
      vector,
      credits: model.credits,
    });
  }

  /**
   * POST /v1/images/vectorize (multipart; recraft.ai/docs/api-reference/tools/vectorize): a
   * raster `file` (PNG, JPG or WEBP, up to 10 MB and 16 MP, sides 256–4096 px as Recraft's input
   * image rules and fal's vectorize page state them) → `{ created, credits, image:
   * { image_id, url | b64_json } }`, an SVG of the input's size, 10 credits ($0.01). It takes
   * no prompt, model or style.
   */
  async function vectorize(ctx: RouteContext): Promise<void> {
    const fields = ctx.request.fields;
    if (!fields)
      return send(ctx, reply(400, 'bad_request', 'Request body must be multipart/form-data'));
    ctx.request.model = 'vectorize';
    const upload = ctx.request.files?.find((f) => f.field === 'file');
    if (!upload) return send(ctx, reply(400, 'invalid_image', 'file is required'));
    if (upload.size > 10 * 1024 * 1024)
      return send(ctx, reply(400, 'image_too_large', 'file must be at most 10 MB in size'));
    const decoded = await decodeImage(upload.data);
    if (!decoded || !['png', 'jpeg', 'webp'].includes(decoded.format))
      return send(ctx, reply(400, 'invalid_image', 'file must be a PNG, JPG or WEBP image'));
    if (decoded.width * decoded.height > 16 * 1024 * 1024)
      return send(ctx, reply(400, 'image_too_large', 'image resolution must be at most 16 MP'));
    if (
      Math.min(decoded.width, decoded.height) < 256 ||
      Math.max(decoded.width, decoded.height) > 4096
    ) {
      return send(
        ctx,
        reply(400, 'invalid_image_size', 'image sides must be between 256 and 4096 px'),
      );
    }
    const format = Array.isArray(fields['response_format'])
      ? fields['response_format'][0]
      : (fields['response_format'] ?? 'url');
    if (format !== 'url' && format !== 'b64_json')
      return send(
        ctx,
        reply(400, 'invalid_response_format', 'response_format must be one of url, b64_json'),
      );
    const known = ['response_format', 'expire'];
    const ignored = Object.keys(fields).filter((k) => !known.includes(k));
    if (ignored.length) ctx.request.ignoredFields = ignored;
    if (ctx.safety)
      return send(ctx, reply(400, 'image_blocked', 'The image violates the content policy'));
    const bytes = renderSvg(
      { width: decoded.width, height: decoded.height },
      `vectorize\u0000${hash32(upload.data.toString('base64'))}`,
    );
    const id = randomUUID();
    let image: { image_id: string; b64_json?: string; url?: string };
    if (format === 'b64_json') image = { image_id: id, b64_json: bytes.toString('base64') };
    else {
      files.set(id, { data: bytes, contentType: 'image/svg+xml' });
      image = { image_id: id, url: `${server.origin}/files/${id}.svg` };
    }
    ctx.json(200, { created: Math.floor(Date.now() / 1000), credits: 10, image });
  }

  function file(ctx: RouteContext): void {
    const found = files.get(ctx.match[1] ?? '');
    if (!found) return send(ctx, reply(404, 'not_found', 'Not found'));
    ctx.res.writeHead(200, {
      'content-type': found.contentType,
      'content-length': String(found.data.length),
    });
    ctx.res.end(found.data);
  }

  function send(ctx: RouteContext, error: ErrorReply): void {
    ctx.json(error.status, error.body, error.headers);
  }

  const server: EmulatorServer = new EmulatorServer({
    name: 'recraft',
    dialect: recraftDialect(apiKey),
    ...serverOptions(options),
    extraFaults: ['safety'],
    routes: [
      {
        method: 'POST',
        path: /^\/v1\/images\/generations$/,
        generates: true,
        model: (_m, request) => {
          const model = (request.body as { model?: unknown } | undefined)?.model;
          return typeof model === 'string' ? model : undefined;
        },
        handle: generate,
      },
      {
        method: 'POST',
        path: /^\/v1\/images\/(imageToImage|inpaint)$/,
        generates: true,
        handle: edit,
      },
      { method: 'POST', path: /^\/v1\/images\/vectorize$/, generates: true, handle: vectorize },
      { method: 'GET', path: /^\/files\/([\w-]+)\.(?:png|svg)$/, auth: false, handle: file },
    ],
  });
  server.onReset(() => files.clear());
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(server, () => server.origin, { apiKey });
}
