import { startAllEmulators, type LatencyInput } from '@atelier/testkit';

/**
 * Child process that hosts every emulator, so the rendering of real images happens outside the
 * process being measured. Talks to its parent over the IPC channel (see emulators.ts).
 */

export type HostEmulator = 'openai' | 'gemini' | 'fal' | 'bfl' | 'cdn';
export type HostCommand =
  | { id: number; type: 'latency'; emulator: HostEmulator; latency: LatencyInput }
  | { id: number; type: 'reset' }
  /** The JSON bodies of an emulator's last `count` requests. */
  | { id: number; type: 'bodies'; emulator: HostEmulator; count: number }
  | { id: number; type: 'close' };

const send = (message: unknown) => process.send?.(message);

// argv[2]: image noise (testkit's default when absent); 0 gives flat images that render fast.
const noise = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const all = await startAllEmulators({
  ...(noise === undefined ? {} : { imageNoise: noise }),
  onError: (emulator, error) => process.stderr.write(`emulator ${emulator}: ${String(error)}\n`),
});
send({ type: 'ready', env: all.env });

process.on('message', (command: HostCommand) => {
  void (async () => {
    try {
      let value: unknown;
      if (command.type === 'latency') all[command.emulator].setLatency(command.latency);
      else if (command.type === 'bodies') {
        value = all[command.emulator].requests.slice(-command.count).map((r) => r.body);
      } else if (command.type === 'reset') all.reset();
      else if (command.type === 'close') await all.close();
      send({ id: command.id, ok: true, value });
      if (command.type === 'close') process.disconnect();
    } catch (error) {
      send({ id: command.id, ok: false, error: String(error) });
    }
  })();
});
// The parent going away (or crashing) ends the emulators too.
process.on('disconnect', () => void all.close().finally(() => process.exit(0)));
