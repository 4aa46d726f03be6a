// views.sql, written beside an export: one DuckDB view per table over its Parquet files (paths
// relative to the export folder, so the folder can be moved), and the `segments` view of
// schema.sql in DuckDB's words. `cd DIR && duckdb -c ".read views.sql" -c "SELECT …"`.
import type { ExportedTable } from './parquet.js';

export function duckdbViews(tables: readonly ExportedTable[], root = '.'): string {
  const lines = ['-- lorelab graph over Parquet: run from the export folder (or pass another root to duckdbViews).'];
  for (const t of tables) {
    const files = t.partitioned ? `'${root}/${t.table}/*/*/*.parquet', hive_partitioning = true` : `'${root}/${t.table}/data.parquet'`;
    lines.push(`CREATE OR REPLACE VIEW "${t.table}" AS SELECT * FROM read_parquet(${files});`);
  }
  lines.push(`CREATE OR REPLACE VIEW segments AS
  SELECT m.message_id AS message_id, CAST(s.key AS BIGINT) + 1 AS ordinal, s.value ->> 0 AS kind,
         CAST(s.value ->> 1 AS BIGINT) AS depth, CAST(s.value ->> 2 AS BIGINT) AS line_start, CAST(s.value ->> 3 AS BIGINT) AS line_end
    FROM message_bodies b JOIN messages m ON m.id = b.id, json_each(b.segments) s
   WHERE b.segments IS NOT NULL;`);
  return `${lines.join('\n')}\n`;
}
