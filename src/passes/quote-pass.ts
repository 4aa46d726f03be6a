// Quote attribution after threading: whose words each quote block of a reply holds, and from
// which message. It needs the thread (the ancestors' authors), so it cannot run in the analysis
// worker; it runs once per ingest over the replies whose quotes are not attributed yet.
//
// Incremental: the writer lists in quote_pending every message it (re)writes with quoted lines
// (and deletes its old quote rows), so the pass reads exactly what is new or changed, without a
// scan of the archive. Replies to those are redone too, since their parent's author may have
// just become known (a filled stub).
import { attributeQuotes, type Ancestor } from '../mail/quotes/index.js';
import { parseAttributionText, segmentTexts, type Segment, type SegmentKind } from '../mail/segment/index.js';
import type { DB } from '../store/open.js';
import { unpackSegments } from '../store/segment-layout.js';
import type { SegmentRow } from '../store/types.js';
import { cached } from '../util/cached.js';

export interface QuotePassSummary {
  /** Replies attributed in this pass. */
  messages: number;
  quotes: number;
  /** Quote blocks whose author stayed unknown (recorded in ingest_errors). */
  unresolved: number;
}

/** How far up the thread ancestry is read: deeper quotes than this are never attributed by depth. */
const MAX_ANCESTRY = 32;
/** Replies read from the to-do table per query (writes happen between pages). */
const PAGE = 1000;

export function attributePendingQuotes(db: DB): QuotePassSummary {
  // The replies to attribute are listed in a temporary table, not in memory: on a first ingest
  // that is nearly every reply of the archive. The replies the writer marked (stored with quoted
  // lines since the last pass), then the already attributed replies whose parent is among them.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS quote_todo(message_id TEXT PRIMARY KEY) WITHOUT ROWID;
    DELETE FROM temp.quote_todo;
    INSERT OR IGNORE INTO temp.quote_todo SELECT message_id FROM quote_pending;
    INSERT OR IGNORE INTO temp.quote_todo SELECT m.message_id FROM temp.quote_todo t JOIN messages m ON m.parent_message_id = t.message_id
      WHERE EXISTS (SELECT 1 FROM quotes q WHERE q.message_id = m.message_id AND q.ordinal = 1);
    DROP TABLE IF EXISTS temp.quote_order;
    CREATE TEMP TABLE quote_order AS SELECT t.message_id, m.id FROM temp.quote_todo t JOIN messages m ON m.message_id = t.message_id
      ORDER BY m.thread, m.thread_position;`);
  const summary: QuotePassSummary = { messages: 0, quotes: 0, unresolved: 0 };
  // In thread order, so that the ancestors a reply needs were just read for its parent (the
  // cache below then holds them: 100,000 synthetic messages, the pass 6.5 → see README).
  // With each reply: its row id (its body is read by it), whether it already has quote rows to
  // replace (not on a first ingest) and whether it quotes a diff (few do): asked here in one
  // query, not by a statement each per reply.
  const nextPage = db.prepare(`SELECT o.rowid, o.message_id, o.id,
      EXISTS (SELECT 1 FROM quotes q WHERE q.message_id = o.message_id) AS had_quotes,
      EXISTS (SELECT 1 FROM patches p WHERE p.message_id = o.message_id AND p.origin = 'quoted') AS quotes_a_diff
    FROM temp.quote_order o WHERE o.rowid > ? ORDER BY o.rowid LIMIT ${PAGE}`).raw();

  const bodyOf = db.prepare('SELECT body, segments FROM message_bodies WHERE id = ?');
  const messageRow = db.prepare('SELECT message_id, parent_message_id, author_name, author_email, date FROM messages WHERE message_id = ?');
  const personByEmail = db.prepare('SELECT id FROM people WHERE email = ?').pluck();
  const personByName = db.prepare('SELECT DISTINCT person FROM person_names WHERE name = ? COLLATE NOCASE LIMIT 2').pluck();
  const deleteQuotes = db.prepare('DELETE FROM quotes WHERE message_id = ?');
  // A quoted diff is evidence from the message its quote block comes from (same '>' depth).
  const linkQuotedPatches = db.prepare(`UPDATE patches SET quoted_message_id = (
      SELECT q.quoted_message_id FROM quotes q WHERE q.message_id = patches.message_id AND q.depth = patches.quoted_depth
       AND q.quoted_message_id IS NOT NULL ORDER BY q.ordinal LIMIT 1)
    WHERE message_id = ? AND origin = 'quoted'`);
  const insertQuote = db.prepare(`INSERT INTO quotes(message_id, ordinal, depth, quoted_author_name, quoted_author, quoted_message_id,
      attribution, quoted_text, reply_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const recordProblem = db.prepare(`INSERT INTO ingest_errors(source, locator, message_id, stage, error, at)
      VALUES (COALESCE((SELECT s.path FROM message_sources ms JOIN sources s ON s.id = ms.source WHERE ms.message_id = ?
                        ORDER BY ms.is_primary DESC LIMIT 1), '(quotes)'), ?, ?, 'thread', ?, ?)
      ON CONFLICT(source, locator, stage, error) DO NOTHING`);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  type Row = { message_id: string; parent_message_id: string | null; author_name: string | null; author_email: string | null; date: string | null };
  const row = cached((id: string): Row | null => (messageRow.get(id) as Row | undefined) ?? null, 20_000); // nearby ancestors
  const ancestryOf = (messageId: string): Ancestor[] => {
    const ancestry: Ancestor[] = [];
    const seen = new Set([messageId]);
    let parent = row(messageId)?.parent_message_id ?? null;
    while (parent && !seen.has(parent) && ancestry.length < MAX_ANCESTRY) {
      seen.add(parent);
      const r = row(parent);
      ancestry.push({ messageId: parent, authorName: r?.author_name ?? null, authorEmail: r?.author_email ?? null, date: r?.date ?? null });
      parent = r?.parent_message_id ?? null;
    }
    return ancestry;
  };
  const personOf = (name: string | null, email: string | null): number | null => {
    if (email) return (personByEmail.get(email.toLowerCase()) as number | undefined) ?? null;
    if (!name) return null;
    const ids = personByName.all(name) as number[];
    return ids.length === 1 ? ids[0]! : null; // two people of that name: not guessed
  };

  type Reply = [rowid: number, messageId: string, id: number, hadQuotes: number, quotesADiff: number];
  for (let page = nextPage.all(0) as Reply[]; page.length > 0; page = nextPage.all(page[page.length - 1]![0]) as Reply[]) {
    for (const [, messageId, id, hadQuotes, quotesADiff] of page) attribute(messageId, id, hadQuotes === 1, quotesADiff === 1);
  }
  db.exec('DELETE FROM quote_pending');
  return summary;

  function attribute(messageId: string, id: number, hadQuotes: boolean, quotesADiff: boolean): void {
    const stored = bodyOf.get(id) as { body: string; segments: string | null } | undefined;
    const rows = unpackSegments(stored?.segments);
    const segments = storedSegments(rows, segmentTexts(stored?.body ?? '', rows));
    const result = attributeQuotes({ messageId, text: '' }, ancestryOf(messageId), segments);
    if (hadQuotes) deleteQuotes.run(messageId);
    for (const q of result.quotes) {
      insertQuote.run(messageId, q.ordinal, q.depth, q.quotedAuthorName, personOf(q.quotedAuthorName, q.quotedAuthorEmail),
        q.quotedMessageId, q.attribution, q.quotedText, q.replyText);
      if (q.resolution === 'unresolved') summary.unresolved++;
    }
    for (const problem of result.problems) recordProblem.run(messageId, `message-id=${messageId}`, messageId, `quotes: ${problem}`, now);
    if (quotesADiff) linkQuotedPatches.run(messageId);
    summary.messages++;
    summary.quotes += result.quotes.length;
  }
}

/**
 * Segments as the writer stored them (with their texts rebuilt from the body), back in the shape
 * attributeQuotes reads. The segment ordinal stands in for line numbers, as it always has here;
 * attributions are parsed again from their text (cheap: no remark here).
 */
function storedSegments(rows: SegmentRow[], texts: string[]): Segment[] {
  return rows.map((r, i) => {
    const text = texts[i] ?? '';
    const ordinal = i + 1;
    const segment: Segment = { kind: r.kind as SegmentKind, depth: r.depth, text, lineStart: ordinal, lineEnd: ordinal };
    // Stored with its line breaks: an Outlook header block is read line by line, a wrapped
    // "On …, X wrote:" as one line (parseAttributionText does both).
    if (r.kind === 'attribution') segment.attribution = parseAttributionText(text) ?? { name: null, email: null, dateText: null };
    return segment;
  });
}
