// An mbox, one line piece at a time, into messages with their byte ranges. A message starts
// after a `From ` line that opens the file, follows a blank line, or looks like a real From_
// line (`From sender Mon Sep 17 00:00:00 2001`); the blank line before a From_ line belongs to
// the separator, not to the message. mboxrd unquotes `>From `, `>>From `, … by one `>`; mboxo
// keeps bodies byte for byte (as `git mailsplit` does without --mboxrd).
import { LineCutter, type LinePiece } from './lines.js';

export type Quoting = 'mboxo' | 'mboxrd';

export type MboxPart =
  | { kind: 'message'; raw: Buffer; offset: number; length: number }
  | { kind: 'problem'; offset: number; reason: string };

const FROM = Buffer.from('From ');
const STRICT_FROM_LINE =
  /^From \S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d\d/;

export function startsWithFrom(bytes: Buffer, at = 0): boolean {
  return bytes.length - at >= FROM.length && bytes.compare(FROM, 0, FROM.length, at, at + FROM.length) === 0;
}

/** Number of leading `>` when the line is `>…>From `, else 0. */
export function fromQuoteDepth(bytes: Buffer): number {
  let depth = 0;
  while (depth < bytes.length && bytes[depth] === 0x3e) depth++;
  return depth > 0 && startsWithFrom(bytes, depth) ? depth : 0;
}

function isBlankLine(piece: LinePiece): boolean {
  const b = piece.bytes;
  return piece.start && piece.end && (b.length === 1 || (b.length === 2 && b[0] === 0x0d));
}

export class MboxSplitter {
  private readonly lines = new LineCutter();
  private parts: Buffer[] = [];
  private start = 0;
  private end = 0;
  private seenFromLine = false;
  private inFromLine = false;
  private previousBlank = false;
  private lastPieceEnded = true;

  constructor(private readonly quoting: Quoting) {}

  *push(chunk: Buffer): Generator<MboxPart> {
    for (const piece of this.lines.push(chunk)) yield* this.take(piece);
  }

  /** Call once at the end of input; `cutShort` names why the input ended early, if it did. */
  *finish(cutShort?: string): Generator<MboxPart> {
    for (const piece of this.lines.finish()) yield* this.take(piece);
    const last = this.parts.length > 0 ? this.start : -1;
    yield* this.cut(this.previousBlank);
    if (cutShort) {
      const lost = last >= 0 ? `; the message at offset=${last} is incomplete` : '';
      yield { kind: 'problem', offset: this.end, reason: `${cutShort}${lost}` };
    } else if (!this.lastPieceEnded && last >= 0) {
      yield {
        kind: 'problem',
        offset: this.end,
        reason: `input ends mid-line at byte ${this.end} (no final newline): the message at offset=${last} may be truncated`,
      };
    }
  }

  private *take(piece: LinePiece): Generator<MboxPart> {
    this.lastPieceEnded = piece.end;
    if (this.inFromLine) {
      // The rest of a long From_ line: skip it, the message starts after it.
      if (piece.end) this.startAfter(piece);
      return;
    }
    if (piece.start && this.isSeparator(piece.bytes)) {
      yield* this.cut(this.previousBlank);
      this.seenFromLine = true;
      this.previousBlank = false;
      if (piece.end) this.startAfter(piece);
      else this.inFromLine = true;
      return;
    }
    const unquote = this.quoting === 'mboxrd' && piece.start && fromQuoteDepth(piece.bytes) > 0;
    this.parts.push(unquote ? piece.bytes.subarray(1) : piece.bytes);
    this.end = piece.offset + piece.bytes.length;
    this.previousBlank = isBlankLine(piece);
  }

  private isSeparator(bytes: Buffer): boolean {
    if (!startsWithFrom(bytes)) return false;
    if (!this.seenFromLine && this.parts.length === 0) return true;
    if (this.previousBlank) return true;
    return STRICT_FROM_LINE.test(bytes.subarray(0, 200).toString('latin1'));
  }

  private startAfter(piece: LinePiece): void {
    this.inFromLine = false;
    this.start = piece.offset + piece.bytes.length;
    this.end = this.start;
  }

  /** Emits what was collected since the last separator, without the blank line before it. */
  private *cut(dropTrailingBlank: boolean): Generator<MboxPart> {
    if (dropTrailingBlank && this.parts.length > 0) {
      const blank = this.parts.pop()!;
      this.end -= blank.length;
    }
    const parts = this.parts;
    this.parts = [];
    if (!this.seenFromLine) {
      const text = Buffer.concat(parts).toString('latin1');
      if (text.trim().length > 0) {
        yield { kind: 'problem', offset: 0, reason: `${text.length} bytes before the first From line were skipped` };
      }
      return;
    }
    if (parts.length === 0) {
      yield { kind: 'problem', offset: this.start, reason: 'empty message (a From line with nothing after it)' };
      return;
    }
    yield { kind: 'message', raw: Buffer.concat(parts), offset: this.start, length: this.end - this.start };
  }
}
