// Which messages a subject matches, and why: patches touching a name of its lineage, prose
// naming it, files under a path, or a full-text query. Results are message ids with reasons.
import type { SubjectKind } from '../types.js';
import { placeholders, type Reader } from './sql.js';

export interface Match {
  messageId: string;
  reason: string;
}

/** Guesses what kind of thing the subject names; the database decides for plain identifiers. */
export function classifySubject(reader: Reader, query: string): SubjectKind {
  const q = query.trim();
  if (q.startsWith('->')) return 'operation';
  if (/^struct\s+\w+$/.test(q)) return 'struct';
  if (q.includes('/') || /\.[chS]$/.test(q)) {
    if (q.endsWith('/')) return 'directory';
    const exact = reader.get('SELECT 1 FROM patch_files WHERE path = ? LIMIT 1', [q]);
    return exact || /\.[chS]$/.test(q) ? 'file' : 'directory';
  }
  if (/^[A-Za-z_]\w*$/.test(q)) {
    const row = reader.get<{ kind: string }>(
      `SELECT kind FROM (SELECT kind FROM hunk_symbols WHERE symbol = ? UNION ALL SELECT kind FROM mentions WHERE symbol = ?)
       GROUP BY kind ORDER BY count(*) DESC, kind LIMIT 1`, [q, q]);
    if (row?.kind === 'struct' || row?.kind === 'macro') return row.kind;
    if (row) return 'function';
    return /^[A-Z][A-Z0-9_]+$/.test(q) ? 'macro' : 'function';
  }
  return 'text';
}

/** The spellings a name may have in hunk_symbols and mentions. */
export function spellings(name: string): string[] {
  const bare = name.replace(/^->/, '').replace(/^struct\s+/, '').replace(/\(\)$/, '');
  return [...new Set([name, bare, `${bare}()`, `->${bare}`, `struct ${bare}`])];
}

function bySymbols(reader: Reader, names: string[]): Match[] {
  const all = names.flatMap(spellings);
  const touched = reader.all<{ message_id: string; symbol: string; path: string; origin: string }>(
    `SELECT DISTINCT p.message_id, hs.symbol, pf.path, p.origin FROM hunk_symbols hs
       JOIN hunks h ON h.id = hs.hunk JOIN patch_files pf ON pf.id = h.patch_file JOIN patches p ON p.id = pf.patch
     WHERE hs.symbol IN (${placeholders(all.length)}) ORDER BY p.message_id, hs.symbol, pf.path`, all);
  const mentioned = reader.all<{ message_id: string; symbol: string; place: string }>(
    `SELECT message_id, symbol, place FROM mentions WHERE symbol IN (${placeholders(all.length)})
     ORDER BY message_id, symbol, place`, all);
  return [
    ...touched.map((r) => ({
      messageId: r.message_id,
      reason: `${r.origin === 'quoted' ? 'quotes a patch touching' : 'touches'} ${r.symbol} (${r.path})`,
    })),
    ...mentioned.map((r) => ({ messageId: r.message_id, reason: `names ${r.symbol} in ${PLACE_WORDS[r.place] ?? r.place}` })),
  ];
}

function byPath(reader: Reader, path: string, prefix: boolean): Match[] {
  const like = `${path.replace(/\/$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
  const rows = reader.all<{ message_id: string; path: string }>(
    `SELECT DISTINCT p.message_id, pf.path FROM patch_files pf JOIN patches p ON p.id = pf.patch
     WHERE ${prefix ? "pf.path LIKE ? ESCAPE '\\'" : 'pf.path = ?'} ORDER BY p.message_id, pf.path`,
    [prefix ? like : path]);
  const mentioned = reader.all<{ message_id: string; symbol: string }>(
    `SELECT DISTINCT message_id, symbol FROM mentions WHERE kind = 'file' AND ${prefix ? "symbol LIKE ? ESCAPE '\\'" : 'symbol = ?'}
     ORDER BY message_id, symbol`, [prefix ? like : path]);
  return [
    ...rows.map((r) => ({ messageId: r.message_id, reason: `touches ${r.path}` })),
    ...mentioned.map((r) => ({ messageId: r.message_id, reason: `names ${r.symbol}` })),
  ];
}

/** FTS5 over subjects and new prose; when the index is still empty, a plain body search. */
function byText(reader: Reader, words: string[], asPhrase: boolean): Match[] {
  if (reader.filled('messages_fts')) {
    const query = asPhrase ? words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ') : words.join(' ');
    return reader.all<{ message_id: string }>(
      `SELECT m.message_id FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?
       ORDER BY m.message_id`, [query],
    ).map((r) => ({ messageId: r.message_id, reason: `matches the text search ${query}` }));
  }
  reader.note('the full-text index (messages_fts) is empty: searched message subjects and bodies instead');
  return words.flatMap((w) => reader.all<{ message_id: string }>(
    `SELECT m.message_id FROM messages m LEFT JOIN message_bodies b ON b.id = m.id
      WHERE instr(m.subject, ?) > 0 OR instr(b.body, ?) > 0 ORDER BY m.message_id`, [w, w],
  ).map((r) => ({ messageId: r.message_id, reason: `contains “${w}” in its text` })));
}

export function selectMessages(reader: Reader, kind: SubjectKind, query: string, names: string[]): Match[] {
  switch (kind) {
    case 'file': return byPath(reader, query, false);
    case 'directory': return byPath(reader, query, true);
    case 'text': return byText(reader, [query], false);
    default: {
      const found = bySymbols(reader, names);
      // Before mentions are filled (or for names no patch touches), the text still knows them.
      return found.length > 0 ? found : byText(reader, names.map((n) => n.replace(/^->|^struct\s+/, '')), true);
    }
  }
}

/** How a mention's place reads in a sentence ("names do_no_page in its subject"). */
const PLACE_WORDS: Record<string, string> = { subject: 'its subject', prose: 'its own words', quoted: 'a quotation' };
