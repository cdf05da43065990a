import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MediaSlot, write, writeJsonWithMedia, type ErrorReply } from '../http/respond.ts';
import type { Dialect, RouteContext } from '../http/server.ts';
import { decodeImage } from '../media/decode.ts';
import { renderImage, type ImageFormat } from '../media/image.ts';
import { geminiImageSize } from '../media/sizes.ts';
import { geminiImageModel } from './gemini-models.ts';

/** Credentials a Google emulator accepts: an API key (x-goog-api-key or ?key=) or a Bearer token. */
export interface GoogleCredentials {
  apiKey: string;
  accessToken: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** google.rpc.Status as Google APIs return it: `{ error: { code, message, status, details? } }`. */
export function googleError(
  code: number,
  message: string,
  details?: unknown[],
): { error: Record<string, unknown> } {
  return {
    error: {
      code,
      message,
      status: STATUS_TEXT[code] ?? 'UNKNOWN',
      ...(details ? { details } : {}),
    },
  };
}

export function googleDialect(
  provider: string,
  service: string,
  credentials: GoogleCredentials,
): Dialect {
  return {
    provider,
    authenticate(request) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const key = request.headers['x-goog-api-key'] ?? request.query.key;
      if (key === undefined && bearer === undefined) return 'missing';
      return key === credentials.apiKey || bearer === credentials.accessToken ? 'ok' : 'invalid';
    },
    error(kind, details, request): ErrorReply {
      switch (kind) {
        case 'auth-missing':
          return {
            status: 401,
            body: googleError(
              401,
              'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            ),
          };
        case 'auth-invalid': {
          const usedKey =
            request.headers['x-goog-api-key'] !== undefined || request.query.key !== undefined;
          return {
            status: 401,
            body: usedKey
              ? googleError(401, 'API key not valid. Please pass a valid API key.', [
                  {
                    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                    reason: 'API_KEY_INVALID',
                    domain: 'googleapis.com',
                    metadata: { service },
                  },
                ])
              : googleError(
                  401,
                  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
                ),
          };
        }
        case 'rate-limit': {
          const seconds = details.retryAfterSeconds ?? 1;
          return {
            status: 429,
            headers: { 'retry-after': String(seconds) },
            body: googleError(429, 'Resource has been exhausted (e.g. check quota).', [
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
            ]),
          };
        }
        case 'server-error':
          return {
            status: 500,
            body: googleError(
              500,
              details.message ??
                'An internal error has occurred. Please retry or report the problem.',
            ),
          };
        case 'unavailable':
          return {
            status: 503,
            ...(details.retryAfterSeconds !== undefined
              ? { headers: { 'retry-after': String(details.retryAfterSeconds) } }
              : {}),
            body: googleError(503, 'The model is overloaded. Please try again later.'),
          };
        case 'bad-request':
          return {
            status: 400,
            body: googleError(400, details.message ?? 'Request contains an invalid argument.'),
          };
        case 'not-found':
          return {
            status: 404,
            body: googleError(
              404,
              details.message ?? `Requested entity was not found: ${request.path}`,
            ),
          };
      }
    },
    malformedBody:
      '{"candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "iVBORw0KG',
  };
}

const Part = z
  .object({
    text: z.string().optional(),
    inlineData: z.object({ mimeType: z.string(), data: z.string() }).optional(),
    fileData: z.object({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
  })
  .loose();

const ImageConfig = z
  .object({
    aspectRatio: z.string().optional(),
    imageSize: z.string().optional(),
    personGeneration: z.string().optional(),
    prominentPeople: z.string().optional(),
    imageOutputOptions: z
      .object({ mimeType: z.string().optional(), compressionQuality: z.number().int().optional() })
      .strict()
      .optional(),
  })
  .strict();

const GenerateContentBody = z
  .object({
    contents: z
      .array(z.object({ role: z.string().optional(), parts: z.array(Part) }).loose())
      .min(1),
    generationConfig: z
      .object({
        responseModalities: z.array(z.string()).optional(),
        imageConfig: ImageConfig.optional(),
        candidateCount: z.number().int().optional(),
        seed: z.number().int().optional(),
      })
      .loose()
      .optional(),
    systemInstruction: z.unknown().optional(),
    safetySettings: z.array(z.unknown()).optional(),
    tools: z.array(z.unknown()).optional(),
    toolConfig: z.unknown().optional(),
    cachedContent: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** Output image tokens per image, from Google's model pages and pricing (provider-facts §2.4). */
export function geminiImageTokens(model: string, imageSize: string): number {
  if (/gemini-2\.5-flash-image|^nano-banana$/.test(model)) return 1290;
  if (/gemini-3-pro-image|nano-banana-pro/.test(model)) return imageSize === '4K' ? 2000 : 1120;
  return { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 }[imageSize] ?? 1120;
}

function inputImageTokens(model: string): number {
  return /gemini-2\.5/.test(model) ? 258 : 560;
}

function isImageModel(model: string): boolean {
  return /image|nano-banana/.test(model);
}

const OUTPUT_MIME: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

/**
 * generateContent / streamGenerateContent for image models, shared by the Gemini API and Vertex
 * (same body and response; Vertex additionally honours imageConfig.imageOutputOptions).
 */
export async function handleGenerateContent(
  ctx: RouteContext,
  options: { platform: 'gemini' | 'vertex'; model: string; stream: boolean; imageNoise?: number },
): Promise<void> {
  const { model, platform } = options;
  const parsed = GenerateContentBody.safeParse(ctx.request.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `Invalid JSON payload received. Unknown name "${issue.keys[0] ?? ''}"${where ? ` at '${where}'` : ''}: Cannot find field.`
        : `Invalid value at '${where}': ${issue?.message ?? 'invalid'}`;
    return ctx.json(400, googleError(400, message));
  }
  const body = parsed.data;
  const config = body.generationConfig ?? {};
  const imageConfig = config.imageConfig ?? {};
  if (platform === 'gemini') {
    for (const field of ['personGeneration', 'prominentPeople', 'imageOutputOptions'] as const) {
      if (imageConfig[field] !== undefined) {
        return ctx.json(
          400,
          googleError(
            400,
            `Invalid JSON payload received. Unknown name "${field}" at 'generation_config.image_config': Cannot find field.`,
          ),
        );
      }
    }
  }
  const spec = geminiImageModel(model);
  const aspectRatio = imageConfig.aspectRatio ?? '1:1';
  if (!spec.ratios.includes(aspectRatio)) {
    return ctx.json(
      400,
      googleError(
        400,
        `Unsupported aspect ratio: ${aspectRatio}. Supported values for models/${model} are ${spec.ratios.join(', ')}.`,
      ),
    );
  }
  if (imageConfig.imageSize !== undefined && !spec.imageSizes) {
    return ctx.json(
      400,
      googleError(
        400,
        `imageConfig.imageSize is not supported for models/${model}; omit it (the model renders one size).`,
      ),
    );
  }
  const imageSize = imageConfig.imageSize ?? '1K';
  if (spec.imageSizes && !spec.imageSizes.includes(imageSize)) {
    return ctx.json(
      400,
      googleError(
        400,
        `Unsupported image size: ${imageSize}. Supported values for models/${model} are ${spec.imageSizes.join(', ')}.`,
      ),
    );
  }
  if ((config.candidateCount ?? 1) !== 1) {
    return ctx.json(
      400,
      googleError(400, `Multiple candidates is not enabled for models/${model}.`),
    );
  }
  const outputMime = imageConfig.imageOutputOptions?.mimeType ?? 'image/png';
  const format = OUTPUT_MIME[outputMime];
  if (!format)
    return ctx.json(400, googleError(400, `Unsupported output mime type: ${outputMime}.`));
  const size = geminiImageSize(aspectRatio, imageSize, spec.table);
  if (!size)
    return ctx.json(
      400,
      googleError(400, `Unsupported image configuration ${aspectRatio} ${imageSize}.`),
    );

  const parts = body.contents.flatMap((c) => c.parts);
  const prompt = parts.map((p) => p.text ?? '').join('\n');
  const inputImages = parts.filter(
    (p) => p.inlineData?.mimeType.startsWith('image/') || p.fileData,
  ).length;
  for (const part of parts) {
    if (part.inlineData && !(await decodeImage(Buffer.from(part.inlineData.data, 'base64')))) {
      return ctx.json(
        400,
        googleError(
          400,
          'Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
        ),
      );
    }
  }
  const textTokens = Math.ceil(prompt.length / 4);
  const promptTokenCount = textTokens + inputImages * inputImageTokens(model);
  const promptTokensDetails = [
    { modality: 'TEXT', tokenCount: textTokens },
    ...(inputImages > 0
      ? [{ modality: 'IMAGE', tokenCount: inputImages * inputImageTokens(model) }]
      : []),
  ];
  const modalities = (config.responseModalities ?? ['TEXT', 'IMAGE']).map((m) => m.toUpperCase());
  const wantsImage = isImageModel(model) && modalities.includes('IMAGE');
  const wantsText = modalities.includes('TEXT') || !wantsImage;
  const meta = {
    modelVersion: model,
    responseId: randomBytes(12).toString('base64url'),
    ...(platform === 'vertex' ? { createTime: new Date().toISOString() } : {}),
  };

  const chunks: unknown[] = [];
  if (ctx.safety?.stage === 'input') {
    chunks.push({
      promptFeedback: {
        blockReason: 'PROHIBITED_CONTENT',
        blockReasonMessage: 'The prompt was blocked due to prohibited content.',
      },
      usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount, promptTokensDetails },
      ...meta,
    });
  } else if (ctx.safety?.stage === 'output') {
    chunks.push({
      candidates: [
        {
          content: { role: 'model', parts: [] },
          finishReason: 'IMAGE_SAFETY',
          finishMessage:
            "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt.",
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount,
        candidatesTokenCount: 0,
        totalTokenCount: promptTokenCount,
        promptTokensDetails,
      },
      ...meta,
    });
  } else {
    const text = wantsImage
      ? `Here is the image for: ${prompt.slice(0, 80)}`
      : `Text answer for: ${prompt.slice(0, 80)}`;
    const textTokensOut = wantsText ? Math.ceil(text.length / 4) : 0;
    const imageTokensOut = wantsImage ? geminiImageTokens(model, imageSize) : 0;
    const candidatesTokenCount = textTokensOut + imageTokensOut;
    const imagePart = {
      inlineData: {
        mimeType: outputMime,
        data: new MediaSlot(() =>
          renderImage({
            format,
            width: size.width,
            height: size.height,
            seed: `${model}\u0000${prompt}\u0000${config.seed ?? ''}`,
            ...(imageConfig.imageOutputOptions?.compressionQuality !== undefined
              ? { quality: imageConfig.imageOutputOptions.compressionQuality }
              : {}),
            ...(options.imageNoise !== undefined ? { noise: options.imageNoise } : {}),
          }),
        ),
      },
    };
    const usageMetadata = {
      promptTokenCount,
      candidatesTokenCount,
      totalTokenCount: promptTokenCount + candidatesTokenCount,
      promptTokensDetails,
      candidatesTokensDetails: [
        ...(textTokensOut ? [{ modality: 'TEXT', tokenCount: textTokensOut }] : []),
        ...(imageTokensOut ? [{ modality: 'IMAGE', tokenCount: imageTokensOut }] : []),
      ],
    };
    const candidate = (partsOut: unknown[], final: boolean) => ({
      content: { role: 'model', parts: partsOut },
      ...(final ? { finishReason: 'STOP' } : {}),
      index: 0,
    });
    if (options.stream && wantsText && wantsImage) {
      // Streams deliver the text first and the image with the final chunk.
      chunks.push({
        candidates: [candidate([{ text }], false)],
        usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount },
        ...meta,
      });
      chunks.push({ candidates: [candidate([imagePart], true)], usageMetadata, ...meta });
    } else {
      const partsOut = [...(wantsText ? [{ text }] : []), ...(wantsImage ? [imagePart] : [])];
      chunks.push({ candidates: [candidate(partsOut, true)], usageMetadata, ...meta });
    }
  }

  if (!options.stream) {
    ctx.res.writeHead(200, { ...ctx.headers, 'content-type': 'application/json; charset=UTF-8' });
    await writeJsonWithMedia(ctx.res, chunks[0]);
    ctx.res.end();
    return;
  }
  if (ctx.request.query.alt === 'sse') {
    ctx.res.writeHead(200, {
      ...ctx.headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    });
    for (const chunk of chunks)
      await writeJsonWithMedia(ctx.res, chunk, { prefix: 'data: ', suffix: '\r\n\r\n' });
  } else {
    // Without alt=sse the stream is one JSON array written element by element.
    ctx.res.writeHead(200, { ...ctx.headers, 'content-type': 'application/json; charset=UTF-8' });
    await write(ctx.res, '[');
    for (const [i, chunk] of chunks.entries())
      await writeJsonWithMedia(ctx.res, chunk, { prefix: i ? ',\r\n' : '' });
    await write(ctx.res, ']');
  }
  ctx.res.end();
}
