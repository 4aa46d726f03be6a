// The function each added or removed line of a hunk is in, by the same walk that finds the
// symbols a hunk touches (scan.ts): per line, not per hunk, so a hunk that ends one function and
// starts the next charges each line to its own.
import { isCLike, sidesOf } from './annotate.js';
import { scanSide } from './scan.js';

export interface ChangedLine {
  side: 'added' | 'removed';
  /** The line without its '+'/'-'. */
  text: string;
  /** The function it is in; null outside any function, or in a file that is not C. */
  fn: string | null;
}

/**
 * The changed lines of one hunk with their functions. `path` decides whether the file is C-like
 * (null: assume it is); `damaged` as for symbol finding (context lines lost their leading space).
 */
export function changedLineFunctions(lines: readonly string[], header: string, path: string | null, damaged: boolean): ChangedLine[] {
  const { before, after } = sidesOf({ lines: [...lines] });
  const c = path === null || isCLike(path);
  const ownersBefore: (string | undefined)[] = [];
  const ownersAfter: (string | undefined)[] = [];
  if (c) {
    scanSide(before, header, damaged, ownersBefore);
    scanSide(after, header, damaged, ownersAfter);
  }
  const out: ChangedLine[] = [];
  before.forEach((l, i) => l.changed && out.push({ side: 'removed', text: l.text, fn: ownersBefore[i] ?? null }));
  after.forEach((l, i) => l.changed && out.push({ side: 'added', text: l.text, fn: ownersAfter[i] ?? null }));
  return out;
}
