// The pipeline: sources → parsed mail → analysis → the one writer, in batched transactions,
// then threading over the whole graph. Bad input never stops the run: it is recorded.
import { parseMail } from '../mail/parse.js';
import { isDamageNote } from '../mail/notes.js';
import { countExpected, readSource } from '../sources/index.js';
import type { SourceFormat, SourceItem } from '../sources/types.js';
import type { DB } from '../store/open.js';
import { createWriter, type Writer } from '../store/writer.js';
import type { MessageRecord } from '../store/types.js';
import { createAnalyzer, type Analyzer } from './analysis/pool.js';
import { completeRecord } from './analysis/analyze-mail.js';
import { resolveInputs } from './inputs.js';
import { rebuildThreads, type ThreadPassSummary } from '../passes/thread-pass.js';
import { attributePendingQuotes, type QuotePassSummary } from '../passes/quote-pass.js';
import { rebuildSeries, type SeriesPassSummary } from '../passes/series-pass.js';
import { CommitGroups, COMMIT_EVERY, type CommitEvery } from './commit-groups.js';
import { collectAfterLargeMail, collectGarbage } from './v8/collect-garbage.js';
import { commitThenCheckpointInBackground, type CheckpointResult } from '../store/checkpoint.js';
import { dropDeferredIndexes, restoreIndexes } from '../store/deferred-indexes.js';

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

type Prepared =
  | { kind: 'record'; record: MessageRecord }
  | { kind: 'other'; item: SourceItem }
  | { kind: 'deletion'; messageId: string | null; item: SourceItem }
  | { kind: 'failed'; item: SourceItem & { kind: 'message' }; error: string };

export async function ingest(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const writer = createWriter(db);
  const batchSize = options.batchSize ?? 256;
  const commits = new CommitGroups(db, options.commitEvery ?? COMMIT_EVERY);
  const analyzer = createAnalyzer(options.jobs);
  // A first ingest leaves the indexes only queries read until its inputs are in (store/deferred-indexes.ts).
  let indexesDropped = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM messages)').pluck().get() === 1;
  if (indexesDropped) dropDeferredIndexes(db);
  const restoreIndexesOnce = () => {
    if (!indexesDropped) return;
    indexesDropped = false;
    commits.write(0, () => restoreIndexes(db));
  };
  try {
    return await ingestInputs(db, writer, analyzer, commits, paths, batchSize, options, restoreIndexesOnce);
  } finally {
    // Whatever stopped the run, every batch written so far is kept (and the indexes are whole).
    try {
      restoreIndexesOnce();
    } finally {
      commits.commit();
      await analyzer.close();
    }
  }
}

async function ingestInputs(db: DB, writer: Writer, analyzer: Analyzer, commits: CommitGroups, paths: string[], batchSize: number,
  options: IngestOptions, restoreIndexesOnce: () => void): Promise<IngestSummary> {
  let changed = false;
  const summary: IngestSummary = { sources: 0, messages: 0, new: 0, filledStubs: 0, duplicates: 0, unchanged: 0, deleted: 0, skippedUnchanged: 0, stubs: 0, failed: 0, errors: [], passes: {} };

  let checkpoint: Promise<CheckpointResult | null> | null = null;
  const bytesInFlight = options.bytesInFlight ?? BYTES_IN_FLIGHT;
  const inputs = await resolveInputs(paths, options.format);
  for (const [index, input] of inputs.entries()) {
    summary.sources++;
    const format = input.format ?? 'eml';
    const source = writer.source(input.path, format);
    // A plain file seen before with the same size and mtime: nothing new in it.
    if (input.fingerprint && source.fingerprint === input.fingerprint) {
      summary.skippedUnchanged++;
      continue;
    }
    const sinceCommit = source.lastCommit ? (JSON.parse(source.lastCommit) as Record<number, string>) : undefined;
    const read = readSource(input.path, { format: input.format ?? undefined, sinceCommit });
    // Known for git and Maildir: for the progress bar's ETA. In git it counts only the commits
    // after the last run's, which are all to be analysed: a large count starts the analysis worker
    // before the first message is read (a Maildir's count includes the files stored before).
    const git = input.format === 'public-inbox-v2' || input.format === 'public-inbox-v1';
    const sourceExpected = (options.onProgress || git) && input.format !== 'page'
      ? await countExpected(input.path, { format: input.format ?? undefined, sinceCommit }).catch(() => null)
      : null;
    if (git) analyzer.expect(sourceExpected);
    const messagesBefore = summary.messages;
    options.onProgress?.({ source: input.path, messages: summary.messages, sourceMessages: 0, sourceExpected }); // the source's clock starts
    let batch: Prepared[] = [];
    let batchBytes = 0;
    let batchSizes: number[] = [];
    const flush = () => {
      const items = batch;
      const sizes = batchSizes;
      batch = [];
      batchSizes = [];
      batchBytes = 0;
      const before = summary.new + summary.filledStubs + summary.deleted + summary.stubs;
      commits.write(items.length, () => items.forEach((prepared) => store(writer, source.id, prepared, summary)));
      if (summary.new + summary.filledStubs + summary.deleted + summary.stubs !== before) changed = true;
      sizes.forEach(collectAfterLargeMail); // written: their records are garbage now
      options.onProgress?.({ source: input.path, messages: summary.messages, sourceMessages: summary.messages - messagesBefore, sourceExpected });
    };
    // Messages are analysed concurrently (worker threads) but stored in input order, so
    // "the first copy wins" means the same on every run. Messages under way and waiting to be
    // written are bounded in bytes too: lore mail is a few KB, and 256 messages of several MB
    // each (and their parsed copies) would otherwise be held at once.
    const window: Array<{ prepared: Promise<Prepared>; bytes: number }> = [];
    let windowBytes = 0;
    const take = async () => {
      const next = window.shift()!;
      windowBytes -= next.bytes;
      batch.push(await next.prepared);
      batchSizes.push(next.bytes);
      batchBytes += next.bytes;
      if (batch.length >= batchSize || batchBytes >= bytesInFlight) flush();
    };
    try {
      for await (const item of read) {
        const bytes = 'raw' in item ? item.raw.length : 0;
        window.push({ prepared: prepare(analyzer, writer, source.id, item, summary), bytes });
        windowBytes += bytes;
        while (window.length >= batchSize || windowBytes >= bytesInFlight) await take();
      }
    } catch (error) {
      const reason = `${input.path}: reading stopped: ${(error as Error).message}`;
      window.push({ prepared: Promise.resolve({ kind: 'other', item: { kind: 'error', origin: { source: input.path, format, locator: 'read' }, reason } }), bytes: 0 });
    }
    while (window.length) await take();
    flush();
    const cursor = { ...(sinceCommit ?? {}), ...read.newestCommit };
    commits.write(0, () => writer.finishSource(source.id, format, input.fingerprint, Object.keys(cursor).length ? JSON.stringify(cursor) : null));
    // After a large run the last commit's checkpoint is copied on another thread, while this
    // one threads (see store/checkpoint.ts); a small run leaves it to the writer.
    const last = index === inputs.length - 1;
    if (last) restoreIndexesOnce(); // before the last commit, so its checkpoint copies them too
    if (last && summary.new + summary.filledStubs >= (options.checkpointInBackgroundFrom ?? BACKGROUND_CHECKPOINT_FROM)) {
      const started = performance.now();
      checkpoint = commitThenCheckpointInBackground(db, () => commits.commit()).then((result) => {
        if (result) summary.checkpoint = { ...result, seconds: (performance.now() - started) / 1000 };
        return result;
      });
    } else commits.commit();
  }
  restoreIndexesOnce(); // the passes read them (when the last input was skipped, they are not back yet)
  commits.commit();
  await analyzer.close();
  // The passes after the inputs: when this run changed the graph, or an earlier run stored
  // messages and was stopped before its passes were done (killed, or an error in a pass).
  if (changed || passesLeftOver(db)) {
    const pass = <T extends object>(name: PassName, run: () => T): T & { seconds: number } => {
      collectGarbage(); // each pass reads the whole graph: start each on a clean heap
      options.onPass?.(name, 'start');
      const started = performance.now();
      const result = { ...run(), seconds: (performance.now() - started) / 1000 };
      options.onPass?.(name, 'end');
      return result;
    };
    summary.passes.threads = pass('threads', () => rebuildThreads(db));
    summary.passes.quotes = pass('quotes', () => db.transaction(() => attributePendingQuotes(db))()); // needs the thread: see passes/quote-pass.ts
    summary.passes.series = pass('series', () => rebuildSeries(db));
  }
  await checkpoint;
  return summary;
}

/** Raw mail under way at once (see IngestOptions.bytesInFlight): 256 lore messages are 1–3 MB. */
const BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/** A commit group's worth: below it, the writer's own checkpoint (or closing) costs little. */
const BACKGROUND_CHECKPOINT_FROM = 2048;

/** Unplaced messages or unattributed quotes from an earlier run: its passes never finished. */
function passesLeftOver(db: DB): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM messages WHERE thread IS NULL AND stub_origin IS NOT 'reference')
      OR EXISTS (SELECT 1 FROM quote_pending)`).pluck().get() === 1;
}

async function prepare(analyzer: Analyzer, writer: Writer, sourceId: number, item: SourceItem, summary: IngestSummary): Promise<Prepared> {
  if (item.kind === 'delete') {
    const mail = await parseMail(item.raw).catch(() => null);
    return { kind: 'deletion', messageId: mail && !mail.syntheticId ? mail.messageId : null, item };
  }
  if (item.kind !== 'message') return { kind: 'other', item };
  summary.messages++;
  // The same copy stored by an earlier run: nothing to parse again.
  if (writer.knownCopy(sourceId, item.origin.locator)) return { kind: 'other', item };
  try {
    return { kind: 'record', record: completeRecord(await analyzer.analyze(item.raw, item.origin), item.raw) };
  } catch (error) {
    return { kind: 'failed', item, error: (error as Error).message };
  }
}

function store(writer: Writer, sourceId: number, prepared: Prepared, summary: IngestSummary): void {
  if (prepared.kind === 'record') {
    const outcome = writer.storeMessage(sourceId, prepared.record);
    if (outcome === 'new') summary.new++;
    else if (outcome === 'filled-stub') summary.filledStubs++;
    else if (outcome === 'duplicate') summary.duplicates++;
    else summary.unchanged++;
    if (outcome === 'unchanged') return; // this copy was stored, and its problems recorded, before
    const { origin, mail, patches } = prepared.record;
    for (const note of mail.notes.filter(isDamageNote)) record(writer, summary, origin.source, origin.locator, mail.messageId, 'decode', note);
    for (const patch of patches) {
      for (const problem of patch.problems.filter((p) => /^(unparseable|dropped|kept raw)/i.test(p))) {
        record(writer, summary, origin.source, origin.locator, mail.messageId, 'patch', problem);
      }
    }
    return;
  }
  if (prepared.kind === 'deletion') {
    if (prepared.messageId && writer.deleteMessage(prepared.messageId)) summary.deleted++;
    return;
  }
  if (prepared.kind === 'failed') {
    summary.failed++;
    record(writer, summary, prepared.item.origin.source, prepared.item.origin.locator, null, 'mime', prepared.error);
    return;
  }
  const { item } = prepared;
  switch (item.kind) {
    case 'message':
      summary.unchanged++;
      return;
    case 'stub':
      if (writer.storeStub(sourceId, { stub: item.stub, origin: item.origin }) === 'new') summary.stubs++;
      return;
    case 'delete':
      return;
    case 'error':
      record(writer, summary, item.origin.source, item.origin.locator, null, 'source', item.reason);
  }
}

function record(writer: Writer, summary: IngestSummary, source: string, locator: string | null, messageId: string | null,
  stage: IngestProblem['stage'], error: string): void {
  writer.recordError({ source, locator, messageId, stage, error });
  summary.errors.push({ source, locator, messageId, stage, error });
}
