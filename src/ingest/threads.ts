// Threading over the whole graph after each ingest: read every message's parent candidates,
// let the thread stage build the trees, write parents, depths, positions and thread rows.
// Referenced messages that are not in the archive become 'reference' stubs, so trees are whole.
import type { DB } from '../store/open.js';
import { threadMessages, type ThreadInput } from './thread-core.js';

export function rebuildThreads(db: DB): { threads: number; problems: string[] } {
  const nodes = loadNodes(db);
  const known = new Set(nodes.map((n) => n.messageId));
  const result = threadMessages(nodes);

  const insertStub = db.prepare("INSERT OR IGNORE INTO messages(message_id, is_stub, stub_origin) VALUES (?, 1, 'reference')");
  for (const placeholder of result.placeholders) if (!known.has(placeholder)) insertStub.run(placeholder);

  db.prepare('UPDATE messages SET thread = NULL').run();
  db.prepare('DELETE FROM threads').run();
  const insertThread = db.prepare(`INSERT INTO threads(root_message_id, subject, first_date, last_date, message_count,
    stub_count, participant_count, patch_count) VALUES (?, ?, ?, ?, 0, 0, 0, 0)`);
  const threadIds = new Map<string, number>();
  for (const thread of result.threads) {
    threadIds.set(thread.rootMessageId, Number(insertThread.run(thread.rootMessageId, thread.subject, thread.firstDate, thread.lastDate).lastInsertRowid));
  }
  const place = db.prepare('UPDATE messages SET parent_message_id = ?, thread = ?, depth = ?, thread_position = ? WHERE message_id = ?');
  for (const message of result.messages) {
    place.run(message.parentMessageId, threadIds.get(message.rootMessageId) ?? null, message.depth, message.position, message.messageId);
  }
  db.exec(`UPDATE threads SET
      message_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id),
      stub_count = (SELECT count(*) FROM messages m WHERE m.thread = threads.id AND m.is_stub = 1),
      participant_count = (SELECT count(DISTINCT COALESCE(m.author, m.author_name)) FROM messages m
                            WHERE m.thread = threads.id AND COALESCE(m.author, m.author_name) IS NOT NULL),
      patch_count = (SELECT count(*) FROM patches p JOIN messages m ON m.message_id = p.message_id
                      WHERE m.thread = threads.id AND p.origin <> 'quoted'),
      first_date = (SELECT min(date) FROM messages m WHERE m.thread = threads.id),
      last_date = (SELECT max(date) FROM messages m WHERE m.thread = threads.id)`);
  return { threads: result.threads.length, problems: result.problems };
}

function loadNodes(db: DB): ThreadInput[] {
  const rows = db
    .prepare(`SELECT m.message_id, m.subject, m.date, m.is_stub, m.in_reply_to,
        (SELECT json_group_array(ref_message_id) FROM (SELECT ref_message_id FROM message_references r
           WHERE r.message_id = m.message_id AND r.kind = 'references' ORDER BY ordinal)) AS refs,
        (SELECT ref_message_id FROM message_references r WHERE r.message_id = m.message_id AND r.kind = 'overview') AS overview_parent,
        (SELECT min(ms.source) FROM message_sources ms JOIN sources s ON s.id = ms.source
           WHERE ms.message_id = m.message_id AND s.format = 'page') AS page_source
      FROM messages m ORDER BY m.id`)
    .all() as Array<{ message_id: string; subject: string | null; date: string | null; is_stub: number; in_reply_to: string | null;
      refs: string; overview_parent: string | null; page_source: number | null }>;
  return rows.map((row) => ({
    messageId: row.message_id,
    subject: row.subject,
    date: row.date,
    isStub: row.is_stub === 1,
    inReplyTo: row.in_reply_to,
    references: JSON.parse(row.refs) as string[],
    knownParent: row.overview_parent,
    // A saved page shows one thread: the roots it shows (a missing parent, an overview
    // entry without parent, the page's own messages) belong together.
    overviewGroup: row.page_source !== null ? `page:${row.page_source}` : null,
  }));
}
