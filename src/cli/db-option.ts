// The global --db option (default ./lorelab.db, or $LORELAB_DB), read by every command. A shard
// folder (lorelab ingest --shards DIR) stands for the database merged from its shards.
import type { Command } from 'commander';
import { databaseOfFolder, isShardFolder } from '../shards/index.js';

export function dbPath(command: Command): string {
  const path = rawDbPath(command);
  return isShardFolder(path) ? databaseOfFolder(path) : path;
}

/** The path as given, folder or file. */
export function rawDbPath(command: Command): string {
  let root: Command = command;
  while (root.parent) root = root.parent;
  return (root.opts().db as string | undefined) ?? process.env.LORELAB_DB ?? './lorelab.db';
}
