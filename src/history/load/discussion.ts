// Messages in which people discuss the subject in their own new words: a prose mention (the
// mail stage already leaves quotes, diffs and signatures out of `mentions.place = 'prose'`)
// that is not a robot's report and not a pasted build log or stack trace, or a thread-starting
// subject that names it. Each comes with the words that name it, for the reader.
import { segmentTexts } from '../../mail/segment/index.js';
import { unpackSegments } from '../../store/segment-layout.js';
import type { SubjectKind } from '../types.js';
import { isReport } from './bots.js';
import { blocksFromBody } from './prose.js';
import { spellings } from './select.js';
import { placeholders, type Reader } from './sql.js';

export interface Discussion {
  messageId: string;
  authorName: string | null;
  authorEmail: string | null;
  date: string | null;
  subject: string | null;
  where: 'prose' | 'subject';
  /** The paragraph of new prose that names the subject (empty for a subject mention). */
  excerpt: string;
}

/** Compiler diagnostics, kernel log lines, stack frames, build-robot tables: logs, not prose. */
const LOG_LINE = [
  /\S+\.[chS]:\d+(:\d+)?:/, // file.c:12:5: error / warning / note
  /^\s*\[\s*\d+\.\d+\]/, // dmesg timestamps
  /\+0x[0-9a-f]+\/0x[0-9a-f]+/, // stack frames
  /^\s*(RIP|Call Trace|Code|CPU|Hardware name|Workqueue|Modules linked in):/,
  /\b(undefined reference to|[Ii]n function|implicit declaration of function|multiple definition of)\b/,
  /^\s*(ld|ERROR|WARNING|make\[\d+\]):/,
  /^\s*\|[\s^~]/, /^\s*\^~*\s*$/,
  /^\s*#syz\b/,
  /^\s*\S+\s+\|\s+\d+ ?[+-]*\s*$/, // diffstat
];

/** 'Eric Biggers (3):' heads a shortlog: a list of commit titles, not discussion. */
const SHORTLOG_HEAD = /^\S.*\(\d+\):\s*$/;

export function isLogLine(line: string): boolean {
  return LOG_LINE.some((re) => re.test(line));
}

/** Matches a name of the subject in text; for a text search, any of its words. */
export function subjectMatcher(kind: SubjectKind, names: string[]): RegExp {
  const bare = kind === 'file' || kind === 'directory' ? names
    : kind === 'text' ? names.flatMap((n) => n.replace(/["()*]/g, ' ').split(/\s+/)).filter((w) => /\w/.test(w) && !/^(AND|OR|NOT|NEAR)$/.test(w))
      : [...new Set(names.map((n) => n.replace(/^->/, '').replace(/^struct\s+/, '').replace(/\(\)$/, '')))];
  const escaped = bare.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\w/])(?:${escaped.join('|')})(?![\\w])`, kind === 'text' ? 'i' : '');
}

interface MessageRow {
  message_id: string; author_name: string | null; author_email: string | null; date: string | null;
  subject: string | null; body: string | null; segments: string | null;
}

function prosePieces(row: MessageRow): string[] {
  const segments = unpackSegments(row.segments);
  if (segments.length > 0) {
    const texts = segmentTexts(row.body ?? '', segments);
    return segments.flatMap((s, i) => (s.kind === 'prose' && s.depth === 0 ? (texts[i] ?? '').split(/\n\s*\n/) : []));
  }
  return blocksFromBody(row.body ?? '').flatMap((b) => (b.kind === 'prose' && b.depth === 0 ? b.text.split(/\n\s*\n/) : []));
}

/** The first paragraph that names the subject on a line that is not a log line, cut to 6 lines. */
export function ownWordsNaming(paragraphs: string[], matcher: RegExp): string | null {
  for (const para of paragraphs) {
    const lines = para.split('\n');
    if (SHORTLOG_HEAD.test(lines[0])) continue;
    const at = lines.findIndex((l) => matcher.test(l) && !isLogLine(l));
    if (at < 0) continue;
    const logLines = lines.filter(isLogLine).length;
    if (logLines * 2 > lines.length) continue; // a pasted log with a stray line of it
    const from = Math.max(0, Math.min(at - 2, lines.length - 6));
    return lines.slice(from, from + 6).join('\n').trim();
  }
  return null;
}

function candidates(reader: Reader, kind: SubjectKind, query: string, names: string[]): Array<{ id: string; place: string }> {
  if (kind === 'text') {
    if (!reader.filled('messages_fts')) return [];
    return reader.all<{ message_id: string }>(
      `SELECT m.message_id FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? ORDER BY m.message_id`,
      [query]).map((r) => ({ id: r.message_id, place: 'prose' }));
  }
  if (kind === 'file' || kind === 'directory') {
    const like = `${query.replace(/\/$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    return reader.all<{ message_id: string; place: string }>(
      `SELECT DISTINCT message_id, place FROM mentions WHERE kind = 'file' AND place IN ('prose', 'subject')
       AND ${kind === 'directory' ? "symbol LIKE ? ESCAPE '\\'" : 'symbol = ?'} ORDER BY message_id, place`,
      [kind === 'directory' ? like : query]).map((r) => ({ id: r.message_id, place: r.place }));
  }
  const all = [...new Set(names.flatMap(spellings))];
  return reader.all<{ message_id: string; place: string }>(
    `SELECT DISTINCT message_id, place FROM mentions WHERE symbol IN (${placeholders(all.length)})
     AND place IN ('prose', 'subject') ORDER BY message_id, place`, all).map((r) => ({ id: r.message_id, place: r.place }));
}

export function findDiscussions(reader: Reader, kind: SubjectKind, query: string, names: string[]): Discussion[] {
  const found = candidates(reader, kind, query, names);
  const matcher = subjectMatcher(kind, names);
  const out: Discussion[] = [];
  const ids = [...new Set(found.map((f) => f.id))];
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500);
    const rows = reader.all<MessageRow>(
      `SELECT m.message_id, m.author_name, m.author_email, m.date, m.subject, b.body, b.segments
       FROM messages m LEFT JOIN message_bodies b ON b.id = m.id WHERE m.message_id IN (${placeholders(page.length)})
       ORDER BY m.message_id`, page);
    for (const row of rows) {
      if (isReport({ name: row.author_name, email: row.author_email, subject: row.subject })) continue;
      const base = { messageId: row.message_id, authorName: row.author_name, authorEmail: row.author_email, date: row.date, subject: row.subject };
      const excerpt = ownWordsNaming(prosePieces(row), matcher);
      if (excerpt !== null) out.push({ ...base, where: 'prose', excerpt });
      else if (found.some((f) => f.id === row.message_id && f.place === 'subject') && !/^\s*(re|aw|fwd?)\s*:/i.test(row.subject ?? '')) {
        out.push({ ...base, where: 'subject', excerpt: '' });
      }
    }
  }
  return out;
}
