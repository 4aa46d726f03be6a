// The patches that touch a subject: for a function, struct or macro the hunks whose symbols
// name it (under every name of its lineage); for a file or directory the hunks of its files.
// Quoted diffs are someone quoting a patch, not a patch, and never count.
import type { SubjectKind } from '../types.js';
import { spellings } from './select.js';
import { placeholders, type Reader } from './sql.js';

export interface HunkRef {
  hunk: number;
  path: string;
  /** patch_files.ordinal and hunks.ordinal, from 1: where the hunk sits in patches.raw. */
  fileOrdinal: number;
  hunkOrdinal: number;
  header: string | null;
  additions: number;
  deletions: number;
}

export interface Touch {
  patch: number;
  messageId: string;
  subject: string | null;
  authorName: string | null;
  authorEmail: string | null;
  date: string | null;
  version: number;
  part: number | null;
  partTotal: number | null;
  /** The names (or paths) it touches, as stored. */
  names: string[];
  hunks: HunkRef[];
}

interface Row {
  patch: number; message_id: string; subject: string | null; author_name: string | null; author_email: string | null;
  date: string | null; version: number | null; part: number | null; part_total: number | null; name: string;
  hunk: number; path: string; file_ordinal: number; hunk_ordinal: number; header: string | null; additions: number; deletions: number;
}

const COLUMNS = `p.id AS patch, p.message_id, p.subject, coalesce(p.author_name, m.author_name) AS author_name,
  coalesce(p.author_email, m.author_email) AS author_email, m.date, p.series_version AS version, p.part, p.part_total,
  h.id AS hunk, pf.path, pf.ordinal AS file_ordinal, h.ordinal AS hunk_ordinal, h.header, h.additions, h.deletions`;
const JOINS = `FROM hunks h JOIN patch_files pf ON pf.id = h.patch_file JOIN patches p ON p.id = pf.patch
  LEFT JOIN messages m ON m.message_id = p.message_id`;

function bySymbol(reader: Reader, names: string[]): Row[] {
  const all = [...new Set(names.flatMap(spellings))];
  return reader.all<Row>(
    `SELECT DISTINCT ${COLUMNS}, hs.symbol AS name ${JOINS} JOIN hunk_symbols hs ON hs.hunk = h.id
     WHERE hs.symbol IN (${placeholders(all.length)}) AND p.origin != 'quoted'
     ORDER BY p.id, pf.ordinal, h.ordinal`, all);
}

function byPath(reader: Reader, path: string, prefix: boolean): Row[] {
  const like = `${path.replace(/\/$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
  return reader.all<Row>(
    `SELECT ${COLUMNS}, pf.path AS name ${JOINS}
     WHERE ${prefix ? "pf.path LIKE ? ESCAPE '\\'" : 'pf.path = ?'} AND p.origin != 'quoted'
     ORDER BY p.id, pf.ordinal, h.ordinal`, [prefix ? like : path]);
}

/** One Touch per patch, with the subject's hunks in it. */
export function findTouches(reader: Reader, kind: SubjectKind, query: string, names: string[]): Touch[] {
  const rows = kind === 'file' ? byPath(reader, query, false)
    : kind === 'directory' ? byPath(reader, query, true)
      : kind === 'text' ? [] : bySymbol(reader, names);
  const touches = new Map<number, Touch>();
  for (const r of rows) {
    const t = touches.get(r.patch) ?? {
      patch: r.patch, messageId: r.message_id, subject: r.subject, authorName: r.author_name, authorEmail: r.author_email,
      date: r.date, version: r.version ?? 1, part: r.part, partTotal: r.part_total, names: [], hunks: [],
    };
    if (!t.names.includes(r.name)) t.names.push(r.name);
    if (!t.hunks.some((h) => h.hunk === r.hunk)) {
      t.hunks.push({
        hunk: r.hunk, path: r.path, fileOrdinal: r.file_ordinal, hunkOrdinal: r.hunk_ordinal, header: r.header,
        additions: r.additions, deletions: r.deletions,
      });
    }
    touches.set(r.patch, t);
  }
  return [...touches.values()];
}

/** 'patch 2/5 (v3) touches do_no_page (3 hunks, +10/−4)'. */
export function describeTouch(t: Touch): string {
  const part = t.partTotal ? `patch ${t.part ?? '?'}/${t.partTotal}` : 'the patch';
  const version = t.version > 1 ? ` (v${t.version})` : '';
  const plus = t.hunks.reduce((n, h) => n + h.additions, 0);
  const minus = t.hunks.reduce((n, h) => n + h.deletions, 0);
  const n = t.hunks.length;
  return `${part}${version} touches ${t.names.join(', ')} (${n} hunk${n === 1 ? '' : 's'}, +${plus}/−${minus})`;
}
