// Diffs two versions of a file with real `git diff` (default settings, so hunk headers are
// what git prints) in a throwaway repository, which is kept for the exact mode's blob lookups.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RealDiff {
  repo: string;
  diff: string;
}

export function gitDiffOf(oldText: string, newText: string, fileName: string, extraArgs: string[] = []): RealDiff {
  const repo = mkdtempSync(join(tmpdir(), 'lorelab-eval-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=eval', '-c', 'user.email=eval@example.org', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  git('init', '-q');
  writeFileSync(join(repo, fileName), oldText);
  git('add', fileName);
  git('commit', '-qm', 'old');
  writeFileSync(join(repo, fileName), newText);
  git('add', fileName);
  return { repo, diff: git('diff', '--cached', '--no-color', '--no-ext-diff', ...extraArgs) };
}
