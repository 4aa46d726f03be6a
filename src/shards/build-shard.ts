// One shard: one epoch of one list ingested into its own SQLite file, incremental on its own.
// A first build is written as `…shard.db.partial` and renamed once whole; a later run marks the
// shard 'writing' in its meta while it adds to it and 'complete' after. Either way a worker
// killed half-way leaves a shard nobody reads, and the next run redoes it.
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { openDatabase, type DB } from '../store/open.js';
import { deletionsIn } from './deletions.js';
import { PARTIAL_SUFFIX, SHARD_META, SHARD_SUFFIX } from './layout.js';

export interface ShardJob {
  list: string;
  epoch: number;
  /** The inbox directory (what a one-database ingest would be given). */
  inbox: string;
  /** Its `git/N.git`. */
  epochDir: string;
  /** The shard's final path (`…/<list>.<epoch>.shard.db`). */
  file: string;
  /** Analysis worker threads inside this shard's process (see IngestOptions.jobs). */
  analysisJobs?: number;
}

export interface ShardResult {
  file: string;
  list: string;
  epoch: number;
  /** 'built': a first build; 'updated': new commits added; 'unchanged': nothing new. */
  outcome: 'built' | 'updated' | 'unchanged';
  summary: IngestSummary;
  seconds: number;
  /** Peak resident set of the process that built it, bytes (when it ran in a process of its own). */
  maxRss?: number;
}

export async function buildShard(job: ShardJob): Promise<ShardResult> {
  const started = performance.now();
  const fresh = !existsSync(job.file);
  const target = fresh ? job.file.slice(0, -SHARD_SUFFIX.length) + PARTIAL_SUFFIX : job.file;
  if (fresh) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true }); // a killed first build: from scratch
  const db = openDatabase(target);
  let summary: IngestSummary;
  try {
    setMeta(db, {
      [SHARD_META.list]: job.list,
      [SHARD_META.epoch]: String(job.epoch),
      [SHARD_META.inbox]: job.inbox,
      [SHARD_META.epochDir]: job.epochDir,
      [SHARD_META.state]: 'writing',
    });
    // Where this run starts in the epoch: the deletions after it are added to those recorded.
    const cursor = db.prepare('SELECT last_commit FROM sources WHERE path = ?').pluck().get(job.epochDir) as string | null | undefined;
    const since = cursor ? (JSON.parse(cursor) as Record<number, string>)[job.epoch] : undefined;
    // The passes relate messages across the whole archive: the merge runs them over all shards.
    summary = await ingest(db, [job.epochDir], { jobs: job.analysisJobs, passes: false });
    const recorded = JSON.parse((db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SHARD_META.deletions) as string | undefined) ?? '[]') as string[];
    const deletions = [...recorded, ...(await deletionsIn(job.epochDir, since))];
    setMeta(db, { [SHARD_META.deletions]: JSON.stringify(deletions) });
    const changed = fresh || summary.new + summary.filledStubs + summary.deleted + summary.stubs + summary.duplicates > 0 ||
      summary.errors.length > 0;
    const generation = changed ? randomUUID() : (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SHARD_META.generation) as string | undefined) ?? randomUUID();
    setMeta(db, { [SHARD_META.state]: 'complete', [SHARD_META.generation]: generation });
    // One self-contained file, so shards can be copied between machines as they are.
    db.pragma('journal_mode = DELETE');
    db.close();
    if (fresh) renameSync(target, job.file);
    return {
      file: job.file, list: job.list, epoch: job.epoch, summary, seconds: (performance.now() - started) / 1000,
      outcome: fresh ? 'built' : changed ? 'updated' : 'unchanged',
    };
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

function setMeta(db: DB, values: Record<string, string>): void {
  const put = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => Object.entries(values).forEach(([key, value]) => put.run(key, value)))();
}
