// Outcome: where mailed patches landed in a git repository. `landUpstream` checks the
// repository, scans what is new in it, matches every mailed patch and names the first tag of
// each landed commit; see README.md.
import type { DB } from '../store/open.js';
import { matchPatches, type LandedHow } from './match.js';
import { openUpstreamRepo, type UpstreamRepo } from './repo.js';
import { scanUpstream } from './scan.js';
import { firstTags } from './tags.js';

export { UpstreamError, openUpstreamRepo, type UpstreamRepo } from './repo.js';
export type { LandedHow } from './match.js';

export interface LandedSummary {
  repo: string;
  head: string;
  /** Commits read by this scan; 0 when HEAD had not moved since the last. */
  commitsRead: number;
  commitsKnown: number;
  /** Mailed patches (quoted copies left out). */
  patches: number;
  landed: Record<LandedHow, number>;
  notFound: number;
  /** Landed patches whose commit no tag contains yet. */
  untagged: number;
}

/**
 * Scans the repository (a path is checked first: nothing is written when it is not a repository
 * with history, UpstreamError) and rewrites patch_landed for it.
 */
export async function landUpstream(db: DB, source: string | UpstreamRepo): Promise<LandedSummary> {
  const repo = typeof source === 'string' ? await openUpstreamRepo(source) : source;
  const scan = await scanUpstream(db, repo);
  const landings = matchPatches(db, repo.path);

  const kept = new Map(
    (db.prepare('SELECT patch, commit_id, first_tag FROM patch_landed WHERE repo = ?').all(repo.path) as Array<{ patch: number; commit_id: string; first_tag: string | null }>)
      .map((r) => [r.patch, r]),
  );
  const insert = db.prepare(
    'INSERT OR REPLACE INTO patch_landed(patch, repo, commit_id, subject, first_tag, how) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let newlyLanded = false;
  db.transaction(() => {
    db.prepare('DELETE FROM patch_landed WHERE repo = ?').run(repo.path);
    for (const [patch, landing] of landings) {
      const before = kept.get(patch);
      const tag = before?.commit_id === landing.commit ? before.first_tag : null;
      if (!before || before.commit_id !== landing.commit) newlyLanded = true;
      insert.run(patch, repo.path, landing.commit, landing.subject, tag, landing.how);
    }
  })();

  // A tag is looked for when the history moved or a patch newly landed: an older commit gains
  // no first tag without the branch moving on.
  if (scan.commitsRead > 0 || newlyLanded) {
    const untagged = db.prepare('SELECT DISTINCT commit_id FROM patch_landed WHERE repo = ? AND first_tag IS NULL').pluck().all(repo.path) as string[];
    const tags = await firstTags(repo.gitDir, untagged);
    const setTag = db.prepare('UPDATE patch_landed SET first_tag = ? WHERE repo = ? AND commit_id = ?');
    db.transaction(() => {
      for (const [commit, tag] of tags) setTag.run(tag, repo.path, commit);
    })();
  }

  const counts = { 'patch-id': 0, 'later-version': 0, subject: 0 } as Record<LandedHow, number>;
  for (const landing of landings.values()) counts[landing.how]++;
  const patches = db.prepare("SELECT count(*) FROM patches WHERE origin != 'quoted'").pluck().get() as number;
  const untagged = db.prepare('SELECT count(*) FROM patch_landed WHERE repo = ? AND first_tag IS NULL').pluck().get(repo.path) as number;
  return {
    repo: repo.path,
    head: repo.head,
    commitsRead: scan.commitsRead,
    commitsKnown: scan.commitsKnown,
    patches,
    landed: counts,
    notFound: patches - landings.size,
    untagged,
  };
}
