// loadHistoryInput: from a subject and a date range to the HistoryInput the renderers need,
// reading the graph only through SQL over src/store/schema.sql.
import type { HistoryInput, SubjectKind } from '../types.js';
import { defaultLineagePath, EMPTY_LINEAGE, followLineage, readLineageFile, type LineageFile } from './lineage.js';
import { nearestNames, type NearestNames } from './nearest.js';
import { classifySubject, selectMessages, type Match } from './select.js';
import { createReader, placeholders, type DB, type Reader } from './sql.js';
import { loadThread, type ThreadKey } from './thread.js';

export interface HistoryOptions {
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; inclusive. */
  since?: string | null;
  until?: string | null;
  /** Defaults to corpora/lineage.json of this checkout or package. */
  lineagePath?: string | null;
}

export type HistoryLoadError =
  | { kind: 'no-match'; message: string; subject: string; lookedFor: string[]; nearest: NearestNames }
  | { kind: 'bad-option'; message: string };

export type HistoryLoad = { ok: true; input: HistoryInput } | { ok: false; error: HistoryLoadError };

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** What was searched, in words, for the no-match message. */
function describe(kind: SubjectKind, names: string[]): string[] {
  switch (kind) {
    case 'file': return [`patches touching the file ${names[0]}`, `mentions of ${names[0]}`];
    case 'directory': return [`patches touching files under ${names[0]}`];
    case 'text': return [`full-text search for ${names[0]}`];
    default: return [
      `patches touching the ${kind} ${names.join(', ')}`, `mentions of ${names.join(', ')} in subjects and prose`,
      `the text of messages for ${names.join(', ')}`,
    ];
  }
}

/** Keeps matches whose message date is in range; undated messages only when no range is set. */
function inRange(reader: Reader, matches: Match[], since: string | null, until: string | null): Match[] {
  if (!since && !until) return matches;
  const ids = [...new Set(matches.map((m) => m.messageId))];
  const dated = new Map(reader.all<{ message_id: string; date: string | null }>(
    `SELECT message_id, date FROM messages WHERE message_id IN (${placeholders(ids.length)})`, ids,
  ).map((r) => [r.message_id, r.date]));
  // '~' sorts after every digit, '-' and 'T', so '2018~' is past every date in 2018.
  return matches.filter((m) => {
    const date = dated.get(m.messageId);
    return date != null && (!since || date >= since) && (!until || date <= `${until}~`);
  });
}

function threadKeys(reader: Reader, matches: Match[]): Array<{ key: ThreadKey; reasons: string[] }> {
  const ids = [...new Set(matches.map((m) => m.messageId))];
  const rows = reader.all<{ message_id: string; thread: number | null }>(
    `SELECT message_id, thread FROM messages WHERE message_id IN (${placeholders(ids.length)})`, ids);
  const groups = new Map<string, { key: ThreadKey; reasons: string[] }>();
  for (const row of rows) {
    const id = row.thread !== null ? `t${row.thread}` : `m${row.message_id}`;
    const key: ThreadKey = row.thread !== null ? { thread: row.thread } : { message: row.message_id };
    const group = groups.get(id) ?? { key, reasons: [] };
    for (const m of matches) if (m.messageId === row.message_id && !group.reasons.includes(m.reason)) group.reasons.push(m.reason);
    groups.set(id, group);
  }
  return [...groups.values()].map((g) => ({ ...g, reasons: g.reasons.sort() }));
}

export function loadHistoryInput(db: DB, subject: string, options: HistoryOptions = {}): HistoryLoad {
  const since = options.since ?? null;
  const until = options.until ?? null;
  for (const [name, value] of [['--since', since], ['--until', until]] as const) {
    if (value !== null && !DATE.test(value)) {
      return { ok: false, error: { kind: 'bad-option', message: `${name} ${value}: expected YYYY, YYYY-MM or YYYY-MM-DD` } };
    }
  }
  const query = subject.trim();
  if (query === '') return { ok: false, error: { kind: 'bad-option', message: 'the subject is empty' } };

  const reader = createReader(db);
  let lineage: LineageFile = EMPTY_LINEAGE;
  const lineagePath = options.lineagePath === undefined ? defaultLineagePath() : options.lineagePath;
  if (lineagePath) {
    const read = readLineageFile(lineagePath);
    if ('error' in read) reader.note(read.error);
    else lineage = read.file;
  }

  const kind = classifySubject(reader, query);
  const followed = kind === 'function' || kind === 'operation' || kind === 'macro' || kind === 'struct'
    ? followLineage(reader, query, lineage)
    : { names: [query], steps: [] };
  const matches = inRange(reader, selectMessages(reader, kind, query, followed.names), since, until);
  if (matches.length === 0) {
    const lookedFor = describe(kind, followed.names);
    const nearest = nearestNames(reader, query);
    const range = since || until ? ` between ${since ?? 'the beginning'} and ${until ?? 'now'}` : '';
    const message = [
      `nothing in the database matches ${query}${range}. Looked for: ${lookedFor.join('; ')}.`,
      `Nearest functions: ${nearest.functions.join(', ') || 'none'}.`,
      `Nearest files: ${nearest.files.join(', ') || 'none'}.`,
    ].join('\n');
    return { ok: false, error: { kind: 'no-match', message, subject: query, lookedFor, nearest } };
  }

  const threads = threadKeys(reader, matches)
    .map((g) => loadThread(reader, g.key, g.reasons, lineage))
    .filter((t): t is NonNullable<typeof t> => t !== null)
    .sort((a, b) => (a.firstDate ?? '~').localeCompare(b.firstDate ?? '~') || a.rootMessageId.localeCompare(b.rootMessageId));
  for (const table of ['quotes', 'segments', 'mentions', 'scenario_runs']) {
    if (!reader.filled(table)) reader.note(`the ${table} table is empty: the parts of the history built from it are missing or approximated`);
  }
  return {
    ok: true,
    input: {
      subject: { query, kind, names: followed.names, lineage: followed.steps },
      since, until, threads, notes: [...reader.notes].sort(),
    },
  };
}
