// The final pass of a sharded ingest: one database built from the shards, which every command
// then reads. Each shard's stored input is copied in (copy-shard.ts), in (list, epoch) order,
// and the passes that relate messages across the whole archive run over the result: threading
// (a thread begun in epoch 7 and answered in epoch 8 is one thread), quotes, series, then the
// links to race scenarios. That is what one database built from the same input would hold.
// It is written as merged.db.partial and renamed when whole, like a shard.
import { renameSync, rmSync } from 'node:fs';
import { ingest, type IngestPasses } from '../ingest/ingest.js';
import { linkPatches } from '../link/index.js';
import { dropDeferredIndexes, restoreIndexes } from '../store/deferred-indexes.js';
import { openDatabase } from '../store/open.js';
import { createWriter } from '../store/writer.js';
import { copyShard, type CopySummary } from './copy-shard.js';
import { MERGED_FROM_KEY, mergedPath, shardsFingerprint, type ShardInfo } from './layout.js';

export interface MergeSummary {
  file: string;
  shards: number;
  messages: number;
  /** Message-IDs claimed by two shards: the first (in list, epoch order) is the message, later ones are copies. */
  duplicates: Array<CopySummary['duplicates'][number] & { shard: string }>;
  duplicateCount: number;
  /** Messages one epoch stored and a later epoch removed. */
  deleted: number;
  copySeconds: number;
  passes: IngestPasses;
  linkSeconds: number;
  seconds: number;
}

export async function mergeShards(dir: string, shards: readonly ShardInfo[]): Promise<MergeSummary> {
  const started = performance.now();
  const file = mergedPath(dir);
  const partial = `${file}.partial`;
  removeDatabase(partial);
  const db = openDatabase(partial);
  try {
    const summary: MergeSummary = { file, shards: shards.length, messages: 0, duplicates: [], duplicateCount: 0, deleted: 0, copySeconds: 0, passes: {}, linkSeconds: 0, seconds: 0 };
    dropDeferredIndexes(db); // written in bulk, sorted once after (as a first ingest does)
    const writer = createWriter(db);
    for (const shard of shards) {
      const copied = copyShard(db, shard, (messageId) => writer.deleteMessage(messageId));
      summary.deleted += copied.deleted;
      summary.messages += copied.messages;
      summary.duplicateCount += copied.duplicateCount;
      summary.duplicates.push(...copied.duplicates.map((d) => ({ ...d, shard: shard.file })));
    }
    restoreIndexes(db);
    summary.copySeconds = (performance.now() - started) / 1000;
    // No inputs: ingest runs only its passes, over every message left unplaced by the copy.
    summary.passes = (await ingest(db, [])).passes;
    const linking = performance.now();
    linkPatches(db, { since: 0 });
    summary.linkSeconds = (performance.now() - linking) / 1000;
    db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(MERGED_FROM_KEY, shardsFingerprint(shards));
    db.pragma('journal_mode = DELETE');
    db.close();
    removeDatabase(file);
    renameSync(partial, file);
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  } finally {
    if (db.open) db.close();
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
