// Mailing-list archive pages (MHonArc-style sites): a subject line, site navigation, the
// message text, more navigation. No author, date or Message-ID survive on the page.
import type { SourceItem } from '../types.js';
import { pageMessageId } from './ids.js';
import { buildMessage } from './rfc822.js';
import type { PageContext } from './page-context.js';

const NAVIGATION = /^\[Date Prev\]\[Date Next\]\[Thread Prev\]\[Thread Next\]\[Date Index\]\[Thread Index\]/;
const FOOTER = /^\[Index of Archives\]/;

export function isListArchivePage(lines: string[]): boolean {
  return lines.some((l) => NAVIGATION.test(l));
}

export function readListArchivePage(lines: string[], page: PageContext): SourceItem[] {
  const subject = (lines[0] ?? '').trim();
  const start = lines.findIndex((l) => NAVIGATION.test(l)) + 1;
  let end = lines.findIndex((l, i) => i >= start && FOOTER.test(l));
  if (end < 0) end = lines.length;
  const body = lines.slice(start, end);
  while (body.length && (body[0] ?? '').trim() === '') body.shift();
  while (body.length && (body[body.length - 1] ?? '').trim() === '') body.pop();
  const text = `${body.join('\n')}\n`;
  const messageId = pageMessageId('list-archive', subject, text);
  const raw = buildMessage(
    [['Subject', subject], ['Message-ID', `<${messageId}>`]],
    [{ contentType: 'text/plain', filename: null, text }],
  );
  // Author and date stay unknown rather than guessed; the synthetic id (".invalid") says so.
  return [{ kind: 'message', raw, origin: page.origin('message=1') }];
}
