// `lorelab export --parquet DIR`: every table of the graph as Parquet, a folder per table named
// after it, partitioned hive-style by list and epoch where its rows belong to a message
// (partitions.ts), with `views.sql` beside them so DuckDB reads the folder as the graph.
// Rows go from SQLite (read a row at a time) through DuckDB's appender into a DuckDB table on
// disk, which DuckDB then writes as Parquet: one table at a time, memory bounded by DuckDB's limit.
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DB } from '../store/open.js';
import { partitionedSelect, preparePartitions } from './partitions.js';
import { duckdbViews } from './views.js';

export type ColumnType = 'BIGINT' | 'DOUBLE' | 'VARCHAR';

export interface ExportedTable {
  table: string;
  rows: number;
  partitioned: boolean;
  columns: Array<{ name: string; type: ColumnType }>;
}

export interface ExportSummary {
  dir: string;
  tables: ExportedTable[];
  seconds: number;
}

/** SQLite's declared column types as Parquet/DuckDB types (columns without a type are text). */
export function columnType(declared: string): ColumnType {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'BIGINT';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'DOUBLE';
  return 'VARCHAR';
}

/** The graph's tables: every table but SQLite's own and FTS5's shadow tables (messages_fts itself is kept). */
export function graphTables(db: DB): ExportedTable[] {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND name NOT LIKE 'messages_fts_%' ORDER BY name`).pluck().all() as string[];
  return names.map((table) => {
    const info = db.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(table) as Array<{ name: string; type: string }>;
    const columns = info.map((c) => ({ name: c.name, type: columnType(c.type) }));
    // The full-text table's rowid is messages.id: exported as a column of its own.
    if (table === 'messages_fts') columns.unshift({ name: 'id', type: 'BIGINT' });
    return { table, rows: 0, partitioned: false, columns };
  });
}

export interface ExportOptions {
  /** DuckDB's memory limit while writing (default 256MB). */
  memoryLimit?: string;
  threads?: number;
  onTable?: (table: ExportedTable) => void;
}

export async function exportParquet(db: DB, dir: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const started = performance.now();
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const scratch = join(out, '.export.duckdb');
  for (const suffix of ['', '.wal']) rmSync(scratch + suffix, { force: true });
  const instance = await DuckDBInstance.create(scratch, {
    memory_limit: options.memoryLimit ?? '256MB',
    threads: String(options.threads ?? 2),
    preserve_insertion_order: 'false',
  });
  const duck = await instance.connect();
  const tables = graphTables(db);
  try {
    preparePartitions(db);
    for (const table of tables) {
      await exportTable(db, duck, out, table);
      options.onTable?.(table);
    }
    writeFileSync(join(out, 'views.sql'), duckdbViews(tables));
  } finally {
    duck.closeSync();
    instance.closeSync();
    for (const suffix of ['', '.wal']) rmSync(scratch + suffix, { force: true });
  }
  return { dir: out, tables, seconds: (performance.now() - started) / 1000 };
}

async function exportTable(db: DB, duck: DuckDBConnection, out: string, table: ExportedTable): Promise<void> {
  const { sql, partitioned } = partitionedSelect(table.table, table.columns.map((c) => c.name));
  table.partitioned = partitioned;
  const columns = [...table.columns, ...(partitioned ? [{ name: 'list', type: 'VARCHAR' as const }, { name: 'epoch', type: 'BIGINT' as const }] : [])];
  const target = join(out, table.table);
  rmSync(target, { recursive: true, force: true });
  await duck.run(`CREATE OR REPLACE TABLE export_rows (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
  const appender = await duck.createAppender('export_rows');
  const append = columns.map((c) => appenderFor(appender, c.type, `${table.table}.${c.name}`));
  let rows = 0;
  for (const row of db.prepare(sql).safeIntegers(true).raw().iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < append.length; i++) append[i]!(row[i]);
    appender.endRow();
    rows++;
  }
  appender.closeSync();
  table.rows = rows;
  mkdirSync(target, { recursive: true });
  if (!partitioned) {
    await duck.run(`COPY export_rows TO '${sqlString(join(target, 'data.parquet'))}' (FORMAT parquet)`);
  } else if (rows === 0) {
    // No rows, no partitions: one empty file keeps the table's columns readable.
    const empty = join(target, 'list=none', 'epoch=0');
    mkdirSync(empty, { recursive: true });
    await duck.run(`COPY (SELECT * EXCLUDE (list, epoch) FROM export_rows) TO '${sqlString(join(empty, 'data_0.parquet'))}' (FORMAT parquet)`);
  } else {
    await duck.run(`COPY export_rows TO '${sqlString(target)}' (FORMAT parquet, PARTITION_BY (list, epoch), OVERWRITE_OR_IGNORE)`);
  }
  await duck.run('DROP TABLE export_rows');
}

function appenderFor(appender: DuckDBAppender, type: ColumnType, name: string): (value: unknown) => void {
  if (type === 'BIGINT') {
    return (value) => {
      if (value === null || value === undefined) appender.appendNull();
      else if (typeof value === 'bigint') appender.appendBigInt(value);
      else if (typeof value === 'number' && Number.isInteger(value)) appender.appendBigInt(BigInt(value));
      else throw new Error(`${name}: ${JSON.stringify(value)} in an INTEGER column cannot be written as Parquet INT64`);
    };
  }
  if (type === 'DOUBLE') {
    return (value) => {
      if (value === null || value === undefined) appender.appendNull();
      else appender.appendDouble(Number(value));
    };
  }
  return (value) => {
    if (value === null || value === undefined) appender.appendNull();
    else appender.appendVarchar(Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
  };
}

export function sqlString(text: string): string {
  return text.replace(/'/g, "''");
}
