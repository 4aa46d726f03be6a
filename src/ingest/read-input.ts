// One input into the store: its items read, analysed ahead of the writer within the bounds
// (window.ts), written in batches inside the commit groups, and the source's cursor recorded.
import { countExpected, readSource } from '../sources/index.js';
import type { Writer } from '../store/writer.js';
import type { Analyzer } from './analysis/pool.js';
import type { CommitGroups } from './commit-groups.js';
import type { Input } from './inputs.js';
import { prepare, storePrepared, type Prepared } from './prepare.js';
import type { IngestOptions, IngestSummary } from './types.js';
import { collectAfterLargeMail } from './v8/collect-garbage.js';
import { Batch, InOrderWindow, type Bounds } from './window.js';

export interface InputRun {
  writer: Writer;
  analyzer: Analyzer;
  commits: CommitGroups;
  /** Bounds on messages under way, and on each batch written. */
  bounds: Bounds;
  summary: IngestSummary;
  onProgress?: IngestOptions['onProgress'];
  /** Told when a batch stored, filled or deleted something. */
  onChanged: () => void;
}

/** Reads `input` into the store; 'unchanged' when it is a plain file not changed since the last run (not read). */
export async function readInput(run: InputRun, input: Input): Promise<'read' | 'unchanged'> {
  const { writer, analyzer, commits, summary } = run;
  summary.sources++;
  const format = input.format ?? 'eml';
  const source = writer.source(input.path, format);
  // A plain file seen before with the same size and mtime: nothing new in it.
  if (input.fingerprint && source.fingerprint === input.fingerprint) {
    summary.skippedUnchanged++;
    return 'unchanged';
  }
  const sinceCommit = source.lastCommit ? (JSON.parse(source.lastCommit) as Record<number, string>) : undefined;
  const read = readSource(input.path, { format: input.format ?? undefined, sinceCommit });
  // Known for git and Maildir: for the progress bar's ETA. In git it counts only the commits
  // after the last run's, which are all to be analysed: a large count starts the analysis worker
  // before the first message is read (a Maildir's count includes the files stored before).
  const git = input.format === 'public-inbox-v2' || input.format === 'public-inbox-v1';
  const sourceExpected = (run.onProgress || git) && input.format !== 'page'
    ? await countExpected(input.path, { format: input.format ?? undefined, sinceCommit }).catch(() => null)
    : null;
  if (git) analyzer.expect(sourceExpected);
  const messagesBefore = summary.messages;
  const progress = () => run.onProgress?.({ source: input.path, messages: summary.messages, sourceMessages: summary.messages - messagesBefore, sourceExpected });
  progress(); // the source's clock starts

  const batch = new Batch<Prepared>(run.bounds);
  const flush = () => {
    const { items, sizes } = batch.drain();
    const before = summary.new + summary.filledStubs + summary.deleted + summary.stubs;
    commits.write(items.length, () => items.forEach((prepared) => storePrepared(writer, source.id, prepared, summary)));
    if (summary.new + summary.filledStubs + summary.deleted + summary.stubs !== before) run.onChanged();
    sizes.forEach(collectAfterLargeMail); // written: their records are garbage now
    progress();
  };
  const window = new InOrderWindow<Prepared>(run.bounds);
  const take = async () => {
    const { value, bytes } = await window.take();
    if (batch.add(value, bytes)) flush();
  };
  try {
    for await (const item of read) {
      window.push(prepare(analyzer, writer, source.id, item, summary), 'raw' in item ? item.raw.length : 0);
      while (window.full) await take();
    }
  } catch (error) {
    const reason = `${input.path}: reading stopped: ${(error as Error).message}`;
    window.push(Promise.resolve({ kind: 'other', item: { kind: 'error', origin: { source: input.path, format, locator: 'read' }, reason } }), 0);
  }
  while (!window.empty) await take();
  flush();
  const cursor = { ...(sinceCommit ?? {}), ...read.newestCommit };
  commits.write(0, () => writer.finishSource(source.id, format, input.fingerprint, Object.keys(cursor).length ? JSON.stringify(cursor) : null));
  return 'read';
}
