import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencyInput } from '@atelier/testkit';
import type { HostCommand, HostEmulator } from './emulator-host.ts';

/** The emulators in a child process (emulator-host.ts, bundled next to this file). */
export interface EmulatorProcess {
  pid: number;
  /** ATELIER_*_BASE_URL and demo keys, as `startAllEmulators().env`. */
  env: Record<string, string>;
  setLatency(emulator: HostEmulator, latency: LatencyInput): Promise<void>;
  /** The JSON bodies of an emulator's last `count` requests. */
  bodies(emulator: HostEmulator, count: number): Promise<unknown[]>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface HostMessage {
  type?: 'ready';
  env?: Record<string, string>;
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: string;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface EmulatorProcessOptions {
  /** testkit's `imageNoise`: 0 renders flat images fast; the default gives realistic file sizes. */
  imageNoise?: number;
}

export async function startEmulatorProcess(
  options: EmulatorProcessOptions = {},
): Promise<EmulatorProcess> {
  const args = options.imageNoise === undefined ? [] : [String(options.imageNoise)];
  const child = fork(fileURLToPath(new URL('./emulator-host.mjs', import.meta.url)), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator process exited (${code})`)));
    child.on('message', (message: HostMessage) => {
      if (message.type === 'ready' && message.env) return resolve(message.env);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error ?? 'emulator command failed'));
    });
  });
  const call = (command: Distribute<HostCommand>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...command, id });
    });
  return {
    pid: child.pid ?? 0,
    env,
    setLatency: async (emulator, latency) =>
      void (await call({ type: 'latency', emulator, latency })),
    bodies: async (emulator, count) =>
      (await call({ type: 'bodies', emulator, count })) as unknown[],
    reset: async () => void (await call({ type: 'reset' })),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call({ type: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}
