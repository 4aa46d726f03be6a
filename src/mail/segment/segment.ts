// segmentBody: a decoded mail body → typed segments (see types.ts and README.md).
// Two passes: line-wise classification of everything that is not prose (so that diffs and code
// never reach the markdown parser), then remark-parse for the paragraphs of prose and quotes.
import { linesText, splitBodyLines, type BodyLine } from './lines.js';
import { matchAttribution } from './attribution.js';
import { outlookHeaderAt } from './outlook.js';
import { diffEndingAt } from './diff-lines.js';
import { footerAt, scissorsAt, signatureEndingAt, trailersEndingAt } from './tail-blocks.js';
import { paragraphBlocks, type Block } from './paragraphs.js';
import type { AttributionParse, Paragraph, Segment, SegmentKind } from './types.js';

/** What each line was found to be; 'text' lines become prose or quote segments. */
type LineKind = Exclude<SegmentKind, 'prose' | 'quote'> | 'text';

interface LineMark {
  kind: LineKind;
  /** Lines marked by one match share a group id, so adjacent blocks of one kind stay apart. */
  group: number;
  attribution?: AttributionParse;
}

export interface SegmentOptions {
  /**
   * true (default): remark-parse finds the paragraphs of every prose and quote segment.
   * false: segments come without `paragraphs`. Kind, depth, text and line numbers do not depend
   * on them, and remark is most of the cost, so callers that store only those (ingest) skip it.
   */
  paragraphs?: boolean;
}

export function segmentBody(text: string, options: SegmentOptions = {}): Segment[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lines = splitBodyLines(text);
  deepenOutlookQuotes(lines);
  const marks = classifyLines(lines);
  const blocks = options.paragraphs === false ? null : paragraphBlocks(lines, (i) => marks[i].kind === 'text');
  return assemble(lines, marks, blocks);
}

/**
 * Outlook quote headers (outlook.ts) introduce the original beneath them, written at the header's
 * own depth. Where that original has no '>' of its own — a top-posted reply, or a header in the
 * middle of quoted text (the quoted message was a top-post) — it is made one level deeper, and
 * again below each header of a longer chain. Where the header opens a '>'-quoted region (clients
 * that quote the original with its header lines), the original is quoted already: the header
 * lines are read one level shallower, so that they introduce it. Zimbra's unquoted separator
 * over '>'-quoted header lines introduces the quote as it stands.
 */
function deepenOutlookQuotes(lines: BodyLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    const header = outlookHeaderAt(lines, i);
    if (!header) continue;
    const depth = lines[i].depth;
    if (!header.quoted && depth > 0 && opensQuote(lines, i)) {
      for (let j = i; j <= header.lastIndex; j++) lines[j].depth = depth - 1;
    } else if (!header.quoted) {
      for (let j = header.lastIndex + 1; j < lines.length; j++) if (lines[j].depth >= depth) lines[j].depth++;
    }
    i = header.lastIndex;
  }
}

/** Whether lines[i] is the first non-blank line at its depth since a shallower one. */
function opensQuote(lines: BodyLine[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (lines[k].blank) continue;
    return lines[k].depth < lines[i].depth;
  }
  return true;
}

/** The mark of a line nothing claimed. Marks are read, never changed: lines share them. */
const TEXT: LineMark = Object.freeze({ kind: 'text', group: 0 });

function classifyLines(lines: BodyLine[]): LineMark[] {
  const marks: LineMark[] = new Array<LineMark>(lines.length).fill(TEXT);
  let group = 0;
  const mark = (from: number, to: number, kind: LineKind, attribution?: AttributionParse) => {
    const shared: LineMark = { kind, group: ++group, attribution };
    for (let j = from; j <= to; j++) marks[j] = shared;
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].blank) continue;
    let end: number;
    if ((end = scissorsAt(lines, i)) >= 0) { mark(i, end, 'scissors'); i = end; continue; }
    const footer = footerAt(lines, i);
    if (footer !== -1) { mark(footer.start, footer.end, 'footer'); i = footer.end; continue; }
    if ((end = signatureEndingAt(lines, i)) >= 0) { mark(i, end, 'signature'); i = end; continue; }
    if ((end = trailersEndingAt(lines, i)) >= 0) { mark(i, end, 'trailer'); i = end; continue; }
    if ((end = diffEndingAt(lines, i)) >= 0) { mark(i, end, 'diff'); i = end; continue; }
    const attribution = matchAttribution(lines, i);
    if (attribution) {
      mark(i, attribution.lastIndex, 'attribution', attribution.parse);
      i = attribution.lastIndex;
    }
  }
  return marks;
}

/** Consecutive non-blank lines of one kind, depth (and match) make a segment; blanks join or trim. */
function assemble(lines: BodyLine[], marks: LineMark[], blocks: Block[] | null): Segment[] {
  const segments: Segment[] = [];
  let current: { kind: LineKind; depth: number; group: number; from: number; to: number } | null = null;
  const flush = () => {
    if (!current) return;
    segments.push(buildSegment(lines, marks, current.kind, current.depth, current.from, current.to, blocks));
    current = null;
  };
  lines.forEach((line, i) => {
    if (line.blank && marks[i].kind === 'text') return;
    const { kind, group } = marks[i];
    const sameText = current && kind === 'text' && current.kind === 'text' && current.depth === line.depth;
    const sameBlock = current && kind !== 'text' && current.group === group;
    if (sameText || sameBlock) current!.to = i;
    else {
      flush();
      current = { kind, depth: line.depth, group, from: i, to: i };
    }
  });
  flush();
  return segments;
}

function buildSegment(
  lines: BodyLine[], marks: LineMark[], kind: LineKind, depth: number, from: number, to: number, blocks: Block[] | null,
): Segment {
  // A marked block may end in blank lines; a segment never does.
  while (to > from && lines[to].blank) to--;
  const segment: Segment = {
    kind: kind === 'text' ? (depth > 0 ? 'quote' : 'prose') : kind,
    depth,
    text: linesText(lines, lines[from].number, lines[to].number),
    lineStart: lines[from].number,
    lineEnd: lines[to].number,
  };
  if (kind === 'attribution') segment.attribution = marks[from].attribution;
  if (kind === 'text' && blocks) segment.paragraphs = paragraphsWithin(lines, blocks, segment.lineStart, segment.lineEnd, depth);
  return segment;
}

function paragraphsWithin(
  lines: BodyLine[], blocks: Block[], start: number, end: number, depth: number,
): Paragraph[] {
  const inside = blocks.filter((b) => b.lineStart >= start && b.lineStart <= end);
  // Should remark have seen nothing (it always does for text), the whole segment is one paragraph.
  const spans = inside.length ? inside : [{ lineStart: start, lineEnd: end }];
  return spans.map((b) => {
    const own = lines.slice(b.lineStart - 1, Math.min(b.lineEnd, end)).filter((l) => l.depth === depth || l.blank);
    return {
      text: own.map((l) => l.content).join('\n').trim(),
      lineStart: b.lineStart,
      lineEnd: Math.min(b.lineEnd, end),
    };
  });
}
