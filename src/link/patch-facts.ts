// What the store knows about each patch that linking needs: identity, series position, the
// functions its hunks touch, the functions its message mentions, and the locks its lines use.
import { changedLineFunctions } from '../patch/index.js';
import type { DB } from '../store/open.js';
import type { FunctionLine } from './evidence.js';
import { diffHunks, lockUses, type HunkText, type LockUse } from './lock-uses.js';

export interface PatchFacts {
  id: number;
  messageId: string;
  ordinal: number;
  origin: string;
  subject: string | null;
  author: string | null;
  patchId: string | null;
  version: number | null;
  part: number | null;
  partTotal: number | null;
  thread: number | null;
  /** Functions the hunks touch (hunk_symbols, kind function), in diff order. */
  touched: string[];
  /** Functions and operations the message names in its subject and prose (mentions). */
  mentioned: string[];
  /** Functions called on the hunk lines (a lighter signal than touching them). */
  called: string[];
  hunks: HunkText[];
  locks: LockUse[];
  /** The added and removed lines, each with the function it is in (what evidence is read from). */
  lines: FunctionLine[];
}

interface PatchRow {
  id: number; message_id: string; ordinal: number; origin: string; subject: string | null; author: string | null;
  patch_id: string | null; series_version: number | null; part: number | null; part_total: number | null; thread: number | null; raw: string;
}

const PATCH_SQL = `
  SELECT p.id, p.message_id, p.ordinal, p.origin, COALESCE(p.subject, m.subject) AS subject,
         lower(COALESCE(p.author_email, m.author_email, p.author_name, m.author_name)) AS author,
         p.patch_id, p.series_version, p.part, p.part_total, m.thread, p.raw
    FROM patches p LEFT JOIN messages m ON m.message_id = p.message_id`;

/**
 * Facts for the patches whose row ids are given, or (no ids) for every patch. Facts hold each
 * patch's diff lines: for an archive, read them a page at a time (readPatchFactsAfter).
 */
export function readPatchFacts(db: DB, ids?: readonly number[]): PatchFacts[] {
  const byId = db.prepare(`${PATCH_SQL} WHERE p.id = ?`);
  const rows = ids
    ? ids.map((id) => byId.get(id) as PatchRow | undefined).filter((r): r is PatchRow => !!r)
    : (db.prepare(`${PATCH_SQL} ORDER BY p.id`).all() as PatchRow[]);
  return factsOf(db, rows);
}

/**
 * Decides, from everything but the diff, whether a patch's diff facts (calls, locks, hunk
 * lines) are wanted; `raw` is the diff text, for a cheap test of it. Reading them is most of
 * the cost of facts, and most patches of an archive can be seen to link nowhere without them.
 */
export type WantsDiffFacts = (facts: PatchFacts, raw: string) => boolean;

/**
 * Facts for up to `limit` patches with row ids above `after`, in row order. Where `wantsDiff`
 * says no, `called`, `hunks` and `locks` are left empty.
 */
export function readPatchFactsAfter(db: DB, after: number, limit: number, wantsDiff?: WantsDiffFacts): PatchFacts[] {
  return factsOf(db, db.prepare(`${PATCH_SQL} WHERE p.id > ? ORDER BY p.id LIMIT ?`).all(after, limit) as PatchRow[], wantsDiff);
}

function factsOf(db: DB, rows: PatchRow[], wantsDiff?: WantsDiffFacts): PatchFacts[] {
  const hunkFns = db.prepare(`
    SELECT h.id, (SELECT group_concat(s.symbol, ' ') FROM hunk_symbols s WHERE s.hunk = h.id AND s.kind = 'function') AS fns
      FROM hunks h JOIN patch_files f ON f.id = h.patch_file WHERE f.patch = ? ORDER BY f.ordinal, h.ordinal`);
  const mentions = db.prepare(`SELECT DISTINCT symbol FROM mentions WHERE message_id = ? AND kind IN ('function', 'operation') ORDER BY symbol`);
  return rows.map((row) => {
    const stored = hunkFns.all(row.id) as { fns: string | null }[];
    const facts: PatchFacts = {
      id: row.id, messageId: row.message_id, ordinal: row.ordinal, origin: row.origin, subject: row.subject, author: row.author,
      patchId: row.patch_id, version: row.series_version, part: row.part, partTotal: row.part_total, thread: row.thread,
      touched: unique(stored.flatMap((s) => (s.fns ? s.fns.split(' ') : []))),
      mentioned: (mentions.all(row.message_id) as { symbol: string }[]).map((m) => m.symbol.replace(/^->/, '')),
      called: [],
      hunks: [],
      locks: [],
      lines: [],
    };
    if (wantsDiff && !wantsDiff(facts, row.raw)) return facts;
    const texts = diffHunks(row.raw);
    // Pair the stored hunks with the diff's own by position; the header is the fallback.
    const storedFns = (i: number) => (stored.length === texts.length ? stored[i]?.fns?.split(' ') ?? [] : []);
    facts.hunks = texts.map((h, i) => ({
      fn: storedFns(i)[0] ?? headerFunction(h.header),
      lines: h.lines,
    }));
    facts.lines = texts.flatMap((h, i) => lineFunctions(h, storedFns(i)));
    facts.called = calledFunctions(facts.hunks);
    facts.locks = lockUses(facts.hunks);
    return facts;
  });
}

/**
 * The changed lines of a hunk with the function each is in, as the symbol walk sees it. When the
 * walk places none of them (no C header, a damaged diff) and the store knows the hunk is in one
 * function only (e.g. found in a source tree), that function is theirs.
 */
function lineFunctions(hunk: { header: string; lines: string[]; path: string | null }, storedFns: readonly string[]): FunctionLine[] {
  const prefixed = hunk.lines.filter((l) => l !== '' && l[0] !== '\\');
  const damaged = prefixed.some((l) => !'+- '.includes(l[0]!)) && !prefixed.some((l) => l[0] === ' ');
  // An unprefixed line is context, as the parser repairs it (src/patch/hunk-body.ts).
  const lines = hunk.lines.map((l) => (l === '' || !'+-\\ '.includes(l[0]!) ? ` ${l}` : l));
  const found = changedLineFunctions(lines, hunk.header, hunk.path, damaged);
  if (found.some((l) => l.fn !== null) || storedFns.length !== 1) return found;
  return found.map((l) => ({ ...l, fn: storedFns[0]! }));
}

function headerFunction(header: string): string | null {
  return /\b([A-Za-z_]\w*)\s*\(/.exec(header)?.[1] ?? null;
}

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'unlikely', 'likely', 'defined', 'typeof']);

/** Names called on added or removed lines: `foo(` not preceded by `.`/`->` (members are not functions). */
function calledFunctions(hunks: readonly HunkText[]): string[] {
  const out: string[] = [];
  for (const h of hunks) {
    for (const line of h.lines) {
      if (!/^[+-]/.test(line)) continue;
      for (const m of line.slice(1).matchAll(/(?<![\w.>])([a-z_][a-z0-9_]*)\s*\(/g)) if (!NOT_CALLS.has(m[1]!)) out.push(m[1]!);
    }
  }
  return unique(out);
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** A subject reduced to its title: no Re:/Fwd:, no [PATCH …] tags, lower case, single spaces. */
export function normalisedTitle(subject: string | null): string {
  let s = subject ?? '';
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(/^\s*((re|fwd?|aw)\s*:|\[[^\]]*\])\s*/i, '');
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}
