/**
 * A tiny H.264 (Baseline, CAVLC) intra encoder, enough for demo clips browsers play: every
 * macroblock is Intra 16x16 with DC prediction and a single luma DC coefficient, so each 16×16
 * cell is one flat grey level set exactly (the coefficient is the difference from the
 * prediction) and chroma stays neutral. A frame costs 1–5 bytes per macroblock and any even
 * size is exact (the SPS crops the coded macroblock grid). Chromium cannot decode Motion JPEG
 * in MP4, and real encoders need native binaries or a download, hence this.
 * Syntax and semantics: ITU-T H.264 (08/2021) 7.3 (syntax), 8.3.3 (Intra 16x16 prediction),
 * 8.5.10 (luma DC scaling), 9.1 (Exp-Golomb) and 9.2 (CAVLC, tables 9-5 and 9-7).
 */

/** QP 28 makes one DC level step exactly one luma value (8.5.10: (L·256 + 2) >> 2 = 64·L, then (64·L + 32) >> 6). */
const QP = 28;

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  bit(b: number): void {
    this.current = (this.current << 1) | (b & 1);
    if (++this.count === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.count = 0;
    }
  }

  bits(value: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }

  /** Unsigned Exp-Golomb ue(v). */
  ue(value: number): void {
    const v = value + 1;
    const len = 32 - Math.clz32(v);
    this.bits(0, len - 1);
    this.bits(v, len);
  }

  /** Signed Exp-Golomb se(v). */
  se(value: number): void {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): Buffer {
    this.bit(1);
    while (this.count !== 0) this.bit(0);
    return Buffer.from(this.bytes);
  }
}

/** A NAL unit: header byte, then the RBSP with emulation prevention bytes inserted (7.4.1). */
function nal(refIdc: number, type: number, rbsp: Buffer): Buffer {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

export interface H264Stream {
  /** Sequence and picture parameter sets (NAL units without start codes). */
  sps: Buffer;
  pps: Buffer;
  profileIdc: number;
  /** constraint_set flags byte of the SPS. */
  constraints: number;
  levelIdc: number;
}

/** Smallest level whose MaxFS (table A-1) holds the frame. */
function levelFor(macroblocks: number): number {
  if (macroblocks <= 396) return 21;
  if (macroblocks <= 1620) return 30;
  if (macroblocks <= 3600) return 31;
  if (macroblocks <= 8192) return 40;
  if (macroblocks <= 22_080) return 50;
  if (macroblocks <= 36_864) return 51;
  return 62;
}

export class H264IntraEncoder {
  readonly mbWidth: number;
  readonly mbHeight: number;
  readonly stream: H264Stream;
  private idrPicId = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (width % 2 !== 0 || height % 2 !== 0)
      throw new RangeError(
        `H.264 4:2:0 frames need an even width and height, got ${width}x${height}`,
      );
    this.mbWidth = Math.ceil(width / 16);
    this.mbHeight = Math.ceil(height / 16);
    const profileIdc = 66; // Baseline
    const constraints = 0xc0; // constraint_set0 and set1: also Constrained Baseline
    const levelIdc = levelFor(this.mbWidth * this.mbHeight);

    const sps = new BitWriter();
    sps.bits(profileIdc, 8);
    sps.bits(constraints, 8);
    sps.bits(levelIdc, 8);
    sps.ue(0); // seq_parameter_set_id
    sps.ue(0); // log2_max_frame_num_minus4
    sps.ue(2); // pic_order_cnt_type 2: output order is decoding order
    sps.ue(0); // max_num_ref_frames: intra only
    sps.bit(0); // gaps_in_frame_num_value_allowed_flag
    sps.ue(this.mbWidth - 1);
    sps.ue(this.mbHeight - 1);
    sps.bit(1); // frame_mbs_only_flag
    sps.bit(1); // direct_8x8_inference_flag
    const cropRight = (this.mbWidth * 16 - width) / 2;
    const cropBottom = (this.mbHeight * 16 - height) / 2;
    if (cropRight || cropBottom) {
      sps.bit(1);
      sps.ue(0);
      sps.ue(cropRight);
      sps.ue(0);
      sps.ue(cropBottom);
    } else {
      sps.bit(0);
    }
    sps.bit(0); // vui_parameters_present_flag: timing lives in the MP4

    const pps = new BitWriter();
    pps.ue(0); // pic_parameter_set_id
    pps.ue(0); // seq_parameter_set_id
    pps.bit(0); // entropy_coding_mode_flag: CAVLC
    pps.bit(0); // bottom_field_pic_order_in_frame_present_flag
    pps.ue(0); // num_slice_groups_minus1
    pps.ue(0); // num_ref_idx_l0_default_active_minus1
    pps.ue(0); // num_ref_idx_l1_default_active_minus1
    pps.bit(0); // weighted_pred_flag
    pps.bits(0, 2); // weighted_bipred_idc
    pps.se(QP - 26); // pic_init_qp_minus26
    pps.se(0); // pic_init_qs_minus26
    pps.se(0); // chroma_qp_index_offset
    pps.bit(1); // deblocking_filter_control_present_flag: lets slices turn it off
    pps.bit(0); // constrained_intra_pred_flag
    pps.bit(0); // redundant_pic_cnt_present_flag

    this.stream = {
      sps: nal(3, 7, sps.trailing()),
      pps: nal(3, 8, pps.trailing()),
      profileIdc,
      constraints,
      levelIdc,
    };
  }

  /**
   * One IDR picture whose 16×16 cells take the given luma levels (row-major, mbWidth × mbHeight
   * values, 0–255). Returns the NAL unit without a start code.
   */
  encodeFrame(levels: Uint8Array): Buffer {
    const { mbWidth, mbHeight } = this;
    if (levels.length !== mbWidth * mbHeight)
      throw new RangeError(
        `expected ${mbWidth * mbHeight} macroblock levels, got ${levels.length}`,
      );
    const w = new BitWriter();
    w.ue(0); // first_mb_in_slice
    w.ue(7); // slice_type: I, and so are all slices of the picture
    w.ue(0); // pic_parameter_set_id
    w.bits(0, 4); // frame_num
    w.ue(this.idrPicId); // idr_pic_id: consecutive IDR pictures must differ
    this.idrPicId ^= 1;
    w.bit(0); // no_output_of_prior_pics_flag
    w.bit(0); // long_term_reference_flag
    w.se(0); // slice_qp_delta
    w.ue(1); // disable_deblocking_filter_idc: keep the cells exact

    // Reconstructed level of each cell: DC prediction reads the row above and column to the left.
    const recon = new Uint8Array(levels.length);
    for (let my = 0; my < mbHeight; my++) {
      for (let mx = 0; mx < mbWidth; mx++) {
        const i = my * mbWidth + mx;
        const top = my > 0 ? recon[i - mbWidth] : undefined;
        const left = mx > 0 ? recon[i - 1] : undefined;
        const pred =
          top !== undefined && left !== undefined
            ? (top + left + 1) >> 1 // (16·top + 16·left + 16) >> 5
            : (top ?? left ?? 128);
        const target = levels[i] ?? 128;
        const level = target - pred;
        recon[i] = target;
        w.ue(3); // mb_type I_16x16_2_0_0: DC prediction, no AC, no chroma coefficients
        w.ue(0); // intra_chroma_pred_mode: DC
        w.se(0); // mb_qp_delta
        writeDcLevel(w, level);
      }
    }
    return nal(3, 5, w.trailing());
  }
}

/**
 * Intra16x16DCLevel holding one coefficient at scan position 0 (residual_block_cavlc, 7.3.5.3.2).
 * nC is 0 for every block: neighbours are Intra 16x16 with no AC coefficients (9.2.1).
 */
function writeDcLevel(w: BitWriter, level: number): void {
  if (level === 0) {
    w.bits(0b1, 1); // coeff_token TotalCoeff 0
    return;
  }
  if (level === 1 || level === -1) {
    w.bits(0b01, 2); // coeff_token TrailingOnes 1, TotalCoeff 1
    w.bit(level < 0 ? 1 : 0); // trailing_ones_sign_flag
  } else {
    w.bits(0b000101, 6); // coeff_token TrailingOnes 0, TotalCoeff 1
    // levelCode, less the 2 the decoder adds for the first level after fewer than 3 trailing ones.
    const code = (level > 0 ? 2 * level - 2 : -2 * level - 1) - 2;
    if (code < 14) {
      w.bits(1, code + 1); // level_prefix = code, suffixLength 0: no suffix
    } else if (code < 30) {
      w.bits(1, 15); // level_prefix 14
      w.bits(code - 14, 4);
    } else {
      w.bits(1, 16); // level_prefix 15
      w.bits(code - 30, 12);
    }
  }
  w.bit(1); // total_zeros 0 (TotalCoeff 1, table 9-7)
}
