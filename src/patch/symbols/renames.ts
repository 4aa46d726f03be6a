// Function renames inside one hunk: a function removed whole and another added whole in the
// same place, whose bodies (signature line left out) are alike by line-set similarity.
import type { FoundPatch, Hunk, SymbolRename } from '../types.js';

const MIN_SIMILARITY = 0.6;

/** The lines of a function's definition on one side of a hunk, from its name line to '}'. */
function bodyOf(hunk: Hunk, name: string, sign: '+' | '-'): string[] {
  const side = hunk.lines.filter((l) => l[0] === sign || l[0] === ' ').map((l) => l.slice(1));
  const start = side.findIndex((l) => !/^\s/.test(l) && new RegExp(`\\b${name}\\s*\\(`).test(l));
  if (start < 0) return [];
  const end = side.findIndex((l, k) => k > start && /^\}/.test(l));
  return side.slice(start + 1, end < 0 ? side.length : end + 1).map((l) => l.trim()).filter(Boolean);
}

function similarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  const common = a.filter((l) => setB.has(l)).length;
  return (2 * common) / (a.length + b.length);
}

export function findRenames(patch: FoundPatch): SymbolRename[] {
  const out: SymbolRename[] = [];
  for (const file of patch?.files ?? []) {
    for (const hunk of file.hunks) {
      const removed = hunk.symbols.filter((s) => s.kind === 'function' && s.change === 'removed');
      const added = hunk.symbols.filter((s) => s.kind === 'function' && s.change === 'added');
      for (const old of removed) {
        let best: SymbolRename | null = null;
        for (const neu of added) {
          const sim = similarity(bodyOf(hunk, old.name, '-'), bodyOf(hunk, neu.name, '+'));
          if (sim >= MIN_SIMILARITY && (!best || sim > best.similarity)) {
            best = { path: file.newPath ?? file.oldPath, oldName: old.name, newName: neu.name, similarity: Math.round(sim * 1000) / 1000 };
          }
        }
        if (best) out.push(best);
      }
    }
  }
  return out;
}
