// Cutting a byte stream into lines without ever holding a whole line: a line longer than a chunk
// comes out as several pieces. Only the start of a line matters to an mbox (`From `, `>From `),
// so a short unfinished tail is carried into the next chunk to keep every line's head whole.

export interface LinePiece {
  bytes: Buffer;
  /** Byte offset of `bytes` in the whole (decompressed) stream. */
  offset: number;
  /** The piece begins a line. */
  start: boolean;
  /** The piece ends with the line's newline. */
  end: boolean;
}

/** A line head shorter than this is carried over rather than split. */
const HEAD_BYTES = 1024;

export class LineCutter {
  private carry: Buffer | null = null;
  private carryOffset = 0;
  private nextOffset = 0;
  private atLineStart = true;

  /** The pieces completed by this chunk (and by what was carried before it). */
  *push(chunk: Buffer): Generator<LinePiece> {
    let buf = chunk;
    let base = this.nextOffset;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      base = this.carryOffset;
      this.carry = null;
    }
    this.nextOffset = base + buf.length;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) {
        if (this.atLineStart && buf.length - pos < HEAD_BYTES) {
          this.carry = buf.subarray(pos);
          this.carryOffset = base + pos;
        } else {
          yield { bytes: buf.subarray(pos), offset: base + pos, start: this.atLineStart, end: false };
          this.atLineStart = false;
        }
        return;
      }
      yield { bytes: buf.subarray(pos, nl + 1), offset: base + pos, start: this.atLineStart, end: true };
      this.atLineStart = true;
      pos = nl + 1;
    }
  }

  /** The last, unterminated piece, if any. */
  *finish(): Generator<LinePiece> {
    if (this.carry && this.carry.length > 0) {
      yield { bytes: this.carry, offset: this.carryOffset, start: this.atLineStart, end: false };
    }
    this.carry = null;
  }
}
