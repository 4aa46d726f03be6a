// Writing messages as mboxrd, the form `git am`, mutt and public-inbox read: each message after
// a From_ line, every line that is `From ` behind zero or more `>` given one more `>` (so the
// reader's unquoting gives the bytes back), a newline at its end, and a blank line after it.
import { LineCutter } from './lines.js';
import { fromQuoteDepth, startsWithFrom } from './split.js';

/** The From_ line public-inbox writes: no real sender or date, which readers do not need. */
export const MBOXRD_FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970\n';

const GT = Buffer.from('>');
const NEWLINE = Buffer.from('\n');

/** One message as an mboxrd entry (From_ line, quoted body, closing blank line). */
export function mboxrdEntry(raw: Buffer): Buffer {
  const out: Buffer[] = [Buffer.from(MBOXRD_FROM_LINE)];
  const cutter = new LineCutter();
  for (const piece of [...cutter.push(raw), ...cutter.finish()]) {
    if (piece.start && (startsWithFrom(piece.bytes) || fromQuoteDepth(piece.bytes) > 0)) out.push(GT);
    out.push(piece.bytes);
  }
  if (raw.length > 0 && raw[raw.length - 1] !== 0x0a) out.push(NEWLINE);
  out.push(NEWLINE);
  return Buffer.concat(out);
}

/** Several messages as one mboxrd. */
export function toMboxrd(messages: Buffer[]): Buffer {
  return Buffer.concat(messages.map(mboxrdEntry));
}
