// What kind of thing a subject names (function, operation, struct, macro, file, directory or
// search text), and the spellings a name may have in the graph. What matches it is found by
// touches.ts (patches) and discussion.ts (people's own prose).
import type { SubjectKind } from '../types.js';
import type { Reader } from './sql.js';

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
