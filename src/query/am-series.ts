// What `lorelab am` hands to git am: the series a message belongs to (the message itself, a
// reply below it, or any version), its newest version (or the one asked for), that version's
// patches in part order and the review trailers replies gave them (trailers.in_reply = 1,
// collected by the series pass: a reply to the cover letter counts for every patch).
import { REVIEW_TRAILERS } from '../patch/series/index.js';
import type { DB } from '../store/open.js';
import { messageIdFromArgument } from '../util/message-id.js';
import { QueryError } from './named.js';

export interface AmPart {
  part: number;
  messageId: string;
  subject: string | null;
  /** 'inline' when the diff is in the mail's text; 'attachment' when only attached; null: no diff. */
  origin: string | null;
  /** "Reviewed-by: Name <mail>" lines, in the order they were given, without repeats. */
  trailers: string[];
}

export interface AmSeries {
  series: number;
  version: number;
  /** Versions of this series that lorelab knows (1 when it is the only one). */
  versions: number[];
  title: string;
  author: string | null;
  partTotal: number;
  coverMessageId: string | null;
  parts: AmPart[];
  missing: number[];
}

/** The series for `given` (any message of it or below it), newest version unless `version` says. */
export function seriesForAm(db: DB, given: string, version?: number): AmSeries {
  const id = messageIdFromArgument(given);
  const found = seriesOfMessage(db, id);
  if (found === null) {
    const known = db.prepare('SELECT 1 FROM messages WHERE message_id = ?').get(id);
    throw new QueryError(known ? `<${id}> belongs to no patch series (neither it nor a message above it is a patch or cover letter)` : `no message with Message-ID <${id}>`);
  }
  const lineage = db.prepare('SELECT lineage FROM series WHERE id = ?').pluck().get(found) as number;
  const all = db.prepare('SELECT id, version FROM series WHERE lineage = ? ORDER BY lineage_position').all(lineage) as Array<{ id: number; version: number }>;
  const chosen = version === undefined ? all[all.length - 1]! : all.filter((s) => s.version === version).pop();
  if (!chosen) throw new QueryError(`this series has no v${version}; lorelab knows ${all.map((s) => `v${s.version}`).join(', ')}`);
  const s = db.prepare('SELECT * FROM series WHERE id = ?').get(chosen.id) as {
    id: number; version: number; title: string; author_name: string | null; author_email: string | null;
    part_total: number; cover_message_id: string | null; missing_parts: string;
  };
  return {
    series: s.id,
    version: s.version,
    versions: all.map((v) => v.version),
    title: s.title,
    author: s.author_name ?? s.author_email,
    partTotal: s.part_total,
    coverMessageId: s.cover_message_id,
    parts: partsOf(db, s.id),
    missing: JSON.parse(s.missing_parts) as number[],
  };
}

/** The series of the message or of its nearest ancestor that is in one. */
function seriesOfMessage(db: DB, messageId: string): number | null {
  const inSeries = db.prepare('SELECT series FROM series_messages WHERE message_id = ? ORDER BY series DESC LIMIT 1').pluck();
  const parent = db.prepare('SELECT parent_message_id FROM messages WHERE message_id = ?').pluck();
  const seen = new Set<string>();
  for (let at: string | null = messageId; at && !seen.has(at) && seen.size < 1000; at = (parent.get(at) as string | null | undefined) ?? null) {
    const series = inSeries.get(at) as number | undefined;
    if (series !== undefined) return series;
    seen.add(at);
  }
  return null;
}

function partsOf(db: DB, series: number): AmPart[] {
  // A part sent twice (a resend within the posting): the later copy.
  const rows = db.prepare(`SELECT sm.part, sm.message_id, m.subject,
        (SELECT CASE WHEN sum(p.origin = 'inline') > 0 THEN 'inline' ELSE max(p.origin) END
           FROM patches p WHERE p.message_id = sm.message_id AND p.origin <> 'quoted') AS origin
      FROM series_messages sm JOIN messages m ON m.message_id = sm.message_id
      WHERE sm.series = ? AND sm.role = 'patch' ORDER BY sm.part, m.date`).all(series) as Array<{ part: number; message_id: string; subject: string | null; origin: string | null }>;
  const byPart = new Map<number, (typeof rows)[number]>();
  for (const row of rows) byPart.set(row.part, row);
  const names = [...REVIEW_TRAILERS].map(() => '?').join(', ');
  const trailers = db.prepare(`SELECT t.name, t.value FROM trailers t JOIN patches p ON p.id = t.patch
      WHERE p.message_id = ? AND p.origin <> 'quoted' AND t.in_reply = 1 AND t.name IN (${names}) ORDER BY t.id`);
  return [...byPart.values()].map((row) => {
    const given = trailers.all(row.message_id, ...REVIEW_TRAILERS) as Array<{ name: string; value: string }>;
    return {
      part: row.part,
      messageId: row.message_id,
      subject: row.subject,
      origin: row.origin,
      trailers: [...new Set(given.map((t) => `${t.name}: ${t.value}`))],
    };
  });
}
