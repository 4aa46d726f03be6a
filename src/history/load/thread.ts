// One thread of the history read from the graph: messages in tree order, the proposal,
// patches, argument pairs, trailers, races, outcome and stubs.
import { basename } from 'node:path';
import type {
  ArgumentPair, HistoryMessage, HistoryPatch, HistoryThread, HistoryTrailer, MessageCitation, Proposal,
} from '../types.js';
import type { LineageFile } from './lineage.js';
import { blocksFromBody, pairArguments, proseParagraphs, type Block } from './prose.js';
import { segmentTexts } from '../../mail/segment/index.js';
import { unpackSegments } from '../../store/segment-layout.js';
import { racesOf } from './races.js';
import { placeholders, type Reader } from './sql.js';

/** A thread of the graph, or a lone message when threading has not run yet. */
export type ThreadKey = { thread: number } | { message: string };

interface MessageRow {
  message_id: string; synthetic_id: number; subject: string | null; author_name: string | null;
  author_email: string | null; date: string | null; is_stub: number; parent_message_id: string | null;
  depth: number | null; body: string | null; segments: string | null;
}

const cite = (m: MessageCitation): MessageCitation => ({ messageId: m.messageId, synthetic: m.synthetic });

function readMessages(reader: Reader, key: ThreadKey): MessageRow[] {
  const cols = `m.message_id, m.synthetic_id, m.subject, m.author_name, m.author_email, m.date, m.is_stub, m.parent_message_id,
    m.depth, b.body, b.segments FROM messages m LEFT JOIN message_bodies b ON b.id = m.id`;
  return 'thread' in key
    ? reader.all<MessageRow>(`SELECT ${cols} WHERE m.thread = ?
        ORDER BY m.thread_position IS NULL, m.thread_position, m.date, m.message_id`, [key.thread])
    : reader.all<MessageRow>(`SELECT ${cols} WHERE m.message_id = ?`, [key.message]);
}

function blocksOf(reader: Reader, row: MessageRow): { blocks: Block[]; source: 'segments' | 'body' } {
  const segments = unpackSegments(row.segments);
  if (segments.length > 0) {
    const texts = segmentTexts(row.body ?? '', segments);
    return {
      source: 'segments',
      blocks: segments.map((s, i) => ({
        kind: s.kind === 'prose' || s.kind === 'quote' || s.kind === 'attribution' ? s.kind : 'other',
        depth: s.depth, text: texts[i] ?? '',
      })),
    };
  }
  return { source: 'body', blocks: blocksFromBody(row.body ?? '') };
}

function patchesOf(reader: Reader, messages: HistoryMessage[]): HistoryPatch[] {
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  const ids = [...byId.keys()];
  const rows = reader.all<{ id: number; message_id: string; ordinal: number; origin: string; attachment_name: string | null;
    subject: string | null; insertions: number; deletions: number; series_version: number | null; part: number | null; part_total: number | null }>(
    `SELECT id, message_id, ordinal, origin, attachment_name, subject, insertions, deletions, series_version, part, part_total
     FROM patches WHERE message_id IN (${placeholders(ids.length)}) AND origin != 'quoted'`, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.message_id)! - order.get(b.message_id)! || a.ordinal - b.ordinal);
  return rows.map((p) => ({
    message: cite(byId.get(p.message_id)!), ordinal: p.ordinal, subject: p.subject, origin: p.origin,
    attachmentName: p.attachment_name, insertions: p.insertions, deletions: p.deletions,
    version: p.series_version ?? 1, part: p.part, partTotal: p.part_total,
    files: reader.all<{ path: string; status: string; additions: number; deletions: number }>(
      'SELECT path, status, additions, deletions FROM patch_files WHERE patch = ? ORDER BY ordinal', [p.id]),
    functions: reader.all<{ symbol: string }>(
      `SELECT DISTINCT hs.symbol FROM hunk_symbols hs JOIN hunks h ON h.id = hs.hunk JOIN patch_files pf ON pf.id = h.patch_file
       WHERE pf.patch = ? AND hs.kind = 'function' ORDER BY hs.symbol`, [p.id]).map((r) => r.symbol),
  }));
}

function argumentsOf(reader: Reader, rows: MessageRow[], messages: HistoryMessage[]): ArgumentPair[] {
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  const pairs: ArgumentPair[] = [];
  for (const row of rows) {
    if (row.is_stub) continue;
    const reply = byId.get(row.message_id)!;
    const replyVoice = (text: string) => ({ text, author: reply.author, date: reply.date, message: cite(reply) });
    const quotes = reader.all<{ quoted_text: string; reply_text: string | null; quoted_author_name: string | null;
      quoted_message_id: string | null; attribution: string | null }>(
      `SELECT quoted_text, reply_text, quoted_author_name, quoted_message_id, attribution FROM quotes
       WHERE message_id = ? AND depth = 1 ORDER BY ordinal`, [row.message_id]);
    if (quotes.length > 0) {
      for (const q of quotes) {
        if (!q.reply_text?.trim()) continue;
        const quoted = q.quoted_message_id ? byId.get(q.quoted_message_id) : undefined;
        pairs.push({
          point: {
            text: q.quoted_text, author: q.quoted_author_name ? { name: q.quoted_author_name, email: null } : quoted?.author ?? null,
            date: quoted?.date ?? null, message: quoted ? cite(quoted) : null,
          },
          reply: replyVoice(q.reply_text),
        });
      }
      continue;
    }
    for (const p of pairArguments(blocksOf(reader, row).blocks)) {
      pairs.push({
        point: { text: p.pointText, author: p.pointAuthor ? { name: p.pointAuthor, email: null } : null, date: p.pointDate, message: null },
        reply: replyVoice(p.replyText),
      });
    }
  }
  return pairs;
}

function trailersOf(reader: Reader, messages: HistoryMessage[]): HistoryTrailer[] {
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  const ids = [...byId.keys()];
  return reader.all<{ name: string; value: string; person_name: string | null; person_email: string | null;
    message_id: string; in_reply: number; subject: string | null }>(
    `SELECT t.name, t.value, t.person_name, t.person_email, t.message_id, t.in_reply, p.subject
     FROM trailers t LEFT JOIN patches p ON p.id = t.patch
     WHERE t.message_id IN (${placeholders(ids.length)}) AND lower(t.name) NOT IN ('signed-off-by', 'cc')
     ORDER BY t.message_id, t.id`, ids,
  ).map((t) => ({
    name: t.name, value: t.value, person: { name: t.person_name, email: t.person_email },
    message: cite(byId.get(t.message_id)!), patchSubject: t.subject, inReply: t.in_reply === 1,
  }));
}

function proposalOf(reader: Reader, rows: MessageRow[], messages: HistoryMessage[]): Proposal | null {
  const archived = messages.filter((m) => !m.stub);
  const chosen = archived.find((m) => m.hasPatch)
    ?? [...archived].sort((a, b) => (a.date ?? '~').localeCompare(b.date ?? '~'))[0];
  if (!chosen) return null;
  const { blocks, source } = blocksOf(reader, rows.find((r) => r.message_id === chosen.messageId)!);
  const paragraphs = proseParagraphs(blocks);
  if (source === 'body') reader.note('body segmentation (segments) not available for some messages: proposals were cut from message bodies');
  return { message: cite(chosen), author: chosen.author, date: chosen.date, paragraphs, source };
}

export function loadThread(reader: Reader, key: ThreadKey, matchedBy: string[], lineage: LineageFile): HistoryThread | null {
  const rows = readMessages(reader, key);
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.message_id);
  const withPatch = new Set(reader.all<{ message_id: string }>(
    `SELECT DISTINCT message_id FROM patches WHERE origin != 'quoted' AND message_id IN (${placeholders(ids.length)})`, ids,
  ).map((r) => r.message_id));
  const messages: HistoryMessage[] = rows.map((r) => ({
    messageId: r.message_id, synthetic: r.synthetic_id === 1, subject: r.subject,
    author: { name: r.author_name, email: r.author_email }, date: r.date, stub: r.is_stub === 1,
    parentMessageId: r.parent_message_id, depth: r.depth ?? 0, hasPatch: withPatch.has(r.message_id),
  }));
  const meta = 'thread' in key
    ? reader.get<{ root_message_id: string; subject: string | null; first_date: string | null; last_date: string | null }>(
      'SELECT root_message_id, subject, first_date, last_date FROM threads WHERE id = ?', [key.thread])
    : undefined;
  const dates = messages.map((m) => m.date).filter((d): d is string => d !== null).sort();
  const seeds = reader.all<{ path: string }>(
    `SELECT DISTINCT s.path FROM message_sources ms JOIN sources s ON s.id = ms.source
     WHERE ms.message_id IN (${placeholders(ids.length)}) ORDER BY s.path`, ids).map((r) => basename(r.path));
  return {
    rootMessageId: meta?.root_message_id ?? messages[0].messageId,
    subject: meta?.subject ?? messages[0].subject,
    firstDate: meta?.first_date ?? dates[0] ?? null,
    lastDate: meta?.last_date ?? dates[dates.length - 1] ?? null,
    matchedBy,
    messages,
    proposal: proposalOf(reader, rows, messages),
    patches: patchesOf(reader, messages),
    arguments: argumentsOf(reader, rows, messages),
    trailers: trailersOf(reader, messages),
    races: racesOf(reader, messages, seeds),
    outcome: lineage.outcomes.filter((o) => seeds.includes(basename(o.seed))).flatMap((o) => o.facts),
    stubs: messages.filter((m) => m.stub),
  };
}
