// A message that is one plain-text part, read without mailparser's streams.
//
// Most lore mail is what git send-email and mutt write: one text/plain part in UTF-8 or ASCII,
// 7bit or 8bit. Its body needs no MIME work at all: mailparser passes those bytes through and
// decodes them as UTF-8. What it does cost is the machinery around that: a splitter stream, a
// decoder stream, a setImmediate per step — two thirds of its time on such a message.
//
// So for these messages the header block goes through the same code mailparser runs on it
// (mailsplit's MimeNode and Headers decide the part's type, charset, encoding and disposition;
// mailparser's own processHeaders decodes the fields), and the body is decoded the way mailparser
// decodes it. Anything else — multipart, quoted-printable, base64, another charset,
// format=flowed, an attachment, a header block without an end, a large message — returns null
// and goes through simpleParser. test/mail/plain-message.test.ts checks that both paths give the
// same Mail.
import { MimeNode } from '@zone-eu/mailsplit';
import { MailParser, type ParsedMail } from 'mailparser';

/** Larger messages go through simpleParser: its limits (line and header sizes) then apply as before. */
const MAX_MESSAGE = 1024 * 1024;
/** mailsplit's own limit for one pending line is 64 KB: a header block under it never meets it. */
const MAX_HEADER = 60 * 1024;

/** The header fields simpleParser copies onto its result, with their property names. */
const COPIED = ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to']
  .map((key) => [key, key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] as const);

/** Charsets mailparser does not convert (it decodes the bytes as UTF-8), as it normalises them. */
const UTF8_LIKE = new Set(['ascii', 'usascii', 'utf8']);

type HeaderLine = { key: string; line: string };
type HeaderDecoder = { processHeaders(lines: HeaderLine[]): Map<string, unknown> };

let headerDecoder: HeaderDecoder | null = null;

/**
 * One MailParser, never written to: its processHeaders is what decodes header fields. It reads
 * none of the parser's options, so none are given.
 */
function decoder(): HeaderDecoder {
  headerDecoder ??= new MailParser() as unknown as HeaderDecoder;
  return headerDecoder;
}

/**
 * What simpleParser returns for `input` (the fields lorelab reads: headers, headerLines, the
 * copied fields, text, attachments), or null when the message is not one plain UTF-8/ASCII part.
 */
export function parsePlainMessage(input: Buffer): ParsedMail | null {
  if (input.length > MAX_MESSAGE) return null;
  const bodyStart = headerBlockEnd(input);
  if (bodyStart === null || bodyStart > MAX_HEADER) return null;

  const node = new MimeNode(false, {});
  node.addHeaderChunk(input.subarray(0, bodyStart));
  node.parseHeaders();
  const charset = node.charset ? node.charset.toLowerCase().replace(/[^a-z0-9]+/g, '') : 'utf8';
  const plain =
    (node.contentType || 'text/plain') === 'text/plain' &&
    ['', '7bit', '8bit', 'binary'].includes(node.encoding || '') &&
    UTF8_LIKE.has(charset) &&
    !node.flowed &&
    (!node.disposition || node.disposition === 'inline') &&
    !node.filename;
  if (!plain || !node.headers) return null;

  const headerLines = node.headers.getList() as HeaderLine[];
  const headers = decoder().processHeaders(headerLines);
  // mailparser: the part's bytes to a string, line ends to \n; an empty body is no text at all.
  const decoded = input.toString('utf8', bodyStart);
  const text = decoded.includes('\r') ? decoded.replace(/\r?\n/g, '\n') : decoded;
  const mail: Record<string, unknown> = { attachments: [], headers, headerLines };
  if (text) mail.text = text;
  for (const [key, property] of COPIED) if (headers.has(key)) mail[property] = headers.get(key);
  return mail as unknown as ParsedMail;
}

/**
 * Where the body starts: just after the first empty line (LF or CRLF), as mailsplit ends a
 * header block; null when there is none.
 */
function headerBlockEnd(input: Buffer): number | null {
  let lineStart = 0;
  while (lineStart < input.length) {
    if (input[lineStart] === 0x0a) return lineStart + 1;
    if (input[lineStart] === 0x0d && input[lineStart + 1] === 0x0a) return lineStart + 2;
    const newline = input.indexOf(0x0a, lineStart);
    if (newline < 0) return null;
    lineStart = newline + 1;
  }
  return null;
}
