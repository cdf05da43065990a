import { startAllEmulators, type AllEmulators } from '@atelier/testkit';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { openProgressStream, startTestStudio, submit, until } from './helpers.ts';

/**
 * A graceful stop with a progress stream open: the stream ends the way a finished response
 * does (so the client's EventSource reconnects, to another instance behind a balancer), not as
 * a cut connection, and no stream is left reading a closed database.
 */

let emulators: AllEmulators;
beforeAll(async () => {
  emulators = await startAllEmulators();
});
afterAll(() => emulators.close());

test('stopping ends open progress streams normally before the database closes', async () => {
  const t = await startTestStudio({ shutdownGraceMs: 2_000 }, { emulators });
  // A video that stays at the provider: the stream is still open when the stop begins.
  emulators.vertex.setLatency({ queuedPolls: 0, runningPolls: 0, queuedMs: 120_000 });
  const id = await submit(t.client(), {
    kind: 'video',
    prompt: 'rain on a tin roof',
    models: ['veo-3-1'],
    providers: { 'veo-3-1': 'vertex' },
    params: { duration: 4 },
  });
  await until(() =>
    emulators.vertex.requests.some((r) => r.path.endsWith(':fetchPredictOperation')),
  );

  const stream = await openProgressStream(t.studio.url, [id]);
  await stream.until(`id: ${id}:`);

  const errors = vi.spyOn(console, 'error');
  try {
    const closing = t.close();
    // A cut connection makes the read reject ("terminated"); a normal end reads to done.
    const text = await stream.toEnd();
    await closing;
    // Not a "return" event: the subscription is not over, the client is to reconnect.
    expect(text).not.toMatch(/event: return/);
    expect(errors.mock.calls.flat().map(String).join('\n')).not.toMatch(/Failed query|stream/);
  } finally {
    errors.mockRestore();
    emulators.vertex.setLatency({ queuedMs: 0 });
  }
});
