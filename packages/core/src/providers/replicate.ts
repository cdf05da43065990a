import type Replicate from 'replicate';
import type { AtelierError } from '../errors.ts';
import { REPLICATE_INPUTS, ReplicateImageOptions, replicateFormat } from '../rules/replicate.ts';
import { enforceImageRules } from '../rules/enforce.ts';
import {
  acceptedError,
  cancelledError,
  malformedError,
  providerError,
  timeoutError,
  withDetail,
} from './errors.ts';
import { download, sameOrigin, type HttpConfig } from './http.ts';
import { resolveKey } from './keys.ts';
import { dataUri, imageInfo } from './media.ts';
import { Prediction, replicateClient } from './replicate-client.ts';
import { abortableSleep, acceptedRetry, noRetry, withRetry, type RetryPolicy } from './retry.ts';
import { DEFAULT_BASE_URLS, keySources, resolveBaseUrl, resolveSettings } from './settings.ts';
import type { Asset, CallOptions, ImageRequestInput, ImageResult, Warning } from './spec.ts';
import { RoutedImageModel } from './routed-model.ts';

/**
 * Replicate predictions through the official SDK: POST /v1/models/{owner}/{name}/predictions
 * (or /v1/predictions with a version, for a route written "owner/name:version") with `Prefer:
 * wait=60` (ATELIER_REPLICATE_PREFER_WAIT), so a quick model answers in the same call; a prediction still starting or
 * processing then is read with GET /v1/predictions/{id} until it ends. Outputs are links on
 * Replicate's delivery host, fetched without the token (it goes to the API's origin only).
 * Cancelled callers cancel the prediction (POST /v1/predictions/{id}/cancel). No webhooks.
 */

export { ReplicateImageOptions };

/**
 * Seconds a create call may be held by `Prefer: wait`: Replicate's maximum, 60, unless
 * ATELIER_REPLICATE_PREFER_WAIT says fewer (a proxy that cuts idle requests sooner).
 */
function waitSeconds(env: Record<string, string | undefined>): number {
  const n = Number(env['ATELIER_REPLICATE_PREFER_WAIT']);
  return Number.isInteger(n) && n >= 1 && n <= 60 ? n : 60;
}

type Ended = { prediction: Prediction; startedAt: number; doneAt: number };

export class ReplicateImageModel extends RoutedImageModel {
  readonly provider = 'replicate' as const;

  async doGenerate(input: ImageRequestInput, opts: CallOptions = {}): Promise<ImageResult> {
    const { req, plan } = this.planRequest(input);
    const checked = enforceImageRules(this.entry, this.route, req, plan);
    ReplicateImageOptions.parse(checked.options);
    const warnings: Warning[] = [...plan.warnings, ...checked.warnings];
    const shape = REPLICATE_INPUTS[this.route.providerModelId.split(':')[0] ?? ''];
    const body: Record<string, unknown> = { prompt: req.prompt };
    if (shape?.aspectRatio && plan.aspectRatio) body['aspect_ratio'] = plan.aspectRatio;
    if (shape?.outputFormat && plan.outputFormat)
      body['output_format'] = replicateFormat(plan.outputFormat);
    if (shape?.seed && plan.seed !== undefined) body['seed'] = plan.seed;
    const image = req.referenceImages[0];
    if (image) {
      // A data URI: Replicate reads it like a URL, and nothing is left on an upload host.
      body[shape?.imageField ?? 'image'] = dataUri(image.data, image.mediaType);
      if (req.referenceImages.length > 1) {
        warnings.push({
          type: 'unsupported',
          setting: 'referenceImages',
          message: `${this.route.providerModelId} takes one input image; the rest were not sent.`,
        });
      }
    }

    const token = (await resolveKey('replicate', keySources(this.settings))).value;
    const baseUrl =
      resolveBaseUrl('replicate', this.settings) ?? (DEFAULT_BASE_URLS.replicate as string);
    const { retry, timeoutMs, pollTimeoutMs, acceptedRetryMs } = resolveSettings(this.settings);
    const wait = waitSeconds(this.settings.env ?? process.env);
    const client = (attemptMs: number, signal: AbortSignal | undefined) =>
      replicateClient({
        provider: 'replicate',
        token,
        baseUrl,
        timeoutMs: attemptMs,
        fetch: this.settings.fetch,
        signal,
      });

    // One prediction per image: these models make one per call.
    const submittedAt = Date.now();
    const runs = await Promise.all(
      Array.from({ length: req.n }, (_, i) => {
        const one =
          plan.seed !== undefined && shape?.seed ? { ...body, seed: plan.seed + i } : body;
        return this.predict(
          one,
          {
            create: client(timeoutMs + wait * 1000, opts.signal),
            wait,
            read: client(pollTimeoutMs, opts.signal),
            cancel: client(pollTimeoutMs, undefined),
            retry,
            acceptedRetryMs,
            timeoutMs,
            submittedAt,
          },
          opts,
        );
      }),
    );

    const http: HttpConfig = {
      provider: 'replicate',
      authHeaders: { authorization: `Bearer ${token}` },
      isTrusted: (url) => sameOrigin(url, baseUrl),
      timeoutMs: pollTimeoutMs,
      retry: acceptedRetry(retry, acceptedRetryMs),
      fetch: this.settings.fetch,
    };
    const assets: Asset[] = [];
    let downloadMs = 0;
    for (const run of runs) {
      const urls = outputUrls(run.prediction.output);
      if (urls.length === 0)
        throw acceptedError(
          'replicate',
          run.prediction.id,
          providerError('provider_unavailable', 'Replicate returned no output.', {
            provider: 'replicate',
            retryable: false,
          }),
        );
      for (const url of urls) {
        const got = await download(http, url, opts.signal).catch((error: unknown) => {
          throw acceptedError('replicate', run.prediction.id, error);
        });
        downloadMs += got.ms;
        const info = imageInfo(got.data);
        assets.push({
          data: got.data,
          mediaType: info?.mediaType ?? got.mediaType,
          width: info?.width ?? 0,
          height: info?.height ?? 0,
        });
      }
    }
    const predictSeconds = runs.reduce(
      (sum, r) => sum + (r.prediction.metrics?.predict_time ?? 0),
      0,
    );
    const startedAt = Math.min(...runs.map((r) => r.startedAt));
    const doneAt = Math.max(...runs.map((r) => r.doneAt));
    return {
      assets,
      usage: { images: assets.length },
      warnings,
      providerRequestId: runs.map((r) => r.prediction.id).join(','),
      latency: {
        queueMs: startedAt - submittedAt,
        // Replicate's own measure of the work when it reports one.
        generationMs: predictSeconds > 0 ? Math.round(predictSeconds * 1000) : doneAt - startedAt,
        downloadMs,
      },
    };
  }

  /** Creates one prediction and follows it to its end; once created, failures say Replicate had it. */
  private async predict(
    input: Record<string, unknown>,
    ctx: {
      create: Replicate;
      wait: number;
      read: Replicate;
      cancel: Replicate;
      retry: RetryPolicy;
      acceptedRetryMs: number;
      timeoutMs: number;
      submittedAt: number;
    },
    opts: CallOptions,
  ): Promise<Ended> {
    const [model, version] = this.route.providerModelId.split(':');
    const created = await withRetry('replicate', ctx.retry, opts.signal, () =>
      ctx.create.predictions.create({
        ...(version ? { version } : { model: model as `${string}/${string}` }),
        input,
        wait: ctx.wait,
      }),
    );
    const parsed = Prediction.safeParse(created);
    if (!parsed.success) throw malformedError('replicate', 'prediction', { retryable: false });
    let prediction = parsed.data;
    let startedAt: number | undefined = prediction.status === 'starting' ? undefined : Date.now();
    const reads = acceptedRetry(ctx.retry, ctx.acceptedRetryMs);
    const interval = this.settings.pollIntervalMs ?? 1_000;
    try {
      while (prediction.status === 'starting' || prediction.status === 'processing') {
        if (prediction.status === 'starting') opts.onProgress?.({ type: 'queued' });
        else opts.onProgress?.({ type: 'progress' });
        if (Date.now() - ctx.submittedAt > ctx.timeoutMs)
          throw timeoutError('replicate', ctx.timeoutMs);
        await abortableSleep(interval, opts.signal).catch(() => {
          throw cancelledError('replicate');
        });
        const id = prediction.id;
        const polled = Prediction.safeParse(
          await withRetry('replicate', reads, opts.signal, () => ctx.read.predictions.get(id)),
        );
        if (!polled.success) throw malformedError('replicate', 'prediction', { retryable: false });
        prediction = polled.data;
        if (prediction.status !== 'starting') startedAt ??= Date.now();
      }
    } catch (error) {
      // Given up on (cancelled, timed out, unreadable): ask Replicate to stop it, best effort,
      // with a client of its own, since the caller's signal may be the reason it was given up.
      await withRetry('replicate', noRetry(ctx.retry), undefined, () =>
        ctx.cancel.predictions.cancel(prediction.id),
      ).catch(() => undefined);
      throw acceptedError('replicate', prediction.id, error);
    }
    if (prediction.status !== 'succeeded') throw failure(prediction);
    const doneAt = Date.now();
    return { prediction, startedAt: startedAt ?? doneAt, doneAt };
  }
}

/** Replicate's verdict on a prediction that did not succeed, as the error to raise. */
function failure(p: Prediction): AtelierError {
  const text = typeof p.error === 'string' ? p.error : p.error ? JSON.stringify(p.error) : '';
  if (p.status === 'canceled')
    return acceptedError('replicate', p.id, cancelledError('replicate'), { jobFailed: true });
  const flagged = /nsfw|safety|content policy|sensitive|flagged/i.test(text);
  const error = flagged
    ? providerError('content_policy', withDetail('Replicate refused the request', text), {
        provider: 'replicate',
        retryable: false,
        reason: text,
      })
    : providerError(
        'provider_unavailable',
        withDetail(`The Replicate prediction ${p.status}`, text),
        { provider: 'replicate', retryable: false, reason: p.status },
      );
  return acceptedError('replicate', p.id, error, { jobFailed: true });
}

/** The output links: one URL, or a list of them (models differ). */
function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return [output];
  if (Array.isArray(output)) return output.filter((o): o is string => typeof o === 'string');
  return [];
}
