import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderImage } from './image.ts';
import { H264IntraEncoder } from './h264.ts';
import { buildMp4, inspectMp4 } from './mp4.ts';
import { geminiImageSize, videoSize } from './sizes.ts';
import { renderVideo } from './video.ts';

describe('renderImage', () => {
  it.each([
    ['png', 640, 360],
    ['jpeg', 333, 777],
    ['webp', 1024, 1536],
  ] as const)('encodes a valid %s of %ix%i', async (format, width, height) => {
    const data = await renderImage({ format, width, height, seed: 'x' });
    const meta = await sharp(data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([format, width, height]);
    // Decoding the whole image proves the file is complete, not just its header.
    const { info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([width, height]);
  });

  it('is deterministic per seed and differs across seeds', async () => {
    const spec = { format: 'png', width: 64, height: 48 } as const;
    const a = await renderImage({ ...spec, seed: 'a' });
    expect((await renderImage({ ...spec, seed: 'a' })).equals(a)).toBe(true);
    expect((await renderImage({ ...spec, seed: 'b' })).equals(a)).toBe(false);
  });

  it('adds transparency for png and webp, never for jpeg', async () => {
    for (const format of ['png', 'webp', 'jpeg'] as const) {
      const meta = await sharp(
        await renderImage({ format, width: 32, height: 32, seed: 's', transparent: true }),
      ).metadata();
      expect(meta.hasAlpha).toBe(format !== 'jpeg');
    }
  });

  it('gives realistic sizes with noise and smaller ones without', async () => {
    const noisy = await renderImage({ format: 'png', width: 512, height: 512, seed: 'n' });
    const flat = await renderImage({ format: 'png', width: 512, height: 512, seed: 'n', noise: 0 });
    expect(noisy.length).toBeGreaterThan(flat.length * 2);
  });

  it('rejects impossible sizes', async () => {
    await expect(renderImage({ format: 'png', width: 0, height: 10, seed: 'x' })).rejects.toThrow(
      /width/,
    );
    await expect(
      renderImage({ format: 'png', width: 10, height: 20_000, seed: 'x' }),
    ).rejects.toThrow(/height/);
  });
});

describe('MP4', () => {
  it('writes a well-formed ISO BMFF file whose tkhd and mvhd match the request', async () => {
    const data = await renderVideo({
      width: 1280,
      height: 720,
      durationSeconds: 8,
      seed: 'v',
      noise: 0,
    });
    const info = inspectMp4(data);
    expect([info.width, info.height, info.durationSeconds, info.codec, info.majorBrand]).toEqual([
      1280,
      720,
      8,
      'avc1',
      'isom',
    ]);
    expect(info.sampleCount).toBe(8);
    expect(info.boxes.map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
    const moov = info.boxes[1];
    expect(moov?.children?.map((b) => b.type)).toEqual(['mvhd', 'trak']);
    const stbl = moov?.children?.[1]?.children?.[1]?.children?.[2]?.children?.[2];
    expect(stbl?.children?.map((b) => b.type)).toEqual(['stsd', 'stts', 'stsc', 'stsz', 'stco']);
    // Boxes tile the file exactly.
    expect(info.boxes.reduce((n, b) => n + b.size, 0)).toBe(data.length);
  });

  it('points stco at length-prefixed IDR pictures inside mdat, described by avcC', async () => {
    const data = await renderVideo({
      width: 854,
      height: 480,
      durationSeconds: 3,
      fps: 2,
      seed: 'f',
      noise: 0,
    });
    const info = inspectMp4(data);
    expect([info.width, info.height, info.codec, info.sampleCount]).toEqual([854, 480, 'avc1', 6]);
    const mdat = info.boxes.find((b) => b.type === 'mdat');
    const start = (mdat?.offset ?? 0) + 8;
    const first = data.readUInt32BE(start);
    expect(first).toBeGreaterThan(0);
    expect((data[start + 4] ?? 0) & 0x1f).toBe(5); // IDR slice
    const avcC = data.indexOf('avcC', 0, 'latin1');
    // version 1, Baseline (66), 4-byte NAL lengths, one SPS whose NAL type is 7.
    expect([data[avcC + 4], data[avcC + 5], data[avcC + 8], data[avcC + 9]]).toEqual([
      1, 66, 0xff, 0xe1,
    ]);
    expect((data[avcC + 12] ?? 0) & 0x1f).toBe(7);
  });

  it('codes each cell as one DC level and keeps NAL payloads free of start codes', () => {
    const encoder = new H264IntraEncoder(64, 32);
    expect([encoder.mbWidth, encoder.mbHeight]).toEqual([4, 2]);
    // Flat 128 everywhere: every macroblock is mb_type 3, DC modes, no coefficient (8 bits).
    const flat = encoder.encodeFrame(new Uint8Array(8).fill(128));
    const extremes = encoder.encodeFrame(Uint8Array.from([0, 255, 0, 255, 255, 0, 255, 0]));
    expect(extremes.length).toBeGreaterThan(flat.length);
    for (const nal of [flat, extremes, encoder.stream.sps, encoder.stream.pps]) {
      for (let i = 2; i < nal.length; i++) {
        if (nal[i - 2] === 0 && nal[i - 1] === 0) expect(nal[i]).toBeGreaterThan(2);
      }
    }
    expect(() => new H264IntraEncoder(63, 32)).toThrow(/even/);
    expect(() => encoder.encodeFrame(new Uint8Array(3))).toThrow(/8 macroblock levels/);
  });

  it('keeps fractional durations and uneven frame splits exact', () => {
    const encoder = new H264IntraEncoder(16, 16);
    const frame = encoder.encodeFrame(new Uint8Array(1));
    const { stream } = encoder;
    const info = inspectMp4(
      buildMp4({
        width: 16,
        height: 16,
        durationSeconds: 2.5,
        stream,
        frames: [frame, frame, frame],
      }),
    );
    expect(info.durationSeconds).toBe(2.5);
  });

  it('rejects truncated or foreign files', () => {
    const { stream } = new H264IntraEncoder(16, 16);
    const good = buildMp4({
      width: 16,
      height: 16,
      durationSeconds: 1,
      stream,
      frames: [Buffer.from([1, 2, 3])],
    });
    expect(() => inspectMp4(good.subarray(0, good.length - 2))).toThrow(/overruns/);
    expect(() => inspectMp4(Buffer.from('not an mp4 at all'))).toThrow();
    expect(() =>
      buildMp4({ width: 16, height: 16, durationSeconds: 0, stream, frames: [Buffer.alloc(1)] }),
    ).toThrow(/duration/);
  });
});

describe('sizes', () => {
  it('follows the Gemini resolution table', () => {
    expect(geminiImageSize('1:1', '1K')).toEqual({ width: 1024, height: 1024 });
    expect(geminiImageSize('16:9', '4K')).toEqual({ width: 5504, height: 3072 });
    expect(geminiImageSize('21:9', '2K')).toEqual({ width: 3168, height: 1344 });
    expect(geminiImageSize('1:4', '1K')).toEqual({ width: 512, height: 2048 });
    expect(geminiImageSize('7:5', '1K')).toBeUndefined();
    expect(geminiImageSize('1:1', '8K')).toBeUndefined();
  });

  it('derives video frames from resolution and aspect ratio', () => {
    expect(videoSize('720p', '16:9')).toEqual({ width: 1280, height: 720 });
    expect(videoSize('4k', '9:16')).toEqual({ width: 2160, height: 3840 });
    expect(videoSize('480p', '16:9')).toEqual({ width: 854, height: 480 });
    expect(videoSize('1080p', '1:1')).toEqual({ width: 1080, height: 1080 });
    expect(videoSize('999p', '16:9')).toBeUndefined();
  });
});
