import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes, uploadFile } from './uploads.ts';

/** POST /assets answering `status` with `body`; the request it was sent is kept. */
function answer(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('uploading the files people give the Studio', () => {
  it('reads sizes as people do', () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(180 * 1024)).toBe('180 KB');
    expect(formatBytes(10)).toBe('1 KB');
  });

  it('sends an image with its type, anything else as bytes for the server to read', async () => {
    const fetch = answer(201, { sha256: 'a'.repeat(64), url: '/assets/a', width: 1, height: 1 });
    await uploadFile(new File([new Uint8Array([1])], 'a.png', { type: 'image/png' }));
    await uploadFile(new File(['x'], 'notes.txt', { type: 'text/plain' }));
    const types = fetch.mock.calls.map(
      ([, init]) => (init.headers as Record<string, string>)['content-type'],
    );
    expect(types).toEqual(['image/png', 'application/octet-stream']);
  });

  it('names the file and the server’s limit when it is too large', async () => {
    answer(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large', maxBytes: 1048576 } });
    const big = new File([new Uint8Array(3 * 1024 * 1024)], 'huge.png', { type: 'image/png' });
    await expect(uploadFile(big)).rejects.toThrow('huge.png is 3 MB: images can be at most 1 MB.');
  });

  it('names the file with the server’s reason when it is not an image', async () => {
    answer(415, {
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The upload is not an image.' },
    });
    await expect(uploadFile(new File(['x'], 'notes.txt'))).rejects.toThrow(
      'notes.txt: The upload is not an image.',
    );
  });
});
