// Everything `lorelab show` prints about one message, as plain data.
import type { DB } from '../store/open.js';
import type { RaceEvidence } from '../store/types.js';
import { QueryError, findQuery, runNamedQuery } from './named.js';
import { messageIdFromArgument } from '../util/message-id.js';
import { patchOutcome, scannedRepos, type Outcome } from './landed.js';

export interface ShownMessage {
  messageId: string;
  stub: boolean;
  syntheticId: boolean;
  subject: string | null;
  author: string | null;
  email: string | null;
  date: string | null;
  inReplyTo: string | null;
  thread: { root: string; subject: string | null; messages: number; depth: number | null; position: number | null; parent: string | null; replies: string[] } | null;
  sources: Array<{ source: string; locator: string }>;
  patches: Array<{
    ordinal: number;
    origin: string;
    name: string | null;
    patchId: string | null;
    repaired: boolean;
    problems: string[];
    files: Array<{ path: string; status: string; additions: number; deletions: number; functions: Array<{ name: string; kind: string; how: string; hunks: number }> }>;
    trailers: Array<{ name: string; value: string }>;
    /** Which race models this patch: the answers of queries/patch-races.sql, one per link. */
    races: string[];
    /** The same links with the changed lines where each race lives (empty when none). */
    raceEvidence: Array<{ scenario: string; how: string; evidence: RaceEvidence[] }>;
    /** Where it landed upstream (patch_landed); null for quoted copies or when no repository was scanned. */
    outcome: Outcome | null;
  }>;
  /** Each quote block of this reply: whose words, from which message, and the answer beneath. */
  quotes: Array<{ ordinal: number; depth: number; author: string | null; email: string | null; quotedMessageId: string | null; attribution: string | null; quotedText: string; replyText: string | null }>;
  body: string | null;
}

export function showMessage(db: DB, messageId: string): ShownMessage {
  const id = messageIdFromArgument(messageId);
  const m = db.prepare('SELECT m.*, b.body FROM messages m LEFT JOIN message_bodies b ON b.id = m.id WHERE m.message_id = ?').get(id) as Record<string, any> | undefined;
  if (!m) {
    const near = db.prepare("SELECT message_id FROM messages WHERE message_id LIKE ? ORDER BY message_id LIMIT 5").all(`%${id.slice(0, 12)}%`) as Array<{ message_id: string }>;
    throw new QueryError(`no message with Message-ID <${id}>${near.length ? `; similar: ${near.map((n) => n.message_id).join(', ')}` : ''}`);
  }
  const thread = m.thread
    ? (db.prepare('SELECT root_message_id, subject, message_count FROM threads WHERE id = ?').get(m.thread) as Record<string, any>)
    : null;
  const replies = (db.prepare('SELECT message_id FROM messages WHERE parent_message_id = ? ORDER BY thread_position').all(id) as Array<{ message_id: string }>).map((r) => r.message_id);
  const sources = db
    .prepare('SELECT s.path AS source, ms.locator FROM message_sources ms JOIN sources s ON s.id = ms.source WHERE ms.message_id = ? ORDER BY ms.is_primary DESC, ms.id')
    .all(id) as Array<{ source: string; locator: string }>;
  const raceAnswers = runNamedQuery(db, findQuery('patch-races'), { message_id: id });
  const repos = scannedRepos(db);
  const patches = (db.prepare('SELECT * FROM patches WHERE message_id = ? ORDER BY ordinal').all(id) as Array<Record<string, any>>).map((p) => ({
    ordinal: p.ordinal as number,
    origin: p.origin as string,
    name: (p.attachment_name ?? p.subject) as string | null,
    patchId: p.patch_id as string | null,
    repaired: p.repaired === 1,
    problems: p.problems ? (JSON.parse(p.problems) as string[]) : [],
    files: (db.prepare('SELECT * FROM patch_files WHERE patch = ? ORDER BY ordinal').all(p.id) as Array<Record<string, any>>).map((f) => ({
      path: f.path as string,
      status: f.status as string,
      additions: f.additions as number,
      deletions: f.deletions as number,
      functions: db
        .prepare(`SELECT s.symbol AS name, s.kind, group_concat(DISTINCT s.how) AS how, count(*) AS hunks
                  FROM hunks h JOIN hunk_symbols s ON s.hunk = h.id WHERE h.patch_file = ?
                  GROUP BY s.symbol, s.kind ORDER BY min(h.ordinal), s.symbol`)
        .all(f.id) as Array<{ name: string; kind: string; how: string; hunks: number }>,
    })),
    trailers: db.prepare('SELECT name, value FROM trailers WHERE patch = ? ORDER BY id').all(p.id) as Array<{ name: string; value: string }>,
    races: raceAnswers
      .filter((row) => row.patch === p.ordinal)
      .map((row) => String(row.answer)),
    raceEvidence: raceAnswers
      .filter((row) => row.patch === p.ordinal && row.scenario !== null)
      .map((row) => ({ scenario: String(row.scenario), how: String(row.how), evidence: row.evidence ? (JSON.parse(String(row.evidence)) as RaceEvidence[]) : [] })),
    outcome: p.origin === 'quoted' ? null : patchOutcome(db, p.id as number, repos),
  }));
  const quotes = db
    .prepare(`SELECT q.ordinal, q.depth, q.quoted_author_name AS author, p.email, q.quoted_message_id AS quotedMessageId,
        q.attribution, q.quoted_text AS quotedText, q.reply_text AS replyText
      FROM quotes q LEFT JOIN people p ON p.id = q.quoted_author WHERE q.message_id = ? ORDER BY q.ordinal`)
    .all(id) as ShownMessage['quotes'];
  return {
    messageId: id,
    stub: m.is_stub === 1,
    syntheticId: m.synthetic_id === 1,
    subject: m.subject,
    author: m.author_name,
    email: m.author_email,
    date: m.date,
    inReplyTo: m.in_reply_to,
    thread: thread
      ? { root: thread.root_message_id, subject: thread.subject, messages: thread.message_count, depth: m.depth, position: m.thread_position, parent: m.parent_message_id, replies }
      : null,
    sources,
    patches,
    quotes,
    body: m.body,
  };
}
