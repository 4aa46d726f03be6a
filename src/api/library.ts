// The library's calls over an open database: each is synchronous, like better-sqlite3 itself,
// except the ingest (src/api/ingest.ts), which reads sources and runs worker threads.
import { renderHistoryHtml } from '../history/html/render.js';
import { renderHistoryMarkdown } from '../history/document.js';
import { loadHistoryInput, type HistoryOptions } from '../history/load/load.js';
import { replayPatch, type ReplayReport, type ReplayTarget } from '../link/replay.js';
import { findQuery, runNamedQuery, runSql } from '../query/named.js';
import { search as searchMessages, type SearchHit } from '../query/search.js';
import { showMessage, type ShownMessage } from '../query/show.js';
import { openDatabase, openReadOnly, type DB } from '../store/open.js';

/**
 * Opens (and creates, with the schema) the database at `path`. `readonly` opens an existing one
 * for reading only, as the CLI's queries do. Close it with `db.close()`.
 */
export function open(path: string, options: { readonly?: boolean } = {}): DB {
  return options.readonly ? openReadOnly(path) : openDatabase(path);
}

/** Runs the named query `queries/<name>.sql` with its parameters (e.g. `{ fn: 'do_no_page' }`). */
export function query(db: DB, name: string, params: Record<string, string | number | undefined> = {}): Record<string, unknown>[] {
  return runNamedQuery(db, findQuery(name), params);
}

/** Runs one read-only SQL statement. */
export function sql(db: DB, statement: string): Record<string, unknown>[] {
  return runSql(db, statement);
}

/** Full-text search over subjects and new prose (the CLI's `search` syntax). */
export function search(db: DB, text: string, limit = 20): SearchHit[] {
  return searchMessages(db, text, limit);
}

/** One message: its thread position, patches, files and touched functions. */
export function show(db: DB, messageId: string): ShownMessage {
  return showMessage(db, messageId);
}

/** Raised when a history cannot be made: nothing matches the subject, or a bad date. */
export class HistoryError extends Error {}

/** The design history of a function, struct, macro, file, directory or search text: Markdown, or a self-contained HTML page. */
export function history(db: DB, subject: string, options: HistoryOptions & { format?: 'md' | 'html' } = {}): string {
  const loaded = loadHistoryInput(db, subject, options);
  if (!loaded.ok) throw new HistoryError(loaded.error.message);
  return options.format === 'html' ? renderHistoryHtml(loaded.input) : renderHistoryMarkdown(loaded.input);
}

/** Replays the race a patch's scenario models: every variant's verdict, before and after the patch (the runs are stored). */
export function replay(db: DB, target: ReplayTarget): ReplayReport {
  return replayPatch(db, target);
}
