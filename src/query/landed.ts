// A patch's outcome upstream as stored in patch_landed (src/upstream fills it), and the one
// line that says it: "merged as <commit> (first in <tag>)" or "not found upstream".
import type { DB } from '../store/open.js';

export interface Outcome {
  /** Whether the patch landed; false: no scanned repository holds it. */
  landed: boolean;
  commit: string | null;
  firstTag: string | null;
  /** 'patch-id' | 'later-version' | 'subject' (see schema.sql, patch_landed). */
  how: string | null;
  commitSubject: string | null;
  repo: string | null;
}

/** The repositories ever scanned: with none, lorelab knows no outcome at all. */
export function scannedRepos(db: DB): string[] {
  const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'upstream_repos'").get();
  if (!known) return []; // a database written before outcomes existed
  return db.prepare('SELECT path FROM upstream_repos ORDER BY path').pluck().all() as string[];
}

/** The stored outcome of one patch (patches.id); null when no repository was ever scanned. */
export function patchOutcome(db: DB, patch: number, repos: string[] = scannedRepos(db)): Outcome | null {
  if (repos.length === 0) return null;
  const row = db.prepare('SELECT repo, commit_id, subject, first_tag, how FROM patch_landed WHERE patch = ?').get(patch) as
    | { repo: string; commit_id: string; subject: string | null; first_tag: string | null; how: string }
    | undefined;
  if (!row) return { landed: false, commit: null, firstTag: null, how: null, commitSubject: null, repo: null };
  return { landed: true, commit: row.commit_id, firstTag: row.first_tag, how: row.how, commitSubject: row.subject, repo: row.repo };
}

/** The outcome in words, for show and histories. */
export function describeOutcome(outcome: Outcome): string {
  if (!outcome.landed || !outcome.commit) return 'not found upstream';
  const commit = outcome.commit.slice(0, 12);
  const tag = outcome.firstTag ? `first in ${outcome.firstTag}` : 'in no tag yet';
  if (outcome.how === 'later-version') return `merged as ${commit} (${tag}) in a later version`;
  if (outcome.how === 'subject') return `probably merged as ${commit} (${tag}): same subject and author, the content differs`;
  return `merged as ${commit} (${tag})`;
}
