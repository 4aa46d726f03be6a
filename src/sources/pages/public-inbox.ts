// public-inbox pages saved as text: the single-message page (headers, body with
// "[-- Attachment #N … --]" sections, thread overview) and the flat thread page (several
// full messages, each "* subject / @ date author / From: … / body / ^ permalink …").
import type { SourceItem } from '../types.js';
import { parseOverview, type OverviewEntry } from './overview.js';
import { buildMessage, type RebuiltPart } from './rfc822.js';
import { pageMessageId } from './ids.js';
import { stubItem, type PageContext } from './page-context.js';

const HEADER = /^([A-Za-z][A-Za-z-]*): ?(.*)$/;
const ATTACHMENT = /^\[-- Attachment #(\d+):? (.*?) ?--\]$/;
const ATTACHMENT_TYPE = /^\[-- Type: ([^,\]]+)(?:, Size: [^\]]*)? ?--\]$/;

export function isPublicInboxPage(lines: string[]): boolean {
  return /archive mirror\s*$/.test(lines[0] ?? '') && /help \/ color \/ mirror \/ Atom feed/.test(lines[1] ?? '');
}

export function readPublicInboxPage(lines: string[], page: PageContext): SourceItem[] {
  if (/^From: /.test(lines[2] ?? '')) return readSingleMessage(lines, page);
  if (/^\* /.test(lines[2] ?? '')) return readFlatThread(lines, page);
  return [page.error('public-inbox page with neither a message header block ("From: …") nor a flat thread ("* subject") on line 3')];
}

function readSingleMessage(lines: string[], page: PageContext): SourceItem[] {
  const headers: Array<[string, string]> = [];
  let index = 2;
  for (; index < lines.length && lines[index] !== ''; index++) {
    const line = lines[index] ?? '';
    const header = HEADER.exec(line);
    if (header) headers.push([header[1] ?? '', header[2] ?? '']);
    else if (/^\s/.test(line) && headers.length > 0) headers[headers.length - 1]![1] += ` ${line.trim()}`;
  }
  const cleaned = headers.map(([name, value]): [string, string] => [
    name,
    value.replace(/\s*\[thread overview\]\s*$/, '').replace(/\s*\(raw\)\s*$/, ''),
  ]);
  const bodyStart = index + 1;
  let bodyEnd = lines.findIndex((l, i) => i >= bodyStart && (/^ {2}reply\tother threads:/.test(l) || /^\^ permalink raw reply/.test(l)));
  if (bodyEnd < 0) bodyEnd = lines.length;
  const parts = splitAttachments(lines.slice(bodyStart, bodyEnd));
  const raw = buildMessage(cleaned, parts);

  const messageId = /<([^<>\s]+)>/.exec(valueOf(cleaned, 'Message-ID') ?? '')?.[1] ?? null;
  const inReplyTo = /<([^<>\s]+)>/.exec(valueOf(cleaned, 'In-Reply-To') ?? '')?.[1] ?? null;
  const items: SourceItem[] = [{ kind: 'message', raw, origin: page.origin('message=1') }];
  const overview = overviewLines(lines, bodyEnd);
  if (overview) {
    const entries = parseOverview(overview.lines, overview.firstLine, {
      pageKey: page.key,
      thisMessageId: messageId,
      thisParentId: inReplyTo,
    });
    for (const entry of entries) if (entry.marker !== 'this') items.push(stubItem(entry, page));
  }
  return items;
}

function readFlatThread(lines: string[], page: PageContext): SourceItem[] {
  const overview = overviewLines(lines, 0);
  const entries: OverviewEntry[] = overview ? parseOverview(overview.lines, overview.firstLine, { pageKey: page.key }) : [];
  const items: SourceItem[] = [];
  let parentNotFound: string | null = null;
  let ordinal = 0;
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const missing = /^\[parent not found: <([^<>\s]+)>\]$/.exec(line);
    if (missing) {
      parentNotFound = missing[1] ?? null;
      continue;
    }
    if (!line.startsWith('* ')) continue;
    const subject = line.slice(2).trim();
    const from = lines.findIndex((l, j) => j > i && /^From: .+ @ \d{4}-\d{2}-\d{2} +\d{1,2}:\d{2} UTC/.test(l));
    if (from < 0) break;
    const fromMatch = /^From: (.+?) @ (\d{4}-\d{2}-\d{2}) +(\d{1,2}):(\d{2}) UTC/.exec(lines[from] ?? '')!;
    const author = fromMatch[1] ?? '';
    const date = `${fromMatch[2]}T${(fromMatch[3] ?? '0').padStart(2, '0')}:${fromMatch[4]}:00Z`;
    const recipients: Array<[string, string]> = [];
    let j = from + 1;
    for (; j < lines.length && /^ {2}\S/.test(lines[j] ?? ''); j++) {
      const [to, cc] = (lines[j] ?? '').trim().replace(/^To: /, '').split(/; \+Cc: /);
      if (to) recipients.push(['To', to]);
      if (cc) recipients.push(['Cc', cc]);
    }
    let end = lines.findIndex((l, k) => k > j && /^\^ permalink raw reply/.test(l));
    if (end < 0) end = lines.length;
    ordinal++;
    const entry = entries.find((e) => e.date === date && e.authorName === author);
    const messageId = entry?.messageId ?? pageMessageId('flat', page.key, date, author, ordinal);
    const headers: Array<[string, string]> = [
      ['From', author],
      ...recipients,
      ['Subject', subject],
      ['Date', new Date(date).toUTCString().replace('GMT', '+0000')],
      ['Message-ID', `<${messageId}>`],
      ['In-Reply-To', parentNotFound ? `<${parentNotFound}>` : entry?.parentMessageId ? `<${entry.parentMessageId}>` : ''],
    ];
    const body = trimBlank(lines.slice(j + 1, end)).join('\n');
    items.push({ kind: 'message', raw: buildMessage(headers, [{ contentType: 'text/plain', filename: null, text: `${body}\n` }]), origin: page.origin(`message=${ordinal} line=${i + 1}`) });
    parentNotFound = null;
    i = end;
  }
  const full = new Set(items.map((item) => (item.kind === 'message' ? /Message-ID: <([^>]+)>/.exec(item.raw.toString('utf8'))?.[1] : null)));
  for (const entry of entries) if (!full.has(entry.messageId)) items.push(stubItem(entry, page));
  if (ordinal === 0) items.push(page.error('flat thread page without any full message ("* subject" followed by "From: name @ date UTC")'));
  return items;
}

/** The entry lines under "Thread overview:", up to the first blank line. */
function overviewLines(lines: string[], from: number): { lines: string[]; firstLine: number } | null {
  const heading = lines.findIndex((l, i) => i >= from && /^Thread overview: /.test(l));
  if (heading < 0) return null;
  let start = heading + 1;
  if (/^-- links below jump/.test(lines[start] ?? '')) start++;
  let end = start;
  while (end < lines.length && (lines[end] ?? '').trim() !== '') end++;
  return { lines: lines.slice(start, end), firstLine: start + 1 };
}

/** Body lines → parts, cut at public-inbox's "[-- Attachment #N … --]" markers. */
function splitAttachments(body: string[]): RebuiltPart[] {
  const parts: RebuiltPart[] = [];
  let current: RebuiltPart | null = null;
  let buffer: string[] = [];
  const flush = () => {
    const text = trimBlank(buffer).join('\n');
    if (current) parts.push({ ...current, text: `${text}\n` });
    else if (text.trim()) parts.push({ contentType: 'text/plain', filename: null, text: `${text}\n` });
    buffer = [];
  };
  for (let i = 0; i < body.length; i++) {
    const marker = ATTACHMENT.exec(body[i] ?? '');
    if (!marker) {
      buffer.push(body[i] ?? '');
      continue;
    }
    flush();
    const label = marker[2] ?? '';
    const inlineType = /^Type: ([^,]+)/.exec(label);
    let contentType = inlineType?.[1]?.trim() ?? 'text/plain';
    const filename = inlineType ? null : label.trim() || null;
    const typeLine = ATTACHMENT_TYPE.exec(body[i + 1] ?? '');
    if (typeLine) {
      contentType = typeLine[1]?.trim() ?? contentType;
      i++;
    }
    current = { contentType, filename, text: '' };
  }
  flush();
  return parts;
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function valueOf(headers: Array<[string, string]>, name: string): string | null {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? null;
}
