// Named queries: the .sql files in queries/, each with a header that says what it answers
// and which parameters it takes. Users can read them and run them with sqlite3 themselves.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../store/open.js';
import { packageRoot } from '../util/package-root.js';
import { normalizeParam } from './params.js';

export interface QueryParam {
  name: string;
  description: string;
  required: boolean;
}

export interface NamedQuery {
  name: string;
  summary: string;
  params: QueryParam[];
  columns: string[];
  sql: string;
  path: string;
}

export class QueryError extends Error {}

export function queriesDir(): string {
  return join(packageRoot(), 'queries');
}

/**
 * The header is the leading run of `--` lines:
 *   -- NAME: one line saying what it answers
 *   -- params:
 *   --   fn        (required) a function, struct or macro name
 *   --   file      (optional) a path, exact or with % wildcards
 *   -- columns: a, b, c
 */
export function parseQueryFile(path: string, text: string): NamedQuery {
  const header = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('--')) break;
    header.push(line.replace(/^-- ?/, ''));
  }
  const first = /^([a-z0-9-]+): (.*)$/.exec(header[0] ?? '');
  if (!first) throw new QueryError(`${path}: the first line must be "-- name: what it answers"`);
  const params: QueryParam[] = [];
  let columns: string[] = [];
  let inParams = false;
  const summary = [first[2] ?? ''];
  for (const line of header.slice(1)) {
    if (/^params:/.test(line)) { inParams = true; continue; }
    if (/^columns:/.test(line)) { inParams = false; columns = line.replace(/^columns:/, '').split(',').map((c) => c.trim()).filter(Boolean); continue; }
    const param = /^\s+([a-z_]+)\s+\((required|optional)\)\s*(.*)$/.exec(line);
    if (inParams && param) {
      params.push({ name: param[1] ?? '', required: param[2] === 'required', description: param[3] ?? '' });
    } else if (!inParams && line.trim() && columns.length === 0) {
      summary.push(line.trim());
    }
  }
  return { name: first[1] ?? '', summary: summary.join(' '), params, columns, sql: text, path };
}

export function listQueries(): NamedQuery[] {
  const dir = queriesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => parseQueryFile(join(dir, f), readFileSync(join(dir, f), 'utf8')));
}

export function findQuery(name: string): NamedQuery {
  const all = listQueries();
  const query = all.find((q) => q.name === name);
  if (!query) {
    throw new QueryError(`no query named "${name}"; known queries: ${all.map((q) => q.name).join(', ')} (see \`lorelab query --list\`)`);
  }
  return query;
}

/** Runs a named query; every declared parameter is bound (missing optional ones as NULL), as users type them (see params.ts). */
export function runNamedQuery(db: DB, query: NamedQuery, values: Record<string, string | number | undefined>): Record<string, unknown>[] {
  const bound: Record<string, string | number | null> = {};
  for (const param of query.params) {
    const value = values[param.name];
    if (value === undefined || value === '') {
      if (param.required) {
        throw new QueryError(`query "${query.name}" needs --${param.name.replace(/_/g, '-')} (${param.description})`);
      }
      bound[param.name] = null;
    } else {
      bound[param.name] = typeof value === 'string' ? normalizeParam(param.name, value) : value;
    }
  }
  const unknown = Object.keys(values).filter((k) => values[k] !== undefined && !query.params.some((p) => p.name === k));
  if (unknown.length) {
    throw new QueryError(`query "${query.name}" takes ${query.params.map((p) => `--${p.name.replace(/_/g, '-')}`).join(', ') || 'no parameters'}, not ${unknown.map((u) => `--${u}`).join(', ')}`);
  }
  return db.prepare(query.sql).all(bound) as Record<string, unknown>[];
}

/** Arbitrary SQL on a read-only connection; returns rows (or an empty list for statements without rows). */
export function runSql(db: DB, sql: string): Record<string, unknown>[] {
  const statement = db.prepare(sql);
  if (!statement.reader) throw new QueryError('only statements that return rows can run here (the database is opened read-only)');
  return statement.all() as Record<string, unknown>[];
}
