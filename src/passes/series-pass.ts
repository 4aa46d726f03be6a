// The series pass, run after threading: postings grouped into series, versions linked into
// lineages, and review trailers given in replies collected onto the patches they answer.
// Everything it writes is rebuilt from the graph each time, so re-running changes nothing.
import { authorKey, findSeries, type Series, type SeriesMessage } from '../patch/series/index.js';
import { DisjointSets } from './disjoint-sets.js';
import type { DB } from '../store/open.js';
import { collectReplyTrailers } from './reply-trailer-pass.js';

export interface SeriesPassSummary {
  series: number;
  /** Series with at least one version before or after them. */
  versioned: number;
  incomplete: number;
  /** Trailers stored from replies (one row per patch they apply to). */
  replyTrailers: number;
}

interface MessageRow {
  message_id: string;
  subject: string | null;
  author_email: string | null;
  author_name: string | null;
  date: string | null;
  parent_message_id: string | null;
  has_patch: number;
  change_ids: string | null;
  version_links: string | null;
}

/** Messages that may start or belong to a series: not replies, and tagged or carrying a diff. */
const CANDIDATE = `m.is_stub = 0 AND lower(COALESCE(m.subject, '')) NOT LIKE 're:%'
  AND (m.subject LIKE '%[%' OR EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted'))`;

/**
 * Candidates per bucket: one author's postings always share a bucket (see planBuckets). 5,000
 * rather than 20,000: the same time, and a lower peak, as less garbage piles up between
 * collections.
 */
const BUCKET_ROWS = 5_000;

/**
 * Everything series grouping and version linking relate is one author's work, save a Change-Id
 * shared by two authors (a series taken over). So candidates are put in buckets by author,
 * authors sharing a Change-Id together, and each bucket is grouped alone: memory is bounded by
 * the bucket, not the archive (every candidate of a large archive held at once took hundreds of
 * MB). Fills temp.series_rows(row, bucket); returns the number of buckets.
 */
function planBuckets(db: DB, bucketRows: number): number {
  const authors = new Map<string, number>();
  const changeIdAuthor = new Map<string, number>();
  const sets = new DisjointSets();
  const rows: number[] = [];
  const authorOfRow: number[] = [];
  const candidates = db.prepare(`SELECT m.id, m.author_email, m.author_name, m.change_ids
      FROM messages m WHERE ${CANDIDATE} ORDER BY m.id`).raw().iterate() as Iterable<[number, string | null, string | null, string | null]>;
  for (const [row, email, name, changeIds] of candidates) {
    const key = authorKey(email, name);
    let author = authors.get(key);
    if (author === undefined) authors.set(key, (author = authors.size));
    rows.push(row);
    authorOfRow.push(author);
    for (const changeId of jsonList(changeIds)) {
      const other = changeIdAuthor.get(changeId);
      if (other === undefined) changeIdAuthor.set(changeId, author);
      else sets.union(other, author);
    }
  }
  const size = new Map<number, number>();
  for (const author of authorOfRow) size.set(sets.find(author), (size.get(sets.find(author)) ?? 0) + 1);
  const bucketOf = new Map<number, number>();
  let bucket = 0;
  let filled = 0;
  for (const [group, count] of size) {
    if (filled > 0 && filled + count > bucketRows) {
      bucket++;
      filled = 0;
    }
    bucketOf.set(group, bucket);
    filled += count;
  }
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS series_rows(row INTEGER PRIMARY KEY, bucket INTEGER NOT NULL);
    DELETE FROM temp.series_rows; DROP INDEX IF EXISTS temp.series_rows_by_bucket;`);
  const insert = db.prepare('INSERT INTO temp.series_rows(row, bucket) VALUES (?, ?)');
  rows.forEach((row, i) => insert.run(row, bucketOf.get(sets.find(authorOfRow[i]!))!));
  db.exec('CREATE INDEX temp.series_rows_by_bucket ON series_rows(bucket, row)');
  return rows.length === 0 ? 0 : bucket + 1;
}

/** One bucket's candidates, in row order as the whole archive would give them. */
function loadSeriesMessages(db: DB, bucket: number): SeriesMessage[] {
  const rows = db.prepare(`SELECT m.message_id, m.subject, m.author_email, m.author_name, m.date, m.parent_message_id,
        m.change_ids, m.version_links,
        EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS has_patch
      FROM temp.series_rows t JOIN messages m ON m.id = t.row
      WHERE t.bucket = ? ORDER BY m.id`).all(bucket) as MessageRow[];
  return rows.map((r) => ({
    messageId: r.message_id,
    subject: r.subject,
    authorEmail: r.author_email,
    authorName: r.author_name,
    date: r.date,
    parentMessageId: r.parent_message_id,
    hasPatch: r.has_patch === 1,
    changeIds: jsonList(r.change_ids),
    linkedMessageIds: jsonList(r.version_links),
  }));
}

/** A JSON array column (NULL when empty). */
function jsonList(value: string | null): string[] {
  return value ? (JSON.parse(value) as string[]) : [];
}

function writeSeries(db: DB, series: readonly Series[], lineages: ReturnType<typeof findSeries>['lineages']): number {
  const insertSeries = db.prepare(`INSERT INTO series(lineage, lineage_position, author_name, author_email, title, version,
      part_total, tags, cover_message_id, change_id, first_date, last_date, parts_present, missing_parts, complete)
      VALUES (0, 0, @authorName, @authorEmail, @title, @version, @partTotal, @tags, @coverMessageId, @changeId,
      @firstDate, @lastDate, @partsPresent, @missingParts, @complete)`);
  const insertMember = db.prepare('INSERT OR IGNORE INTO series_messages(series, message_id, part, role) VALUES (?, ?, ?, ?)');
  const rowIds = series.map((s) => {
    const id = Number(insertSeries.run({
      ...s,
      tags: JSON.stringify(s.tags),
      partsPresent: new Set(s.parts.map((p) => p.part).filter((n) => n >= 1 && n <= s.partTotal)).size,
      missingParts: JSON.stringify(s.missingParts),
      complete: s.complete ? 1 : 0,
    }).lastInsertRowid);
    if (s.coverMessageId) insertMember.run(id, s.coverMessageId, 0, 'cover');
    for (const part of s.parts) insertMember.run(id, part.messageId, part.part, 'patch');
    return id;
  });
  const place = db.prepare('UPDATE series SET lineage = ?, lineage_position = ? WHERE id = ?');
  const link = db.prepare('INSERT INTO series_versions(series, previous, how) VALUES (?, ?, ?)');
  let versioned = 0;
  for (const lineage of lineages) {
    const ids = lineage.members.map((i) => rowIds[i]);
    if (ids.length > 1) versioned += ids.length;
    ids.forEach((id, position) => {
      place.run(ids[0], position + 1, id);
      const evidence = lineage.evidence[position];
      if (position > 0) link.run(id, ids[position - 1], evidence === 'lineage' ? 'lineage' : evidence.join(','));
    });
  }
  return versioned;
}

/**
 * Rebuilds series, series_messages, series_versions and the reply trailers (trailers.in_reply = 1)
 * from the graph. Run after `rebuildThreads` (it needs parents). Never throws on bad data.
 */
export function rebuildSeries(db: DB, options: { bucketRows?: number } = {}): SeriesPassSummary {
  return db.transaction(() => {
    db.exec('DELETE FROM series_versions; DELETE FROM series_messages; DELETE FROM series;');
    const summary: SeriesPassSummary = { series: 0, versioned: 0, incomplete: 0, replyTrailers: 0 };
    for (let bucket = 0, buckets = planBuckets(db, options.bucketRows ?? BUCKET_ROWS); bucket < buckets; bucket++) {
      const { series, lineages } = findSeries(loadSeriesMessages(db, bucket));
      summary.versioned += writeSeries(db, series, lineages);
      summary.series += series.length;
      summary.incomplete += series.filter((s) => !s.complete).length;
    }
    summary.replyTrailers = collectReplyTrailers(db);
    return summary;
  })();
}
