// loadHistoryInput: from a subject and a date range to the HistoryInput the renderers need,
// reading the graph only through SQL over src/store/schema.sql.
import type { HistoryInput, SubjectKind } from '../types.js';
import { defaultLineagePath, EMPTY_LINEAGE, followLineage, readLineageFile, type LineageFile } from './lineage.js';
import { nearestNames, type NearestNames } from './nearest.js';
import { assembleEntries } from './assemble.js';
import { findDiscussions } from './discussion.js';
import { groupEntries } from './group.js';
import { classifySubject } from './select.js';
import { createReader, type DB } from './sql.js';
import { findTouches } from './touches.js';

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
    case 'file': return [`patches touching the file ${names[0]}`, `people's own prose naming ${names[0]}`];
    case 'directory': return [`patches touching files under ${names[0]}`];
    case 'text': return [`full-text search for ${names[0]} in people's own prose`];
    default: return [
      `patches touching the ${kind} ${names.join(', ')}`,
      `people's own prose naming ${names.join(', ')} (not quotations, logs or robots' reports)`,
    ];
  }
}

/** In range: dated on or after `since` and on or before the end of `until`; undated only without a range. */
function inRange(date: string | null, since: string | null, until: string | null): boolean {
  if (!since && !until) return true;
  // '~' sorts after every digit, '-' and 'T', so '2018~' is past every date in 2018.
  return date != null && (!since || date >= since) && (!until || date <= `${until}~`);
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
  const touches = findTouches(reader, kind, query, followed.names).filter((t) => inRange(t.date, since, until));
  let discussions = findDiscussions(reader, kind, query, followed.names).filter((d) => inRange(d.date, since, until));
  if (touches.length === 0 && discussions.length === 0 && kind !== 'text' && !reader.filled('mentions')) {
    // Before mentions are filled, the text index still knows the names.
    const phrase = followed.names.map((n) => `"${n.replace(/^->|^struct\s+/, '').replace(/"/g, '""')}"`).join(' OR ');
    discussions = findDiscussions(reader, 'text', phrase, followed.names).filter((d) => inRange(d.date, since, until));
  }
  if (touches.length === 0 && discussions.length === 0) {
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

  const { entries, threads } = assembleEntries(reader, kind, followed.names, groupEntries(reader, touches, discussions), lineage);
  for (const table of ['quotes', 'segments', 'mentions', 'scenario_runs']) {
    if (!reader.filled(table)) reader.note(`the ${table} table is empty: the parts of the history built from it are missing or approximated`);
  }
  return {
    ok: true,
    input: {
      subject: { query, kind, names: followed.names, lineage: followed.steps },
      since, until, entries, threads, notes: [...reader.notes].sort(),
    },
  };
}
