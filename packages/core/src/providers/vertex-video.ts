import { GenerateVideosOperation, type GenerateVideosConfig } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { z } from 'zod';
import { AtelierError } from '../errors.ts';
import { providerError, withDetail } from './errors.ts';
import { genaiClient, mapGoogleError } from './google-client.ts';
import { download, sameOrigin, type HttpConfig } from './http.ts';
import { resolveVertex, type VertexCredentials } from './keys.ts';
import { base64ToBytes, bytesToBase64 } from './media.ts';
import { parseProviderOptions } from './provider-options.ts';
import { attemptSignal, withRetry } from './retry.ts';
import { resolveBaseUrl, resolveGcsBaseUrl, resolveSettings, keySources } from './settings.ts';
import {
  type CallOptions,
  type VideoOperation,
  type VideoRequestInput,
  type VideoStatus,
  type Warning,
} from './spec.ts';
import { videoResult } from './video-result.ts';
import { RoutedVideoModel } from './routed-model.ts';

/**
 * Veo on Vertex AI through @google/genai: generateVideos starts a long-running operation whose
 * name is the resumable handle; each doStatus is one fetchPredictOperation. Without an output
 * bucket Vertex returns the clip inline; a URI is fetched, with credentials only on the API's
 * own origin.
 */

export const VertexVideoOptions = z
  .object({
    personGeneration: z
      .enum(['dont_allow', 'allow_adult', 'allow_all'])
      .describe('Whether people may appear: none, adults only, or all.')
      .optional(),
    enhancePrompt: z
      .boolean()
      .describe('Let Veo rewrite the prompt for better results.')
      .optional(),
    /** Write the clip to this Cloud Storage prefix instead of returning it inline. */
    outputGcsUri: z
      .string()
      .regex(/^gs:\/\/[^/]+/, 'a gs://bucket/prefix URI')
      .describe(
        'Write the clip to this Cloud Storage prefix (gs://bucket/prefix) instead of returning it.',
      )
      .optional(),
  })
  .strict();

export class VertexVideoModel extends RoutedVideoModel {
  readonly provider = 'vertex' as const;

  async doStart(
    input: VideoRequestInput,
    opts: CallOptions = {},
  ): Promise<{ operation: VideoOperation; warnings: Warning[] }> {
    const { req, plan } = this.planRequest(input);
    const options = parseProviderOptions('vertex', VertexVideoOptions, req.providerOptions);
    const creds = await resolveVertex(this.settings.vertex, keySources(this.settings));
    const { retry, timeoutMs } = resolveSettings(this.settings);

    const config: GenerateVideosConfig = {
      numberOfVideos: 1,
      durationSeconds: plan.duration,
      aspectRatio: plan.aspectRatio,
      resolution: plan.resolution,
      generateAudio: plan.audio,
    };
    if (plan.negativePrompt) config.negativePrompt = plan.negativePrompt;
    if (plan.seed !== undefined) config.seed = plan.seed;
    if (plan.lastFrame)
      config.lastFrame = {
        imageBytes: bytesToBase64(plan.lastFrame.data),
        mimeType: plan.lastFrame.mediaType,
      };
    if (options.personGeneration) config.personGeneration = options.personGeneration;
    if (options.enhancePrompt !== undefined) config.enhancePrompt = options.enhancePrompt;
    if (options.outputGcsUri) config.outputGcsUri = options.outputGcsUri;
    const source = {
      prompt: req.prompt,
      ...(plan.firstFrame
        ? {
            image: {
              imageBytes: bytesToBase64(plan.firstFrame.data),
              mimeType: plan.firstFrame.mediaType,
            },
          }
        : {}),
    };

    const submittedAt = Date.now();
    const op = await this.attempt(creds, opts.signal, timeoutMs, retry, false, (client, signal) =>
      client.models.generateVideos({
        model: this.route.providerModelId,
        source,
        config: { ...config, abortSignal: signal },
      }),
    );
    if (!op.name)
      throw providerError('provider_unavailable', 'Vertex AI returned no operation name.', {
        provider: 'vertex',
        retryable: false,
      });
    const operation: VideoOperation = {
      provider: 'vertex',
      modelId: this.modelId,
      providerModelId: this.providerModelId,
      id: op.name,
      submittedAt,
      params: {
        duration: plan.duration,
        resolution: plan.resolution,
        aspectRatio: plan.aspectRatio,
        audio: plan.audio,
      },
      warnings: plan.warnings,
      data: {},
    };
    return { operation, warnings: plan.warnings };
  }

  async doStatus(operation: VideoOperation, opts: CallOptions = {}): Promise<VideoStatus> {
    const creds = await resolveVertex(this.settings.vertex, keySources(this.settings));
    const { retry, pollTimeoutMs } = resolveSettings(this.settings);
    let op: GenerateVideosOperation;
    try {
      op = await this.attempt(creds, opts.signal, pollTimeoutMs, retry, true, (client) => {
        const handle = new GenerateVideosOperation();
        handle.name = operation.id;
        return client.operations.getVideosOperation({ operation: handle });
      });
    } catch (error) {
      if (
        error instanceof AtelierError &&
        error.code !== 'cancelled' &&
        error.details?.['retryable'] !== true &&
        error.code !== 'auth'
      ) {
        return { status: 'failed', error };
      }
      throw error;
    }
    if (!op.done) return { status: 'pending', operation };
    const doneAt = Date.now();
    if (op.error) {
      const message = String(op.error['message'] ?? 'the operation failed');
      const code = Number(op.error['code']);
      const error =
        code === 3 && /safety|policy|prohibited|responsible ai/i.test(message)
          ? providerError('content_policy', withDetail('Vertex AI refused the video', message), {
              provider: 'vertex',
              retryable: false,
              reason: message,
            })
          : providerError(
              code === 3 ? 'invalid_request' : 'provider_unavailable',
              withDetail('Vertex AI could not make the video', message),
              {
                provider: 'vertex',
                retryable: false,
                reason: String(op.error['status'] ?? code),
              },
            );
      return { status: 'failed', error };
    }
    const videos = op.response?.generatedVideos ?? [];
    if (videos.length === 0) {
      const reasons = op.response?.raiMediaFilteredReasons ?? [];
      if ((op.response?.raiMediaFilteredCount ?? 0) > 0 || reasons.length) {
        return {
          status: 'failed',
          error: providerError(
            'content_policy',
            withDetail('Vertex AI filtered the video', reasons.join('; ')),
            {
              provider: 'vertex',
              retryable: false,
              reason: reasons.join('; ') || 'filtered',
            },
            { hint: 'Rephrase the prompt or change the input frames.' },
          ),
        };
      }
      return {
        status: 'failed',
        error: providerError('provider_unavailable', 'Vertex AI finished without a video.', {
          provider: 'vertex',
          retryable: false,
        }),
      };
    }

    const baseUrl = resolveBaseUrl('vertex', this.settings);
    const http: HttpConfig = {
      provider: 'vertex',
      authHeaders: creds.apiKey
        ? { 'x-goog-api-key': creds.apiKey }
        : creds.accessToken
          ? { authorization: `Bearer ${creds.accessToken}` }
          : {},
      isTrusted: (url) => baseUrl !== undefined && sameOrigin(url, baseUrl),
      timeoutMs: pollTimeoutMs,
      retry,
      fetch: this.settings.fetch,
    };
    let downloadMs = 0;
    const clips: { data: Uint8Array; mediaType: string }[] = [];
    for (const v of videos) {
      const video = v.video;
      if (video?.videoBytes) {
        clips.push({
          data: base64ToBytes(video.videoBytes),
          mediaType: video.mimeType ?? 'video/mp4',
        });
      } else if (video?.uri?.startsWith('gs://')) {
        try {
          const got = await this.readGcs(video.uri, creds, pollTimeoutMs, retry, opts.signal);
          downloadMs += got.ms;
          clips.push({ data: got.data, mediaType: video.mimeType ?? got.mediaType });
        } catch (error) {
          if (error instanceof AtelierError && error.code !== 'cancelled')
            return { status: 'failed', error };
          throw error;
        }
      } else if (video?.uri) {
        try {
          const got = await download(http, video.uri, opts.signal);
          downloadMs += got.ms;
          clips.push({ data: got.data, mediaType: video.mimeType ?? got.mediaType });
        } catch (error) {
          if (error instanceof AtelierError && error.code !== 'cancelled')
            return { status: 'failed', error };
          throw error;
        }
      }
    }
    const latency = { queueMs: 0, generationMs: doneAt - operation.submittedAt, downloadMs };
    return {
      status: 'completed',
      result: videoResult(this.route, operation, clips, {}, latency, operation.id),
    };
  }

  /**
   * Reads gs://bucket/object from Cloud Storage with an OAuth token (the access token given, or
   * Application Default Credentials). Express-mode API keys cannot read buckets.
   */
  private async readGcs(
    uri: string,
    creds: VertexCredentials,
    timeoutMs: number,
    retry: ReturnType<typeof resolveSettings>['retry'],
    signal: AbortSignal | undefined,
  ) {
    const m = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!m?.[1] || !m[2])
      throw providerError(
        'provider_unavailable',
        `Vertex AI returned an unreadable storage URI (${uri}).`,
        { provider: 'vertex', retryable: false, reason: 'gcs_output' },
      );
    let token = creds.accessToken;
    if (!token && !creds.apiKey) {
      try {
        token =
          (await new GoogleAuth({
            scopes: ['https://www.googleapis.com/auth/cloud-platform'],
          }).getAccessToken()) ?? undefined;
      } catch (cause) {
        throw providerError(
          'auth',
          `No Google credentials to read ${uri}.`,
          { provider: 'vertex', retryable: false },
          {
            hint: 'Run `gcloud auth application-default login`, or set ATELIER_VERTEX_ACCESS_TOKEN.',
            cause,
          },
        );
      }
    }
    if (!token) {
      throw providerError(
        'provider_unavailable',
        `Vertex AI wrote the video to ${uri}, which an express-mode API key cannot read.`,
        {
          provider: 'vertex',
          retryable: false,
          reason: 'gcs_output',
        },
        {
          hint: 'Drop providerOptions.vertex.outputGcsUri so Vertex returns the video inline, or use project credentials.',
        },
      );
    }
    const base = resolveGcsBaseUrl(this.settings);
    const object = m[2].split('/').map(encodeURIComponent).join('/');
    const http: HttpConfig = {
      provider: 'vertex',
      authHeaders: { authorization: `Bearer ${token}` },
      // The OAuth token goes to the storage host only; never to a link on any other origin.
      isTrusted: (url) => sameOrigin(url, base),
      timeoutMs,
      retry,
      fetch: this.settings.fetch,
    };
    return download(http, `${base}/${encodeURIComponent(m[1])}/${object}`, signal);
  }

  private attempt<T>(
    creds: VertexCredentials,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    retry: ReturnType<typeof resolveSettings>['retry'],
    idempotent: boolean,
    call: (client: ReturnType<typeof genaiClient>['client'], signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withRetry('vertex', retry, signal, async () => {
      const attempt = attemptSignal(signal, timeoutMs);
      const { client, lastHeaders } = genaiClient({
        vertex: true,
        apiKey: creds.apiKey,
        accessToken: creds.accessToken,
        project: creds.project,
        location: creds.location,
        baseUrl: resolveBaseUrl('vertex', this.settings),
        signal: attempt.signal,
        fetch: this.settings.fetch,
      });
      try {
        return await call(client, attempt.signal);
      } catch (error) {
        throw mapGoogleError('vertex', error, {
          signal,
          timedOut: attempt.timedOut(),
          timeoutMs,
          headers: lastHeaders(),
          idempotent,
        });
      } finally {
        attempt.dispose();
      }
    });
  }
}
