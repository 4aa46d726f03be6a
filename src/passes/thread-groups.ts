// Splitting the graph into groups that thread independently, so that threading never holds more
// than a few thousand messages in memory, however big the archive.
//
// Two messages share a group when anything threading looks at could put them in one thread:
// a References / In-Reply-To / overview link (either way), the same saved page (pages join their
// roots), or, for a headerless reply, a distinctive subject shared with a possible root (the
// subject fallback). Groups are unions of whole connected parts of that graph, so threading a
// group alone gives exactly what threading the whole archive gives for its messages.
//
// Only groups holding an unplaced row (thread IS NULL: new, filled, or next to a deleted message)
// are marked for threading: an unchanged part of the archive is not threaded again.
import type { DB } from '../store/open.js';
import { isDistinctive, isReplySubject, linksOf, subjectKey } from '../thread/index.js';
import { cached } from '../util/cached.js';
import { DisjointSets } from './disjoint-sets.js';
import { isThreadInput, THREAD_ROW_COLUMNS, toThreadInput, type ThreadRow } from './thread-rows.js';

/** Messages read per query while grouping: writes (new reference stubs) happen between pages. */
const PAGE = 4096;

export interface GroupPlan {
  /** Groups to thread, as ranges of group ids [first, last] of about `batchRows` rows each. */
  batches: Array<[number, number]>;
  groups: number;
  rows: number;
}

/**
 * Fills the temporary table `thread_groups(row, grp)` with the rows of every group that needs
 * threading (every group when `all`), and plans batches over it. Ids that messages link to but
 * the archive lacks get their 'reference' stub row here, so every node threading makes has a row.
 */
export function planThreadGroups(db: DB, options: { all?: boolean; batchRows?: number } = {}): GroupPlan {
  const sets = new DisjointSets();
  const present = new RowFlags();
  const unplaced = new RowFlags();
  const orphansByKey = new Map<string, number[]>();

  const idOf = db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck();
  const insertPlaceholder = db.prepare("INSERT OR IGNORE INTO messages(message_id, is_stub, stub_origin) VALUES (?, 1, 'reference')");
  // Replies name the same few ancestors again and again.
  const rowOf = cached((messageId: string): number => {
    let row = idOf.get(messageId) as number | undefined;
    if (row === undefined) {
      insertPlaceholder.run(messageId);
      row = idOf.get(messageId) as number;
      unplaced.set(row, 1);
      present.set(row, 1);
    }
    return row;
  }, 50_000);

  const page = db.prepare(`SELECT ${THREAD_ROW_COLUMNS}, m.thread IS NULL AS unplaced FROM messages m
      WHERE m.id > ? ORDER BY m.id LIMIT ${PAGE}`);
  for (let after = 0; ;) {
    const rows = page.all(after) as Array<ThreadRow & { unplaced: number }>;
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      present.set(row.id, 1);
      if (row.unplaced) unplaced.set(row.id, 1);
      if (!isThreadInput(row)) continue;
      const input = toThreadInput(row);
      const { chain, parent } = linksOf(input);
      for (const id of chain) sets.union(row.id, rowOf(id));
      if (parent !== null) sets.union(row.id, rowOf(parent));
      if (!input.stub && chain.length === 0 && parent === null && isReplySubject(input.subject)) {
        const key = subjectKey(input.subject);
        if (isDistinctive(key) && input.date && !Number.isNaN(Date.parse(input.date))) {
          orphansByKey.set(key, [...(orphansByKey.get(key) ?? []), row.id]);
        }
      }
    }
  }
  joinSubjectCandidates(db, sets, orphansByKey);
  joinPages(db, sets);
  return writeGroups(db, sets, present, unplaced, options);
}

/** A headerless reply may join any earlier root of the same subject: keep them together. */
function joinSubjectCandidates(db: DB, sets: DisjointSets, orphansByKey: Map<string, number[]>): void {
  if (orphansByKey.size === 0) return;
  const rows = db.prepare(`SELECT id, subject FROM messages
      WHERE subject IS NOT NULL AND date IS NOT NULL AND stub_origin IS NOT 'reference'`).raw().iterate() as Iterable<[number, string]>;
  for (const [row, subject] of rows) {
    if (isReplySubject(subject)) continue;
    const orphans = orphansByKey.get(subjectKey(subject));
    if (orphans) for (const orphan of orphans) sets.union(row, orphan);
  }
}

/** A saved page is one thread: its messages' roots are joined (thread-pass.ts, joinPageThreads). */
function joinPages(db: DB, sets: DisjointSets): void {
  const firstOfPage = new Map<number, number>();
  const rows = db.prepare(`SELECT ms.source, m.id FROM message_sources ms JOIN sources s ON s.id = ms.source AND s.format = 'page'
      JOIN messages m ON m.message_id = ms.message_id`).raw().iterate() as Iterable<[number, number]>;
  for (const [source, row] of rows) {
    const first = firstOfPage.get(source);
    if (first === undefined) firstOfPage.set(source, row);
    else sets.union(first, row);
  }
}

function writeGroups(db: DB, sets: DisjointSets, present: RowFlags, unplaced: RowFlags, options: { all?: boolean; batchRows?: number }): GroupPlan {
  const dirty = new RowFlags();
  for (let row = 1; row < present.length; row++) {
    if (present.get(row) && (options.all || unplaced.get(row))) dirty.set(sets.find(row), 1);
  }
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS thread_groups(row INTEGER PRIMARY KEY, grp INTEGER NOT NULL);
    DELETE FROM temp.thread_groups; DROP INDEX IF EXISTS temp.thread_groups_by_group;`);
  const insert = db.prepare('INSERT INTO temp.thread_groups(row, grp) VALUES (?, ?)');
  let rows = 0;
  for (let row = 1; row < present.length; row++) {
    if (!present.get(row)) continue;
    const group = sets.find(row);
    if (!dirty.get(group)) continue;
    insert.run(row, group);
    rows++;
  }
  db.exec('CREATE INDEX temp.thread_groups_by_group ON thread_groups(grp, row)');

  const batchRows = options.batchRows ?? 5000;
  const batches: Array<[number, number]> = [];
  let groups = 0;
  let open: [number, number, number] | null = null; // first group, last group, rows so far
  for (const [group, count] of db.prepare('SELECT grp, count(*) FROM temp.thread_groups GROUP BY grp ORDER BY grp').raw().iterate() as Iterable<[number, number]>) {
    groups++;
    if (open && open[2] + count > batchRows) {
      batches.push([open[0], open[1]]);
      open = null;
    }
    open = open ? [open[0], group, open[2] + count] : [group, group, count];
  }
  if (open) batches.push([open[0], open[1]]);
  return { batches, groups, rows };
}

/** A byte per row id, growing as row ids do. */
class RowFlags {
  private bytes = new Uint8Array(1024);
  get length(): number {
    return this.bytes.length;
  }
  get(row: number): number {
    return row < this.bytes.length ? this.bytes[row]! : 0;
  }
  set(row: number, value: number): void {
    if (row >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(row + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[row] = value;
  }
}
