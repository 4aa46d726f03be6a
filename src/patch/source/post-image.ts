// Rebuilds a file's post-image from its pre-image and the hunks, checking that the hunks'
// context and removed lines really are the pre-image's lines (else the base is wrong).
import type { Hunk } from '../types.js';

export type Applied = { ok: true; text: string } | { ok: false; reason: string };

const same = (a: string, b: string) => a === b || a.trimEnd() === b.trimEnd() || a.trim() === b.trim();

export function applyHunks(pre: string, hunks: Hunk[]): Applied {
  const lines = pre.split('\n');
  const out: string[] = [];
  let at = 0; // next pre-image line (0-based) not yet copied
  for (const h of hunks) {
    const start = Math.max(0, h.oldLines === 0 ? h.oldStart : h.oldStart - 1);
    if (start < at || start > lines.length) return { ok: false, reason: `hunk at -${h.oldStart} is outside the pre-image` };
    out.push(...lines.slice(at, start));
    at = start;
    for (const line of h.lines) {
      const c = line[0];
      const text = line.slice(1);
      if (c === ' ' || c === '-') {
        if (at >= lines.length || !same(lines[at], text)) return { ok: false, reason: `pre-image line ${at + 1} does not match the hunk at -${h.oldStart}` };
        if (c === ' ') out.push(lines[at]);
        at++;
      } else if (c === '+') out.push(text);
    }
  }
  out.push(...lines.slice(at));
  return { ok: true, text: out.join('\n') };
}
