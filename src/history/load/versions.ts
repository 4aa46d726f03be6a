// The versions of a series (series lineage: v1 … vN) and what each did to the subject against
// the version before: first touched, changed, unchanged, or no longer touched.
import type { EntryVersion, MessageCitation, SubjectHunk } from '../types.js';
import { changedLines } from './hunk-text.js';
import { placeholders, type Reader } from './sql.js';

export interface SeriesRow {
  id: number;
  lineage: number;
  position: number;
  version: number;
  title: string;
  authorName: string | null;
  authorEmail: string | null;
  firstDate: string | null;
  coverMessageId: string | null;
}

/** The series of each lineage, in lineage order. */
export function seriesOfLineages(reader: Reader, lineages: number[]): Map<number, SeriesRow[]> {
  const out = new Map<number, SeriesRow[]>();
  if (lineages.length === 0) return out;
  const rows = reader.all<{ id: number; lineage: number; lineage_position: number; version: number; title: string;
    author_name: string | null; author_email: string | null; first_date: string | null; cover_message_id: string | null }>(
    `SELECT id, lineage, lineage_position, version, title, author_name, author_email, first_date, cover_message_id
     FROM series WHERE lineage IN (${placeholders(lineages.length)}) ORDER BY lineage, lineage_position, id`, lineages);
  for (const r of rows) {
    const list = out.get(r.lineage) ?? [];
    list.push({
      id: r.id, lineage: r.lineage, position: r.lineage_position, version: r.version, title: r.title,
      authorName: r.author_name, authorEmail: r.author_email, firstDate: r.first_date, coverMessageId: r.cover_message_id,
    });
    out.set(r.lineage, list);
  }
  return out;
}

export interface VersionInput {
  series: SeriesRow;
  /** The cover letter, else the first patch of the series. */
  message: MessageCitation | null;
  hunks: SubjectHunk[];
}

/** What each version did to the subject, compared by the changed lines of its hunks. */
export function compareVersions(inputs: VersionInput[]): EntryVersion[] {
  let previous: string | null = null;
  return inputs.map((v, i) => {
    const signature = changedLines(v.hunks).join('\n') + `\n${v.hunks.map((h) => `${h.additions}/${h.deletions}`).join(',')}`;
    const touched = v.hunks.length > 0;
    const change: EntryVersion['change'] = !touched ? 'not touched'
      : i === 0 || previous === null ? (i === 0 ? 'first' : 'changed')
        : signature === previous ? 'unchanged' : 'changed';
    previous = touched ? signature : null;
    return {
      version: v.series.version, date: v.series.firstDate, message: v.message, hunks: v.hunks.length,
      additions: v.hunks.reduce((n, h) => n + h.additions, 0), deletions: v.hunks.reduce((n, h) => n + h.deletions, 0), change,
    };
  });
}
