// Finding diffs line-wise, before any markdown parser sees them: inline or quoted at any
// depth, with headers or as a bare run of '-'/'+' lines. Hunk line counts are honoured, so
// whitespace-damaged context lines (leading space lost) stay inside their hunk.
import type { BodyLine } from './lines.js';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const META =
  /^(?:diff\s+-|diff --git |index [0-9a-f]+\.\.|Index: \S|={20,}$|--- \S|\+\+\+ \S|old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename (?:from|to) |copy (?:from|to) |Binary files |Only in )/;

/** If a diff starts at lines[i], the index of its last line; else -1. */
export function diffEndingAt(lines: BodyLine[], i: number): number {
  const start = lines[i];
  if (start.blank) return -1;
  const c = start.content;
  const startsWithHeader =
    /^diff\s+-/.test(c) || /^diff --git /.test(c) || HUNK.test(c) ||
    (/^Index: \S/.test(c) && sameDepth(lines, i + 1, start.depth, (n) => /^={20,}/.test(n))) ||
    (/^--- \S/.test(c) && sameDepth(lines, i + 1, start.depth, (n) => /^\+\+\+ \S/.test(n)));
  if (startsWithHeader) return walkDiff(lines, i, start.depth);
  return bareFragmentEnd(lines, i, start.depth);
}

function sameDepth(lines: BodyLine[], j: number, depth: number, test: (content: string) => boolean): boolean {
  const line = lines[j];
  return !!line && line.depth === depth && test(line.content);
}

function walkDiff(lines: BodyLine[], i: number, depth: number): number {
  let last = i;
  let oldLeft = 0;
  let newLeft = 0;
  for (let j = i; j < lines.length; j++) {
    const line = lines[j];
    const c = line.content;
    const inHunk = oldLeft > 0 || newLeft > 0;
    if (line.depth !== depth && !(inHunk && line.blank && line.depth < depth)) break;
    if (inHunk) {
      if (c.startsWith('-')) oldLeft--;
      else if (c.startsWith('+')) newLeft--;
      else if (c.startsWith('\\')) { /* "\ No newline at end of file" */ }
      else { oldLeft--; newLeft--; } // context, blank or whitespace-damaged context
      last = j;
      continue;
    }
    const hunk = HUNK.exec(c);
    if (hunk) {
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      last = j;
      continue;
    }
    if (META.test(c)) { last = j; continue; }
    if (c.startsWith('\\')) { last = j; continue; }
    break;
  }
  return last;
}

/** A bare run of ≥2 '-'/'+' code lines (a diff fragment quoted without its headers). */
function bareFragmentEnd(lines: BodyLine[], i: number, depth: number): number {
  let j = i;
  let plus = 0;
  let minus = 0;
  let codeish = 0;
  while (j < lines.length && lines[j].depth === depth && isChangeLine(lines[j].content)) {
    if (lines[j].content.startsWith('+')) plus++;
    else minus++;
    if (/[;{}()=*&[\]]/.test(lines[j].content)) codeish++;
    j++;
  }
  const count = j - i;
  if (count >= 2 && ((plus > 0 && minus > 0) || codeish === count)) return j - 1;
  return -1;
}

function isChangeLine(content: string): boolean {
  if (!/^[+-]/.test(content)) return false;
  if (/^(?:[+-]{2,}|[+-]\s*$)/.test(content)) return false; // '---', '+++' separators
  // "- if the faulting context is a non-owner …": a bulleted sentence, not code.
  if (/^[+-]\s+\p{L}+\s+\p{L}+\s+\p{L}+/u.test(content) && !/[;{}]/.test(content)) return false;
  return true;
}
