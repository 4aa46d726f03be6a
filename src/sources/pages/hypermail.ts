// Hypermail-style pages (the 2003 lkml archives): subject, "Name (address)", date, then
// the message body as sent — here a MIME multipart body shown verbatim, boundaries and all.
import type { SourceItem } from '../types.js';
import { pageMessageId } from './ids.js';
import { prependHeaders } from './rfc822.js';
import type { PageContext } from './page-context.js';

const AUTHOR = /^(.+?) \(([^()\s]+@[^()\s]+)\)$/;

export function isHypermailPage(lines: string[]): boolean {
  return (lines[0] ?? '').trim() !== '' && (lines[1] ?? '') === '' && AUTHOR.test(lines[2] ?? '') && !Number.isNaN(Date.parse(lines[3] ?? ''));
}

export function readHypermailPage(lines: string[], page: PageContext): SourceItem[] {
  const subject = (lines[0] ?? '').trim();
  const [, name = '', address = ''] = AUTHOR.exec(lines[2] ?? '') ?? [];
  const date = (lines[3] ?? '').trim();
  const body = lines.slice(4);
  const boundary = findBoundary(body);
  const headers: Array<[string, string]> = [
    ['From', `${name} <${address}>`],
    ['Subject', subject],
    ['Date', date],
    ['Message-ID', `<${pageMessageId('hypermail', subject, name, date)}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', boundary ? `multipart/mixed; boundary="${boundary}"` : 'text/plain; charset=utf-8'],
  ];
  const text = trimLeadingBlank(body).join('\n');
  // No Message-ID survives on such pages: the synthetic one (".invalid") says so.
  return [{ kind: 'message', raw: prependHeaders(headers, text), origin: page.origin('message=1') }];
}

/** A MIME body shows itself by a "--boundary" line followed by part headers. */
function findBoundary(lines: string[]): string | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const open = /^--(\S+)$/.exec(lines[i] ?? '');
    if (open && /^Content-Type:/i.test(lines[i + 1] ?? '')) return open[1] ?? null;
  }
  return null;
}

function trimLeadingBlank(lines: string[]): string[] {
  let start = 0;
  while (start < lines.length && (lines[start] ?? '').trim() === '') start++;
  return lines.slice(start);
}
