// `--source REPO` on landed, show and history: check the repository, then scan it into the
// database and match the patches (src/upstream). The repository is checked before the database
// is opened for writing, so a bad --source leaves the database as it was.
import { existsSync } from 'node:fs';
import { landUpstream, openUpstreamRepo, type LandedSummary } from '../upstream/index.js';
import { openDatabase, StoreError } from '../store/open.js';

export async function scanSource(dbFile: string, source: string): Promise<LandedSummary> {
  const repo = await openUpstreamRepo(source);
  if (!existsSync(dbFile)) {
    throw new StoreError(`no database at ${dbFile}: run \`lorelab ingest <archive>\` (or \`npm start\`) first, or pass --db PATH`);
  }
  const db = openDatabase(dbFile);
  try {
    return await landUpstream(db, repo);
  } finally {
    db.close();
  }
}

/** The scan in one line, for stderr beside another command's output. */
export function formatScanLine(s: LandedSummary): string {
  const landed = s.landed['patch-id'] + s.landed['later-version'] + s.landed.subject;
  return `${s.repo}: ${s.commitsRead} new commits read (${s.commitsKnown} known); ${landed} of ${s.patches} patches landed, ${s.notFound} not found upstream`;
}
