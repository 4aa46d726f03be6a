// A shard folder on disk: one SQLite file per (list, epoch), named `<list>.<epoch>.shard.db`,
// and the joined database `merged.db` beside them. A shard says what it holds and whether it is
// whole in its own meta table, so shards built on different machines can be copied together.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../store/open.js';

export const SHARD_SUFFIX = '.shard.db';
/** A shard's first build is written under this name and renamed when whole. */
export const PARTIAL_SUFFIX = '.shard.db.partial';
export const MERGED_NAME = 'merged.db';

/** The meta keys a shard carries (beside schema_version). */
export const SHARD_META = {
  list: 'shard_list',
  epoch: 'shard_epoch',
  inbox: 'shard_inbox',
  epochDir: 'shard_epoch_dir',
  state: 'shard_state', // 'writing' while a worker adds to it, 'complete' after
  generation: 'shard_generation', // new with every completed run: what the merged database was built from
  deletions: 'shard_deletions', // JSON array: Message-IDs the epoch's 'd' blobs remove (deletions.ts)
} as const;

/** The merged database's record of the shards it was built from. */
export const MERGED_FROM_KEY = 'merged_from';

export interface ShardInfo {
  file: string;
  list: string;
  epoch: number;
  inbox: string;
  epochDir: string;
  state: 'writing' | 'complete';
  generation: string;
  schemaVersion: number | null;
}

/** An error about the shard folder that names the shard; printed as `lorelab: …`. */
export class ShardError extends Error {
  readonly userFacing = true;
}

export function shardFileName(list: string, epoch: number): string {
  return `${list}.${epoch}${SHARD_SUFFIX}`;
}

/** True when `path` is a folder holding shards (or a merged database built from them). */
export function isShardFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  return readdirSync(path).some((name) => name.endsWith(SHARD_SUFFIX) || name.endsWith(PARTIAL_SUFFIX) || name === MERGED_NAME);
}

/** Reads a shard's meta without changing the file. */
export function readShardInfo(file: string): ShardInfo {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    const meta = new Map<string, string>(
      hasMeta ? (db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]) : [],
    );
    const version = meta.get('schema_version');
    return {
      file,
      list: meta.get(SHARD_META.list) ?? '',
      epoch: Number(meta.get(SHARD_META.epoch) ?? NaN),
      inbox: meta.get(SHARD_META.inbox) ?? '',
      epochDir: meta.get(SHARD_META.epochDir) ?? '',
      state: meta.get(SHARD_META.state) === 'complete' ? 'complete' : 'writing',
      generation: meta.get(SHARD_META.generation) ?? '',
      schemaVersion: version === undefined ? null : Number(version),
    };
  } finally {
    db.close();
  }
}

export interface FolderState {
  /** Whole shards of this schema version, in merge order: by list, then epoch. */
  shards: ShardInfo[];
  /** Shards a killed worker left: never read until redone. */
  unfinished: string[];
}

/**
 * The shards of a folder, checked: a shard of another schema version, or one that is not a
 * lorelab shard, is an error naming it; two files claiming the same (list, epoch) too.
 */
export function listShards(dir: string): FolderState {
  const names = readdirSync(dir).sort();
  const unfinished = names.filter((n) => n.endsWith(PARTIAL_SUFFIX)).map((n) => join(dir, n));
  const shards: ShardInfo[] = [];
  for (const name of names.filter((n) => n.endsWith(SHARD_SUFFIX))) {
    const file = join(dir, name);
    let info: ShardInfo;
    try {
      info = readShardInfo(file);
    } catch (error) {
      throw new ShardError(`shard ${file} cannot be read: ${(error as Error).message}`);
    }
    if (info.schemaVersion !== SCHEMA_VERSION) {
      throw new ShardError(
        `shard ${file} has schema version ${info.schemaVersion ?? 'none'}, this lorelab reads version ${SCHEMA_VERSION}: ` +
          'build it again with this lorelab (remove it and run `lorelab ingest --shards DIR ARCHIVE`)',
      );
    }
    if (!info.list || !Number.isInteger(info.epoch)) throw new ShardError(`${file} is not a lorelab shard (no shard_list/shard_epoch in its meta)`);
    if (info.state !== 'complete') unfinished.push(file);
    else shards.push(info);
  }
  shards.sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : a.epoch - b.epoch));
  for (let i = 1; i < shards.length; i++) {
    const [a, b] = [shards[i - 1]!, shards[i]!];
    if (a.list === b.list && a.epoch === b.epoch) throw new ShardError(`${a.file} and ${b.file} both claim list ${a.list} epoch ${a.epoch}`);
  }
  return { shards, unfinished };
}

/** What the merged database records of its shards: changes whenever a shard is rebuilt or added. */
export function shardsFingerprint(shards: readonly ShardInfo[]): string {
  return JSON.stringify(shards.map((s) => `${s.list}.${s.epoch}:${s.generation}`));
}

export function mergedPath(dir: string): string {
  return join(dir, MERGED_NAME);
}

export function mergedExists(dir: string): boolean {
  return existsSync(mergedPath(dir));
}
