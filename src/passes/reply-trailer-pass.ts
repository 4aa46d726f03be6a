// Review trailers given in replies, stored onto the patches they answer (trailers.in_reply = 1,
// message_id = the reply). A reply answers the nearest ancestor that is a patch or a cover
// letter; on a cover letter the trailer applies to every patch of the series.
//
// The review trailers of each message were found when it was stored (review_trailers); here
// replies are read a page at a time and ancestors looked up as needed (with a small cache):
// maps of every message's parent and every message's patches held the whole archive in memory,
// and reading every body that might hold a trailer was slow on each run.
import { answeredMessage } from '../patch/series/index.js';
import type { Trailer } from '../patch/types.js';
import type { DB } from '../store/open.js';
import { cached } from '../util/cached.js';

/** Replies read per query (inserts happen between pages). */
const PAGE = 500;
/** Entries kept in each lookup cache: ancestors near each other in time, not a copy of the archive. */
const CACHE = 20_000;

/** Deletes and re-collects every reply trailer; returns how many rows were stored. Needs series_messages. */
export function collectReplyTrailers(db: DB): number {
  db.prepare('DELETE FROM trailers WHERE in_reply = 1').run();
  const parentQuery = db.prepare('SELECT parent_message_id FROM messages WHERE message_id = ?').pluck();
  const patchQuery = db.prepare("SELECT id FROM patches WHERE message_id = ? AND origin <> 'quoted' ORDER BY ordinal").pluck();
  // A cover letter stands for the patches of its series.
  const coverQuery = db.prepare(`SELECT p.id FROM series_messages c JOIN series_messages m ON m.series = c.series AND m.role = 'patch'
      JOIN patches p ON p.message_id = m.message_id AND p.origin <> 'quoted'
      WHERE c.message_id = ? AND c.role = 'cover' ORDER BY p.id`).pluck();
  const parentOf = cached((id: string) => (parentQuery.get(id) as string | null | undefined) ?? null, CACHE);
  const patchesOf = cached((id: string) => {
    const ofSeries = coverQuery.all(id) as number[];
    return ofSeries.length > 0 ? ofSeries : (patchQuery.all(id) as number[]);
  }, CACHE);

  // The trailers were found at ingest (review_trailers): no body is read here.
  const page = db.prepare(`SELECT m.message_id, m.parent_message_id FROM review_trailers r JOIN messages m ON m.message_id = r.message_id
      WHERE r.ordinal = 1 AND r.message_id > ? AND m.is_stub = 0 AND m.parent_message_id IS NOT NULL
      ORDER BY r.message_id LIMIT ${PAGE}`);
  const trailersOf = db.prepare(`SELECT name, value, person_name AS personName, person_email AS personEmail FROM review_trailers
      WHERE message_id = ? ORDER BY ordinal`);
  const insert = db.prepare(`INSERT INTO trailers(message_id, patch, name, value, person_name, person_email, in_reply)
      VALUES (?, ?, ?, ?, ?, ?, 1)`);
  let stored = 0;
  for (let after = ''; ;) {
    const replies = page.all(after) as Array<{ message_id: string; parent_message_id: string }>;
    if (replies.length === 0) break;
    after = replies[replies.length - 1]!.message_id;
    for (const reply of replies) {
      // A patch (or a cover letter) carries its own trailers, not a review.
      if (patchesOf(reply.message_id).length > 0) continue;
      const answered = answeredMessage(reply.parent_message_id, parentOf, (id) => patchesOf(id).length > 0);
      if (!answered) continue;
      const trailers = trailersOf.all(reply.message_id) as Trailer[];
      for (const patch of patchesOf(answered)) {
        for (const t of trailers) {
          insert.run(reply.message_id, patch, t.name, t.value, t.personName, t.personEmail);
          stored++;
        }
      }
    }
  }
  return stored;
}
