// The first tag containing a commit, for "merged as <commit> (first in <tag>)".
//
// One `git name-rev --tags --annotate-stdin` process answers for every commit: it walks the
// history from all tags once and then names each commit it is given, which is what `git
// describe --contains` does for one commit per process (a walk each: too slow over the
// thousands of commits a kernel list's patches landed as). git names a commit after the tag it
// is nearest to among those containing it, preferring older tags; "v6.1~12^2~3" → "v6.1".
import { spawn } from 'node:child_process';

/** commit → its first tag, for the commits some tag contains (others are absent). */
export async function firstTags(gitDir: string, commits: string[]): Promise<Map<string, string>> {
  const tags = new Map<string, string>();
  if (commits.length === 0) return tags;
  const child = spawn('git', [`--git-dir=${gitDir}`, 'name-rev', '--tags', '--name-only', '--annotate-stdin'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.on('error', () => undefined);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
    child.stdin.end(`${commits.join('\n')}\n`);
  });
  if (code !== 0) throw new Error(`git name-rev --tags failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`);
  const names = Buffer.concat(out).toString('utf8').split('\n');
  commits.forEach((commit, i) => {
    const name = names[i]?.trim();
    // Untagged commits come back as given.
    if (name && name !== commit) tags.set(commit, name.replace(/^tags\//, '').replace(/[~^].*$/, ''));
  });
  return tags;
}
