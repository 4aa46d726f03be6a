// Maps a hunk's changed lines to the symbols whose ranges hold them: '-' lines by their line
// number in the pre-image, '+' lines by theirs in the post-image.
import type { Hunk, TouchedSymbol } from '../types.js';
import type { SymbolRange } from './c-symbols.js';

export interface ChangedLines {
  removed: number[];
  added: number[];
}

export function changedLinesOf(hunk: Hunk): ChangedLines {
  const removed: number[] = [];
  const added: number[] = [];
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  for (const line of hunk.lines) {
    const c = line[0];
    if (c === '-') removed.push(oldLine++);
    else if (c === '+') added.push(newLine++);
    else if (c === ' ') {
      oldLine++;
      newLine++;
    }
  }
  return { removed, added };
}

/** Sorted by start line, for a binary search per changed line. */
function holders(ranges: SymbolRange[], line: number): SymbolRange[] {
  return ranges.filter((r) => r.startLine <= line && line <= r.endLine);
}

export function symbolsByRanges(hunk: Hunk, before: SymbolRange[], after: SymbolRange[]): TouchedSymbol[] {
  const { removed, added } = changedLinesOf(hunk);
  const key = (r: { name: string; kind: string }) => `${r.kind}:${r.name}`;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const out = new Map<string, TouchedSymbol>();
  const add = (r: SymbolRange) => {
    if (out.has(key(r))) return;
    const change = !beforeKeys.has(key(r)) ? 'added' : !afterKeys.has(key(r)) ? 'removed' : 'modified';
    out.set(key(r), { name: r.name, kind: r.kind, change, how: 'source', confidence: 1 });
  };
  for (const line of removed) holders(before, line).forEach(add);
  for (const line of added) holders(after, line).forEach(add);
  return [...out.values()];
}
