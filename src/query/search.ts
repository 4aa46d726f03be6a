// `lorelab search`: full-text search over subjects and new prose (FTS5), with public-inbox-like
// prefixes for the common fields. Parsing is pure (parseSearch); running needs the database.
import type { DB } from '../store/open.js';
import { QueryError } from './named.js';
import { bareSymbol } from './params.js';

/** A parsed search: FTS5 terms plus field filters, all ANDed. */
export interface SearchQuery {
  /** Terms for subject + new prose, as FTS5 syntax (bare words pass through: OR, NOT, prefix*). */
  text: string[];
  /** s: terms, subject only. */
  subject: string[];
  /** f: substrings of the author's name or address. */
  from: string[];
  /** d:FROM..TO, either side optional, dates as YYYY-MM-DD (TO inclusive). */
  dateFrom: string | null;
  dateTo: string | null;
  /** dfn: substrings of a path a posted patch touches. */
  files: string[];
  /** fn: functions (or other symbols) a posted patch touches. */
  functions: string[];
}

export interface SearchHit {
  messageId: string;
  date: string | null;
  author: string | null;
  subject: string | null;
  /** Where the words were found in the new prose, matches in [brackets]. */
  snippet: string | null;
}

const PREFIXES = ['s', 'f', 'd', 'dfn', 'fn'] as const;
type Prefix = (typeof PREFIXES)[number];

/** Splits a query into tokens: "quoted phrases", prefix:value, prefix:"quoted value", words. */
export function parseSearch(input: string): SearchQuery {
  const query: SearchQuery = { text: [], subject: [], from: [], dateFrom: null, dateTo: null, files: [], functions: [] };
  if (typeof input !== 'string' || !input.trim()) throw new QueryError('empty search: give words, "a phrase" or s:/f:/d:/dfn:/fn: terms');
  const token = /(?:([a-z]+):)?(?:"([^"]*)"|(\S+))/gi;
  for (const m of input.matchAll(token)) {
    const prefix = m[1]?.toLowerCase();
    const quoted = m[2] !== undefined;
    const value = (m[2] ?? m[3] ?? '').trim();
    if (prefix && !(PREFIXES as readonly string[]).includes(prefix)) {
      // Not one of ours ("re:", "http:"): the whole token is a search term.
      query.text.push(phrase(m[0].replace(/"/g, '')));
      continue;
    }
    if (!value) throw new QueryError(`empty value after ${prefix ?? ''}: in ${JSON.stringify(m[0])}`);
    switch (prefix as Prefix | undefined) {
      case undefined: query.text.push(quoted || !isFtsWord(value) ? phrase(value) : value); break;
      case 's': query.subject.push(phrase(value)); break;
      case 'f': query.from.push(value.toLowerCase()); break;
      case 'dfn': query.files.push(value); break;
      case 'fn': query.functions.push(bareSymbol(value)); break;
      case 'd': readDateRange(value, query); break;
    }
  }
  return query;
}

/**
 * A bare word FTS5 takes as it is: letters, digits and '_', a prefix '*', grouping parentheses,
 * and the operators (OR, NOT, NEAR(…)). Anything else — 'fs/crypto/bio.c', 'do_no_page()',
 * 'mmap_sem-' — is searched as a phrase instead of failing as FTS5 syntax.
 */
function isFtsWord(word: string): boolean {
  return /^\(*[\p{L}\p{N}_]+\*?\)*$/u.test(word) || /^NEAR\(/.test(word);
}

function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readDateRange(value: string, query: SearchQuery): void {
  const [from, to, extra] = value.includes('..') ? value.split('..') : [value, value];
  const ok = (d: string | undefined) => d === '' || (d !== undefined && DAY.test(d) && !Number.isNaN(Date.parse(d)));
  if (extra !== undefined || !ok(from) || !ok(to) || (from === '' && to === '')) {
    throw new QueryError(`bad date range d:${value}: write d:YYYY-MM-DD..YYYY-MM-DD (either side may be left out)`);
  }
  query.dateFrom = from || null;
  query.dateTo = to || null;
}

export function search(db: DB, input: string, limit = 20): SearchHit[] {
  const q = parseSearch(input);
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: Math.max(1, Math.floor(limit) || 20) };
  const fts = [
    ...(q.text.length ? [`{subject prose} : (${q.text.join(' ')})`] : []),
    ...q.subject.map((s) => `subject : ${s}`),
  ];
  if (fts.length) {
    where.push('messages_fts MATCH @fts');
    params.fts = fts.join(' AND ');
  }
  q.from.forEach((f, i) => {
    where.push(`(lower(m.author_name) LIKE @from${i} OR m.author_email LIKE @from${i})`);
    params[`from${i}`] = `%${f}%`;
  });
  if (q.dateFrom) { where.push('m.date >= @dateFrom'); params.dateFrom = q.dateFrom; }
  if (q.dateTo) { where.push('m.date < @dateTo'); params.dateTo = nextDay(q.dateTo); }
  q.files.forEach((f, i) => {
    where.push(`EXISTS (SELECT 1 FROM patches p JOIN patch_files pf ON pf.patch = p.id
                 WHERE p.message_id = m.message_id AND p.origin <> 'quoted' AND pf.path LIKE @file${i})`);
    params[`file${i}`] = `%${f}%`;
  });
  q.functions.forEach((f, i) => {
    where.push(`EXISTS (SELECT 1 FROM patches p JOIN patch_files pf ON pf.patch = p.id JOIN hunks h ON h.patch_file = pf.id
                 JOIN hunk_symbols hs ON hs.hunk = h.id WHERE p.message_id = m.message_id AND p.origin <> 'quoted' AND hs.symbol = @fn${i})`);
    params[`fn${i}`] = f;
  });
  const sql = fts.length
    ? `SELECT m.message_id, m.date, m.author_name AS author, m.subject,
          snippet(messages_fts, 1, '[', ']', '…', 12) AS snippet
         FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
        WHERE ${where.join(' AND ')} ORDER BY bm25(messages_fts, 2.0, 1.0, 0.0), m.date LIMIT @limit`
    : `SELECT m.message_id, m.date, m.author_name AS author, m.subject, NULL AS snippet
         FROM messages m WHERE m.is_stub = 0 AND ${where.join(' AND ')} ORDER BY m.date, m.id LIMIT @limit`;
  try {
    const rows = db.prepare(sql).all(params) as Array<{ message_id: string; date: string | null; author: string | null; subject: string | null; snippet: string | null }>;
    return rows.map((r) => ({ messageId: r.message_id, date: r.date, author: r.author, subject: r.subject, snippet: r.snippet || null }));
  } catch (error) {
    const message = (error as Error).message;
    if (/fts5|syntax error|no such column|unterminated/i.test(message)) {
      throw new QueryError(`bad search query ${JSON.stringify(input)}: ${message} (quote words with special characters: "like-this")`);
    }
    throw error;
  }
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
