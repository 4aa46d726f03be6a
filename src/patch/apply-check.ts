// Whether patches apply to a git repository's work tree, in order, without touching it
// (`git apply --check`, which applies a series of patches to the same file one after another).
import { spawnSync } from 'node:child_process';

export interface ApplyCheck {
  ok: boolean;
  /** git's own words when they do not apply. */
  message: string;
}

export function checkApplies(repository: string, patches: Buffer): ApplyCheck {
  const run = spawnSync('git', ['-C', repository, 'apply', '--check', '-'], { input: patches, encoding: 'utf8' });
  if (run.error) return { ok: false, message: run.error.message };
  return { ok: run.status === 0, message: (run.stderr || run.stdout).trim() };
}
