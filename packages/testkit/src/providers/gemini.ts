import { wrap, serverOptions, type Emulator, type EmulatorOptions } from '../emulator.ts';
import { EmulatorServer } from '../http/server.ts';
import { googleDialect, handleGenerateContent } from './google.ts';

/**
 * Gemini Developer API: POST /{v1beta|v1|v1alpha}/models/{model}:generateContent and
 * :streamGenerateContent (?alt=sse or a JSON array), images as `inlineData` parts, usage in
 * `usageMetadata`, safety blocks as `promptFeedback.blockReason` (prompt) or
 * `finishReason: IMAGE_SAFETY` (output). Wire names follow js-genai's converters.
 *
 * `url` is `http://host:port`, the value for @google/genai's `httpOptions.baseUrl` (which
 * replaces https://generativelanguage.googleapis.com; the SDK appends `/v1beta/models/…`).
 */
export interface GeminiEmulatorOptions extends EmulatorOptions {
  /** Accepted as `x-goog-api-key` or `?key=` (default DEMO_KEYS.gemini). */
  apiKey?: string;
  /** Accepted as `Authorization: Bearer` (default GEMINI_DEMO_ACCESS_TOKEN). */
  accessToken?: string;
}

export type GeminiEmulator = Emulator & { readonly apiKey: string; readonly accessToken: string };

export const GEMINI_DEMO_KEY = 'emulator-gemini-key';
export const GEMINI_DEMO_ACCESS_TOKEN = 'emulator-gemini-access-token';

export async function startGeminiEmulator(
  options: GeminiEmulatorOptions = {},
): Promise<GeminiEmulator> {
  const apiKey = options.apiKey ?? GEMINI_DEMO_KEY;
  const accessToken = options.accessToken ?? GEMINI_DEMO_ACCESS_TOKEN;
  const server = new EmulatorServer({
    name: 'gemini',
    dialect: googleDialect('gemini', 'generativelanguage.googleapis.com', { apiKey, accessToken }),
    ...serverOptions(options),
    extraFaults: ['safety'],
    routes: [
      {
        method: 'POST',
        path: /^\/(?:v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/,
        generates: true,
        model: (m) => m[1],
        handle: (ctx) =>
          handleGenerateContent(ctx, {
            platform: 'gemini',
            model: ctx.match[1] ?? '',
            stream: ctx.match[2] === 'streamGenerateContent',
            ...(options.imageNoise !== undefined ? { imageNoise: options.imageNoise } : {}),
          }),
      },
    ],
  });
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return wrap(server, () => server.origin, { apiKey, accessToken });
}
