// `[GIT PULL]` requests: repository, branch and commit range from `git request-pull` output
// ("The following changes since commit …", "are available in the Git repository at:", "for you
// to fetch changes up to …") or a bare "please pull from <url> <branch>".
import type { PullRequest } from './types.js';

const URL = /((?:git|https?|ssh):\/\/\S+|git@[\w.-]+:\S+)/;
/** Every request names one of these; most mail names none, and is not split into lines at all. */
const ANY_CLUE = /changes since commit|available in the git repository at|pull from/i;

export function findPullRequest(text: string): PullRequest | null {
  if (typeof text !== 'string' || !ANY_CLUE.test(text)) return null;
  const lines = text.split(/\r?\n/).filter((l) => !l.startsWith('>'));
  const base = /changes since commit ([0-9a-f]{7,40})/i.exec(text)?.[1] ?? null;
  const head = /changes up to(?: and including)? ([0-9a-f]{7,40})/i.exec(text)?.[1] ?? null;
  let at = lines.findIndex((l) => /available in the git repository at|please pull from|pull from:/i.test(l));
  if (at < 0 && !base) return null;
  if (at < 0) at = 0;
  for (let i = at; i < Math.min(lines.length, at + 6); i++) {
    const m = URL.exec(lines[i]);
    if (!m) continue;
    const after = lines[i].slice((m.index ?? 0) + m[0].length).trim().split(/\s+/)[0] || null;
    return { repository: m[1].replace(/[.,:;]$/, ''), branch: after, baseCommit: base, headCommit: head };
  }
  return null;
}
