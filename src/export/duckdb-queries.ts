// The named queries (queries/*.sql) on DuckDB over an export. Most run as they are written, with
// two mechanical changes: SQLite's `:name` parameters become DuckDB's `$name`, and LIKE becomes
// ILIKE (SQLite's LIKE ignores ASCII case, DuckDB's does not). A query that needs more (SQLite's
// bare columns beside GROUP BY, json_each values) has a DuckDB version of its own in
// queries/duckdb/NAME.sql, written with the same conventions and translated the same way. The session orders NULLs as SQLite does (first ascending).
import { DuckDBInstance, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { queriesDir, QueryError, type NamedQuery } from '../query/named.js';
import { sqlString } from './parquet.js';

/** The DuckDB text of a named query: its own version when there is one, else the SQLite text translated. */
export function duckdbQuerySql(query: NamedQuery): string {
  const own = join(queriesDir(), 'duckdb', `${query.name}.sql`);
  return translate(existsSync(own) ? readFileSync(own, 'utf8') : query.sql);
}

/** `:param` → `$param` and LIKE → ILIKE, outside string literals and comments. */
export function translate(sql: string): string {
  return sql.replace(/('(?:[^']|'')*')|(--[^\n]*)|:([a-z_]+)\b|\bLIKE\b/gi, (match, literal, comment, param) => {
    if (literal || comment) return match;
    if (param) return `$${param}`;
    return 'ILIKE';
  });
}

/** A DuckDB connection with the export's views (views.sql) defined. */
export async function openExport(dir: string): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const root = resolve(dir);
  const views = join(root, 'views.sql');
  if (!existsSync(views)) throw new QueryError(`${root} is not a lorelab export (no views.sql): run \`lorelab export --parquet ${dir}\``);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET file_search_path = '${sqlString(root)}'`);
  await connection.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
  await connection.run(readFileSync(views, 'utf8'));
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); } };
}

/** Runs a named query on DuckDB; every declared parameter is bound (missing ones as NULL), as runNamedQuery does. */
export async function runNamedQueryOnExport(connection: DuckDBConnection, query: NamedQuery,
  values: Record<string, string | number | undefined>): Promise<Record<string, unknown>[]> {
  const bound: Record<string, string | null> = {};
  const types: Record<string, typeof VARCHAR> = {};
  for (const param of query.params) {
    const value = values[param.name];
    if ((value === undefined || value === '') && param.required) throw new QueryError(`query "${query.name}" needs --${param.name.replace(/_/g, '-')}`);
    bound[param.name] = value === undefined || value === '' ? null : String(value);
    types[param.name] = VARCHAR;
  }
  const sql = duckdbQuerySql(query);
  const used = Object.fromEntries(Object.entries(bound).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
  const usedTypes = Object.fromEntries(Object.keys(used).map((name) => [name, VARCHAR]));
  const reader = await connection.runAndReadAll(sql, used, usedTypes);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

/** DuckDB's integers come back as bigint and its truth values as booleans; SQLite gives numbers for both. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
