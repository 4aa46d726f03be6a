// Opening the graph: one SQLite file, the schema from schema.sql, WAL for crash safety.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DB = Database.Database;

/** Bump with every change to schema.sql; older databases are refused with advice. */
export const SCHEMA_VERSION = 10;

const schemaPath = join(dirname(fileURLToPath(import.meta.url)), 'schema.sql');

export function schemaSql(): string {
  return readFileSync(schemaPath, 'utf8');
}

export class StoreError extends Error {}

/** Opens (creating if needed) a database for writing, with the schema applied. */
export function openDatabase(path: string): DB {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Ingest writes into indexes keyed by Message-ID, i.e. all over the file: with SQLite's 2 MB
  // default cache every insert re-read pages from the OS, and checkpoints every 4 MB of WAL
  // (each with fsyncs) cost more than the inserts. A page written by several commits is copied
  // to the file once per checkpoint, so checkpoints far apart write less: 128 MB of WAL between
  // them was faster than 64 MB (measured in `npm run bench`).
  db.pragma('cache_size = -32768'); // KiB: 32 MB
  db.pragma('wal_autocheckpoint = 32768'); // pages: 128 MB of WAL between checkpoints
  const existing = readVersion(db);
  if (existing !== null && existing !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      `${path} has schema version ${existing}, this lorelab writes version ${SCHEMA_VERSION}: ` +
        'remove the file (or pass another --db) and ingest again',
    );
  }
  db.exec(schemaSql());
  db.prepare("INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    String(SCHEMA_VERSION),
  );
  return db;
}

/** Opens an existing database read-only (`lorelab sql`, queries): nothing can change it. */
export function openReadOnly(path: string): DB {
  if (!existsSync(path)) {
    throw new StoreError(`no database at ${path}: run \`lorelab ingest <archive>\` (or \`npm start\`) first, or pass --db PATH`);
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // Queries name this version's tables and columns: an older file would fail on the first one
  // it lacks, deep inside some command, so it is refused here, by name.
  const existing = readVersion(db);
  if (existing !== null && existing !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      `${path} has schema version ${existing}, this lorelab reads version ${SCHEMA_VERSION}: ` +
        'ingest again into a new file (or use the lorelab that wrote it)',
    );
  }
  return db;
}

function readVersion(db: DB): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}
