// Reads one diff (one or more files) from lines where a diff starts, until the text stops
// looking like a diff. Git output, `diff -u`/`diff -urNp`, `Index:`-style and bare `---`/`+++`
// diffs are all read; what had to be repaired or could not be read is recorded, never thrown.
import { contextStyleOf, readHunk, type ContextStyle } from './hunk-body.js';
import { pathOfMarkerLine, pathsOfGitDiffLine, stripGitPrefix, stripTreePrefix } from './paths.js';
import type { Hunk, PatchFile } from './types.js';

export interface DiffRead {
  files: PatchFile[];
  /** Index of the first line after the diff. */
  end: number;
  repaired: boolean;
  problems: string[];
  contextStyle: ContextStyle;
}

const GIT_EXTENDED = /^(index |old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch)/;

/** Does a file's diff start at line i? */
export function fileStartsAt(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (line.startsWith('diff --git ')) return true;
  if (line.startsWith('Index: ')) return (lines[i + 1] ?? '').startsWith('====');
  if (line.startsWith('diff ')) return (lines[i + 1] ?? '').startsWith('--- ') || (lines[i + 1] ?? '').startsWith('Binary files ');
  if (line.startsWith('--- ')) return (lines[i + 1] ?? '').startsWith('+++ ') && (lines[i + 2] ?? '').startsWith('@@ -');
  return false;
}

/** Reads a file's header lines; returns the index of its first hunk (or of what follows). */
function readFileHeader(lines: string[], at: number): { header: string[]; next: number } {
  const header: string[] = [];
  let i = at;
  const first = lines[i];
  if (first.startsWith('--- ')) {
    header.push(lines[i], lines[i + 1]);
    return { header, next: i + 2 };
  }
  header.push(lines[i++]);
  if (first.startsWith('Index: ')) {
    while (i < lines.length && /^(====|diff |RCS file:|retrieving revision)/.test(lines[i])) header.push(lines[i++]);
  } else if (first.startsWith('diff --git ')) {
    while (i < lines.length && GIT_EXTENDED.test(lines[i])) {
      if (lines[i].startsWith('GIT binary patch')) {
        header.push(lines[i++]);
        // Binary payload: 'literal N'/'delta N' and base85 lines, up to a blank line pair.
        while (i < lines.length && (/^(literal|delta) \d+/.test(lines[i]) || /^[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]+$/.test(lines[i]) || (lines[i] === '' && /^(literal|delta) /.test(lines[i + 1] ?? '')))) header.push(lines[i++]);
        if (lines[i] === '') i++;
        return { header, next: i };
      }
      header.push(lines[i++]);
    }
  }
  if ((lines[i] ?? '').startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
    header.push(lines[i++], lines[i++]);
  } else if ((lines[i] ?? '').startsWith('Binary files ')) {
    header.push(lines[i++]);
  }
  return { header, next: i };
}

function describeFile(header: string[], gitStyle: boolean): Omit<PatchFile, 'hunks' | 'additions' | 'deletions'> {
  const find = (prefix: string) => header.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim() ?? null;
  const minus = header.find((l) => l.startsWith('--- '));
  const plus = header.find((l) => l.startsWith('+++ '));
  let oldPath = minus ? pathOfMarkerLine(minus) : null;
  let newPath = plus ? pathOfMarkerLine(plus) : null;
  const isNew = header.some((l) => l.startsWith('new file mode ')) || (minus !== undefined && oldPath === null);
  const isDeleted = header.some((l) => l.startsWith('deleted file mode ')) || (plus !== undefined && newPath === null);
  if (gitStyle) {
    const [a, b] = pathsOfGitDiffLine(header[0]);
    oldPath = find('rename from ') ?? find('copy from ') ?? stripGitPrefix(oldPath) ?? (isNew ? null : a);
    newPath = find('rename to ') ?? find('copy to ') ?? stripGitPrefix(newPath) ?? (isDeleted ? null : b);
  } else {
    if (header[0].startsWith('Index: ') && !minus) oldPath = newPath = header[0].slice(7).trim();
    else [oldPath, newPath] = stripTreePrefix(oldPath, newPath);
  }
  const index = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/.exec(header.find((l) => l.startsWith('index ')) ?? '');
  const status: PatchFile['status'] = header.some((l) => l.startsWith('rename from ')) ? 'renamed'
    : header.some((l) => l.startsWith('copy from ')) ? 'copied'
    : isNew ? 'added' : isDeleted ? 'deleted' : 'modified';
  return {
    oldPath: isNew ? null : oldPath,
    newPath: isDeleted ? null : newPath,
    status,
    oldBlob: index ? index[1] : null,
    newBlob: index ? index[2] : null,
    binary: header.some((l) => l.startsWith('GIT binary patch') || l.startsWith('Binary files ')),
    headerLines: header,
    gitStyle,
  };
}

export function readDiff(lines: string[], start: number): DiffRead {
  const problems: string[] = [];
  const files: PatchFile[] = [];
  let repaired = false;
  let restored = 0;
  let joined = 0;
  let i = start;
  const style = contextStyleOf(lines, start, Math.min(lines.length, start + 5000));
  while (i < lines.length && fileStartsAt(lines, i)) {
    const gitStyle = lines[i].startsWith('diff --git ');
    const { header, next } = readFileHeader(lines, i);
    i = next;
    const hunks: Hunk[] = [];
    while (i < lines.length && lines[i].startsWith('@@ -')) {
      const read = readHunk(lines, i, style);
      if (!read) {
        problems.push(`unreadable hunk header: ${lines[i].slice(0, 80)}`);
        i++;
        continue;
      }
      if (read.problem) problems.push(read.problem);
      restored += read.restoredContext;
      joined += read.joinedWraps;
      const additions = read.lines.filter((l) => l[0] === '+').length;
      const deletions = read.lines.filter((l) => l[0] === '-').length;
      hunks.push({
        oldStart: read.oldStart, oldLines: read.oldLines, newStart: read.newStart, newLines: read.newLines,
        header: read.header, lines: read.lines, additions, deletions, symbols: [],
      });
      i = read.end;
    }
    const described = describeFile(header, gitStyle);
    files.push({
      ...described,
      additions: hunks.reduce((n, h) => n + h.additions, 0),
      deletions: hunks.reduce((n, h) => n + h.deletions, 0),
      hunks,
    });
    // Blank lines may separate files of one diff (trailing-space stripping mailers).
    let j = i;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j > i && fileStartsAt(lines, j)) i = j;
  }
  if (restored > 0) {
    const stripped = style === 'stripped';
    repaired = stripped;
    problems.push(stripped
      ? `whitespace-damaged: ${restored} context lines had lost their leading space; restored from the hunk counts`
      : `${restored} blank context lines had lost their leading space; restored`);
  }
  if (joined > 0) {
    repaired = true;
    problems.push(`${joined} wrapped lines (format=flowed or similar) joined back using the hunk counts`);
  }
  if (style === 'stripped') problems.push('leading whitespace was stripped from context lines: indentation is not reliable');
  return { files, end: i, repaired, problems, contextStyle: style };
}
