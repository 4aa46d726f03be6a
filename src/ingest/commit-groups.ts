// Writing in steps, committing in groups. Batches are written as they come but committed
// together: each commit writes every page it dirtied to the WAL, and index pages (keyed by
// Message-ID, so scattered over the file) were rewritten on every 256-message commit. On a
// 30,000-message synthetic inbox COMMIT was 28% of the main thread's time, 7% with groups.
// A kill loses at most the open group, which the next run reads again (nothing is marked
// done before its group commits).
import type { DB } from '../store/open.js';

export interface CommitEvery {
  /** Commit once the open group holds this many messages… */
  messages: number;
  /** …or is this old (ms), so a slow source still commits often. */
  ms: number;
}

export const COMMIT_EVERY: CommitEvery = { messages: 2048, ms: 2000 };

export class CommitGroups {
  private pending = 0;
  private openedAt = 0;

  constructor(private readonly db: DB, private readonly every: CommitEvery = COMMIT_EVERY) {}

  /**
   * Runs `step` inside the open group, opening one if needed. The step is a savepoint: one
   * that throws leaves nothing of itself, and the steps before it stay in the group.
   */
  write(messages: number, step: () => void): void {
    if (!this.db.inTransaction) {
      this.db.exec('BEGIN');
      this.openedAt = Date.now();
      this.pending = 0;
    }
    this.db.transaction(step)();
    this.pending += messages;
    if (this.pending >= this.every.messages || Date.now() - this.openedAt >= this.every.ms) this.commit();
  }

  /** Commits the open group, if any. */
  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }
}
