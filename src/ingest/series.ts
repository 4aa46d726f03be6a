// The series pass, run after threading: postings grouped into series, versions linked into
// lineages, and review trailers given in replies collected onto the patches they answer.
// Everything it writes is rebuilt from the graph each time, so re-running changes nothing.
import { changeIdsIn, findSeries, linkedMessageIdsIn, type Series, type SeriesMessage } from '../patch/series/index.js';
import type { DB } from '../store/open.js';
import { collectReplyTrailers } from './reply-trailers.js';

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
  body: string | null;
}

/** Messages that may start or belong to a series: not replies, and tagged or carrying a diff. */
function loadSeriesMessages(db: DB): SeriesMessage[] {
  const rows = db.prepare(`SELECT m.message_id, m.subject, m.author_email, m.author_name, m.date, m.parent_message_id, b.body,
        EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted') AS has_patch
      FROM messages m LEFT JOIN message_bodies b ON b.id = m.id
      WHERE m.is_stub = 0 AND lower(COALESCE(m.subject, '')) NOT LIKE 're:%'
        AND (m.subject LIKE '%[%' OR EXISTS (SELECT 1 FROM patches p WHERE p.message_id = m.message_id AND p.origin <> 'quoted'))
      ORDER BY m.id`).iterate() as Iterable<MessageRow>;
  // Iterated, so that only one body at a time is held: what is kept of it is its facts.
  return Array.from(rows, (r) => ({
    messageId: r.message_id,
    subject: r.subject,
    authorEmail: r.author_email,
    authorName: r.author_name,
    date: r.date,
    parentMessageId: r.parent_message_id,
    hasPatch: r.has_patch === 1,
    changeIds: changeIdsIn(r.body),
    linkedMessageIds: linkedMessageIdsIn(r.body),
  }));
}

function writeSeries(db: DB, series: readonly Series[], lineages: ReturnType<typeof findSeries>['lineages']): number {
  db.exec('DELETE FROM series_versions; DELETE FROM series_messages; DELETE FROM series;');
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
export function rebuildSeries(db: DB): SeriesPassSummary {
  const messages = loadSeriesMessages(db);
  const { series, lineages } = findSeries(messages);
  return db.transaction(() => {
    const versioned = writeSeries(db, series, lineages);
    const replyTrailers = collectReplyTrailers(db);
    return { series: series.length, versioned, incomplete: series.filter((s) => !s.complete).length, replyTrailers };
  })();
}
