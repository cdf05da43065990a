import type { Cdn } from './cdn.ts';
import type { FaultKind, InjectedFault, InjectOptions } from './faults.ts';
import type { EmulatorServer } from './http/server.ts';
import type { RecordedRequest } from './http/types.ts';
import type { LatencyInput, LatencyOverrideOptions } from './latency.ts';

/** Options every emulator takes. */
export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: an ephemeral port picked by the OS). */
  port?: number;
  /** Initial latency; a number is `{ requestMs }`. */
  latency?: LatencyInput;
  /** Noise amplitude of generated images (see ImageSpec.noise; default 4). */
  imageNoise?: number;
  /** Called once per finished request (the CLI logs with it). */
  onRequest?: (emulator: string, request: RecordedRequest) => void;
  /** Called on a bug inside a route (default: console.error). */
  onError?: (emulator: string, error: unknown) => void;
}

/** Options of emulators that hand out result URLs. */
export interface UrlResultOptions extends EmulatorOptions {
  /** Shared CDN; when absent the emulator starts its own on an ephemeral port and closes it. */
  cdn?: Cdn;
}

export interface Emulator {
  /** Base URL to configure the client with (its meaning is documented per provider). */
  readonly url: string;
  /** `http://host:port` of the emulator. */
  readonly origin: string;
  /** Every request received, oldest first (a live array). */
  readonly requests: readonly RecordedRequest[];
  lastRequest(): RecordedRequest | undefined;
  /** Queues a fault; pending faults apply in order to the requests they match. */
  inject(fault: FaultKind, options?: InjectOptions): InjectedFault;
  /** Without options: changes the default. With `{ times, match }`: overrides for those requests. */
  setLatency(latency: LatencyInput, options?: LatencyOverrideOptions): void;
  /** Forgets requests, pending faults, latency overrides and jobs. */
  reset(): void;
  close(): Promise<void>;
}

export function wrap<Extra extends object>(
  server: EmulatorServer,
  url: () => string,
  extra: Extra,
  close: () => Promise<void> = () => server.close(),
): Emulator & Extra {
  const emulator: Emulator = {
    get url() {
      return url();
    },
    get origin() {
      return server.origin;
    },
    requests: server.requests,
    lastRequest: () => server.lastRequest(),
    inject: (fault, options) => server.faults.add(fault, options),
    setLatency: (latency, options) => server.latency.set(latency, options),
    reset: () => server.reset(),
    close,
  };
  return Object.defineProperties(emulator, Object.getOwnPropertyDescriptors(extra)) as Emulator &
    Extra;
}

export function serverOptions(options: EmulatorOptions) {
  return {
    ...(options.latency !== undefined ? { latency: options.latency } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  };
}
