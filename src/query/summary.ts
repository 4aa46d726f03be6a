// The figures `npm start` prints about a database.
import type { DB } from '../store/open.js';

export interface GraphSummary {
  messages: number;
  fullMessages: number;
  stubs: number;
  threads: number;
  patches: number;
  quotedDiffs: number;
  hunks: number;
  functions: number;
  ingestErrors: number;
}

export function graphSummary(db: DB): GraphSummary {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    messages: one('SELECT count(*) AS n FROM messages'),
    fullMessages: one('SELECT count(*) AS n FROM messages WHERE is_stub = 0'),
    stubs: one('SELECT count(*) AS n FROM messages WHERE is_stub = 1'),
    threads: one('SELECT count(*) AS n FROM threads'),
    patches: one("SELECT count(*) AS n FROM patches WHERE origin <> 'quoted'"),
    quotedDiffs: one("SELECT count(*) AS n FROM patches WHERE origin = 'quoted'"),
    hunks: one("SELECT count(*) AS n FROM hunks h JOIN patch_files f ON f.id = h.patch_file JOIN patches p ON p.id = f.patch WHERE p.origin <> 'quoted'"),
    functions: one("SELECT count(DISTINCT symbol) AS n FROM hunk_symbols WHERE kind = 'function'"),
    ingestErrors: one('SELECT count(*) AS n FROM ingest_errors'),
  };
}
