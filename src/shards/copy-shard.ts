// Copies what the inputs of one shard stored into the merged database, as the writer would have
// stored it had the shard's messages come after those already there: new row ids in the shard's
// own order, people and sources joined by their natural keys, a Message-ID already stored kept
// as one more copy (message_sources) and nothing else. What the passes after the inputs wrote
// (thread placement, reference stubs, quotes, reply trailers, series, links, 'thread' problems)
// is not copied: the merged database runs those passes itself over the whole graph.
import type { DB } from '../store/open.js';
import { SHARD_META, type ShardInfo } from './layout.js';

export interface CopySummary {
  messages: number;
  /** Message-IDs this shard holds that an earlier shard already stored: kept as copies. */
  duplicates: Array<{ messageId: string; locator: string; storedAt: string | null }>;
  duplicateCount: number;
  /** Messages earlier shards stored that this shard's epoch removes ('d' blobs): deleted. */
  deleted: number;
}

/** Duplicates listed one by one per shard; the rest are counted. */
const LISTED = 20;

/** `deleteMessage`: the writer's, so a deletion here is what the ingest's would have been. */
export function copyShard(db: DB, shard: ShardInfo, deleteMessage: (messageId: string) => boolean): CopySummary {
  db.prepare('ATTACH DATABASE ? AS s').run(shard.file);
  try {
    return db.transaction(() => {
      const copied = copyAttached(db, shard);
      // The epoch's removals of messages it does not hold itself: they came from earlier epochs.
      // Applied after the epoch's own messages are in, so that a removed row's id is not given
      // again (one database reading the epoch removes it among them, usually after).
      const removed = JSON.parse((db.prepare('SELECT value FROM s.meta WHERE key = ?').pluck().get(SHARD_META.deletions) as string | undefined) ?? '[]') as string[];
      const held = db.prepare('SELECT 1 FROM s.messages WHERE message_id = ? AND is_stub = 0');
      const deleted = removed.filter((id) => !held.get(id) && deleteMessage(id)).length;
      return { ...copied, deleted };
    })();
  } finally {
    db.exec('DETACH DATABASE s');
  }
}

function copyAttached(db: DB, shard: ShardInfo): Omit<CopySummary, 'deleted'> {
  db.exec(`
    DROP TABLE IF EXISTS temp.src_map; DROP TABLE IF EXISTS temp.person_map; DROP TABLE IF EXISTS temp.incoming;
    CREATE TEMP TABLE src_map(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
    CREATE TEMP TABLE person_map(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
    CREATE TEMP TABLE incoming(old INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE);
`);
  copySources(db, shard);
  copyPeople(db);

  // Full messages (and overview stubs) not stored yet, in the shard's order: the order its inputs came in.
  db.exec(`INSERT INTO temp.incoming(old, message_id)
    SELECT m.id, m.message_id FROM s.messages m
     WHERE (m.is_stub = 0 OR m.stub_origin = 'overview')
       AND NOT EXISTS (SELECT 1 FROM main.messages x WHERE x.message_id = m.message_id)
     ORDER BY m.id`);
  const duplicateCount = db.prepare(`SELECT count(*) FROM s.messages m WHERE m.is_stub = 0
      AND EXISTS (SELECT 1 FROM main.messages x WHERE x.message_id = m.message_id)`).pluck().get() as number;
  const duplicates = db.prepare(`SELECT m.message_id AS messageId,
        (SELECT c.locator FROM s.message_sources c WHERE c.message_id = m.message_id ORDER BY c.is_primary DESC, c.id LIMIT 1) AS locator,
        (SELECT c.locator FROM main.message_sources c WHERE c.message_id = m.message_id AND c.is_primary = 1 LIMIT 1) AS storedAt
      FROM s.messages m WHERE m.is_stub = 0 AND EXISTS (SELECT 1 FROM main.messages x WHERE x.message_id = m.message_id)
      ORDER BY m.id LIMIT ${LISTED}`).all() as CopySummary['duplicates'];

  // Row ids as one database reading this epoch after the earlier ones gives them: the next id
  // after those stored, and the shard's own gaps (messages it removed) kept, less the rows not
  // copied (copies of messages stored already, reference stubs) — see idMap.
  idMap(db, 'msg_map', 's.messages', 'SELECT old FROM temp.incoming', maxId(db, 'main.messages'));
  db.exec(`
    INSERT INTO main.messages(id, message_id, is_stub, stub_origin, synthetic_id, subject, author, author_name, author_email, date,
        date_raw, in_reply_to, list_id, content_hash, notes, change_ids, version_links)
      SELECT mm.new, m.message_id, m.is_stub, m.stub_origin, m.synthetic_id, m.subject, pm.new, m.author_name, m.author_email, m.date,
        m.date_raw, m.in_reply_to, m.list_id, m.content_hash, m.notes, m.change_ids, m.version_links
      FROM temp.msg_map mm JOIN s.messages m ON m.id = mm.old LEFT JOIN temp.person_map pm ON pm.old = m.author
      ORDER BY mm.old;
    INSERT INTO main.message_bodies(id, segments, body)
      SELECT mm.new, b.segments, b.body FROM temp.msg_map mm JOIN s.message_bodies b ON b.id = mm.old ORDER BY mm.new;
    INSERT INTO main.messages_fts(rowid, subject, prose, author)
      SELECT mm.new, f.subject, f.prose, f.author FROM temp.msg_map mm JOIN s.messages_fts f ON f.rowid = mm.old ORDER BY mm.new;

    INSERT OR IGNORE INTO main.message_sources(id, message_id, source, locator, is_primary)
      SELECT c.id + ${maxId(db, 'main.message_sources')}, c.message_id, sm.new, c.locator,
             CASE WHEN EXISTS (SELECT 1 FROM main.messages x WHERE x.message_id = c.message_id)
                   AND NOT EXISTS (SELECT 1 FROM temp.incoming i WHERE i.message_id = c.message_id) THEN 0 ELSE c.is_primary END
      FROM s.message_sources c JOIN temp.src_map sm ON sm.old = c.source ORDER BY c.id;

    INSERT OR IGNORE INTO main.message_references(message_id, ordinal, ref_message_id, kind)
      SELECT r.message_id, r.ordinal, r.ref_message_id, r.kind FROM s.message_references r
      WHERE r.message_id IN (SELECT message_id FROM temp.incoming) ORDER BY r.rowid;
    INSERT OR IGNORE INTO main.attachments(message_id, ordinal, filename, content_type, size)
      SELECT a.message_id, a.ordinal, a.filename, a.content_type, a.size FROM s.attachments a
      WHERE a.message_id IN (SELECT message_id FROM temp.incoming) ORDER BY a.rowid;
    INSERT OR IGNORE INTO main.pull_requests(message_id, repository, branch, base_commit, head_commit)
      SELECT p.message_id, p.repository, p.branch, p.base_commit, p.head_commit FROM s.pull_requests p
      WHERE p.message_id IN (SELECT message_id FROM temp.incoming) ORDER BY p.rowid;
    INSERT OR IGNORE INTO main.mentions(message_id, symbol, kind, place, count)
      SELECT n.message_id, n.symbol, n.kind, n.place, n.count FROM s.mentions n
      WHERE n.message_id IN (SELECT message_id FROM temp.incoming) ORDER BY n.rowid;
    INSERT OR IGNORE INTO main.review_trailers(message_id, ordinal, name, value, person_name, person_email)
      SELECT t.message_id, t.ordinal, t.name, t.value, t.person_name, t.person_email FROM s.review_trailers t
      WHERE t.message_id IN (SELECT message_id FROM temp.incoming) ORDER BY t.rowid;`);

  // patches.id is AUTOINCREMENT: the next id follows the highest ever given, removed or not.
  const patchBase = mainSequence(db, 'patches');
  idMap(db, 'patch_map', 's.patches', 'SELECT p.id FROM s.patches p WHERE p.message_id IN (SELECT message_id FROM temp.incoming)', patchBase);
  db.exec(`
    INSERT INTO main.patches(id, message_id, ordinal, origin, attachment_name, subject, author_name, author_email, patch_id,
        series_version, part, part_total, tags, files_changed, insertions, deletions, repaired, problems, quoted_depth, raw)
      SELECT pm.new, p.message_id, p.ordinal, p.origin, p.attachment_name, p.subject, p.author_name, p.author_email, p.patch_id,
        p.series_version, p.part, p.part_total, p.tags, p.files_changed, p.insertions, p.deletions, p.repaired, p.problems,
        p.quoted_depth, p.raw
      FROM temp.patch_map pm JOIN s.patches p ON p.id = pm.old ORDER BY p.id;`);
  setSequence(db, 'patches', patchBase + shardSequence(db, 'patches') - notCopied(db, 's.patches', 'patch_map'));
  idMap(db, 'file_map', 's.patch_files', 'SELECT f.id FROM s.patch_files f JOIN temp.patch_map pm ON pm.old = f.patch', maxId(db, 'main.patch_files'));
  db.exec(`
    INSERT INTO main.patch_files(id, patch, ordinal, old_path, new_path, path, status, additions, deletions, old_blob, new_blob, binary)
      SELECT fm.new, pm.new, f.ordinal, f.old_path, f.new_path, f.path, f.status, f.additions, f.deletions, f.old_blob, f.new_blob, f.binary
      FROM temp.file_map fm JOIN s.patch_files f ON f.id = fm.old JOIN temp.patch_map pm ON pm.old = f.patch ORDER BY f.id;`);
  idMap(db, 'hunk_map', 's.hunks', 'SELECT h.id FROM s.hunks h JOIN temp.file_map fm ON fm.old = h.patch_file', maxId(db, 'main.hunks'));
  db.exec(`
    INSERT INTO main.hunks(id, patch_file, ordinal, old_start, old_lines, new_start, new_lines, header, additions, deletions)
      SELECT hm.new, fm.new, h.ordinal, h.old_start, h.old_lines, h.new_start, h.new_lines, h.header, h.additions, h.deletions
      FROM temp.hunk_map hm JOIN s.hunks h ON h.id = hm.old JOIN temp.file_map fm ON fm.old = h.patch_file ORDER BY h.id;
    INSERT OR IGNORE INTO main.hunk_symbols(hunk, symbol, kind, change, how, confidence)
      SELECT hm.new, y.symbol, y.kind, y.change, y.how, y.confidence FROM s.hunk_symbols y JOIN temp.hunk_map hm ON hm.old = y.hunk
      ORDER BY y.rowid;
    INSERT OR IGNORE INTO main.symbol_renames(patch, path, old_name, new_name, similarity)
      SELECT pm.new, r.path, r.old_name, r.new_name, r.similarity FROM s.symbol_renames r JOIN temp.patch_map pm ON pm.old = r.patch
      ORDER BY r.rowid;
    -- Trailers written in the patches themselves; those given in replies are the series pass's.`);
  idMap(db, 'trailer_map', 's.trailers',
    'SELECT t.id FROM s.trailers t WHERE t.in_reply = 0 AND t.message_id IN (SELECT message_id FROM temp.incoming)', maxId(db, 'main.trailers'));
  db.exec(`
    INSERT INTO main.trailers(id, message_id, patch, name, value, person_name, person_email, in_reply)
      SELECT tm.new, t.message_id, pm.new, t.name, t.value, t.person_name, t.person_email, 0
      FROM temp.trailer_map tm JOIN s.trailers t ON t.id = tm.old LEFT JOIN temp.patch_map pm ON pm.old = t.patch ORDER BY t.id;

    -- Every reply with quoted lines, as the writer lists them (src/store/writer.ts): the quote
    -- pass attributes them again, now that their parents in other epochs are known.
    INSERT OR IGNORE INTO main.quote_pending(message_id)
      SELECT i.message_id FROM temp.incoming i JOIN temp.msg_map mm ON mm.old = i.old JOIN main.message_bodies b ON b.id = mm.new
      WHERE EXISTS (SELECT 1 FROM json_each(b.segments) j WHERE (j.value ->> 1) > 0 AND (j.value ->> 0) <> 'attribution');`);

  // Problems with the input ('thread' ones are the passes', made again here).
  db.prepare(`INSERT INTO main.ingest_errors(source, locator, message_id, stage, error, at)
      SELECT CASE WHEN e.source = ? THEN ? ELSE e.source END, e.locator, e.message_id, e.stage, e.error, e.at
      FROM s.ingest_errors e WHERE e.stage <> 'thread' ORDER BY e.id
      ON CONFLICT(source, locator, stage, error) DO NOTHING`).run(shard.epochDir, shard.inbox);

  const messages = db.prepare('SELECT count(*) FROM temp.incoming').pluck().get() as number;
  return { messages, duplicates, duplicateCount };
}

/**
 * A shard's source is its epoch (`inbox/git/N.git`); a one-database ingest of the inbox has one
 * source, the inbox, whose locators already name the epoch (`epoch=N commit=… blob=…`) and
 * whose cursor holds every epoch's newest commit. The epochs are joined into that row.
 */
function copySources(db: DB, shard: ShardInfo): void {
  type Source = { id: number; path: string; format: string; fingerprint: string | null; last_commit: string | null; ingested_at: string };
  const rows = db.prepare('SELECT id, path, format, fingerprint, last_commit, ingested_at FROM s.sources ORDER BY id').all() as Source[];
  const byPath = db.prepare('SELECT id, last_commit FROM main.sources WHERE path = ?');
  const insert = db.prepare('INSERT INTO main.sources(path, format, fingerprint, last_commit, ingested_at) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE main.sources SET last_commit = ?, ingested_at = max(ingested_at, ?) WHERE id = ?');
  const map = db.prepare('INSERT INTO temp.src_map(old, new) VALUES (?, ?)');
  for (const row of rows) {
    const isEpoch = row.path === shard.epochDir;
    const path = isEpoch ? shard.inbox : row.path;
    const existing = byPath.get(path) as { id: number; last_commit: string | null } | undefined;
    if (existing) {
      update.run(joinCursors(existing.last_commit, row.last_commit), row.ingested_at, existing.id);
      map.run(row.id, existing.id);
    } else {
      const id = Number(insert.run(path, isEpoch ? 'public-inbox-v2' : row.format, row.fingerprint, row.last_commit, row.ingested_at).lastInsertRowid);
      map.run(row.id, id);
    }
  }
}

function joinCursors(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return JSON.stringify({ ...(JSON.parse(a) as object), ...(JSON.parse(b) as object) });
}

/**
 * People by address, as the writer finds them: new addresses in the shard's order, and the
 * display name the shard saw last (its messages come after those stored). People known by name
 * only join the one person of that name, when there is exactly one (src/store/people.ts).
 */
function copyPeople(db: DB): void {
  db.exec(`
    INSERT INTO main.people(email, name)
      SELECT p.email, p.name FROM s.people p
      WHERE p.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.people q WHERE q.email = p.email) ORDER BY p.id;
    UPDATE main.people AS q SET name = (SELECT p.name FROM s.people p WHERE p.email = q.email)
      WHERE q.email IN (SELECT email FROM s.people WHERE email IS NOT NULL AND name IS NOT NULL);
    INSERT INTO temp.person_map(old, new) SELECT p.id, q.id FROM s.people p JOIN main.people q ON q.email = p.email;`);
  const nameOnly = db.prepare('SELECT id, name FROM s.people WHERE email IS NULL ORDER BY id').all() as Array<{ id: number; name: string | null }>;
  const byName = db.prepare('SELECT DISTINCT person FROM main.person_names WHERE name = ? COLLATE NOCASE LIMIT 2').pluck();
  const insert = db.prepare('INSERT INTO main.people(email, name) VALUES (NULL, ?)');
  const map = db.prepare('INSERT INTO temp.person_map(old, new) VALUES (?, ?)');
  for (const person of nameOnly) {
    const found = person.name ? (byName.all(person.name) as number[]) : [];
    map.run(person.id, found.length === 1 ? found[0]! : Number(insert.run(person.name).lastInsertRowid));
  }
  db.exec(`INSERT OR IGNORE INTO main.person_names(person, name)
    SELECT pm.new, n.name FROM s.person_names n JOIN temp.person_map pm ON pm.old = n.person ORDER BY n.rowid`);
}

/**
 * temp.NAME(old, new): the shard's rows that `copied` selects, numbered as one database would
 * number them after `base`: the shard's id, less the rows before it that are not copied (their
 * ids one database never gave). The shard's gaps (rows it removed) stay gaps, as they would.
 */
function idMap(db: DB, name: string, table: string, copied: string, base: number): void {
  db.exec(`DROP TABLE IF EXISTS temp.${name};
    CREATE TEMP TABLE ${name}(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
    DROP TABLE IF EXISTS temp.copied_rows;
    CREATE TEMP TABLE copied_rows(id INTEGER PRIMARY KEY);
    INSERT INTO temp.copied_rows ${copied};
    INSERT INTO temp.${name}(old, new)
      SELECT old, new FROM (
        SELECT x.id AS old, c.id IS NOT NULL AS copied,
               ${base} + x.id - sum(CASE WHEN c.id IS NULL THEN 1 ELSE 0 END) OVER (ORDER BY x.id ROWS UNBOUNDED PRECEDING) AS new
        FROM ${table} x LEFT JOIN temp.copied_rows c ON c.id = x.id)
      WHERE copied;`);
}

function maxId(db: DB, table: string): number {
  return (db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null) ?? 0;
}

function mainSequence(db: DB, table: string): number {
  const seq = (db.prepare('SELECT seq FROM main.sqlite_sequence WHERE name = ?').pluck().get(table) as number | undefined) ?? 0;
  return Math.max(seq, maxId(db, `main.${table}`));
}

function shardSequence(db: DB, table: string): number {
  const seq = (db.prepare('SELECT seq FROM s.sqlite_sequence WHERE name = ?').pluck().get(table) as number | undefined) ?? 0;
  return Math.max(seq, maxId(db, `s.${table}`));
}

/** Rows of a shard table its map leaves out. */
function notCopied(db: DB, table: string, map: string): number {
  return db.prepare(`SELECT count(*) FROM ${table} x WHERE x.id NOT IN (SELECT old FROM temp.${map})`).pluck().get() as number;
}

function setSequence(db: DB, table: string, value: number): void {
  const changed = db.prepare('UPDATE main.sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(value, table).changes;
  if (changed === 0) db.prepare('INSERT INTO main.sqlite_sequence(name, seq) VALUES (?, ?)').run(table, value);
}
