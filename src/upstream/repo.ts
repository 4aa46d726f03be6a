// Which repository `--source REPO` names, and whether it has the history a scan needs. Checked
// before anything is written: a path that is no repository, a shallow clone or an empty one is
// refused with what to do instead.
import { realpathSync } from 'node:fs';
import { resolveGitDir } from '../sources/git/repo.js';
import { runGit } from '../sources/git/exec.js';

export class UpstreamError extends Error {
  /** The CLI prints the message alone (exit 2): it is about the input, not a bug. */
  readonly userFacing = true;
}

export interface UpstreamRepo {
  /** The absolute path given, symlinks resolved: the key of upstream_repos. */
  path: string;
  /** What git is run against (`--git-dir`). */
  gitDir: string;
  /** The commit HEAD names now. */
  head: string;
}

/** The repository at `path`, or an UpstreamError saying why it cannot be scanned. */
export async function openUpstreamRepo(path: string): Promise<UpstreamRepo> {
  let absolute: string;
  try {
    absolute = realpathSync(path);
  } catch {
    throw new UpstreamError(`--source ${path}: no such file or directory`);
  }
  const gitDir = await resolveGitDir(absolute);
  if (!gitDir) throw new UpstreamError(`--source ${path}: not a git repository (give a clone of the tree the patches were meant for, e.g. a kernel clone)`);
  const shallow = await runGit(gitDir, ['rev-parse', '--is-shallow-repository']);
  if (shallow.stdout.trim() === 'true') {
    throw new UpstreamError(`--source ${path}: a shallow clone lacks the history patches landed in; run \`git -C ${path} fetch --unshallow\` first`);
  }
  const head = await runGit(gitDir, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']);
  if (head.code !== 0 || !/^[0-9a-f]{40,64}$/.test(head.stdout.trim())) {
    throw new UpstreamError(`--source ${path}: the repository has no commits (HEAD names none)`);
  }
  return { path: absolute, gitDir, head: head.stdout.trim() };
}
