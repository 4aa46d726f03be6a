// `sim new --from-patch --source REPO`: the touched functions whole, not only their hunk lines.
// Each C file's pre-image comes from the repository (the blob on the patch's `index` line, else
// the file at HEAD), the post-image is the pre-image with the hunks applied
// (src/patch/source/post-image.ts), and tree-sitter's function ranges on both sides
// (src/patch/source/c-symbols.ts) pick, for every function a changed line falls in, all its
// lines: context outside the hunks included, each with its diff sign.
import { execFileSync } from 'node:child_process';
import { symbolRanges, type Hunk, type SymbolRange } from '../patch/index.js';
import { applyHunks } from '../patch/source/post-image.js';
import type { HunkText } from './lock-uses.js';

interface FileDiff { oldPath: string | null; oldBlob: string | null; hunks: Hunk[] }

/** One line of the whole file as the patch edits it. */
interface Line { sign: ' ' | '+' | '-'; text: string; oldLine: number | null; newLine: number | null }

export type WholeFunctions = { ok: true; hunks: HunkText[]; touched: string[]; notes: string[] } | { ok: false; error: string };

/** True when `repo` is a git repository (work tree or bare). */
export function isGitRepository(repo: string): boolean {
  try {
    execFileSync('git', ['-C', repo, 'rev-parse', '--git-dir'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** The files and hunks of a unified diff (as patches.raw holds it), with what git needs to find the pre-image. */
export function fileDiffs(raw: string): FileDiff[] {
  const files: FileDiff[] = [];
  let file: FileDiff | null = null;
  let hunk: Hunk | null = null;
  for (const line of raw.split('\n')) {
    const git = /^diff --git a\/(\S+) b\/(\S+)/.exec(line);
    const head = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/.exec(line);
    if (git) {
      file = { oldPath: git[1]!, oldBlob: null, hunks: [] };
      files.push(file);
      hunk = null;
    } else if (/^index ([0-9a-f]+)\.\./.test(line) && file) {
      file.oldBlob = /^index ([0-9a-f]+)\.\./.exec(line)![1]!;
    } else if (line.startsWith('--- ') && !hunk) {
      const path = /^--- (?:a\/)?(\S+)/.exec(line)?.[1];
      if (!file) files.push((file = { oldPath: null, oldBlob: null, hunks: [] }));
      if (path && path !== '/dev/null') file.oldPath ??= path;
    } else if (line.startsWith('+++ ') && !hunk) {
      continue;
    } else if (head && file) {
      hunk = { oldStart: +head[1]!, oldLines: head[2] === undefined ? 1 : +head[2], newStart: +head[3]!, newLines: head[4] === undefined ? 1 : +head[4],
        header: head[5] ?? '', lines: [], additions: 0, deletions: 0, symbols: [] };
      file.hunks.push(hunk);
    } else if (hunk && /^[ +\-\\]/.test(line)) {
      hunk.lines.push(line);
    } else if (hunk && line === '') {
      hunk.lines.push(' ');
    } else {
      hunk = null;
    }
  }
  return files;
}

function git(repo: string, args: string[]): string | null {
  try {
    return execFileSync('git', ['-C', repo, ...args], { stdio: 'pipe', encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch {
    return null;
  }
}

/** Every line of the file with the patch's edits in place, numbered on both sides. */
function editedLines(pre: string, hunks: readonly Hunk[]): Line[] {
  const old = pre.split('\n');
  const out: Line[] = [];
  let o = 1;
  let n = 1;
  const copyTo = (end: number) => { for (; o < end; o++, n++) out.push({ sign: ' ', text: old[o - 1]!, oldLine: o, newLine: n }); };
  for (const h of hunks) {
    copyTo(h.oldLines === 0 ? h.oldStart + 1 : h.oldStart);
    for (const l of h.lines) {
      if (l[0] === ' ') out.push({ sign: ' ', text: l.slice(1), oldLine: o++, newLine: n++ });
      else if (l[0] === '-') out.push({ sign: '-', text: l.slice(1), oldLine: o++, newLine: null });
      else if (l[0] === '+') out.push({ sign: '+', text: l.slice(1), oldLine: null, newLine: n++ });
    }
  }
  copyTo(old.length + 1);
  return out;
}

const inside = (r: SymbolRange, line: number | null) => line !== null && r.startLine <= line && line <= r.endLine;

/** The touched functions of every C file of the diff, whole, as hunks with signed lines. */
export async function wholeFunctions(raw: string, repo: string): Promise<WholeFunctions> {
  if (!isGitRepository(repo)) return { ok: false, error: `--source ${repo} is not a git repository` };
  const hunks: HunkText[] = [];
  const notes: string[] = [];
  for (const file of fileDiffs(raw)) {
    if (!file.oldPath || !/\.[ch]$/.test(file.oldPath) || file.hunks.length === 0) continue;
    const fromBlob = file.oldBlob && !/^0+$/.test(file.oldBlob) ? git(repo, ['cat-file', 'blob', file.oldBlob]) : null;
    const pre = fromBlob ?? git(repo, ['show', `HEAD:${file.oldPath}`]);
    if (pre === null) { notes.push(`${file.oldPath}: not in ${repo} (neither blob ${file.oldBlob ?? '(none)'} nor HEAD); its hunks alone are used`); continue; }
    const post = applyHunks(pre, file.hunks);
    if (!post.ok) { notes.push(`${file.oldPath}: ${post.reason}${fromBlob === null ? ' (pre-image from HEAD)' : ''}; its hunks alone are used`); continue; }
    const lines = editedLines(pre, file.hunks);
    const fns = async (text: string) => (await symbolRanges(text)).filter((r) => r.kind === 'function');
    const [before, after] = await Promise.all([fns(pre), fns(post.text)]);
    const names = [...new Set([
      ...lines.filter((l) => l.sign === '-').flatMap((l) => before.filter((r) => inside(r, l.oldLine)).map((r) => r.name)),
      ...lines.filter((l) => l.sign === '+').flatMap((l) => after.filter((r) => inside(r, l.newLine)).map((r) => r.name)),
    ])];
    for (const name of names) {
      const b = before.find((r) => r.name === name);
      const a = after.find((r) => r.name === name);
      const mine = lines.filter((l) => (b && inside(b, l.oldLine)) || (a && inside(a, l.newLine)));
      hunks.push({ fn: name, lines: mine.map((l) => l.sign + l.text) });
    }
  }
  if (hunks.length === 0) return { ok: false, error: `no touched C function of the patch could be read from ${repo}${notes.length ? `: ${notes.join('; ')}` : ''}` };
  return { ok: true, hunks, touched: hunks.map((h) => h.fn!), notes };
}
