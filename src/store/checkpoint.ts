// Checkpoints off the writer's thread. A WAL checkpoint copies every page the commits wrote into
// the database file (and fsyncs it): the one after the last input commit held up the main
// thread while the other core sat idle (the analysis worker had finished).
// A passive checkpoint on a second connection does the same copy without blocking the writer,
// which goes on with threading meanwhile. Nothing depends on it for correctness: committed data
// is safe in the WAL, and the writer's own automatic checkpoints still bound the WAL's size
// (one that meets the background one running skips at once, with nothing lost).
import Database from 'better-sqlite3';
import type { DB } from './open.js';
import { startWorker } from '../util/worker.js';

/** WAL frames in the log, and how many of them are now in the database file. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/** A passive checkpoint of the database at `path`, on a connection of its own. */
export function checkpointNow(path: string): CheckpointResult {
  const db = new Database(path, { fileMustExist: true });
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } finally {
    db.close(); // not the last connection (the writer's is open): the WAL is left in place
  }
}

/**
 * Commits with `commit` without the writer checkpointing at that commit, then checkpoints in
 * a worker thread. The promise never rejects: a checkpoint that could not run is a warning
 * (the writer's next automatic checkpoint, or closing it, does the work instead).
 */
export function commitThenCheckpointInBackground(db: DB, commit: () => void): Promise<CheckpointResult | null> {
  const every = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    commit();
  } finally {
    db.pragma(`wal_autocheckpoint = ${every}`);
  }
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return Promise.resolve(null);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: CheckpointResult | null, why?: string) => {
      if (settled) return;
      settled = true;
      if (why) process.emitWarning(`background checkpoint failed (${why}): the writer checkpoints instead`, { code: 'LORELAB_WORKER' });
      resolve(result);
    };
    let worker;
    try {
      worker = startWorker(import.meta.url, 'checkpoint-worker', { workerData: { path: db.name } });
    } catch (error) {
      settle(null, `could not start: ${(error as Error).message}`);
      return;
    }
    worker.once('message', (reply: CheckpointResult | { error: string }) =>
      'error' in reply ? settle(null, reply.error) : settle(reply));
    worker.once('error', (error) => settle(null, error.message));
    worker.once('exit', (code) => settle(null, `exited (code ${code}) without a result`));
  });
}
