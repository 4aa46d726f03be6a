// Which commit each mailed patch landed as, from the commits scan.ts stored. Three ways, tried in
// order, the first that answers wins:
//   patch-id       the commit's `git patch-id --stable` is the patch's: the same change, whatever
//                  whitespace, context lines or hunk offsets it was applied with;
//   later-version  the patch is not upstream itself, but a later version of it is (a patch of a
//                  later series in the same lineage, src/ingest/series.ts, with the same title, or
//                  the same part n/m), and that one landed by patch-id;
//   subject        a commit has the patch's subject line (as git am makes it: the title without
//                  [PATCH …] tags) and the same author address. Weaker: the content differs, so
//                  this may be a different change under the same words.
// Quoted copies of diffs in replies are not proposals and get no outcome.
import type { DB } from '../store/open.js';
import { normaliseTitle, parseSubjectTags } from '../patch/series/title.js';

export type LandedHow = 'patch-id' | 'later-version' | 'subject';

export interface Landing {
  commit: string;
  subject: string | null;
  how: LandedHow;
}

interface PatchRow {
  id: number;
  subject: string | null;
  author_email: string | null;
  patch_id: string | null;
  lineage: number | null;
  position: number | null;
  part: number | null;
  part_total: number | null;
}

/** One landed-by-patch-id patch, as a later version for the older ones of its lineage. */
interface LandedVersion {
  position: number;
  title: string;
  part: number | null;
  partTotal: number | null;
  landing: Landing;
}

/** Every mailed patch's landing in `repo` (patches absent from the map were not found). */
export function matchPatches(db: DB, repo: string): Map<number, Landing> {
  const patches = readPatches(db);
  // The indexes are named: without statistics SQLite took the primary key's repo prefix, i.e.
  // every commit of the repository per patch.
  const byPatchId = db.prepare(
    `SELECT commit_id, subject FROM upstream_commits INDEXED BY upstream_commits_patch_id
     WHERE patch_id = ? AND repo = ? ORDER BY committed_at, commit_id LIMIT 1`,
  );
  const bySubject = db.prepare(
    `SELECT commit_id, subject, author_email FROM upstream_commits INDEXED BY upstream_commits_subject
     WHERE repo = ? AND subject = ? ORDER BY committed_at, commit_id`,
  );
  const landed = new Map<number, Landing>();
  const versions = new Map<number, LandedVersion[]>();
  for (const p of patches) {
    if (!p.patch_id) continue;
    const hit = byPatchId.get(p.patch_id, repo) as { commit_id: string; subject: string | null } | undefined;
    if (!hit) continue;
    const landing: Landing = { commit: hit.commit_id, subject: hit.subject, how: 'patch-id' };
    landed.set(p.id, landing);
    if (p.lineage !== null && p.position !== null) {
      const list = versions.get(p.lineage) ?? [];
      list.push({ position: p.position, title: titleKey(p.subject), part: p.part, partTotal: p.part_total, landing });
      versions.set(p.lineage, list);
    }
  }
  for (const p of patches) {
    if (landed.has(p.id)) continue;
    const later = p.lineage !== null && p.position !== null ? laterVersion(p, versions.get(p.lineage) ?? []) : null;
    if (later) {
      landed.set(p.id, { ...later.landing, how: 'later-version' });
      continue;
    }
    const email = p.author_email?.trim().toLowerCase();
    const subject = p.subject ? parseSubjectTags(p.subject).title : '';
    if (!email || !subject) continue;
    const same = (bySubject.all(repo, subject) as Array<{ commit_id: string; subject: string; author_email: string }>).find(
      (c) => c.author_email === email,
    );
    if (same) landed.set(p.id, { commit: same.commit_id, subject: same.subject, how: 'subject' });
  }
  return landed;
}

/** The latest later version of `p` that landed: same title, else the same part of as many. */
function laterVersion(p: PatchRow, candidates: LandedVersion[]): LandedVersion | null {
  const title = titleKey(p.subject);
  let best: LandedVersion | null = null;
  for (const c of candidates) {
    if (c.position <= (p.position ?? 0)) continue;
    const samePatch = (title !== '' && c.title === title) || (p.part !== null && c.part === p.part && c.partTotal === p.part_total);
    if (samePatch && (!best || c.position > best.position)) best = c;
  }
  return best;
}

function titleKey(subject: string | null): string {
  return subject ? normaliseTitle(parseSubjectTags(subject).title) : '';
}

function readPatches(db: DB): PatchRow[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.subject, p.author_email, p.patch_id, s.lineage, s.lineage_position AS position, sm.part, s.part_total
       FROM patches p
       LEFT JOIN series_messages sm ON sm.message_id = p.message_id AND sm.role = 'patch'
       LEFT JOIN series s ON s.id = sm.series
       WHERE p.origin != 'quoted'
       ORDER BY p.id`,
    )
    .all() as PatchRow[];
  // A message in two series rows (rare) gives its patch twice: keep the first.
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
