// Threading after each ingest that changed the graph. The graph is split into groups that thread
// independently (thread-groups.ts); each group holding a new or changed message is threaded
// alone, in batches of a few thousand rows, and its rows get parents, depths, positions and a
// thread. Memory stays bounded by the largest thread, not by the archive, and an unchanged part
// of the archive is neither threaded again nor rewritten. A thread's id is its root's row id
// (messages.id), so a thread keeps its id while others come and go.
// Ids that are named but not in the archive are 'reference' stubs, so trees are whole; loops
// and self-references that were cut are recorded in ingest_errors.
import type { DB } from '../store/open.js';
import { threadMessages, type ThreadedMessage } from '../thread/index.js';
import { planThreadGroups } from './thread-groups.js';
import { isThreadInput, THREAD_ROW_COLUMNS, toThreadInput, type ThreadRow } from './thread-rows.js';

export interface ThreadPassSummary {
  /** Groups threaded (parts of the graph holding something new), their rows, and their threads. */
  groups: number;
  rows: number;
  threads: number;
  /** Problems recorded in ingest_errors (loops cut, self-references, subject joins). */
  problems: number;
}

export interface ThreadPassOptions {
  /** Thread every group, changed or not (same result; it only takes longer). */
  all?: boolean;
  /** Rows read and threaded per step. */
  batchRows?: number;
}

export function rebuildThreads(db: DB, options: ThreadPassOptions = {}): ThreadPassSummary {
  return db.transaction(() => rebuildThreadsNow(db, options))();
}

interface GroupRow extends ThreadRow {
  grp: number;
  author: string | number | null;
  has_patch: number;
  page_source: number | null;
  parent_message_id: string | null;
  thread: number | null;
  depth: number | null;
  thread_position: number | null;
}

type Place = [parent: string | null, thread: number | null, depth: number | null, position: number | null];

function rebuildThreadsNow(db: DB, options: ThreadPassOptions): ThreadPassSummary {
  const plan = planThreadGroups(db, options);
  const summary: ThreadPassSummary = { groups: plan.groups, rows: plan.rows, threads: 0, problems: 0 };
  const sql = statements(db);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  // Threads are re-pointed while messages still name the old ones: checked at commit instead.
  db.pragma('defer_foreign_keys = ON');

  for (const [first, last] of plan.batches) {
    const rows = sql.batch.all(first, last) as GroupRow[];
    const moves: Array<{ row: number; place: Place }> = [];
    const threads = new Map<number, string>();
    for (let from = 0; from < rows.length;) {
      let to = from + 1;
      while (to < rows.length && rows[to]!.grp === rows[from]!.grp) to++;
      const group = rows.slice(from, to);
      from = to;

      const nodes = group.filter(isThreadInput).map((row) =>
        toThreadInput(row, { author: row.author === null ? null : String(row.author), hasPatch: row.has_patch === 1 }));
      const pageOf = new Map<string, number>();
      for (const row of group) if (row.page_source !== null) pageOf.set(row.message_id, row.page_source);
      const result = threadMessages(nodes);

      const byId = new Map(group.map((row) => [row.message_id, row]));
      // Every id threading links to got its row while grouping; should one lack it, it gets it here.
      const rowIdOf = (messageId: string): number =>
        byId.get(messageId)?.id ?? (sql.insertStub.run(messageId), sql.idOf.get(messageId) as number);
      const unplaced = new Map(byId);
      for (const m of joinPageThreads(result.messages, pageOf)) {
        const thread = rowIdOf(m.rootMessageId);
        threads.set(thread, m.rootMessageId);
        const placeNow: Place = [m.parentMessageId, thread, m.depth, m.position];
        const row = unplaced.get(m.messageId);
        unplaced.delete(m.messageId);
        if (!row) moves.push({ row: rowIdOf(m.messageId), place: placeNow });
        else if (row.parent_message_id !== placeNow[0] || row.thread !== placeNow[1] || row.depth !== placeNow[2]
          || row.thread_position !== placeNow[3]) moves.push({ row: row.id, place: placeNow });
      }
      // Rows threading did not place (a 'reference' stub nobody names any more) keep no thread.
      for (const row of unplaced.values()) {
        if (row.thread !== null) moves.push({ row: row.id, place: [row.parent_message_id, null, null, null] });
      }

      const recorded = result.problems.filter((p) => p.kind === 'loop-cut' || p.kind === 'self-reference' || p.kind === 'subject-join');
      for (const p of recorded) sql.recordProblem.run(p.messageId, `message-id=${p.messageId}`, p.messageId, `${p.kind}: ${p.detail}`, now);
      summary.problems += recorded.length;
    }
    for (const [id, root] of threads) sql.upsertThread.run(id, root);
    // In row order, so each table page is written once (in thread order the writes hopped over
    // the table, and the updates were markedly slower).
    moves.sort((a, b) => a.row - b.row);
    for (const { row, place } of moves) sql.place.run(...place, row);
    for (const id of threads.keys()) sql.summarize.run(id);
    summary.threads += threads.size;
  }
  // Threads left without messages: their root now lies in another thread, or is gone.
  db.exec('DELETE FROM threads WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread = threads.id)');
  return summary;
}

function statements(db: DB) {
  // Which saved page showed a message: only when the graph holds pages at all (a lookup per
  // row otherwise, for an answer that is always none on git and mbox archives).
  const hasPages = db.prepare("SELECT EXISTS (SELECT 1 FROM sources WHERE format = 'page')").pluck().get() === 1;
  const pageSource = hasPages
    ? `(SELECT min(ms.source) FROM message_sources ms JOIN sources s ON s.id = ms.source
           WHERE ms.message_id = m.message_id AND s.format = 'page')`
    : 'NULL';
  return {
    batch: db.prepare(`SELECT g.grp, ${THREAD_ROW_COLUMNS},
        COALESCE(m.author, m.author_name) AS author,
        EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS has_patch,
        ${pageSource} AS page_source,
        m.parent_message_id, m.thread, m.depth, m.thread_position
      FROM temp.thread_groups g JOIN messages m ON m.id = g.row
      WHERE g.grp BETWEEN ? AND ? ORDER BY g.grp, g.row`),
    insertStub: db.prepare("INSERT OR IGNORE INTO messages(message_id, is_stub, stub_origin) VALUES (?, 1, 'reference')"),
    idOf: db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck(),
    place: db.prepare('UPDATE messages SET parent_message_id = ?, thread = ?, depth = ?, thread_position = ? WHERE id = ?'),
    upsertThread: db.prepare(`INSERT INTO threads(id, root_message_id) VALUES (?, ?)
        ON CONFLICT(id) DO UPDATE SET root_message_id = excluded.root_message_id`),
    summarize: db.prepare(`UPDATE threads SET
        subject = (SELECT subject FROM messages m WHERE m.thread = threads.id AND subject IS NOT NULL ORDER BY thread_position LIMIT 1),
        message_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id),
        stub_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id AND m.is_stub = 1),
        participant_count = (SELECT count(DISTINCT COALESCE(m.author, m.author_name)) FROM messages m
                              WHERE m.thread = threads.id AND COALESCE(m.author, m.author_name) IS NOT NULL),
        patch_count = (SELECT count(*) FROM patches p JOIN messages m ON m.message_id = p.message_id
                        WHERE m.thread = threads.id AND p.origin <> 'quoted'),
        first_date = (SELECT min(date) FROM messages m WHERE m.thread = threads.id),
        last_date = (SELECT max(date) FROM messages m WHERE m.thread = threads.id)
      WHERE id = ?`),
    recordProblem: db.prepare(`INSERT INTO ingest_errors(source, locator, message_id, stage, error, at)
        VALUES (COALESCE((SELECT s.path FROM message_sources ms JOIN sources s ON s.id = ms.source WHERE ms.message_id = ?
                          ORDER BY ms.is_primary DESC LIMIT 1), '(threading)'), ?, ?, 'thread', ?, ?)
        ON CONFLICT(source, locator, stage, error) DO NOTHING`),
  };
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
