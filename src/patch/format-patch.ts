// The mail-like headers `git format-patch` writes before a commit message ('From <sha> Mon Sep
// 17 00:00:00 2001', 'From:', 'Date:', 'Subject:' with folded lines), found in the text before
// a diff, e.g. in attachments.

export interface FormatPatchHead {
  subject: string | null;
  authorName: string | null;
  authorEmail: string | null;
  /** Index of the first line after the headers (where the commit message starts). */
  bodyStart: number;
}

export const MBOX_FROM = /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/;

export function readFormatPatchHead(lines: string[], from: number, to: number): FormatPatchHead | null {
  let i = from;
  while (i < to && lines[i].trim() === '') i++;
  if (i < to && MBOX_FROM.test(lines[i])) i++;
  const headers = new Map<string, string>();
  let lastName: string | null = null;
  for (; i < to; i++) {
    const line = lines[i];
    const m = /^([A-Za-z-]+): ?(.*)$/.exec(line);
    if (m && headers.size < 20) {
      lastName = m[1].toLowerCase();
      headers.set(lastName, m[2]);
    } else if (lastName && /^[ \t]/.test(line) && line.trim() !== '') {
      headers.set(lastName, `${headers.get(lastName)} ${line.trim()}`);
    } else break;
  }
  if (!headers.has('subject') || !(headers.has('from') || headers.has('date'))) return null;
  const from_ = headers.get('from') ?? '';
  const person = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(from_);
  return {
    subject: headers.get('subject')?.trim() ?? null,
    authorName: person ? person[1].trim() || null : from_.trim() || null,
    authorEmail: person ? person[2].trim().toLowerCase() : null,
    bodyStart: i,
  };
}
