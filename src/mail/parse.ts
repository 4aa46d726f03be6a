// Raw RFC822 bytes → Mail, with mailparser doing the MIME work. Never throws on bad input: what
// was odd goes to `notes`, and a message without a Message-ID gets a stable one.
//
// Before mailparser runs, a light walk over the MIME structure (header blocks and boundaries
// only, never the decoded bodies) finds what mailparser would smooth over silently: charsets
// nobody knows (`charset=y`, `utf-8_`, `unknown-8bit`: neither TextDecoder nor mailparser's
// iconv-lite decodes them, see charset.ts; rewritten to UTF-8 or windows-1252 by
// what the bytes are), invalid base64, boundaries that never close, a message without headers.
// Dates are parsed here too: mailparser turns an unreadable Date: into "now".
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Address, Mail, MailAttachment } from './types.js';
import { withHeadersRead } from './read-headers.js';
import { parsePlainMessage } from './plain-message.js';
import { SKIPPED_ENVELOPE_LINE } from './notes.js';
import { decodeCharset, isKnownCharset } from './charset.js';

const TEXTY_NAME = /\.(patch|diff|txt|c|h|s|sh|py|rst)$/i;
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;
/** Walking stops here; deeper or wider structures are reported, not followed. */
const MAX_DEPTH = 16;
const MAX_PARTS = 2000;

export interface ParseOptions {
  /** Give mailparser every header field, not only those lorelab reads (see read-headers.ts). */
  allHeaders?: boolean;
  /** Read To: and Cc: (default true). Ingest does not: the graph stores no recipients. */
  recipients?: boolean;
  /**
   * Read a message that is one plain UTF-8/ASCII part without mailparser's streams (default true;
   * see plain-message.ts). false sends every message through simpleParser: the same Mail, slower.
   */
  plainFastPath?: boolean;
}

export async function parseMail(raw: Buffer, options: ParseOptions = {}): Promise<Mail> {
  const notes: string[] = [];
  const prepared = prepare(raw, notes);
  const input = options.allHeaders ? prepared : withHeadersRead(prepared, { recipients: options.recipients });
  let parsed: ParsedMail;
  try {
    parsed = (options.plainFastPath === false ? null : plainMessage(input)) ?? await simpleParser(input, {
      skipHtmlToText: false,
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
    });
  } catch (error) {
    notes.push(`MIME parsing failed (${error instanceof Error ? error.message : String(error)}): body kept as raw text`);
    return emptyMail(raw, notes);
  }

  const messageIdHeader = cleanId(parsed.messageId ?? null);
  const messageId = messageIdHeader ?? syntheticMessageId(raw);
  if (!messageIdHeader) notes.push('no Message-ID header: synthetic id from the content');

  const dateRaw = headerText(parsed, 'date');
  const date = dateRaw ? parseMailDate(dateRaw, notes) : null;

  return {
    messageId,
    syntheticId: !messageIdHeader,
    subject: parsed.subject ?? null,
    from: firstAddress(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    originalFrom: headerText(parsed, 'x-original-from'),
    date,
    dateRaw,
    inReplyTo: cleanId(parsed.inReplyTo ?? null),
    references: referenceList(parsed.references),
    listId: headerText(parsed, 'list-id'),
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((att) => toAttachment(att, notes)),
    notes,
  };
}

/** The fast reading of a plain message; anything it cannot take (or that throws) goes to simpleParser. */
function plainMessage(input: Buffer): ParsedMail | null {
  try {
    return parsePlainMessage(input);
  } catch {
    return null;
  }
}

function emptyMail(raw: Buffer, notes: string[]): Mail {
  return {
    messageId: syntheticMessageId(raw),
    syntheticId: true,
    subject: null,
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    originalFrom: null,
    date: null,
    dateRaw: null,
    inReplyTo: null,
    references: [],
    listId: null,
    text: raw.toString('utf8'),
    attachments: [],
    notes,
  };
}

// ---------------------------------------------------------------- before mailparser

/** The bytes mailparser should see, with what had to change recorded in notes. */
function prepare(raw: Buffer, notes: string[]): Buffer {
  const firstLine = raw.subarray(0, Math.min(raw.length, 1000)).toString('latin1').split('\n', 1)[0];
  if (firstLine.startsWith('From ') && firstLine.length < raw.length) {
    // An mbox envelope line left on a saved message: not a header, and not the body either.
    notes.push(SKIPPED_ENVELOPE_LINE);
    return prepare(raw.subarray(firstLine.length + 1), notes);
  }
  if (raw.length > 0 && firstLine.trim() !== '' && !HEADER_LINE.test(firstLine)) {
    notes.push('no headers: the whole message is taken as its body');
    return Buffer.concat([Buffer.from('\n'), raw]);
  }
  const edits: Edit[] = [];
  walk(raw, 0, raw.length, 0, { notes, edits, parts: 0 });
  return applyEdits(raw, edits);
}

interface Edit {
  at: number;
  length: number;
  text: string;
}

interface Walk {
  notes: string[];
  edits: Edit[];
  parts: number;
}

/** One MIME entity in raw[start, end): check its header block, then its children. */
function walk(raw: Buffer, start: number, end: number, depth: number, state: Walk): void {
  if (++state.parts > MAX_PARTS || depth > MAX_DEPTH) {
    if (state.parts === MAX_PARTS + 1 || depth === MAX_DEPTH + 1) state.notes.push('MIME structure too deep or wide: not checked further');
    return;
  }
  const bodyStart = headerEnd(raw, start, end);
  const headers = raw.toString('latin1', start, bodyStart);
  const contentType = headerValue(headers, 'content-type');
  const type = (contentType?.value.split(';', 1)[0] ?? 'text/plain').trim().toLowerCase();
  const encoding = (headerValue(headers, 'content-transfer-encoding')?.value ?? '').trim().toLowerCase();
  if (contentType) checkCharset(raw, start, bodyStart, end, contentType, encoding, state);
  if (encoding === 'base64') checkBase64(raw, bodyStart, end, state.notes);
  if (type.startsWith('multipart/')) {
    const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType?.value ?? '');
    const name = boundary?.[1] ?? boundary?.[2];
    if (name) walkMultipart(raw, bodyStart, end, name, depth, state);
    else state.notes.push(`${type} without a boundary: parts not separated`);
  } else if (type === 'message/rfc822') {
    walk(raw, bodyStart, end, depth + 1, state);
  }
}

function walkMultipart(raw: Buffer, bodyStart: number, end: number, boundary: string, depth: number, state: Walk): void {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let partStart = -1;
  let closed = false;
  for (let at = raw.indexOf(delimiter, bodyStart); at >= 0 && at < end; at = raw.indexOf(delimiter, at + 1)) {
    if (at !== bodyStart && raw[at - 1] !== 0x0a) continue; // only at the start of a line
    const after = at + delimiter.length;
    if (partStart >= 0) walk(raw, partStart, Math.max(partStart, lineStartBefore(raw, at)), depth + 1, state);
    if (raw[after] === 0x2d && raw[after + 1] === 0x2d) {
      closed = true;
      break;
    }
    const nl = raw.indexOf(0x0a, after);
    partStart = nl < 0 || nl >= end ? end : nl + 1;
  }
  if (!closed) {
    if (partStart >= 0) walk(raw, partStart, end, depth + 1, state);
    state.notes.push(`MIME boundary "${boundary}" never closes: the last part runs to the end of the message`);
  }
}

/** The position just after the blank line ending the header block (end when there is none). */
function headerEnd(raw: Buffer, start: number, end: number): number {
  if (raw[start] === 0x0a) return start + 1;
  if (raw[start] === 0x0d && raw[start + 1] === 0x0a) return start + 2;
  for (let nl = raw.indexOf(0x0a, start); nl >= 0 && nl < end; nl = raw.indexOf(0x0a, nl + 1)) {
    if (raw[nl + 1] === 0x0a) return nl + 2;
    if (raw[nl + 1] === 0x0d && raw[nl + 2] === 0x0a) return nl + 3;
  }
  return end;
}

/** The start of the line ending just before `at`, without its CRLF/LF (it belongs to the boundary). */
function lineStartBefore(raw: Buffer, at: number): number {
  let cut = at - 1;
  if (raw[cut - 1] === 0x0d) cut--;
  return cut;
}

/** A header's value (unfolded) and where it starts in the block, for edits. */
function headerValue(headers: string, name: string): { value: string; at: number } | null {
  const match = new RegExp(`^${name}[ \\t]*:`, 'im').exec(headers);
  if (!match) return null;
  const from = match.index + match[0].length;
  const next = /\r?\n(?![ \t])/g;
  next.lastIndex = from;
  const stop = next.exec(headers)?.index ?? headers.length;
  return { value: headers.slice(from, stop), at: from };
}

function checkCharset(
  raw: Buffer,
  blockStart: number,
  bodyStart: number,
  end: number,
  contentType: { value: string; at: number },
  encoding: string,
  state: Walk,
): void {
  const match = /(charset\s*=\s*"?)([^";\s]*)/i.exec(contentType.value);
  if (!match || isKnownCharset(match[2])) return;
  const body = decodeTransfer(raw.subarray(bodyStart, end), encoding);
  const fallback = isUtf8(body) ? 'utf-8' : 'windows-1252';
  const valueAt = blockStart + contentType.at + match.index + match[1].length;
  state.edits.push({ at: valueAt, length: match[2].length, text: fallback });
  state.notes.push(`unknown charset "${match[2]}": decoded as ${fallback}`);
}

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.toString('latin1'), 'base64');
  if (encoding !== 'quoted-printable') return body;
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

function checkBase64(raw: Buffer, bodyStart: number, end: number, notes: string[]): void {
  const text = raw.toString('latin1', bodyStart, end);
  const bad = /[^A-Za-z0-9+/=\s]/.exec(text);
  if (bad) notes.push(`invalid base64 (first bad character ${JSON.stringify(bad[0])} at byte ${bodyStart + bad.index}): skipped`);
}

function applyEdits(raw: Buffer, edits: Edit[]): Buffer {
  if (edits.length === 0) return raw;
  const pieces: Buffer[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.at - b.at)) {
    pieces.push(raw.subarray(at, edit.at), Buffer.from(edit.text, 'latin1'));
    at = edit.at + edit.length;
  }
  pieces.push(raw.subarray(at));
  return Buffer.concat(pieces);
}

// ---------------------------------------------------------------- after mailparser

function toAttachment(att: Attachment, notes: string[]): MailAttachment {
  const contentType = (att.contentType || 'application/octet-stream').toLowerCase();
  const filename = att.filename ?? null;
  const texty =
    contentType.startsWith('text/') || contentType === 'message/rfc822' || (filename !== null && TEXTY_NAME.test(filename));
  return {
    filename,
    contentType,
    size: att.size ?? att.content.length,
    text: texty ? decodeText(att, notes) : null,
  };
}

/** An attachment's text in its declared charset; UTF-8, then windows-1252, when that fails. */
function decodeText(att: Attachment, notes: string[]): string {
  const params = (att.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params;
  const charset = params?.charset?.trim();
  if (charset && isKnownCharset(charset)) return decodeCharset(att.content, charset);
  if (isUtf8(att.content)) return att.content.toString('utf8');
  notes.push(`attachment ${att.filename ?? '(unnamed)'}: not UTF-8 and no usable charset, decoded as windows-1252`);
  return new TextDecoder('windows-1252').decode(att.content);
}

// ---------------------------------------------------------------- dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 822's named zones, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
const RFC2822_DATE =
  /^(?:[A-Za-z]+,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[a-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?/;
const ASCTIME_DATE = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})/;

/**
 * A Date: header → ISO 8601 UTC, or null with a note. RFC 2822 with its obsolete forms (named
 * zones, two-digit years, no seconds), and asctime; never the local time zone.
 */
export function parseMailDate(value: string, notes: string[] = []): string | null {
  const text = value.trim();
  const rfc = RFC2822_DATE.exec(text);
  if (rfc) {
    const [, day, mon, yearText, hour, minute, second = '0', zone] = rfc;
    let year = Number(yearText);
    if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
    else if (yearText.length === 3) year += 1900;
    let offset = 0;
    if (!zone) notes.push(`Date: without a time zone, taken as UTC: ${text.slice(0, 80)}`);
    else if (/^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    } else if (ZONES[zone.toUpperCase()] !== undefined) offset = ZONES[zone.toUpperCase()];
    else notes.push(`Date: unknown time zone "${zone}", taken as UTC`);
    return utcDate(year, mon, Number(day), Number(hour), Number(minute), Number(second), offset, text, notes);
  }
  const asc = ASCTIME_DATE.exec(text);
  if (asc) {
    const [, mon, day, hour, minute, second, year] = asc;
    return utcDate(Number(year), mon, Number(day), Number(hour), Number(minute), Number(second), 0, text, notes);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const parsed = new Date(text.replace(' ', 'T').replace(/\s+/g, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(parsed.getTime())) return toUtcIso(parsed);
  }
  notes.push(`unparseable Date: ${text.slice(0, 80)}`);
  return null;
}

function utcDate(
  year: number, mon: string, day: number, hour: number, minute: number, second: number, offsetMinutes: number,
  text: string, notes: string[],
): string | null {
  const month = MONTHS.indexOf(mon.toLowerCase());
  const valid = month >= 0 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60 && year >= 1970 && year < 3000;
  if (!valid) {
    notes.push(`unparseable Date: ${text.slice(0, 80)}`);
    return null;
  }
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  return toUtcIso(new Date(ms));
}

// ---------------------------------------------------------------- helpers

/** `<a@b>` → `a@b`; empty or missing → null. Keeps the first id when a header holds several. */
export function cleanId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = (bracketed ? bracketed[1] : value.trim().split(/\s+/)[0]) ?? '';
  return id.length > 0 ? id : null;
}

function referenceList(refs: string | string[] | undefined): string[] {
  if (!refs) return [];
  const all = (Array.isArray(refs) ? refs : [refs]).join(' ');
  const ids = [...all.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  if (ids.length > 0) return ids.filter(Boolean);
  return all.split(/\s+/).filter(Boolean);
}

/** A stable id for a message without one: same bytes, same id, on every run. */
export function syntheticMessageId(raw: Buffer | string): string {
  const digest = createHash('sha1').update(raw).digest('hex').slice(0, 20);
  return `lorelab.${digest}@synthetic.invalid`;
}

export function toUtcIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function headerText(parsed: ParsedMail, name: string): string | null {
  const line = parsed.headerLines.find((h) => h.key === name);
  if (!line) return null;
  const colon = line.line.indexOf(':');
  return line.line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim() || null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (!field) return [];
  const objects = Array.isArray(field) ? field : [field];
  const out: Address[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      const group = entry.group ?? [entry];
      for (const member of group) {
        out.push({ name: member.name || null, email: member.address ? member.address.toLowerCase() : null });
      }
    }
  }
  return out;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): Address | null {
  return addresses(field)[0] ?? null;
}
