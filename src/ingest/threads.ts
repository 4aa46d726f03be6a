// Threading over the whole graph after each ingest: read every message's parent candidates,
// let the thread stage build the trees, write parents, depths, positions and thread rows.
// Referenced messages that are not in the archive become 'reference' stubs, so trees are whole;
// loops and self-references that were cut are recorded in ingest_errors.
import type { DB } from '../store/open.js';
import { threadMessages, type ThreadInput, type ThreadedMessage } from '../thread/index.js';

export function rebuildThreads(db: DB): { threads: number; problems: number } {
  return db.transaction(() => rebuildThreadsNow(db))();
}

function rebuildThreadsNow(db: DB): { threads: number; problems: number } {
  const { nodes, pageOf } = loadNodes(db);
  const result = threadMessages(nodes);
  const messages = joinPageThreads(result.messages, pageOf);

  const insertStub = db.prepare("INSERT OR IGNORE INTO messages(message_id, is_stub, stub_origin) VALUES (?, 1, 'reference')");
  for (const m of messages) if (m.kind === 'placeholder') insertStub.run(m.messageId);

  // Only rows whose place changed are rewritten, and in row order, so each table page is
  // written once (in thread order the writes hopped over the table: 100,000 synthetic messages,
  // 3.0 s → 2.2 s of updates).
  // Thread ids are given in the same order every time, so an unchanged graph rewrites nothing.
  const stored = new Map<string, { row: number; place: string }>();
  for (const r of db.prepare('SELECT id, message_id, parent_message_id, thread, depth, thread_position FROM messages').raw().iterate()) {
    const [row, messageId, ...placeNow] = r as [number, string, string | null, number | null, number | null, number | null];
    stored.set(messageId, { row, place: JSON.stringify(placeNow) });
  }
  // Thread rows are replaced while messages still point at them: checked at commit instead.
  db.pragma('defer_foreign_keys = ON');
  db.prepare('DELETE FROM threads').run();
  const insertThread = db.prepare('INSERT INTO threads(id, root_message_id) VALUES (?, ?)');
  const threadIds = new Map<string, number>();
  const moves: Array<{ row: number; place: [string | null, number | null, number | null, number | null] }> = [];
  for (const m of messages) {
    let thread = threadIds.get(m.rootMessageId);
    if (thread === undefined) {
      thread = threadIds.size + 1;
      insertThread.run(thread, m.rootMessageId);
      threadIds.set(m.rootMessageId, thread);
    }
    const placeNow: [string | null, number | null, number | null, number | null] = [m.parentMessageId, thread, m.depth, m.position];
    const before = stored.get(m.messageId);
    if (before && before.place !== JSON.stringify(placeNow)) moves.push({ row: before.row, place: placeNow });
    stored.delete(m.messageId);
  }
  // Rows the threading did not place (none expected) keep no stale thread.
  for (const { row, place } of stored.values()) {
    const [parent, thread] = JSON.parse(place) as [string | null, number | null];
    if (thread !== null) moves.push({ row, place: [parent, null, null, null] });
  }
  const place = db.prepare('UPDATE messages SET parent_message_id = ?, thread = ?, depth = ?, thread_position = ? WHERE id = ?');
  moves.sort((a, b) => a.row - b.row);
  for (const { row, place: placeNow } of moves) place.run(...placeNow, row);
  db.exec(`UPDATE threads SET
      subject = (SELECT subject FROM messages m WHERE m.thread = threads.id AND subject IS NOT NULL ORDER BY thread_position LIMIT 1),
      message_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id),
      stub_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id AND m.is_stub = 1),
      participant_count = (SELECT count(DISTINCT COALESCE(m.author, m.author_name)) FROM messages m
                            WHERE m.thread = threads.id AND COALESCE(m.author, m.author_name) IS NOT NULL),
      patch_count = (SELECT count(*) FROM patches p JOIN messages m ON m.message_id = p.message_id
                      WHERE m.thread = threads.id AND p.origin <> 'quoted'),
      first_date = (SELECT min(date) FROM messages m WHERE m.thread = threads.id),
      last_date = (SELECT max(date) FROM messages m WHERE m.thread = threads.id)`);

  const recordProblem = db.prepare(`INSERT INTO ingest_errors(source, locator, message_id, stage, error, at)
      VALUES (COALESCE((SELECT s.path FROM message_sources ms JOIN sources s ON s.id = ms.source WHERE ms.message_id = ?
                        ORDER BY ms.is_primary DESC LIMIT 1), '(threading)'), ?, ?, 'thread', ?, ?)
      ON CONFLICT(source, locator, stage, error) DO NOTHING`);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const recorded = result.problems.filter((p) => p.kind === 'loop-cut' || p.kind === 'self-reference' || p.kind === 'subject-join');
  for (const p of recorded) recordProblem.run(p.messageId, `message-id=${p.messageId}`, p.messageId, `${p.kind}: ${p.detail}`, now);
  return { threads: threadIds.size, problems: recorded.length };
}

function loadNodes(db: DB): { nodes: ThreadInput[]; pageOf: Map<string, number> } {
  const rows = db
    .prepare(`SELECT m.message_id, m.subject, m.date, m.is_stub, m.stub_origin, m.in_reply_to, COALESCE(m.author, m.author_name) AS author,
        EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS has_patch,
        (SELECT json_group_array(ref_message_id) FROM (SELECT ref_message_id FROM message_references r
           WHERE r.message_id = m.message_id AND r.kind = 'references' ORDER BY ordinal)) AS refs,
        (SELECT ref_message_id FROM message_references r WHERE r.message_id = m.message_id AND r.kind = 'overview') AS overview_parent,
        (SELECT min(ms.source) FROM message_sources ms JOIN sources s ON s.id = ms.source
           WHERE ms.message_id = m.message_id AND s.format = 'page') AS page_source
      FROM messages m WHERE m.stub_origin IS NOT 'reference' ORDER BY m.id`)
    .iterate() as Iterable<{ message_id: string; subject: string | null; date: string | null; is_stub: number; stub_origin: string | null;
      in_reply_to: string | null; author: string | number | null; has_patch: number; refs: string; overview_parent: string | null;
      page_source: number | null }>;
  const pageOf = new Map<string, number>();
  const nodes = Array.from(rows, (row): ThreadInput => {
    if (row.page_source !== null) pageOf.set(row.message_id, row.page_source);
    const stub = row.is_stub === 1;
    const references = JSON.parse(row.refs) as string[];
    // A filled-in stub whose own headers name no parent keeps the place the overview showed.
    const headerless = !row.in_reply_to && references.length === 0;
    return {
      messageId: row.message_id,
      subject: row.subject,
      date: row.date,
      inReplyTo: !stub && headerless ? row.overview_parent : row.in_reply_to,
      references,
      stub,
      parentMessageId: stub ? row.overview_parent : undefined,
      author: row.author === null ? null : String(row.author),
      hasPatch: row.has_patch === 1,
    };
  });
  return { nodes, pageOf };
}

/**
 * A saved page shows one thread: public-inbox's overview may list several roots (a missing
 * parent, an earlier series), which belong to the thread the page is about. Later roots'
 * trees join the thread of the page's first root, keeping their own shape.
 */
function joinPageThreads(messages: ThreadedMessage[], pageOf: Map<string, number>): ThreadedMessage[] {
  const pageOfRoot = new Map<string, number>();
  for (const m of messages) {
    const page = pageOf.get(m.messageId);
    if (page !== undefined && !pageOfRoot.has(m.rootMessageId)) pageOfRoot.set(m.rootMessageId, page);
  }
  const threadOfPage = new Map<number, string>();
  const rootRename = new Map<string, string>();
  for (const m of messages) {
    if (m.depth !== 0) continue;
    const page = pageOfRoot.get(m.rootMessageId);
    if (page === undefined) continue;
    const first = threadOfPage.get(page);
    if (first === undefined) threadOfPage.set(page, m.rootMessageId);
    else if (first !== m.rootMessageId) rootRename.set(m.rootMessageId, first);
  }
  if (rootRename.size === 0) return messages;
  const next = new Map<string, number>();
  for (const m of messages) next.set(m.rootMessageId, Math.max(next.get(m.rootMessageId) ?? 0, m.position + 1));
  const offset = new Map<string, number>();
  return messages.map((m) => {
    const target = rootRename.get(m.rootMessageId);
    if (!target) return m;
    if (!offset.has(m.rootMessageId)) {
      offset.set(m.rootMessageId, next.get(target) ?? 0);
      next.set(target, (next.get(target) ?? 0) + (next.get(m.rootMessageId) ?? 0));
    }
    return { ...m, rootMessageId: target, position: m.position + offset.get(m.rootMessageId)! };
  });
}
