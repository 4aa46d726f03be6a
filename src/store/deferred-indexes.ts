// A first ingest writes the whole archive into empty tables. Most of its indexes it also needs
// (Message-ID lookups, unique keys); some only serve queries and the passes after the inputs,
// and take their entries in random order — by symbol, path, patch-id, referenced Message-ID —
// so each insert lands on a different page. Past the page cache that is a read and a write of
// a page per entry. Those indexes are dropped for a first ingest and built once the inputs are
// in, by sorting, which is faster on a large archive (docs/decisions/0005-deferred-indexes.md).
// A run killed in between leaves them missing and nothing else: openDatabase applies
// schema.sql, which creates them again (IF NOT EXISTS), as restoreIndexes does.
import type { DB } from './open.js';
import { schemaSql } from './open.js';

/** Secondary indexes nothing reads while messages are written: see schema.sql for each. */
export const DEFERRED_INDEXES = [
  'messages_author', 'messages_date', 'message_sources_message', 'message_references_ref', 'patches_patch_id',
  'patch_files_path', 'hunk_symbols_symbol', 'mentions_symbol', 'trailers_message',
] as const;

/** Drops the deferred indexes (those that exist). */
export function dropDeferredIndexes(db: DB): void {
  for (const name of DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

/** Creates every index schema.sql names and the database lacks (schema.sql is all IF NOT EXISTS). */
export function restoreIndexes(db: DB): void {
  db.exec(schemaSql());
}

/** The deferred indexes the database lacks now. */
export function missingIndexes(db: DB): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);
  return DEFERRED_INDEXES.filter((name) => !present.has(name));
}
