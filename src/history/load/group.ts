// Groups what touches or discusses the subject into entries: one per series lineage (every
// version of a series, with the threads of each version), else one per thread. A discussion
// joins the entry of the series its thread belongs to.
import type { Discussion } from './discussion.js';
import { placeholders, type Reader } from './sql.js';
import type { ThreadKey } from './thread.js';
import type { Touch } from './touches.js';

export interface EntryGroup {
  key: string;
  /** The series lineage (series.lineage), when the entry is a series. */
  lineage: number | null;
  touches: Touch[];
  discussions: Discussion[];
  /** Threads (or lone messages) of the entry, each once. */
  threads: ThreadKey[];
  /** Series id of each touching message, when known. */
  seriesOf: Map<string, number>;
}

const keyString = (k: ThreadKey) => ('thread' in k ? `t${k.thread}` : `m${k.message}`);

/** The series lineage each thread carries (its first series message's), when it carries one. */
function lineageOfThreads(reader: Reader, threads: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const ids = [...new Set(threads)];
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500);
    for (const r of reader.all<{ thread: number; lineage: number }>(
      `SELECT m.thread, s.lineage FROM messages m JOIN series_messages sm ON sm.message_id = m.message_id
       JOIN series s ON s.id = sm.series WHERE m.thread IN (${placeholders(page.length)})
       ORDER BY m.thread, m.thread_position, s.id`, page)) {
      if (!out.has(r.thread)) out.set(r.thread, r.lineage);
    }
  }
  return out;
}

export function groupEntries(reader: Reader, touches: Touch[], discussions: Discussion[]): EntryGroup[] {
  const ids = [...new Set([...touches.map((t) => t.messageId), ...discussions.map((d) => d.messageId)])];
  const threadOf = new Map<string, ThreadKey>();
  const seriesOf = new Map<string, { series: number; lineage: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500);
    for (const r of reader.all<{ message_id: string; thread: number | null }>(
      `SELECT message_id, thread FROM messages WHERE message_id IN (${placeholders(page.length)})`, page)) {
      threadOf.set(r.message_id, r.thread !== null ? { thread: r.thread } : { message: r.message_id });
    }
    for (const r of reader.all<{ message_id: string; series: number; lineage: number }>(
      `SELECT sm.message_id, s.id AS series, s.lineage FROM series_messages sm JOIN series s ON s.id = sm.series
       WHERE sm.message_id IN (${placeholders(page.length)}) ORDER BY s.id`, page)) {
      if (!seriesOf.has(r.message_id)) seriesOf.set(r.message_id, { series: r.series, lineage: r.lineage });
    }
  }
  const groups = new Map<string, EntryGroup>();
  const groupOfThread = new Map<string, string>();
  const groupFor = (key: string, lineage: number | null) => {
    let g = groups.get(key);
    if (!g) groups.set(key, g = { key, lineage, touches: [], discussions: [], threads: [], seriesOf: new Map() });
    return g;
  };
  const addThread = (g: EntryGroup, k: ThreadKey) => {
    const s = keyString(k);
    if (!g.threads.some((t) => keyString(t) === s)) g.threads.push(k);
    if (!groupOfThread.has(s)) groupOfThread.set(s, g.key);
  };
  for (const t of touches) {
    const series = seriesOf.get(t.messageId);
    const thread = threadOf.get(t.messageId) ?? { message: t.messageId };
    const g = groupFor(series ? `L${series.lineage}` : `T${keyString(thread)}`, series?.lineage ?? null);
    g.touches.push(t);
    if (series) g.seriesOf.set(t.messageId, series.series);
    addThread(g, thread);
  }
  // Every version's threads belong to its series' entry, also those that do not touch the subject.
  const addLineageThreads = () => {
    const lineages = [...new Set([...groups.values()].map((g) => g.lineage).filter((l): l is number => l !== null))];
    if (lineages.length === 0) return;
    for (const r of reader.all<{ lineage: number; thread: number | null; message_id: string }>(
      `SELECT DISTINCT s.lineage, m.thread, m.message_id FROM series s JOIN series_messages sm ON sm.series = s.id
       JOIN messages m ON m.message_id = sm.message_id WHERE s.lineage IN (${placeholders(lineages.length)})
       ORDER BY s.lineage, s.lineage_position, m.thread`, lineages)) {
      addThread(groups.get(`L${r.lineage}`)!, r.thread !== null ? { thread: r.thread } : { message: r.message_id });
    }
  };
  addLineageThreads();
  // A discussion joins the entry its thread is in, else the series its thread carries (a cover
  // letter of each version discussing the subject is one entry, not one per version).
  const threadLineage = lineageOfThreads(reader, discussions.map((d) => threadOf.get(d.messageId))
    .filter((k): k is { thread: number } => k !== undefined && 'thread' in k).map((k) => k.thread));
  for (const d of discussions) {
    const thread = threadOf.get(d.messageId) ?? { message: d.messageId };
    const lineage = seriesOf.get(d.messageId)?.lineage ?? ('thread' in thread ? threadLineage.get(thread.thread) : undefined) ?? null;
    const key = groupOfThread.get(keyString(thread)) ?? (lineage !== null ? `L${lineage}` : `T${keyString(thread)}`);
    const g = groupFor(key, lineage);
    g.discussions.push(d);
    addThread(g, thread);
  }
  addLineageThreads();
  return [...groups.values()];
}
