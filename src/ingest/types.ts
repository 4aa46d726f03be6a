// What an ingest is told (options) and what it tells back (progress, the summary).
import type { SourceFormat } from '../sources/types.js';
import type { CheckpointResult } from '../store/checkpoint.js';
import type { CommitEvery } from './commit-groups.js';
import type { QuotePassSummary } from '../passes/quote-pass.js';
import type { SeriesPassSummary } from '../passes/series-pass.js';
import type { ThreadPassSummary } from '../passes/thread-pass.js';

export interface IngestOptions {
  format?: SourceFormat;
  /** Messages written per step (and analysed ahead of the writer). */
  batchSize?: number;
  /** Raw bytes of the messages being analysed, and of those analysed but not yet written, at most (each; default 16 MB). */
  bytesInFlight?: number;
  /** A transaction is committed once it holds this many messages or is this old (ms). */
  commitEvery?: CommitEvery;
  /** Worker threads for parsing and analysis (0: all in this thread); default: cores − 1, 1 to 4. */
  jobs?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Told when each pass over the graph after the inputs starts and ends (they can take a while). */
  onPass?: (pass: PassName, state: 'start' | 'end') => void;
  /** Messages stored in a run from which its last checkpoint runs on another thread (default 2,048). */
  checkpointInBackgroundFrom?: number;
  /**
   * Run the passes over the graph after the inputs (default true). False leaves them to a later
   * ingest of the same database (which finds them left over) or to a merge that runs them over
   * the whole graph: a shard's own passes would be discarded by the join.
   */
  passes?: boolean;
}

export type PassName = keyof IngestPasses;

/** The passes over the graph after the inputs, with what each did and how long it took. */
export interface IngestPasses {
  threads?: ThreadPassSummary & { seconds: number };
  quotes?: QuotePassSummary & { seconds: number };
  series?: SeriesPassSummary & { seconds: number };
}

export interface IngestProgress {
  source: string;
  /** Messages read so far in this run, all sources. */
  messages: number;
  /** Messages (git: commits) read so far from this source, and how many it holds when known. */
  sourceMessages: number;
  sourceExpected: number | null;
}

export interface IngestSummary {
  sources: number;
  /** Messages seen in the input (full messages, not stubs). */
  messages: number;
  new: number;
  filledStubs: number;
  duplicates: number;
  unchanged: number;
  deleted: number;
  /** Files skipped whole because they did not change since the last run. */
  skippedUnchanged: number;
  stubs: number;
  failed: number;
  /**
   * Problems recorded in ingest_errors during this run. 'source' and 'mime': input that was not
   * stored (or a source that may be cut short); 'decode' and 'patch': a stored message read
   * around damage (see the comment on ingest_errors in schema.sql).
   */
  errors: IngestProblem[];
  /** Empty when nothing changed (no pass was needed). */
  passes: IngestPasses;
  /** The WAL copied into the database file by a background thread after the inputs (large runs only). */
  checkpoint?: CheckpointResult & { seconds: number };
}

export interface IngestProblem {
  source: string;
  /** Where in the source (git blob, byte offset, file), when known. */
  locator: string | null;
  messageId: string | null;
  stage: 'source' | 'mime' | 'decode' | 'patch';
  error: string;
}

export function emptySummary(): IngestSummary {
  return { sources: 0, messages: 0, new: 0, filledStubs: 0, duplicates: 0, unchanged: 0, deleted: 0, skippedUnchanged: 0, stubs: 0, failed: 0, errors: [], passes: {} };
}
