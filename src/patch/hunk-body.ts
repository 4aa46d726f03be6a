// Reads one hunk's body using the line counts of its '@@ -a,b +c,d @@' header. The counts are
// what make repair possible: a line that lost its leading space, an empty line that was a blank
// context line (parse-diff issue #50), or a line a format=flowed mailer wrapped, can all be put
// back exactly because we know how many old and new lines the hunk must hold.

export const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/**
 * How the sender's mailer damaged context lines, decided once per diff:
 * 'intact'  — context lines keep their ' ' prefix, so an unprefixed line is a wrapped tail;
 * 'stripped' — context lines lost leading whitespace, so an unprefixed line is context.
 */
export type ContextStyle = 'intact' | 'stripped';

export interface HunkRead {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  header: string;
  lines: string[];
  /** Index of the first line after the hunk. */
  end: number;
  /** Lines given back their ' ' prefix (empty or stripped context). */
  restoredContext: number;
  /** Wrapped tails joined back onto the line before them. */
  joinedWraps: number;
  /** Set when the body does not fit the counts: why. */
  problem: string | null;
}

export function parseHunkHeader(line: string): Omit<HunkRead, 'lines' | 'end' | 'restoredContext' | 'joinedWraps' | 'problem'> | null {
  const m = HUNK_HEADER.exec(line);
  if (!m) return null;
  return {
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
    header: (m[5] ?? '').trimEnd(),
  };
}

/** A line that can only start something new, never continue a hunk. */
function startsSomethingElse(line: string): boolean {
  return line.startsWith('@@ -') || line.startsWith('diff --git ');
}

export function readHunk(lines: string[], at: number, style: ContextStyle): HunkRead | null {
  const head = parseHunkHeader(lines[at] ?? '');
  if (!head) return null;
  const body: string[] = [];
  let oldLeft = head.oldLines;
  let newLeft = head.newLines;
  let restoredContext = 0;
  let joinedWraps = 0;
  let problem: string | null = null;
  let i = at + 1;
  while ((oldLeft > 0 || newLeft > 0) && i < lines.length) {
    const line = lines[i];
    if (startsSomethingElse(line)) break;
    const c = line[0];
    if (c === '\\') {
      body.push(line);
    } else if (c === '+') {
      if (newLeft === 0) break;
      body.push(line);
      newLeft--;
    } else if (c === '-') {
      if (oldLeft === 0) break;
      body.push(line);
      oldLeft--;
    } else if (c === ' ' || line === '' || style === 'stripped') {
      if (oldLeft === 0 || newLeft === 0) break;
      const fixed = c === ' ' ? line : ' ' + line;
      if (fixed !== line) restoredContext++;
      body.push(fixed);
      oldLeft--;
      newLeft--;
    } else if (body.length > 0 && body[body.length - 1][0] !== '\\') {
      // A wrapped tail: flowed mailers break long lines at a space.
      body[body.length - 1] += ' ' + line;
      joinedWraps++;
    } else {
      break;
    }
    i++;
  }
  while (i < lines.length && lines[i].startsWith('\\ ')) body.push(lines[i++]);
  if (oldLeft > 0 || newLeft > 0) {
    problem = `hunk ${lines[at]} ends early: ${oldLeft} old and ${newLeft} new lines missing`;
  }
  return { ...head, lines: body, end: i, restoredContext, joinedWraps, problem };
}

/** Decides the context style of a diff from the bodies of its hunks (as far as their counts reach). */
export function contextStyleOf(lines: string[], from: number, to: number): ContextStyle {
  let spaced = 0;
  let bare = 0;
  for (let i = from; i < to; i++) {
    const head = parseHunkHeader(lines[i]);
    if (!head) continue;
    const reach = Math.min(to, i + 1 + head.oldLines + head.newLines);
    for (let j = i + 1; j < reach && !startsSomethingElse(lines[j]); j++) {
      const line = lines[j];
      if (line === '' || '+-\\'.includes(line[0])) continue;
      if (line[0] === ' ') spaced++;
      else bare++;
    }
  }
  return spaced === 0 && bare > 0 ? 'stripped' : 'intact';
}
