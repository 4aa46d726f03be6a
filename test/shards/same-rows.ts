// Comparing two databases the way a user sees them: every named query, with every parameter
// value the data offers, and every table row by row (leaving out when rows were written).
import type { DB } from '../../src/store/open.js';
import { listQueries, runNamedQuery } from '../../src/query/named.js';

/** Parameter sets for each named query, drawn from the database's own data. */
export function parameterSets(db: DB): Map<string, Array<Record<string, string | undefined>>> {
  const column = (sql: string) => (db.prepare(sql).pluck().all() as unknown[]).map(String);
  const messageIds = column('SELECT message_id FROM messages ORDER BY message_id');
  const symbols = [...new Set([...column('SELECT symbol FROM hunk_symbols'), ...column('SELECT symbol FROM mentions')])].sort();
  const fns = [...symbols, '%'];
  const files = [...column('SELECT DISTINCT path FROM patch_files ORDER BY path'), 'mm/%'];
  const threads = [...column('SELECT id FROM threads ORDER BY id'), ...messageIds];
  const patchIds = column('SELECT DISTINCT patch_id FROM patches WHERE patch_id IS NOT NULL ORDER BY patch_id');
  const sets = new Map<string, Array<Record<string, string | undefined>>>();
  for (const query of listQueries()) {
    const names = query.params.map((p) => p.name);
    const rows: Array<Record<string, string | undefined>> = [];
    if (names.includes('thread')) threads.forEach((thread) => rows.push({ thread }));
    else if (names.includes('scenario')) { rows.push({}); fns.forEach((fn) => rows.push({ fn })); rows.push({ scenario: 'truncate-nopage' }); }
    else if (names.includes('patch_id')) { messageIds.forEach((message_id) => rows.push({ message_id })); patchIds.forEach((patch_id) => rows.push({ patch_id })); }
    else if (names.includes('message_id')) messageIds.forEach((message_id) => rows.push({ message_id }));
    else if (names.includes('file')) {
      fns.forEach((fn) => rows.push({ fn }));
      files.forEach((file) => rows.push({ file }));
      if (names.includes('kind')) rows.push({ fn: '%', kind: 'function' });
    } else if (names.includes('fn')) fns.forEach((fn) => rows.push({ fn }));
    else rows.push({});
    sets.set(query.name, rows);
  }
  return sets;
}

/** Every named query's rows for every parameter set: { 'query {params}': rows }. */
export function namedQueryAnswers(db: DB, sets: Map<string, Array<Record<string, string | undefined>>>): Record<string, unknown[]> {
  const answers: Record<string, unknown[]> = {};
  for (const query of listQueries()) {
    for (const values of sets.get(query.name) ?? []) answers[`${query.name} ${JSON.stringify(values)}`] = runNamedQuery(db, query, values);
  }
  return answers;
}

/** Columns that say when a row was written, not what it holds. */
const WHEN = new Set(['ingested_at', 'at', 'run_at']);

export function tableRows(db: DB): Record<string, unknown[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
      AND name NOT LIKE 'messages_fts_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => !WHEN.has(c));
    const select = table === 'messages_fts' ? `rowid, ${columns.join(', ')}` : columns.join(', ');
    out[table] = db.prepare(`SELECT ${select} FROM "${table}" ORDER BY ${table === 'messages_fts' ? 'rowid' : columns.map((_, i) => i + 1).join(', ')}`).all();
  }
  return out;
}
