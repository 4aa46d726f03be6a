// One item read from a source → what the writer will store for it (`prepare`, under way while
// later items are read), and the writing of it with its count and its problems (`storePrepared`).
import { parseMail } from '../mail/parse.js';
import { isDamageNote } from '../mail/notes.js';
import type { SourceItem } from '../sources/types.js';
import type { Writer } from '../store/writer.js';
import type { MessageRecord } from '../store/types.js';
import type { Analyzer } from './analysis/pool.js';
import { completeRecord } from './analysis/analyze-mail.js';
import type { IngestProblem, IngestSummary } from './types.js';

export type Prepared =
  | { kind: 'record'; record: MessageRecord }
  | { kind: 'other'; item: SourceItem }
  | { kind: 'deletion'; messageId: string | null; item: SourceItem }
  | { kind: 'failed'; item: SourceItem & { kind: 'message' }; error: string };

export async function prepare(analyzer: Analyzer, writer: Writer, sourceId: number, item: SourceItem, summary: IngestSummary): Promise<Prepared> {
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

export function storePrepared(writer: Writer, sourceId: number, prepared: Prepared, summary: IngestSummary): void {
  if (prepared.kind === 'record') {
    const outcome = writer.storeMessage(sourceId, prepared.record);
    if (outcome === 'new') summary.new++;
    else if (outcome === 'filled-stub') summary.filledStubs++;
    else if (outcome === 'duplicate') summary.duplicates++;
    else summary.unchanged++;
    if (outcome === 'unchanged') return; // this copy was stored, and its problems recorded, before
    const { origin, mail, patches } = prepared.record;
    for (const note of mail.notes.filter(isDamageNote)) recordProblem(writer, summary, origin.source, origin.locator, mail.messageId, 'decode', note);
    for (const patch of patches) {
      for (const problem of patch.problems.filter((p) => /^(unparseable|dropped|kept raw)/i.test(p))) {
        recordProblem(writer, summary, origin.source, origin.locator, mail.messageId, 'patch', problem);
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
    recordProblem(writer, summary, prepared.item.origin.source, prepared.item.origin.locator, null, 'mime', prepared.error);
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
      recordProblem(writer, summary, item.origin.source, item.origin.locator, null, 'source', item.reason);
  }
}

function recordProblem(writer: Writer, summary: IngestSummary, source: string, locator: string | null, messageId: string | null,
  stage: IngestProblem['stage'], error: string): void {
  writer.recordError({ source, locator, messageId, stage, error });
  summary.errors.push({ source, locator, messageId, stage, error });
}
