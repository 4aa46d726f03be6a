// The text of the subject's hunks: the store keeps each diff whole (patches.raw) and the hunks'
// positions in it; this re-reads the diff with the patch stage's reader and cuts a long hunk
// (a new file, a big rewrite) down to the subject's own definition.
import { readDiff } from '../../patch/read-diff.js';
import type { SubjectHunk } from '../types.js';
import type { Reader } from './sql.js';
import type { HunkRef } from './touches.js';

/** Beyond this many lines a hunk is cut to the subject's definition. */
const LONG_HUNK = 40;

export interface HunkReader {
  hunksOf(patch: number, refs: HunkRef[], names: string[]): SubjectHunk[];
}

/** Where the definition of one of `names` starts and ends within hunk lines, if it does. */
export function definitionSpan(lines: string[], names: string[]): [number, number] | null {
  const bare = names.map((n) => n.replace(/^->|^struct\s+|\(\)$/g, '')).filter((n) => /^\w+$/.test(n));
  if (bare.length === 0) return null;
  const def = new RegExp(`^[A-Za-z_].*\\b(?:${bare.join('|')})\\s*\\(|^(?:struct|union|enum)\\s+(?:${bare.join('|')})\\s*\\{|^#\\s*define\\s+(?:${bare.join('|')})\\b`);
  const start = lines.findIndex((l) => def.test(l.slice(1)) && !/;\s*$/.test(l));
  if (start < 0) return null;
  let end = lines.length - 1;
  for (let i = start + 1; i < lines.length; i++) {
    const body = lines[i].slice(1);
    if (/^}/.test(body)) { end = i; break; }
    if (/^#\s*define/.test(lines[start].slice(1)) && !/\\\s*$/.test(lines[i - 1])) { end = i - 1; break; }
  }
  return [start, end];
}

/** The span around the first changed line, when the definition is not in the hunk. */
function changedSpan(lines: string[]): [number, number] {
  const first = Math.max(0, lines.findIndex((l) => l.startsWith('+') || l.startsWith('-')));
  let last = first;
  for (let i = first; i < lines.length && i < first + LONG_HUNK; i++) if (lines[i].startsWith('+') || lines[i].startsWith('-')) last = i;
  return [Math.max(0, first - 3), Math.min(lines.length - 1, last + 3)];
}

/** A hunk that starts inside the subject (its header names it) leaves it at the first closing brace. */
function continuedSpan(lines: string[], header: string, names: string[]): [number, number] | null {
  const bare = names.map((n) => n.replace(/^->|^struct\s+|\(\)$/g, '')).filter((n) => /^\w+$/.test(n));
  if (!bare.some((n) => new RegExp(`\\b${n}\\b`).test(header))) return null;
  const end = lines.findIndex((l) => /^}/.test(l.slice(1)));
  return end < 0 ? null : [0, end];
}

/**
 * The subject's own lines of a hunk: its definition when the hunk holds it, up to its closing
 * brace when the hunk starts inside it; other functions the hunk also changes are left out.
 * A long hunk where neither is found is cut around its first changes.
 */
export function cutToSubject(lines: string[], names: string[], header = ''): { lines: string[]; omitted: number } {
  const span = definitionSpan(lines, names) ?? continuedSpan(lines, header, names)
    ?? (lines.length > LONG_HUNK ? changedSpan(lines) : null);
  if (!span) return { lines, omitted: 0 };
  const [from, to] = span;
  const changes = lines.slice(from, to + 1).some((l) => l.startsWith('+') || l.startsWith('-'));
  if (!changes) return lines.length > LONG_HUNK ? cutToSubject(lines, [], '') : { lines, omitted: 0 };
  const kept = lines.slice(from, to + 1);
  return { lines: kept, omitted: lines.length - kept.length };
}

export function createHunkReader(reader: Reader): HunkReader {
  const parsed = new Map<number, ReturnType<typeof readDiff> | null>();
  const diffOf = (patch: number) => {
    if (!parsed.has(patch)) {
      const row = reader.get<{ raw: string }>('SELECT raw FROM patches WHERE id = ?', [patch]);
      parsed.set(patch, row ? readDiff(row.raw.replace(/\r\n/g, '\n').split('\n'), 0) : null);
    }
    return parsed.get(patch)!;
  };
  return {
    hunksOf(patch, refs, names) {
      const diff = diffOf(patch);
      return refs.map((ref) => {
        const hunk = diff?.files[ref.fileOrdinal - 1]?.hunks[ref.hunkOrdinal - 1];
        const cut = hunk ? cutToSubject(hunk.lines, names, ref.header ?? '') : { lines: [], omitted: 0 };
        const count = (c: string) => cut.lines.filter((l) => l.startsWith(c)).length;
        return {
          path: ref.path, header: ref.header ?? '', lines: cut.lines, omitted: cut.omitted,
          additions: cut.omitted > 0 ? count('+') : ref.additions, deletions: cut.omitted > 0 ? count('-') : ref.deletions,
        };
      });
    },
  };
}

/** The changed lines of hunks, without their prefix and spacing: what a quotation of them shows. */
export function changedLines(hunks: SubjectHunk[]): string[] {
  return hunks.flatMap((h) => h.lines)
    .filter((l) => (l.startsWith('+') || l.startsWith('-')) && !/^(\+\+\+|---) /.test(l))
    .map((l) => l.slice(1).replace(/\s+/g, ' ').trim())
    .filter((l) => l.length >= 12);
}
