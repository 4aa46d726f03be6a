// The top-level header fields lorelab reads; the others never reach mailparser.
//
// A message in a lore archive carries the headers of its whole journey: Received: chains, DKIM
// and ARC signatures, authentication results: several times the lines a sender writes.
// mailparser decodes every field it is given, and those fields were a large part of its time
// (docs/decisions/0002-parse-only-what-is-stored.md); nothing in the graph comes from them. The raw
// bytes are untouched: the content hash, the synthetic Message-ID and `lorelab raw` use them.
//
// Kept: the fields parse.ts turns into the Mail, and every Content-* field and MIME-Version,
// which decide how mailparser decodes the body. Lines that are not a field (no colon) are kept
// too, so a damaged header block reaches mailparser as damaged as it was. To: and Cc: are kept
// only when asked for: the graph stores no recipients, and lore's long Cc lists are costly to
// decode.

/** Lower-cased field names kept besides every `content-*`. */
const FIELDS_READ = new Set([
  'from', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references',
  'x-original-from', 'list-id', 'mime-version',
]);
const RECIPIENT_FIELDS = new Set(['to', 'cc']);

export interface HeadersRead {
  /** Keep To: and Cc: too (default true). */
  recipients?: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;

/** `message` with only the header fields lorelab reads in its top-level header block. */
export function withHeadersRead(message: Buffer, options: HeadersRead = {}): Buffer {
  const recipients = options.recipients ?? true;
  const kept: Array<[number, number]> = [];
  let keeping = true; // what happens to a continuation line: its field's fate
  let dropped = false;
  let at = 0;
  while (at < message.length) {
    const newline = message.indexOf(LF, at);
    const next = newline < 0 ? message.length : newline + 1;
    const first = message[at];
    if (first === LF || (first === CR && message[at + 1] === LF)) break; // the blank line: headers end
    if (first === SPACE || first === TAB) {
      if (!keeping) dropped = true;
    } else {
      keeping = isFieldRead(message, at, next, recipients);
      if (!keeping) dropped = true;
    }
    if (keeping) {
      const last = kept[kept.length - 1];
      if (last && last[1] === at) last[1] = next;
      else kept.push([at, next]);
    }
    at = next;
  }
  if (!dropped) return message;
  return Buffer.concat([...kept.map(([from, to]) => message.subarray(from, to)), message.subarray(at)]);
}

/** True unless the line is a header field lorelab never reads. */
function isFieldRead(message: Buffer, start: number, end: number, recipients: boolean): boolean {
  const colon = message.indexOf(COLON, start);
  if (colon < 0 || colon >= end) return true; // not a field: left for mailparser to judge
  const name = message.toString('latin1', start, colon).trimEnd().toLowerCase();
  return FIELDS_READ.has(name) || name.startsWith('content-') || (recipients && RECIPIENT_FIELDS.has(name));
}
