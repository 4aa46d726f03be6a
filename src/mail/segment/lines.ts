// A body as lines, each with its quote depth and its content with the '>' markers removed.
// Quote markers are counted leniently, as mail clients write them: '>', '> > >', '>>', ' > '.

export interface BodyLine {
  /** 1-based line number in the body. */
  number: number;
  depth: number;
  /** The line without quote markers (and without the one space that usually follows them). */
  content: string;
  blank: boolean;
}

const QUOTE_PREFIX = /^[ \t]{0,3}>(?:[ \t]?>)*/;

export function splitBodyLines(text: string): BodyLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  // A final newline does not make a last, empty line.
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((line, i) => quotedLine(line, i + 1));
}

function quotedLine(line: string, number: number): BodyLine {
  const prefix = QUOTE_PREFIX.exec(line);
  if (!prefix) return { number, depth: 0, content: line, blank: !NOT_BLANK.test(line) };
  const markers = prefix[0];
  let depth = 0;
  for (const ch of markers) if (ch === '>') depth++;
  let content = line.slice(markers.length);
  if (content.startsWith(' ')) content = content.slice(1);
  return { number, depth, content, blank: !NOT_BLANK.test(content) };
}

/** Blank is trim() === '' (the same whitespace as \s), tested without making the trimmed copy. */
const NOT_BLANK = /\S/;

/** The text of body lines [lineStart, lineEnd] (1-based, inclusive): their contents, markers removed. */
export function linesText(lines: BodyLine[], lineStart: number, lineEnd: number): string {
  return lines.slice(lineStart - 1, lineEnd).map((l) => l.content).join('\n');
}

/**
 * The texts of stored segments (which keep line ranges, not text: see the segments table),
 * rebuilt from the body they were cut from.
 */
export function segmentTexts(body: string, ranges: ReadonlyArray<{ lineStart: number; lineEnd: number }>): string[] {
  if (ranges.length === 0) return [];
  const lines = splitBodyLines(body);
  return ranges.map((r) => linesText(lines, r.lineStart, r.lineEnd));
}
