// Where diffs are in a text: runs of lines at the same quote depth ('>' count) are scanned
// separately, so a diff quoted in a reply is found with its quote marks taken off.
import { fileStartsAt } from './read-diff.js';

export interface TextRun {
  /** 0 for the sender's own text, n for text quoted n times. */
  depth: number;
  /** The lines with the quote marks removed (and CR line ends dropped). */
  lines: string[];
}

const QUOTE = /^((?:>[ \t]?)+)/;

export function depthOf(line: string): number {
  const m = QUOTE.exec(line);
  return m ? (m[1].match(/>/g) ?? []).length : 0;
}

function unquote(line: string, depth: number): string {
  let rest = line;
  for (let d = 0; d < depth; d++) rest = rest.replace(/^[ \t]?>/, '');
  // One space after the last '>' belongs to the quoting, not to the diff line.
  return rest.startsWith(' ') ? rest.slice(1) : rest;
}

export function splitLines(text: string): { lines: string[]; crlf: boolean } {
  const crlf = text.includes('\r\n');
  return { lines: crlf ? text.split(/\r?\n/) : text.split('\n'), crlf };
}

/** Cuts a text into runs of equal quote depth. */
export function quoteRuns(lines: string[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const line of lines) {
    const depth = depthOf(line);
    const last = runs[runs.length - 1];
    const text = depth === 0 ? line : unquote(line, depth);
    if (last && last.depth === depth) last.lines.push(text);
    else runs.push({ depth, lines: [text] });
  }
  return runs;
}

/** Does the run hold at least one diff? Cheap test before the full read. */
export function hasDiff(lines: string[]): boolean {
  for (let i = 0; i < lines.length; i++) if (fileStartsAt(lines, i)) return true;
  return false;
}
