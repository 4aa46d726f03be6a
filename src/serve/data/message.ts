// Everything the message page shows, as plain data (the same object /api/m/<id> returns).
import type { DB } from '../../store/open.js';
import { showMessage, type ShownMessage } from '../../query/show.js';
import { hasColumn, hasTable } from './schema-probe.js';

/** A stretch of the body: prose, a quote block, a diff, a signature … (message_bodies.segments). */
export interface BodyPart {
  kind: string;
  depth: number;
  text: string;
}

export interface HunkView {
  header: string;
  /** The hunk's lines as written in the diff, '@@' line first. */
  lines: string[];
  /** What the hunk touches (hunk_symbols). */
  symbols: Array<{ name: string; kind: string; change: string }>;
}

export interface PatchView {
  ordinal: number;
  files: Array<{ path: string; status: string; additions: number; deletions: number; hunks: HunkView[] }>;
  /** The diff text before the first file (commit message, diffstat), when the raw patch has one. */
  preamble: string;
}

export interface ParagraphReply {
  /** The reply that quoted this message. */
  messageId: string;
  author: string | null;
  date: string | null;
  quotedText: string;
  replyText: string | null;
}

export interface SeriesView {
  title: string;
  version: number;
  partTotal: number;
  missingParts: number[];
  /** Every version of the series, first to last; `current` marks this message's. */
  versions: Array<{ version: number; coverMessageId: string | null; firstMessageId: string | null; date: string | null; complete: boolean; current: boolean }>;
  parts: Array<{ part: number; messageId: string; subject: string | null }>;
}

export interface RaceLinkView {
  patch: number;
  scenario: string;
  how: string;
  score: number | null;
  /** What the link rests on: the lines and the steps (JSON written by src/link), as given. */
  evidence: unknown;
  verdicts: Array<{ variant: string; verdict: string }>;
}

export interface ThreadEntry {
  messageId: string;
  subject: string | null;
  author: string | null;
  date: string | null;
  depth: number;
  stub: boolean;
}

export interface MessageView {
  message: ShownMessage;
  bodyParts: BodyPart[];
  patchViews: PatchView[];
  thread: ThreadEntry[];
  paragraphReplies: ParagraphReply[];
  series: SeriesView | null;
  races: RaceLinkView[];
  loreUrl: string;
}

export function loreLink(messageId: string): string {
  return `https://lore.kernel.org/r/${encodeURIComponent(messageId)}`;
}

/** Cuts the body into its stored segments; without segments the body is one prose part. */
export function bodyParts(body: string | null, segments: string | null): BodyPart[] {
  if (body === null) return [];
  const lines = body.split(/\r?\n/);
  let layout: Array<[string, number, number, number]> = [];
  try {
    layout = segments ? (JSON.parse(segments) as typeof layout) : [];
  } catch {
    layout = [];
  }
  if (layout.length === 0) return [{ kind: 'prose', depth: 0, text: body }];
  const parts: BodyPart[] = [];
  let next = 1;
  const pushGap = (upTo: number) => {
    if (upTo > next) parts.push({ kind: 'prose', depth: 0, text: lines.slice(next - 1, upTo - 1).join('\n') });
  };
  for (const [kind, depth, start, end] of layout) {
    pushGap(start);
    parts.push({ kind, depth, text: lines.slice(start - 1, end).join('\n') });
    next = Math.max(next, end + 1);
  }
  if (next <= lines.length) parts.push({ kind: 'prose', depth: 0, text: lines.slice(next - 1).join('\n') });
  return parts.filter((p) => p.text.trim() !== '' || p.kind !== 'prose');
}

/** Splits a raw diff at its '@@' lines, so each hunk row can be shown with its own lines. */
export function splitHunks(raw: string): { preamble: string; hunks: string[][] } {
  const lines = raw.split('\n');
  const hunks: string[][] = [];
  const preamble: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith('@@')) {
      current = [line];
      hunks.push(current);
    } else if (line.startsWith('diff --git ') || line.startsWith('--- ') || line.startsWith('+++ ') || line.startsWith('index ')) {
      current = null;
      if (hunks.length === 0) preamble.push(line);
    } else if (current) current.push(line);
    else if (hunks.length === 0) preamble.push(line);
  }
  return { preamble: preamble.join('\n').trim(), hunks };
}

function patchViews(db: DB, messageId: string): PatchView[] {
  const patches = db.prepare('SELECT id, ordinal, raw FROM patches WHERE message_id = ? ORDER BY ordinal').all(messageId) as Array<{ id: number; ordinal: number; raw: string }>;
  const filesOf = db.prepare('SELECT id, path, status, additions, deletions FROM patch_files WHERE patch = ? ORDER BY ordinal');
  const hunksOf = db.prepare('SELECT id, header FROM hunks WHERE patch_file = ? ORDER BY ordinal');
  const symbolsOf = db.prepare('SELECT symbol AS name, kind, change FROM hunk_symbols WHERE hunk = ? ORDER BY confidence DESC, symbol');
  return patches.map((p) => {
    const split = splitHunks(p.raw);
    let n = 0;
    const files = (filesOf.all(p.id) as Array<{ id: number; path: string; status: string; additions: number; deletions: number }>).map((f) => ({
      path: f.path,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      hunks: (hunksOf.all(f.id) as Array<{ id: number; header: string | null }>).map((h) => ({
        header: h.header ?? '',
        // Hunks are stored in diff order, so the n-th '@@' of the raw text is the n-th hunk row.
        lines: split.hunks[n++] ?? [],
        symbols: symbolsOf.all(h.id) as HunkView['symbols'],
      })),
    }));
    return { ordinal: p.ordinal, files, preamble: split.preamble };
  });
}

function threadOf(db: DB, thread: number | null, messageId: string): ThreadEntry[] {
  const rows = thread === null
    ? db.prepare('SELECT message_id, subject, author_name, date, 0 AS depth, is_stub FROM messages WHERE message_id = ?').all(messageId)
    : db.prepare('SELECT message_id, subject, author_name, date, coalesce(depth, 0) AS depth, is_stub FROM messages WHERE thread = ? ORDER BY thread_position, id').all(thread);
  return (rows as Array<{ message_id: string; subject: string | null; author_name: string | null; date: string | null; depth: number; is_stub: number }>).map((r) => ({
    messageId: r.message_id, subject: r.subject, author: r.author_name, date: r.date, depth: r.depth, stub: r.is_stub === 1,
  }));
}

function paragraphRepliesTo(db: DB, messageId: string): ParagraphReply[] {
  return (db.prepare(`SELECT q.message_id, m.author_name, m.date, q.quoted_text, q.reply_text
      FROM quotes q JOIN messages m ON m.message_id = q.message_id
     WHERE q.quoted_message_id = ? AND q.depth = 1 ORDER BY m.date, q.message_id, q.ordinal`).all(messageId) as Array<Record<string, string | null>>)
    .map((r) => ({ messageId: r.message_id!, author: r.author_name, date: r.date, quotedText: r.quoted_text ?? '', replyText: r.reply_text }));
}

function seriesOf(db: DB, messageId: string): SeriesView | null {
  const s = db.prepare(`SELECT s.* FROM series_messages sm JOIN series s ON s.id = sm.series WHERE sm.message_id = ? ORDER BY s.version DESC LIMIT 1`).get(messageId) as Record<string, any> | undefined;
  if (!s) return null;
  const versions = (db.prepare(`SELECT s.id, s.version, s.cover_message_id, s.first_date, s.complete,
        (SELECT message_id FROM series_messages WHERE series = s.id ORDER BY part LIMIT 1) AS first
      FROM series s WHERE s.lineage = ? ORDER BY s.lineage_position`).all(s.lineage) as Array<Record<string, any>>)
    .map((v) => ({ version: v.version, coverMessageId: v.cover_message_id, firstMessageId: v.first, date: v.first_date, complete: v.complete === 1, current: v.id === s.id }));
  const parts = db.prepare(`SELECT sm.part, sm.message_id AS messageId, m.subject FROM series_messages sm LEFT JOIN messages m ON m.message_id = sm.message_id
      WHERE sm.series = ? ORDER BY sm.part, sm.message_id`).all(s.id) as SeriesView['parts'];
  return { title: s.title, version: s.version, partTotal: s.part_total, missingParts: JSON.parse(s.missing_parts ?? '[]'), versions, parts };
}

function racesOf(db: DB, messageId: string): RaceLinkView[] {
  if (!hasTable(db, 'patch_scenarios')) return [];
  const evidenceColumn = hasColumn(db, 'patch_scenarios', 'evidence') ? 'ps.evidence' : 'ps.overlap';
  const links = db.prepare(`SELECT p.id, p.ordinal, ps.scenario, ps.how, ps.score, ${evidenceColumn} AS evidence
      FROM patches p JOIN patch_scenarios ps ON ps.patch = p.id WHERE p.message_id = ?
      ORDER BY p.ordinal, CASE ps.how WHEN 'declared' THEN 0 WHEN 'same-series' THEN 1 ELSE 2 END, ps.scenario`).all(messageId) as Array<Record<string, any>>;
  const runs = db.prepare(`SELECT variant, verdict FROM scenario_runs r WHERE scenario = ?
      AND id = (SELECT max(id) FROM scenario_runs WHERE scenario = r.scenario AND variant = r.variant) ORDER BY variant`);
  return links.map((l) => {
    let evidence: unknown = null;
    try {
      evidence = l.evidence ? JSON.parse(l.evidence) : null;
    } catch {
      evidence = l.evidence;
    }
    const replayed = l.how === 'declared' || l.how === 'same-series';
    return {
      patch: l.ordinal, scenario: l.scenario, how: l.how, score: l.score, evidence,
      verdicts: replayed ? (runs.all(l.scenario) as RaceLinkView['verdicts']) : [],
    };
  });
}

/** The message page's data; throws QueryError (with similar ids) for an unknown Message-ID. */
export function loadMessage(db: DB, messageId: string): MessageView {
  const message = showMessage(db, messageId);
  const row = db.prepare('SELECT m.thread, b.segments FROM messages m LEFT JOIN message_bodies b ON b.id = m.id WHERE m.message_id = ?').get(message.messageId) as { thread: number | null; segments: string | null };
  return {
    message,
    bodyParts: bodyParts(message.body, row.segments),
    patchViews: patchViews(db, message.messageId),
    thread: threadOf(db, row.thread, message.messageId),
    paragraphReplies: paragraphRepliesTo(db, message.messageId),
    series: seriesOf(db, message.messageId),
    races: racesOf(db, message.messageId),
    loreUrl: loreLink(message.messageId),
  };
}
