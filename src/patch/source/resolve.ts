// Exact mode: with the repository the patch was made against, each file's pre-image comes from
// git (the blob named on the patch's 'index a..b' line, or the file at a base commit the user
// names), the post-image is the pre-image with the hunks applied, both are parsed with
// tree-sitter, and every changed line is mapped to the symbols that enclose it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isCLike } from '../symbols/annotate.js';
import type { FoundPatch, PatchFile } from '../types.js';
import { symbolRanges } from './c-symbols.js';
import { symbolsByRanges } from './enclosing.js';
import { applyHunks } from './post-image.js';

const run = promisify(execFile);

export interface ResolveOptions {
  /** Take pre-images from this commit instead of the 'index' line's blob ids. */
  baseCommit?: string;
}

async function preImageOf(file: PatchFile, repoPath: string, opts: ResolveOptions): Promise<string> {
  if (file.status === 'added' || file.oldPath === null) return '';
  const object = opts.baseCommit ? `${opts.baseCommit}:${file.oldPath}` : file.oldBlob;
  if (!object || /^0+$/.test(object)) throw new Error('no pre-image: the patch has no index line and no base commit was given');
  const { stdout } = await run('git', ['-C', repoPath, 'cat-file', 'blob', object], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return stdout;
}

async function resolveFile(file: PatchFile, repoPath: string, opts: ResolveOptions): Promise<{ file: PatchFile; problem: string | null }> {
  if (!isCLike(file.newPath ?? file.oldPath) || file.hunks.length === 0) return { file, problem: null };
  let pre: string;
  try {
    pre = await preImageOf(file, repoPath, opts);
  } catch (error) {
    return { file, problem: `${file.oldPath}: pre-image not found in ${repoPath} (${String(error).split('\n')[0].slice(0, 160)}); kept the mail-alone symbols` };
  }
  const post = applyHunks(pre, file.hunks);
  if (!post.ok) return { file, problem: `${file.oldPath}: ${post.reason}; kept the mail-alone symbols` };
  const [before, after] = await Promise.all([symbolRanges(pre), symbolRanges(post.text)]);
  return { file: { ...file, hunks: file.hunks.map((h) => ({ ...h, symbols: symbolsByRanges(h, before, after) })) }, problem: null };
}

/** The patch with every C hunk's symbols taken from the source ('source', confidence 1). Never throws. */
export async function resolveWithSource(patch: FoundPatch, repoPath: string, opts: ResolveOptions = {}): Promise<FoundPatch> {
  const files: PatchFile[] = [];
  const problems = [...patch.problems];
  for (const file of patch.files) {
    try {
      const resolved = await resolveFile(file, repoPath, opts);
      files.push(resolved.file);
      if (resolved.problem) problems.push(resolved.problem);
    } catch (error) {
      files.push(file);
      problems.push(`${file.oldPath ?? file.newPath}: could not resolve (${String(error).slice(0, 160)})`);
    }
  }
  return { ...patch, files, problems };
}
