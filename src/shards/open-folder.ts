// Reading a shard folder: every command that takes --db takes a shard folder too, and reads the
// database merged from its shards, after checking that it was built from the shards there now.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { listShards, MERGED_FROM_KEY, mergedPath, ShardError, shardsFingerprint } from './layout.js';

/** The database to read for a shard folder; an error naming what to do when it is missing or stale. */
export function databaseOfFolder(dir: string): string {
  const { shards, unfinished } = listShards(dir);
  if (unfinished.length > 0) {
    throw new ShardError(`${unfinished.join(', ')} ${unfinished.length === 1 ? 'is' : 'are'} unfinished (a worker was stopped mid-write): ` +
      `run \`lorelab ingest --shards ${dir} ARCHIVE…\` again to redo ${unfinished.length === 1 ? 'it' : 'them'}`);
  }
  const file = mergedPath(dir);
  if (!existsSync(file)) {
    throw new ShardError(`${dir} holds no merged database yet: run \`lorelab ingest --shards ${dir}\` to join its ${shards.length} shards`);
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let built: string | undefined;
  try {
    built = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(MERGED_FROM_KEY) as string | undefined;
  } finally {
    db.close();
  }
  if (built !== shardsFingerprint(shards)) {
    throw new ShardError(`${file} was built from other shards than ${dir} holds now (a shard was added or rebuilt): ` +
      `run \`lorelab ingest --shards ${dir}\` to join them again`);
  }
  return file;
}
