// From entry groups to the ranked entries and the threads they rest on: each thread is read
// once (series versions and discussions may share one) and carries its entry's reasons.
import type { HistoryEntry, HistoryThread, MessageCitation, SubjectKind } from '../types.js';
import { subjectMatcher } from './discussion.js';
import { buildEntry, rankEntries } from './entry.js';
import type { EntryGroup } from './group.js';
import { createHunkReader } from './hunk-text.js';
import type { LineageFile } from './lineage.js';
import type { Reader } from './sql.js';
import { loadThread, type ThreadKey } from './thread.js';
import { createUpstreamReader } from './upstream.js';
import { seriesOfLineages } from './versions.js';

const keyString = (k: ThreadKey) => ('thread' in k ? `t${k.thread}` : `m${k.message}`);

export function assembleEntries(
  reader: Reader, kind: SubjectKind, names: string[], groups: EntryGroup[], lineage: LineageFile,
): { entries: HistoryEntry[]; threads: HistoryThread[] } {
  const loaded = new Map<string, HistoryThread | null>();
  const threadOf = (k: ThreadKey) => {
    const s = keyString(k);
    if (!loaded.has(s)) loaded.set(s, loadThread(reader, k, [], lineage));
    return loaded.get(s)!;
  };
  const citations = new Map<string, MessageCitation>();
  const cite = (messageId: string): MessageCitation => citations.get(messageId) ?? { messageId, synthetic: messageId.endsWith('.invalid') };
  const series = seriesOfLineages(reader, [...new Set(groups.map((g) => g.lineage).filter((l): l is number => l !== null))]);
  const ctx = {
    names, nameMatcher: subjectMatcher(kind, names), hunks: createHunkReader(reader), upstream: createUpstreamReader(reader), series, cite,
  };
  const built = groups.map((g) => {
    const threads = g.threads.map(threadOf).filter((t): t is HistoryThread => t !== null);
    for (const m of threads.flatMap((t) => t.messages)) citations.set(m.messageId, { messageId: m.messageId, synthetic: m.synthetic });
    return buildEntry(g, threads, ctx);
  });
  const entries = rankEntries(built);
  const byRoot = new Map<string, HistoryThread>();
  for (const t of loaded.values()) if (t) byRoot.set(t.rootMessageId, t);
  for (const e of entries) {
    for (const root of e.threads) {
      const t = byRoot.get(root);
      if (t) t.matchedBy = [...new Set([...t.matchedBy, ...e.why.map((w) => `is in entry ${e.rank} (${w})`)])];
    }
  }
  const threads = [...byRoot.values()]
    .sort((a, b) => (a.firstDate ?? '~').localeCompare(b.firstDate ?? '~') || a.rootMessageId.localeCompare(b.rootMessageId));
  return { entries, threads };
}
