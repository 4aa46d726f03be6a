// Reading the graph defensively: a table another stage has not created or filled yet gives
// no rows and a note saying so, never an exception (the history degrades, it does not fail).
import type { DB } from '../../store/open.js';

export type { DB };

export interface Reader {
  db: DB;
  /** What could not be read and how the history degraded; shown under "Notes on the data". */
  notes: string[];
  /** Records a note once. */
  note(text: string): void;
  all<T>(sql: string, params?: unknown[]): T[];
  get<T>(sql: string, params?: unknown[]): T | undefined;
  /** True when the table exists and has at least one row. */
  filled(table: string): boolean;
}

export function createReader(db: DB): Reader {
  const notes: string[] = [];
  const cache = new Map<string, boolean>();
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const run = <T>(fn: () => T, fallback: T, sql: string): T => {
    try {
      return fn();
    } catch (err) {
      note(`could not read the database (${(err as Error).message}) for: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`);
      return fallback;
    }
  };
  return {
    db,
    notes,
    note,
    all: <T>(sql: string, params: unknown[] = []) => run(() => db.prepare(sql).all(...params) as T[], [] as T[], sql),
    get: <T>(sql: string, params: unknown[] = []) => run(() => db.prepare(sql).get(...params) as T | undefined, undefined, sql),
    filled(table) {
      if (!cache.has(table)) {
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table);
        cache.set(table, exists ? Boolean(db.prepare(`SELECT 1 FROM "${table.replace(/"/g, '')}" LIMIT 1`).get()) : false);
      }
      return cache.get(table)!;
    },
  };
}

/** '?, ?, ?' for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
