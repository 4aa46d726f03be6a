// Recognising git repositories and public-inbox layouts on disk.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runGit } from './exec.js';

/** The git directory for a path: itself when bare, `path/.git` for a working tree; else null. */
export async function resolveGitDir(path: string): Promise<string | null> {
  for (const candidate of [path, join(path, '.git')]) {
    const probe = await runGit(candidate, ['rev-parse', '--git-dir']);
    if (probe.code === 0) return candidate;
  }
  return null;
}

export interface Epoch {
  epoch: number;
  gitDir: string;
}

/** `inbox/git/N.git` directories in numeric order (0, 1, 2, …, 10 — not 0, 1, 10, 2). */
export async function listEpochs(inboxDir: string): Promise<Epoch[]> {
  let names: string[];
  try {
    names = await readdir(join(inboxDir, 'git'));
  } catch {
    return [];
  }
  const epochs: Epoch[] = [];
  for (const name of names) {
    const match = /^(\d+)\.git$/.exec(name);
    if (match) epochs.push({ epoch: Number(match[1]), gitDir: join(inboxDir, 'git', name) });
  }
  return epochs.sort((a, b) => a.epoch - b.epoch);
}

/** The epoch number from a path named `N.git`, else 0. */
export function epochOfPath(gitDir: string): number {
  const match = /^(\d+)\.git$/.exec(basename(gitDir.replace(/\/+$/, '')));
  return match ? Number(match[1]) : 0;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * public-inbox v2 epochs keep one file `m` (or `d`) at the root of every tree; v1 keeps files
 * named by hash (`ab/cdef…`). An empty repository counts as v2 when it is named `N.git`.
 */
export async function looksLikeV2(gitDir: string): Promise<boolean> {
  const tree = await runGit(gitDir, ['ls-tree', '--name-only', 'HEAD']);
  if (tree.code !== 0) return /^\d+\.git$/.test(basename(gitDir.replace(/\/+$/, '')));
  const names = tree.stdout.split('\n').filter(Boolean);
  return names.includes('m') || names.includes('d');
}

/** Commits after `since` up to HEAD (all when since is undefined); null when git cannot tell. */
export async function countCommits(gitDir: string, since?: string): Promise<number | null> {
  const result = await runGit(gitDir, ['rev-list', '--count', since ? `${since}..HEAD` : 'HEAD']);
  if (result.code !== 0) return (await runGit(gitDir, ['rev-parse', '--verify', '-q', 'HEAD'])).code === 0 ? null : 0;
  const n = Number(result.stdout.trim());
  return Number.isFinite(n) ? n : null;
}

/** 'ancestor' when `since` is in HEAD's history, 'unknown' when the repository lacks it or diverged. */
export async function checkSince(gitDir: string, since: string): Promise<'ancestor' | 'unknown'> {
  const result = await runGit(gitDir, ['merge-base', '--is-ancestor', since, 'HEAD']);
  return result.code === 0 ? 'ancestor' : 'unknown';
}
