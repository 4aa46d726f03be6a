// The line-wise kinds that are not prose: signatures, trailers, list footers and scissors.
// Each matcher looks at lines[i] and says where its block ends (index), or -1.
import type { BodyLine } from './lines.js';

const SCISSORS = /^\s*(?:-{2,}\s*(?:>8|8<)\s*-*|-*\s*(?:>8|8<)\s*-{2,})\s*$/;
const TRAILER_LINE = /^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):\s+\S/;
const STRONG_TRAILER = /^(?:[A-Za-z0-9-]+-by|Fixes|Closes|BugLink):/i;
const FOOTER_START = [
  /^To unsubscribe from this list: send the line/i,
  /^You received this message because you are subscribed to the Google Groups/i,
  /^\S.* mailing list\s*$/i,
  /^https?:\/\/\S*\/(?:mailman\/)?listinfo\/\S*/i,
];
/** Separators that introduce a footer: "-", "--", "___…". */
const FOOTER_RULE = /^(?:-{1,2} ?|_{5,})$/;
/** A "-- " signature longer than this is more likely a dash used as a rule in prose. */
const MAX_SIGNATURE_LINES = 15;

export function scissorsAt(lines: BodyLine[], i: number): number {
  return SCISSORS.test(lines[i].content) ? i : -1;
}

/** Trailers: a run of "Name-by: …" lines at one depth with at least one -by:/Fixes: line. */
export function trailersEndingAt(lines: BodyLine[], i: number): number {
  const depth = lines[i].depth;
  let j = i;
  let strong = false;
  while (j < lines.length && !lines[j].blank && lines[j].depth === depth && TRAILER_LINE.test(lines[j].content)) {
    if (STRONG_TRAILER.test(lines[j].content)) strong = true;
    j++;
  }
  return strong ? j - 1 : -1;
}

/** A footer runs from its trigger (and the rule above it) to the end of that depth's text. */
export function footerAt(lines: BodyLine[], i: number): { start: number; end: number } | -1 {
  const line = lines[i];
  const content = line.content.trim();
  let trigger = FOOTER_START.some((re) => re.test(content));
  if (!trigger && FOOTER_RULE.test(content)) {
    const next = nextNonBlank(lines, i);
    trigger = next >= 0 && FOOTER_START.some((re) => re.test(lines[next].content.trim()));
  }
  if (!trigger) return -1;
  return { start: i, end: lastAtDepth(lines, i, line.depth) };
}

/** "-- " (or a bare "--") up to the end of this depth's text, if short enough to be a signature. */
export function signatureEndingAt(lines: BodyLine[], i: number): number {
  const c = lines[i].content;
  if (c !== '-- ' && c !== '--') return -1;
  const end = lastAtDepth(lines, i, lines[i].depth);
  let body = 0;
  for (let j = i + 1; j <= end; j++) if (!lines[j].blank) body++;
  if (body > MAX_SIGNATURE_LINES) return -1;
  for (let j = i + 1; j <= end; j++) if (footerAt(lines, j) !== -1) return lastNonBlankBefore(lines, j, i);
  return end;
}

function nextNonBlank(lines: BodyLine[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if (!lines[j].blank) return j;
  return -1;
}

function lastNonBlankBefore(lines: BodyLine[], j: number, floor: number): number {
  let k = j - 1;
  while (k > floor && lines[k].blank) k--;
  return k;
}

/** The last non-blank line of the run at `depth` that starts at i (blank lines do not end it). */
function lastAtDepth(lines: BodyLine[], i: number, depth: number): number {
  let last = i;
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].blank) continue;
    if (lines[j].depth !== depth) break;
    last = j;
  }
  return last;
}
