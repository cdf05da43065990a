import { startCdn, type Cdn } from './cdn.ts';
import type { EmulatorOptions } from './emulator.ts';
import type { RecordedRequest } from './http/types.ts';
import type { LatencyInput } from './latency.ts';
import { BFL_DEMO_KEY, startBflEmulator, type BflEmulator } from './providers/bfl.ts';
import {
  BYTEPLUS_DEMO_KEY,
  startByteplusEmulator,
  type ByteplusEmulator,
} from './providers/byteplus.ts';
import {
  DASHSCOPE_DEMO_KEY,
  startDashscopeEmulator,
  type DashscopeEmulator,
} from './providers/dashscope.ts';
import { FAL_DEMO_KEY, startFalEmulator, type FalEmulator } from './providers/fal.ts';
import {
  GEMINI_DEMO_ACCESS_TOKEN,
  GEMINI_DEMO_KEY,
  startGeminiEmulator,
  type GeminiEmulator,
} from './providers/gemini.ts';
import { OPENAI_DEMO_KEY, startOpenAIEmulator, type OpenAIEmulator } from './providers/openai.ts';
import {
  REPLICATE_DEMO_KEY,
  startReplicateEmulator,
  type ReplicateEmulator,
} from './providers/replicate.ts';
import {
  RECRAFT_DEMO_KEY,
  startRecraftEmulator,
  type RecraftEmulator,
} from './providers/recraft.ts';
import {
  STABILITY_DEMO_KEY,
  startStabilityEmulator,
  type StabilityEmulator,
} from './providers/stability.ts';
import {
  VERTEX_DEMO_ACCESS_TOKEN,
  VERTEX_DEMO_KEY,
  startVertexEmulator,
  type VertexEmulator,
} from './providers/vertex.ts';

/** The credentials the emulators expect unless told otherwise. They open nothing real. */
export const DEMO_KEYS = {
  openai: OPENAI_DEMO_KEY,
  gemini: GEMINI_DEMO_KEY,
  geminiAccessToken: GEMINI_DEMO_ACCESS_TOKEN,
  vertexApiKey: VERTEX_DEMO_KEY,
  vertexAccessToken: VERTEX_DEMO_ACCESS_TOKEN,
  fal: FAL_DEMO_KEY,
  bfl: BFL_DEMO_KEY,
  byteplus: BYTEPLUS_DEMO_KEY,
  dashscope: DASHSCOPE_DEMO_KEY,
  replicate: REPLICATE_DEMO_KEY,
  stability: STABILITY_DEMO_KEY,
  recraft: RECRAFT_DEMO_KEY,
  googleCloudProject: 'atelier-emulator',
  googleCloudLocation: 'us-central1',
} as const;

export type DemoKeys = { -readonly [K in keyof typeof DEMO_KEYS]: string };

/** Port offsets from `portBase`, in this order. */
export const PORT_OFFSETS = {
  openai: 0,
  gemini: 1,
  vertex: 2,
  fal: 3,
  bfl: 4,
  cdn: 5,
  stability: 6,
  recraft: 7,
  byteplus: 8,
  dashscope: 9,
  replicate: 10,
} as const;

export interface AllEmulatorsOptions {
  host?: string;
  /**
   * First of the consecutive fixed ports, in PORT_OFFSETS order.
   * Default 0: every server takes an ephemeral port.
   */
  portBase?: number;
  /** Initial latency of every provider emulator (not the CDN). */
  latency?: LatencyInput;
  imageNoise?: number;
  /** Overrides of DEMO_KEYS. */
  keys?: Partial<DemoKeys>;
  onRequest?: (emulator: string, request: RecordedRequest) => void;
  onError?: (emulator: string, error: unknown) => void;
}

export interface AllEmulators {
  openai: OpenAIEmulator;
  gemini: GeminiEmulator;
  vertex: VertexEmulator;
  fal: FalEmulator;
  bfl: BflEmulator;
  byteplus: ByteplusEmulator;
  dashscope: DashscopeEmulator;
  replicate: ReplicateEmulator;
  stability: StabilityEmulator;
  recraft: RecraftEmulator;
  /** The one CDN serving fal, BFL, Replicate and Vertex (gcs) result links. */
  cdn: Cdn;
  /**
   * Environment for a client under test:
   * - ATELIER_OPENAI_BASE_URL: `http://host:port/v1`, the openai SDK's `baseURL` (replaces https://api.openai.com/v1).
   * - ATELIER_GEMINI_BASE_URL: `http://host:port`, @google/genai `httpOptions.baseUrl` (replaces
   *   https://generativelanguage.googleapis.com; the SDK adds `/v1beta/models/…`).
   * - ATELIER_VERTEX_BASE_URL: `http://host:port`, @google/genai `httpOptions.baseUrl` with `vertexai: true`
   *   (replaces https://{location}-aiplatform.googleapis.com; the SDK adds `/v1beta1/projects/…`).
   * - ATELIER_FAL_BASE_URL: `http://host:port`, replaces https://queue.fal.run (POST `${base}/${endpointId}`).
   * - ATELIER_BFL_BASE_URL: `http://host:port`, replaces https://api.bfl.ai (POST `${base}/v1/${model}`).
   * - ATELIER_BYTEPLUS_BASE_URL: `http://host:port`, replaces https://ark.ap-southeast.bytepluses.com (POST `${base}/api/v3/images/generations`, `${base}/api/v3/contents/generations/tasks`).
   * - ATELIER_DASHSCOPE_BASE_URL: `http://host:port`, replaces https://dashscope-intl.aliyuncs.com (POST `${base}/api/v1/services/aigc/…`, GET `${base}/api/v1/tasks/{id}`).
   * - ATELIER_STABILITY_BASE_URL: `http://host:port`, replaces https://api.stability.ai (POST `${base}/v2beta/stable-image/generate/…`).
   * - ATELIER_RECRAFT_BASE_URL: `http://host:port`, replaces https://external.api.recraft.ai (POST `${base}/v1/images/generations`).
   * - ATELIER_REPLICATE_BASE_URL: `http://host:port/v1`, the replicate SDK's `baseUrl` (replaces https://api.replicate.com/v1).
   * - ATELIER_GCS_BASE_URL: replaces https://storage.googleapis.com for `gs://bucket/object` results.
   * - OPENAI_API_KEY, GEMINI_API_KEY, FAL_KEY, BFL_API_KEY, ARK_API_KEY, DASHSCOPE_API_KEY, STABILITY_API_KEY, RECRAFT_API_TOKEN, REPLICATE_API_TOKEN, GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION: demo values.
   * - ATELIER_VERTEX_ACCESS_TOKEN: Bearer token Vertex accepts in place of Application Default Credentials;
   *   ATELIER_VERTEX_API_KEY: its express-mode key.
   */
  env: Record<string, string>;
  /** Resets every emulator and the CDN. */
  reset(): void;
  close(): Promise<void>;
}

export async function startAllEmulators(options: AllEmulatorsOptions = {}): Promise<AllEmulators> {
  const keys: DemoKeys = { ...DEMO_KEYS, ...options.keys };
  const host = options.host ?? '127.0.0.1';
  const port = (name: keyof typeof PORT_OFFSETS) =>
    options.portBase === undefined || options.portBase === 0
      ? 0
      : options.portBase + PORT_OFFSETS[name];
  const common: EmulatorOptions = {
    host,
    ...(options.latency !== undefined ? { latency: options.latency } : {}),
    ...(options.imageNoise !== undefined ? { imageNoise: options.imageNoise } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  };

  const started: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    started.push(server);
    return server;
  };
  try {
    const cdn = track(
      await startCdn({
        host,
        port: port('cdn'),
        ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      }),
    );
    const openai = track(
      await startOpenAIEmulator({ ...common, port: port('openai'), apiKey: keys.openai }),
    );
    const gemini = track(
      await startGeminiEmulator({
        ...common,
        port: port('gemini'),
        apiKey: keys.gemini,
        accessToken: keys.geminiAccessToken,
      }),
    );
    const vertex = track(
      await startVertexEmulator({
        ...common,
        cdn,
        port: port('vertex'),
        apiKey: keys.vertexApiKey,
        accessToken: keys.vertexAccessToken,
        project: keys.googleCloudProject,
        location: keys.googleCloudLocation,
      }),
    );
    const fal = track(
      await startFalEmulator({ ...common, cdn, port: port('fal'), apiKey: keys.fal }),
    );
    const bfl = track(
      await startBflEmulator({ ...common, cdn, port: port('bfl'), apiKey: keys.bfl }),
    );
    const byteplus = track(
      await startByteplusEmulator({
        ...common,
        cdn,
        port: port('byteplus'),
        apiKey: keys.byteplus,
      }),
    );
    const dashscope = track(
      await startDashscopeEmulator({
        ...common,
        cdn,
        port: port('dashscope'),
        apiKey: keys.dashscope,
      }),
    );
    const stability = track(
      await startStabilityEmulator({ ...common, port: port('stability'), apiKey: keys.stability }),
    );
    const recraft = track(
      await startRecraftEmulator({ ...common, port: port('recraft'), apiKey: keys.recraft }),
    );

    const replicate = track(
      await startReplicateEmulator({
        ...common,
        cdn,
        port: port('replicate'),
        apiKey: keys.replicate,
      }),
    );

    const env: Record<string, string> = {
      ATELIER_OPENAI_BASE_URL: openai.url,
      ATELIER_GEMINI_BASE_URL: gemini.url,
      ATELIER_VERTEX_BASE_URL: vertex.url,
      ATELIER_FAL_BASE_URL: fal.url,
      ATELIER_BFL_BASE_URL: bfl.url,
      ATELIER_BYTEPLUS_BASE_URL: byteplus.url,
      ATELIER_DASHSCOPE_BASE_URL: dashscope.url,
      ATELIER_STABILITY_BASE_URL: stability.url,
      ATELIER_RECRAFT_BASE_URL: recraft.url,
      ATELIER_REPLICATE_BASE_URL: replicate.url,
      ATELIER_GCS_BASE_URL: `${cdn.url}/gcs`,
      OPENAI_API_KEY: keys.openai,
      GEMINI_API_KEY: keys.gemini,
      FAL_KEY: keys.fal,
      BFL_API_KEY: keys.bfl,
      ARK_API_KEY: keys.byteplus,
      DASHSCOPE_API_KEY: keys.dashscope,
      REPLICATE_API_TOKEN: keys.replicate,
      STABILITY_API_KEY: keys.stability,
      RECRAFT_API_TOKEN: keys.recraft,
      GOOGLE_CLOUD_PROJECT: keys.googleCloudProject,
      GOOGLE_CLOUD_LOCATION: keys.googleCloudLocation,
      ATELIER_VERTEX_ACCESS_TOKEN: keys.vertexAccessToken,
      ATELIER_VERTEX_API_KEY: keys.vertexApiKey,
    };
    return {
      openai,
      gemini,
      vertex,
      fal,
      bfl,
      byteplus,
      dashscope,
      replicate,
      stability,
      recraft,
      cdn,
      env,
      reset() {
        for (const emulator of [
          openai,
          gemini,
          vertex,
          fal,
          bfl,
          byteplus,
          dashscope,
          stability,
          recraft,
          replicate,
          cdn,
        ])
          emulator.reset();
      },
      async close() {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}
