// The commits of a repository, oldest first, each with the files it added, changed or removed,
// streamed from `git log --raw` (git walks the history; we hold one commit at a time).
import { gitLines } from './exec.js';

export interface FileChange {
  /** A (added), M (modified), D (deleted), T (type change). */
  status: string;
  path: string;
  /** The blob before and after the commit; all zeros when absent. */
  oldBlob: string;
  newBlob: string;
}

export interface CommitChanges {
  commit: string;
  changes: FileChange[];
}

const RAW_LINE = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t(.*)$/;
const COMMIT_LINE = /^commit ([0-9a-f]+)$/;

/** Commits after `since` (exclusive; all when undefined) up to HEAD, oldest first. */
export async function* commitChanges(gitDir: string, since?: string): AsyncGenerator<CommitChanges> {
  const range = since ? `${since}..HEAD` : 'HEAD';
  const args = ['log', '--reverse', '--raw', '--no-abbrev', '--no-renames', '--root', '--format=commit %H', range, '--'];
  let current: CommitChanges | null = null;
  for await (const line of gitLines(gitDir, args)) {
    const commit = COMMIT_LINE.exec(line);
    if (commit) {
      if (current) yield current;
      current = { commit: commit[1], changes: [] };
      continue;
    }
    const raw = RAW_LINE.exec(line);
    if (raw && current) {
      current.changes.push({ oldBlob: raw[1], newBlob: raw[2], status: raw[3], path: unquotePath(raw[4]) });
    }
  }
  if (current) yield current;
}

/** git quotes unusual paths as C strings; public-inbox paths never need it, but be exact. */
function unquotePath(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    return JSON.parse(path) as string;
  } catch {
    return path.slice(1, -1);
  }
}
