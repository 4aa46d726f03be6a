// The pipeline: every input read into the store (read-input.ts), then the passes over the
// graph (run-passes.ts). Bad input never stops the run: it is recorded.
import type { DB } from '../store/open.js';
import { createWriter } from '../store/writer.js';
import { commitThenCheckpointInBackground, type CheckpointResult } from '../store/checkpoint.js';
import { dropDeferredIndexes, restoreIndexes } from '../store/deferred-indexes.js';
import { createAnalyzer } from './analysis/pool.js';
import { CommitGroups, COMMIT_EVERY } from './commit-groups.js';
import { resolveInputs } from './inputs.js';
import { readInput, type InputRun } from './read-input.js';
import { passesLeftOver, runPasses } from './run-passes.js';
import { emptySummary, type IngestOptions, type IngestSummary } from './types.js';

export type { IngestOptions, IngestPasses, IngestProblem, IngestProgress, IngestSummary, PassName } from './types.js';

export async function ingest(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const writer = createWriter(db);
  const commits = new CommitGroups(db, options.commitEvery ?? COMMIT_EVERY);
  const analyzer = createAnalyzer(options.jobs);
  const indexes = deferIndexes(db, commits);
  let changed = false;
  const run: InputRun = {
    writer,
    analyzer,
    commits,
    bounds: { count: options.batchSize ?? 256, bytes: options.bytesInFlight ?? BYTES_IN_FLIGHT },
    summary: emptySummary(),
    onProgress: options.onProgress,
    onChanged: () => { changed = true; },
  };
  try {
    let checkpoint: Promise<CheckpointResult | null> | null = null;
    const inputs = await resolveInputs(paths, options.format);
    for (const [index, input] of inputs.entries()) {
      if (await readInput(run, input) === 'unchanged') continue;
      if (index < inputs.length - 1) {
        commits.commit();
        continue;
      }
      indexes.restore(); // before the last commit, so its checkpoint copies them too
      checkpoint = lastCommit(db, commits, run.summary, options.checkpointInBackgroundFrom ?? BACKGROUND_CHECKPOINT_FROM);
    }
    indexes.restore(); // the passes read them (when the last input was skipped, they are not back yet)
    commits.commit();
    await analyzer.close();
    // The passes after the inputs: when this run changed the graph, or an earlier run stored
    // messages and was stopped before its passes were done (killed, or an error in a pass).
    if (options.passes !== false && (changed || passesLeftOver(db))) run.summary.passes = runPasses(db, options.onPass);
    await checkpoint;
    return run.summary;
  } finally {
    // Whatever stopped the run, every batch written so far is kept (and the indexes are whole).
    try {
      indexes.restore();
    } finally {
      commits.commit();
      await analyzer.close();
    }
  }
}

/** Raw mail under way at once (see IngestOptions.bytesInFlight): 256 lore messages are 1–3 MB. */
const BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/** A commit group's worth: below it, the writer's own checkpoint (or closing) costs little. */
const BACKGROUND_CHECKPOINT_FROM = 2048;

/**
 * A first ingest leaves out the indexes only queries read until its inputs are in
 * (store/deferred-indexes.ts); `restore` builds them, once.
 */
function deferIndexes(db: DB, commits: CommitGroups): { restore(): void } {
  let dropped = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM messages)').pluck().get() === 1;
  if (dropped) dropDeferredIndexes(db);
  return {
    restore() {
      if (!dropped) return;
      dropped = false;
      commits.write(0, () => restoreIndexes(db));
    },
  };
}

/**
 * Commits the last input. After a large run its checkpoint is copied on another thread while
 * this one runs the passes (see store/checkpoint.ts); a small run leaves it to the writer.
 */
function lastCommit(db: DB, commits: CommitGroups, summary: IngestSummary, backgroundFrom: number): Promise<CheckpointResult | null> | null {
  if (summary.new + summary.filledStubs < backgroundFrom) {
    commits.commit();
    return null;
  }
  const started = performance.now();
  return commitThenCheckpointInBackground(db, () => commits.commit()).then((result) => {
    if (result) summary.checkpoint = { ...result, seconds: (performance.now() - started) / 1000 };
    return result;
  });
}
