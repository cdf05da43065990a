/**
 * Reads an OpenAI Images API JSON body (`ImagesResponse`) as it streams in, decoding every
 * `b64_json` value to bytes on the way; only the small rest of the document is parsed as JSON.
 * A 3840×2160 PNG arrives as ~20 MB of base64: `response.json()` would hold it four times
 * over (network chunks, the joined bytes, the text, the parsed string) before a single byte was
 * decoded, and a run of large images kept hundreds of MB resident.
 *
 * In the parsed document each `b64_json` holds a placeholder, `#<index>` into `images`.
 */

export interface ImagesBody {
  json: unknown;
  /** Decoded `b64_json` values in document order. */
  images: Uint8Array[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const SLASH = 0x2f;
const KEY = Buffer.from('b64_json');

export async function readImagesBody(
  body: AsyncIterable<Uint8Array> | null,
  sizeHint = 0,
): Promise<ImagesBody> {
  const reader = new ImagesBodyReader(sizeHint);
  if (body) for await (const chunk of body) reader.push(chunk);
  return reader.end();
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Base64 text in, bytes out: into one buffer sized from what is left of the body when its length
 * is known, else (or once that is full) into pieces joined once at the end.
 */
class Base64Sink {
  readonly #out: Buffer | undefined;
  #used = 0;
  readonly #parts: Buffer[] = [];
  #carry = '';

  constructor(capacity: number) {
    this.#out = capacity > 0 ? Buffer.allocUnsafeSlow(capacity) : undefined;
  }

  write(chars: Uint8Array): void {
    if (chars.length === 0) return;
    const text =
      this.#carry + Buffer.from(chars.buffer, chars.byteOffset, chars.length).toString('latin1');
    // Whole 4-character groups only, so no group is split between two decodes.
    const whole = text.length - (text.length % 4);
    this.#carry = text.slice(whole);
    if (whole > 0) this.#decode(whole === text.length ? text : text.slice(0, whole));
  }

  finish(): Uint8Array {
    if (this.#carry) this.#decode(this.#carry);
    const out = this.#out;
    const used = this.#used;
    if (this.#parts.length === 0 && out) {
      // The buffer was sized for the rest of the body; copy only when this image left much of it unused.
      if (out.length - used > used / 8) return Uint8Array.prototype.slice.call(out, 0, used);
      return new Uint8Array(out.buffer, out.byteOffset, used);
    }
    const total = used + this.#parts.reduce((sum, p) => sum + p.length, 0);
    const joined = new Uint8Array(total);
    if (out) joined.set(out.subarray(0, used));
    let at = used;
    for (const part of this.#parts) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  }

  #decode(text: string): void {
    const out = this.#out;
    if (
      out &&
      this.#parts.length === 0 &&
      Math.ceil((text.length * 3) / 4) <= out.length - this.#used
    ) {
      this.#used += out.write(text, this.#used, 'base64');
      return;
    }
    this.#parts.push(Buffer.from(text, 'base64'));
  }
}

class ImagesBodyReader {
  readonly #pieces: Uint8Array[] = [];
  readonly #images: Uint8Array[] = [];
  readonly #sizeHint: number;
  /** Bytes of the body before the current chunk. */
  #seen = 0;
  #state: 'out' | 'string' | 'b64' = 'out';
  #escaped = false;
  /** Bytes of the current string while it may still be the key `b64_json`. */
  #key: number[] | undefined;
  #afterKey = false;
  #expectValue = false;
  #sink: Base64Sink | undefined;

  constructor(sizeHint: number) {
    this.#sizeHint = sizeHint;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let keepFrom = 0;
    let quoteAt = -1;
    let i = 0;
    while (i < n) {
      if (this.#state === 'b64') {
        const sink = this.#sink as Base64Sink;
        if (this.#escaped) {
          // JSON may escape "/" as "\/"; line breaks inside base64 are skipped like the decoder would.
          const c = chunk[i] as number;
          this.#escaped = false;
          if (c === SLASH) sink.write(chunk.subarray(i, i + 1));
          else if (c !== 0x6e && c !== 0x72) throw new SyntaxError('Unexpected escape in b64_json');
          i += 1;
          continue;
        }
        if (quoteAt < i) {
          quoteAt = chunk.indexOf(QUOTE, i);
          if (quoteAt < 0) quoteAt = n;
        }
        let stop = chunk.indexOf(BACKSLASH, i);
        if (stop < 0 || stop > quoteAt) stop = quoteAt;
        sink.write(chunk.subarray(i, stop));
        if (stop < quoteAt) {
          this.#escaped = true;
          i = stop + 1;
          continue;
        }
        if (quoteAt === n) break;
        this.#images.push(sink.finish());
        this.#sink = undefined;
        this.#state = 'out';
        keepFrom = quoteAt;
        i = quoteAt + 1;
        continue;
      }
      const c = chunk[i] as number;
      if (this.#state === 'string') {
        if (this.#escaped) {
          this.#escaped = false;
          this.#key = undefined;
        } else if (c === BACKSLASH) {
          this.#escaped = true;
        } else if (c === QUOTE) {
          this.#state = 'out';
          this.#afterKey =
            this.#key !== undefined &&
            this.#key.length === KEY.length &&
            this.#key.every((b, k) => b === KEY[k]);
          this.#key = undefined;
        } else if (this.#key) {
          if (this.#key.length < KEY.length) this.#key.push(c);
          else this.#key = undefined;
        }
        i += 1;
        continue;
      }
      if (c === QUOTE) {
        if (this.#expectValue) {
          // Keep the document up to the opening quote, then a placeholder instead of the value.
          this.#pieces.push(
            Uint8Array.prototype.slice.call(chunk, keepFrom, i + 1),
            Buffer.from(`#${this.#images.length}`),
          );
          const left = this.#sizeHint - (this.#seen + i + 1);
          this.#sink = new Base64Sink(Math.ceil((Math.max(0, left) * 3) / 4));
          this.#state = 'b64';
          this.#expectValue = false;
          i += 1;
          keepFrom = i;
          continue;
        }
        this.#state = 'string';
        this.#key = [];
        this.#afterKey = false;
      } else if (c === COLON && this.#afterKey) {
        this.#expectValue = true;
        this.#afterKey = false;
      } else if (!isSpace(c)) {
        this.#afterKey = false;
        this.#expectValue = false;
      }
      i += 1;
    }
    // Inside a base64 value nothing of the chunk is kept.
    if (this.#state !== 'b64' && keepFrom < n)
      this.#pieces.push(Uint8Array.prototype.slice.call(chunk, keepFrom, n));
    this.#seen += n;
  }

  end(): ImagesBody {
    if (this.#state !== 'out') throw new SyntaxError('Unexpected end of JSON input');
    const json: unknown = JSON.parse(Buffer.concat(this.#pieces).toString('utf8'));
    return { json, images: this.#images };
  }
}
