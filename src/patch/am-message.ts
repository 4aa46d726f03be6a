// A patch mail made ready for `git am`, as b4 am does it: the commit message gains the review
// trailers given in replies and a Link: to the posting, just before the line where git's
// mailinfo starts the patch ("---", "--- file", "diff -", "Index: "). The mail is rewritten
// from its decoded parts (a plain UTF-8, 8bit message), so quoted-printable or base64 postings
// come out as text git am reads.

export interface AmPatchMail {
  messageId: string;
  subject: string;
  fromName: string | null;
  fromEmail: string;
  /** The Date: header as sent (git am takes the author date from it). */
  date: string | null;
  /** The decoded text body: commit message, then the diff. */
  text: string;
}

/** The line index where git am's mailinfo takes the patch to begin, or -1 when none does. */
export function patchBreak(lines: readonly string[]): number {
  return lines.findIndex((line) => /^---(?:\s*$| \S)/.test(line) || line.startsWith('diff -') || line.startsWith('Index: '));
}

const TRAILER_LINE = /^[A-Za-z][A-Za-z0-9-]*: \S/;

/**
 * The body with `trailers` ("Name: value" lines) added to the commit message's trailer block;
 * a trailer already there (same name and value, whatever the case) is not repeated. Null when
 * the body holds no patch.
 */
export function withTrailers(text: string, trailers: readonly string[]): string | null {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const at = patchBreak(lines);
  if (at < 0) return null;
  let end = at;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  const message = lines.slice(0, end);
  const have = new Set(message.map((line) => line.trim().toLowerCase()));
  const added = trailers.filter((t) => {
    const key = t.trim().toLowerCase();
    if (have.has(key)) return false;
    have.add(key);
    return true;
  });
  const last = message[message.length - 1];
  const inBlock = last !== undefined && TRAILER_LINE.test(last);
  const gap = added.length && !inBlock && message.length ? [''] : [];
  return [...message, ...gap, ...added, ...lines.slice(end)].join('\n');
}

/** The whole mail for git am (without its mbox From_ line). */
export function amMail(mail: AmPatchMail, trailers: readonly string[]): Buffer | null {
  const body = withTrailers(mail.text, trailers);
  if (body === null) return null;
  const from = mail.fromName ? `${encodeWord(mail.fromName)} <${mail.fromEmail}>` : mail.fromEmail;
  const headers = [
    `From: ${from}`,
    ...(mail.date ? [`Date: ${mail.date}`] : []),
    `Subject: ${encodeWord(mail.subject)}`,
    `Message-ID: <${mail.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\n')}\n\n${body.endsWith('\n') ? body : `${body}\n`}`, 'utf8');
}

/** RFC 2047 for a header value that is not plain ASCII. */
function encodeWord(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ');
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  return `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}
