// Whether a table or column exists: the explorer reads databases of older schema versions and
// tables other stages fill later, and shows less rather than failing.
import type { DB } from '../../store/open.js';

export function hasTable(db: DB, table: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?").get(table));
}

export function hasColumn(db: DB, table: string, column: string): boolean {
  if (!hasTable(db, table)) return false;
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).some((c) => c.name === column);
}
