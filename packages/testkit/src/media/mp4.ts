/**
 * A minimal ISO BMFF (MP4) writer and reader. The writer produces one H.264 video track ('avc1'
 * sample entry with its avcC, ISO/IEC 14496-15), which browsers and ffmpeg decode, with `moov`
 * ahead of `mdat` so the file streams. Every sample is a sync sample, so no stss box. The reader walks the box tree for
 * tests and tools that need to check what a provider returned.
 */

import type { H264Stream } from './h264.ts';

const MOVIE_TIMESCALE = 1000;
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'dinf', 'edts', 'udta']);

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...payload);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

function u16(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeUInt16BE(v & 0xffff, i * 2));
  return b;
}

const IDENTITY_MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1) with one SPS and one PPS. */
function avcC(stream: H264Stream): Buffer {
  return box(
    'avcC',
    Buffer.from([1, stream.profileIdc, stream.constraints, stream.levelIdc, 0xff, 0xe1]), // 4-byte NAL lengths, 1 SPS
    u16(stream.sps.length),
    stream.sps,
    Buffer.from([1]),
    u16(stream.pps.length),
    stream.pps,
  );
}

export interface Mp4Spec {
  width: number;
  height: number;
  durationSeconds: number;
  /** H.264 parameter sets of the frames. */
  stream: H264Stream;
  /** One coded picture (a NAL unit, no start code) per frame, each shown for an equal share of the duration; all are IDR. */
  frames: Buffer[];
}

export function buildMp4(spec: Mp4Spec): Buffer {
  const { width, height } = spec;
  // Samples are NAL units behind 4-byte lengths, as avcC declares.
  const frames = spec.frames.map((f) => Buffer.concat([u32(f.length), f]));
  if (frames.length === 0) throw new RangeError('an MP4 needs at least one frame');
  if (width > 0xffff || height > 0xffff)
    throw new RangeError('MP4 sample entries hold 16-bit sizes');
  const durationMs = Math.round(spec.durationSeconds * MOVIE_TIMESCALE);
  if (!(durationMs > 0))
    throw new RangeError(`duration must be positive, got ${spec.durationSeconds}`);
  // Equal sample durations; the last one absorbs the rounding so the track totals durationMs.
  const base = Math.floor(durationMs / frames.length);
  const last = durationMs - base * (frames.length - 1);
  const sizes = frames.map((f) => f.length);
  const mdatPayload = sizes.reduce((a, b) => a + b, 0);

  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'latin1'),
    u32(0x200),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  );

  const buildMoov = (chunkOffset: number) => {
    const mvhd = fullBox(
      'mvhd',
      0,
      0,
      u32(0, 0, MOVIE_TIMESCALE, durationMs),
      u32(0x00010000),
      u16(0x0100, 0),
      u32(0, 0),
      IDENTITY_MATRIX,
      u32(0, 0, 0, 0, 0, 0),
      u32(2),
    );
    const tkhd = fullBox(
      'tkhd',
      0,
      0x000003,
      u32(0, 0, 1, 0, durationMs, 0, 0),
      u16(0, 0, 0, 0),
      IDENTITY_MATRIX,
      u32(width * 0x10000, height * 0x10000),
    );
    const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, MOVIE_TIMESCALE, durationMs), u16(0x55c4, 0)); // 'und'
    const hdlr = fullBox(
      'hdlr',
      0,
      0,
      u32(0),
      Buffer.from('vide', 'latin1'),
      u32(0, 0, 0),
      Buffer.from('VideoHandler\0', 'latin1'),
    );
    const vmhd = fullBox('vmhd', 0, 1, u16(0, 0, 0, 0));
    const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
    const compressor = Buffer.alloc(32);
    compressor.write('\x0aAtelier AVC', 0, 'latin1');
    const avc1 = box(
      'avc1',
      Buffer.alloc(6),
      u16(1), // reserved, data_reference_index
      u16(0, 0),
      u32(0, 0, 0), // pre_defined, reserved, pre_defined
      u16(width, height),
      u32(0x00480000, 0x00480000, 0),
      u16(1), // 72 dpi, reserved, frame_count
      compressor,
      u16(0x0018, 0xffff),
      avcC(spec.stream),
    );
    const stsd = fullBox('stsd', 0, 0, u32(1), avc1);
    const sttsEntries =
      base === last ? u32(frames.length, base) : u32(frames.length - 1, base, 1, last);
    const stts = fullBox('stts', 0, 0, u32(base === last ? 1 : 2), sttsEntries);
    const stsc = fullBox('stsc', 0, 0, u32(1, 1, frames.length, 1));
    const stsz = fullBox('stsz', 0, 0, u32(0, frames.length), u32(...sizes));
    const stco = fullBox('stco', 0, 0, u32(1, chunkOffset));
    const stbl = box('stbl', stsd, stts, stsc, stsz, stco);
    const minf = box('minf', vmhd, dinf, stbl);
    const mdia = box('mdia', mdhd, hdlr, minf);
    const trak = box('trak', tkhd, mdia);
    return box('moov', mvhd, trak);
  };

  // The moov size does not depend on the offset value, so one dry run fixes the layout.
  const moovSize = buildMoov(0).length;
  const mdatHeader = 8;
  const moov = buildMoov(ftyp.length + moovSize + mdatHeader);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + mdatPayload, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, moov, mdat, ...frames]);
}

export interface Mp4Box {
  type: string;
  offset: number;
  size: number;
  children?: Mp4Box[];
}

export interface Mp4Info {
  /** Top-level and nested boxes, in file order. */
  boxes: Mp4Box[];
  majorBrand: string;
  /** From the first video track's tkhd (16.16 fixed point, integer part). */
  width: number;
  height: number;
  /** mvhd duration / timescale. */
  durationSeconds: number;
  /** Sample entry type of the first track ('mp4v', 'avc1'…). */
  codec: string;
  sampleCount: number;
}

function readBoxes(buf: Buffer, start: number, end: number): Mp4Box[] {
  const boxes: Mp4Box[] = [];
  let offset = start;
  while (offset < end) {
    if (offset + 8 > end) throw new RangeError(`truncated box header at ${offset}`);
    let size = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end)
      throw new RangeError(`box '${type}' at ${offset} overruns its parent`);
    const entry: Mp4Box = { type, offset, size };
    if (CONTAINERS.has(type)) entry.children = readBoxes(buf, offset + header, offset + size);
    boxes.push(entry);
    offset += size;
  }
  return boxes;
}

function find(boxes: Mp4Box[], path: string[]): Mp4Box | undefined {
  const [head, ...rest] = path;
  const hit = boxes.find((b) => b.type === head);
  if (!hit || rest.length === 0) return hit;
  return hit.children ? find(hit.children, rest) : undefined;
}

/** Parses the box tree and the basic facts of an MP4; throws on a malformed file. */
export function inspectMp4(data: Uint8Array): Mp4Info {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const boxes = readBoxes(buf, 0, buf.length);
  const ftyp = boxes[0];
  if (!ftyp || ftyp.type !== 'ftyp') throw new RangeError('an MP4 starts with an ftyp box');
  const mvhd = find(boxes, ['moov', 'mvhd']);
  const tkhd = find(boxes, ['moov', 'trak', 'tkhd']);
  const stsd = find(boxes, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd']);
  const stsz = find(boxes, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsz']);
  if (!mvhd || !tkhd || !stsd || !stsz) throw new RangeError('moov lacks mvhd, tkhd, stsd or stsz');
  if (!boxes.some((b) => b.type === 'mdat')) throw new RangeError('no mdat box');

  const mvhdVersion = buf.readUInt8(mvhd.offset + 8);
  const timescale = buf.readUInt32BE(mvhd.offset + (mvhdVersion === 1 ? 28 : 20));
  const duration =
    mvhdVersion === 1
      ? Number(buf.readBigUInt64BE(mvhd.offset + 32))
      : buf.readUInt32BE(mvhd.offset + 24);
  const tkhdEnd = tkhd.offset + tkhd.size;
  return {
    boxes,
    majorBrand: buf.toString('latin1', ftyp.offset + 8, ftyp.offset + 12),
    width: buf.readUInt32BE(tkhdEnd - 8) / 0x10000,
    height: buf.readUInt32BE(tkhdEnd - 4) / 0x10000,
    durationSeconds: duration / timescale,
    codec: buf.toString('latin1', stsd.offset + 20, stsd.offset + 24),
    sampleCount: buf.readUInt32BE(stsz.offset + 16),
  };
}
